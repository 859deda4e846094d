"""The view as a one-page printable brief (PDF, A4 or Letter, with fpdf2): the view's picture (the same PNG as the
Map page's download), the view's events, the reported tallies whose period meets the view's, the sources with
their dates and the method note on precision.

Text is set in Noto Sans (eventmap.pdftext: Latin, Latin Extended, Greek and Cyrillic print as written).
"""

from __future__ import annotations

import io
from typing import Any, Final

import pandas as pd
from fpdf import FPDF

from eventmap import pdftext, schema

PAPERS: Final = ("a4", "letter")
MARGIN_MM: Final = 12
TALLIES_LISTED: Final = 5  # the brief is one page: the rest are named by number
RESERVED_MM: Final = 52  # kept under the events for the tallies, the sources and the method note
METHOD: Final = (
    "Method: each event keeps the precision its report gives. Dates: "
    + "; ".join(f"{level} = {words}" for level, words in schema.TIME_PRECISION_WORDS.items())
    + ". Places: "
    + "; ".join(f"{level} = {words}" for level, words in schema.GEO_PRECISION_WORDS.items())
    + ". On the map an approximate place is a circle as wide as it may be, a place known only to a country is the "
    "country tinted; fatalities are as the report words them (a floor when it gives no number)."
)


def line(pdf: FPDF, text: object, size: float, style: str = "", height: float = 4.2) -> None:
    pdf.set_font(pdftext.FAMILY, style, size)
    pdf.multi_cell(0, height, pdftext.printable(text), new_x="LMARGIN", new_y="NEXT")


def applying_tallies(tallies: pd.DataFrame, start: Any, end: Any) -> list[str]:
    """The reported tallies whose period meets the view's (start, end: dates, or None for open)."""
    if tallies.empty:
        return []
    meets = pd.Series(True, index=tallies.index)
    if end is not None:
        meets &= pd.to_datetime(tallies["period_start"]) <= pd.Timestamp(end)
    if start is not None:
        meets &= pd.to_datetime(tallies["period_end"]) >= pd.Timestamp(start)
    return [
        f"{row.subject}: {row.qualifier} {row.count} ({pd.Timestamp(row.period_start).date()} to "
        f"{pd.Timestamp(row.period_end).date()}; source {row.source})"
        for row in tallies[meets].itertuples()
    ]


def _events(pdf: FPDF, records: list[dict[str, Any]], total: int) -> None:
    line(pdf, f"Events ({total})", 10, "B", 6)
    bottom = pdf.h - MARGIN_MM - RESERVED_MM
    for shown, record in enumerate(records):
        if pdf.get_y() > bottom:
            line(pdf, f"... and {total - shown} more: the offline HTML file lists them all.", 7, "I")
            return
        line(pdf, f"{record['id']} | {record['date']} | {record['place']} | fatalities: {record['fatalities']}", 7, "B")
        what = record["what"] if len(record["what"]) <= 240 else record["what"][:239] + "..."
        line(pdf, f"{what} (source: {record['source']})", 7, height=3.4)


def brief(
    picture: dict[str, Any], png: bytes, records: list[dict[str, Any]], total: int, tallies: list[str], paper: str
) -> bytes:
    """The one-page brief: picture (eventmap.maps.picture's description), png (the view's picture, 16:9),
    records (eventmap.maps.offline.records) of total events, tallies (applying_tallies)."""
    pdf = pdftext.new_pdf(orientation="portrait", unit="mm", format=paper.upper() if paper == "a4" else paper)
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_title(pdftext.printable(picture["title"]))
    pdf.add_page()
    line(pdf, picture["title"], 14, "B", 7)
    line(pdf, picture["filters"], 9)
    width = pdf.w - 2 * MARGIN_MM
    pdf.image(io.BytesIO(png), x=MARGIN_MM, y=pdf.get_y() + 1, w=width, h=width * 9 / 16)
    pdf.set_y(pdf.get_y() + width * 9 / 16 + 3)
    line(pdf, picture["counts"], 8)
    _events(pdf, records, total)
    pdf.set_y(max(pdf.get_y() + 2, pdf.h - MARGIN_MM - RESERVED_MM + 2))
    line(pdf, "Reported tallies for the period", 9, "B", 5)
    listed = tallies[:TALLIES_LISTED] or ["none reported for this period"]
    if len(tallies) > TALLIES_LISTED:
        listed.append(
            f"... and {len(tallies) - TALLIES_LISTED} more: the Timeline page sets them all against the events."
        )
    for tally in listed:
        line(pdf, tally, 7, height=3.4)
    line(pdf, picture["sources"], 7, height=3.6)
    line(pdf, f"{picture['attribution']}. {picture['asOf']}. {picture['link']}", 7, height=3.6)
    line(pdf, METHOD, 7, "I", 3.4)
    return bytes(pdf.output())
