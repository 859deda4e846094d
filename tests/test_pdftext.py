"""The PDFs' text: names in Latin Extended, Greek and Cyrillic print as written (read back from the file), control
and direction-override characters are dropped, and the committed fonts are what scripts/build_pdf_fonts.py makes
from the pinned @fontsource/noto-sans."""

from __future__ import annotations

import importlib.util
import io

import pypdf
import pytest
from PIL import Image

from eventmap import brief, pdftext
from tests.conftest import IN_CI, ROOT

NAMES = ("Şırnak", "Łódź", "Qamişlo", "Αθήνα", "Москва", "Hồ Chí Minh")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (200, 210, 220)).save(out, format="PNG")
    return out.getvalue()


def _record(number: int, place: str) -> dict:
    return {"id": f"T-{number}", "date": f"2024-01-0{number}", "place": place, "fatalities": "0", "what": place,
            "source": "Test report"}  # fmt: skip


def test_a_brief_prints_names_in_every_shipped_script_and_drops_what_would_reorder_them():
    picture = {
        "title": "Brief \u202eevil\u202c of Şırnak",
        "filters": "All events",
        "counts": "6 events shown",
        "sources": "Sources: Test report",
        "attribution": "Natural Earth",
        "asOf": "data as of 2024-01-09",
        "link": "http://localhost:8501/",
    }
    records = [_record(n, name) for n, name in enumerate(NAMES, 1)]
    body = brief.brief(picture, _png(), records, len(records), ["a tally\x07 with a bell"], "a4")
    reader = pypdf.PdfReader(io.BytesIO(body))
    text = "".join(page.extract_text() for page in reader.pages)
    for name in NAMES:
        assert name in text, name
    assert "?" not in text.replace("?v=", "")  # nothing replaced by a question mark
    assert "\u202e" not in text and "\x07" not in text and "Brief evil of Şırnak" in text
    assert reader.metadata.title == "Brief evil of Şırnak"


def test_the_committed_fonts_are_the_builds(tmp_path):
    source = ROOT / "frontend" / "node_modules" / "@fontsource" / "noto-sans" / "files"
    if not source.exists():
        if IN_CI:
            pytest.fail("frontend/node_modules is missing: scripts/setup.sh --dev installs it")
        pytest.skip("frontend/node_modules is missing (scripts/setup.sh --dev)")
    spec = importlib.util.spec_from_file_location("build_pdf_fonts", ROOT / "scripts" / "build_pdf_fonts.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    built = build.build(source)
    assert sorted(built) == sorted(pdftext.FONT_DIR / f"{stem}.ttf" for stem in pdftext.font_stems())
    for path, body in built.items():
        assert path.read_bytes() == body, f"{path.name}: run scripts/build_deckmap.sh and commit static/fonts/pdf"
