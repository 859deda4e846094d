"""Text in the PDFs (the one-page brief, a briefing's pages): set in Noto Sans, the pictures' own font, so names in
Latin, Latin Extended (Turkish, Kurdish in Latin letters, transliterations), Greek, Cyrillic and Vietnamese print
as written. fpdf2 embeds only the glyphs a document uses, so the files stay small. Each Unicode subset of
@fontsource/noto-sans is a family of its own (scripts/build_pdf_fonts.py makes them); the first is the text's
font, the others are fpdf2's fallbacks, looked up per glyph. Arabic and Persian are not among them: fpdf2 draws
them unshaped without a text-shaping engine, so a name in those scripts prints as a gap; the offline HTML and the
PNG keep it."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from fpdf import FPDF

from eventmap.maps.pictures import STATIC_DIR

FONT_DIR: Final = STATIC_DIR / "fonts" / "pdf"
SUBSETS: Final = ("latin", "latin-ext", "greek", "cyrillic", "vietnamese")
STYLES: Final = {"": "400-normal", "B": "700-normal", "I": "400-italic"}
FAMILY: Final = "NotoSans"
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def font_stems() -> list[str]:
    return [f"noto-sans-{subset}-{weight}" for subset in SUBSETS for weight in STYLES.values()]


def family(subset: str) -> str:
    return FAMILY if subset == SUBSETS[0] else f"{FAMILY}-{subset}"


def new_pdf(**options) -> FPDF:
    """An FPDF (options as FPDF's) with the families added, the fallbacks set and the text font chosen."""
    pdf = FPDF(**options)
    for subset in SUBSETS:
        for style, weight in STYLES.items():
            pdf.add_font(family(subset), style, FONT_DIR / f"noto-sans-{subset}-{weight}.ttf")
    pdf.set_fallback_fonts([family(subset) for subset in SUBSETS[1:]], exact_match=False)
    pdf.set_font(FAMILY, "", 10)
    return pdf


def printable(text: object) -> str:
    """The text as it is printed: NFC, without control and direction-override characters (which would reorder
    or hide what follows), tabs as spaces."""
    return _UNPRINTABLE.sub("", unicodedata.normalize("NFC", str(text)).replace("\t", " "))
