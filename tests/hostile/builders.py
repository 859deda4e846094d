"""Hostile input files, built in a temporary folder by each test run (nothing large is committed).

In the spirit of Datasette's fixtures: each builder returns the bytes of one file that once broke, or could
break, a reader; `build_all` writes them all. The base is a small valid ACLED export (tests/fixtures).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES

BOM = b"\xef\xbb\xbf"
_LINES = (FIXTURES / "acled_export.csv").read_bytes()[len(BOM) :].decode("utf-8").splitlines()
HEADER = _LINES[0].split(",")
ROW = _LINES[1]  # IRQ30001, 2023-12-03, Kirkuk, notes with commas and quotes
TEXT_COLUMNS = ("actor1", "actor2", "admin1", "admin2", "location", "source", "notes", "assoc_actor_1", "tags")
FORMULAS = ('=HYPERLINK("http://198.51.100.7/x","click")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\r=cmd|' /C calc'!A0")
MARKUP = (
    "![i](http://198.51.100.7/q.png)",
    "[Session expired. Log in again](http://198.51.100.7/)",
    "<img src=x onerror=alert(1)>",
    "**bold** $x^2$ :rocket: # heading",
    "<script>alert(1)</script>",
)
STRANGE = ("\u202eevil\u202c", "zero\u200bwidth\u200d", "\u0627\u0644\u0639\u0631\u0627\u0642", "\ufeffbom inside")


def quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def rows(count: int, start: int = 40000, **cells: str) -> list[str]:
    """`count` copies of the base row with unique ids; `cells` replaces named columns (text, quoted here)."""
    base = next(iter(__import__("csv").reader([ROW])))
    out = []
    for number in range(count):
        record = list(base)
        record[0] = f"IRQ{start + number}"
        for name, value in cells.items():
            record[HEADER.index(name)] = value
        out.append(",".join(quote(c) for c in record))
    return out


def acled(lines: list[str], *, newline: str = "\n", header: list[str] = HEADER) -> bytes:
    return (newline.join([",".join(quote(h) for h in header), *lines]) + newline).encode("utf-8")


def per_row_cells(values: tuple[str, ...]) -> bytes:
    """One row per value, the value in every text column."""
    lines = []
    for number, value in enumerate(values):
        lines += rows(1, 41000 + number, **{name: value for name in TEXT_COLUMNS})
    return acled(lines)


def geojson(megabytes: float) -> bytes:
    feature = {
        "type": "Feature",
        "properties": {"name": 'Kirkuk, "Iraq"', "notes": "a, b"},
        "geometry": {"type": "Point", "coordinates": [44.3922, 35.4681]},
    }
    one = json.dumps(feature)
    count = int(megabytes * 1e6 / (len(one) + 2)) + 1
    return ('{"type": "FeatureCollection", "features": [' + ", ".join([one] * count) + "]}").encode("utf-8")


def small_files() -> dict[str, bytes]:
    """Quick to build and to read: every entry point takes each of these."""
    good = acled(rows(3))
    return {
        "bom_only.csv": BOM,
        "header_only.csv": BOM + acled([]),
        "cr_only.csv": acled(rows(3), newline="\r"),
        "nul_late.csv": acled(rows(60) + rows(1, notes="nul \x00 here")),
        "columns_100k.csv": (
            ",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("x" * 100_000) + "\n"
        ).encode(),
        "geojson_cut.csv": geojson(4)[1_000_003:],
        "formulas.csv": per_row_cells(FORMULAS),
        "markup.csv": per_row_cells(MARKUP),
        "rtl_zero_width.csv": per_row_cells(STRANGE),
        "year_1_and_2099.csv": acled(
            rows(1, 1, event_date="0001-01-01") + rows(1, 2, event_date="2099-01-01") + rows(1, 3)
        ),
        "duplicate_header.csv": good.replace(b'"notes"', b'"actor1"', 1),
        "blank_headers.csv": good.replace(b'"tags"', b'""', 1).replace(b'"timestamp"', b'" "', 1),
        "one_blank_header.csv": good.replace(b'"tags"', b'""', 1),
        "blank_lines.csv": acled([rows(1)[0], "", "", rows(1, 2, event_date="not a date")[0]]),
        "cell_2mb.csv": acled(rows(2, notes="n" * 2_100_000)),
        "cell_200kb.csv": acled(rows(2, notes="n" * 200_000, location="", latitude="", longitude="")),
    }


def big_files() -> dict[str, bytes]:
    """The ones that once took minutes: built once per test session."""
    return {
        "geojson_40mb.csv": geojson(40),
        "field_50mb.csv": acled(rows(1, notes="x" * 50_000_000) + rows(1, 2)),
    }


def build(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, body in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(body)
    return paths
