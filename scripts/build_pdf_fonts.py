"""Write static/fonts/pdf/*.ttf, the PDFs' fonts (eventmap/pdftext.py), from @fontsource/noto-sans's WOFF files in
frontend/node_modules (scripts/build_deckmap.sh installs them). fpdf2 embeds TrueType, not WOFF; the WOFF files
(zlib) unpack to TrueType with fontTools, a dependency of fpdf2, byte for byte the same on every run (the font's
own timestamps are kept), so tests/test_pdftext.py can check the committed files against a fresh build.

    python scripts/build_pdf_fonts.py [FONTSOURCE_FILES_DIR]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventmap import pdftext  # noqa: E402

DEFAULT_SOURCE = ROOT / "frontend" / "node_modules" / "@fontsource" / "noto-sans" / "files"


def truetype(woff: Path) -> bytes:
    font = TTFont(str(woff), recalcTimestamp=False, recalcBBoxes=False)
    font.flavor = None
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


def build(source: Path = DEFAULT_SOURCE) -> dict[Path, bytes]:
    """Every font file pdftext needs: its path under static/, its bytes."""
    return {pdftext.FONT_DIR / f"{stem}.ttf": truetype(source / f"{stem}.woff") for stem in pdftext.font_stems()}


def main(argv: list[str]) -> int:
    built = build(Path(argv[0]) if argv else DEFAULT_SOURCE)
    pdftext.FONT_DIR.mkdir(parents=True, exist_ok=True)
    for path, body in built.items():
        path.write_bytes(body)
    print(f"wrote {len(built)} fonts to {pdftext.FONT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
