"""A briefing as a PDF (fpdf2, A4 landscape): a title page, one page per step (its picture, made as the PPTX's,
its title, caption, view, link and sources) and a closing page of every source cited and the method note.

The pieces are the one-page brief's (eventmap.brief and eventmap.pdftext: the fonts, the margins, the method
note), so the two PDFs read alike. Each step keeps to its page: a long caption is set smaller until it fits.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pandas as pd
from fpdf import FPDF

from eventmap import brief, briefing, filters, pdftext
from eventmap.slides import source_line

PICTURE_MM = 180.0  # the picture's width; its height is 9/16 of it, as the image renderer makes it
GAP_MM = 5.0
CAPTION_SIZES = (13, 12, 11, 10, 9, 8, 7)  # points, largest first: the caption's size is the largest that fits


def _lines(pdf: FPDF, width: float, text: str, size: float) -> int:
    pdf.set_font(pdftext.FAMILY, "", size)
    return len(pdf.multi_cell(width, size * 0.45, pdftext.printable(text), dry_run=True, output="LINES"))


def _fitted(pdf: FPDF, x: float, y: float, width: float, height: float, text: str) -> None:
    """Text set at the largest size of CAPTION_SIZES whose lines fit the box (the smallest, cut, when none does)."""
    size = next((s for s in CAPTION_SIZES if _lines(pdf, width, text, s) * s * 0.45 <= height), CAPTION_SIZES[-1])
    pdf.set_font(pdftext.FAMILY, "", size)
    pdf.set_xy(x, y)
    for line in pdf.multi_cell(width, size * 0.45, pdftext.printable(text), dry_run=True, output="LINES"):
        if pdf.get_y() + size * 0.45 > y + height:
            break
        pdf.set_x(x)
        pdf.cell(width, size * 0.45, line, new_x="LEFT", new_y="NEXT")


def _step_page(pdf: FPDF, number: int, count: int, step: briefing.Step, png: bytes, titles: pd.Series, link: str):
    pdf.add_page()
    margin = brief.MARGIN_MM
    brief.line(pdf, f"{number}. {step.title}", 18, "B", 8)
    top = pdf.get_y() + 2
    pdf.image(io.BytesIO(png), x=margin, y=top, w=PICTURE_MM, h=PICTURE_MM * 9 / 16)
    right = margin + PICTURE_MM + GAP_MM
    bottom = pdf.h - margin - 6
    _fitted(pdf, right, top, pdf.w - margin - right, bottom - top, step.caption)
    pdf.set_xy(margin, top + PICTURE_MM * 9 / 16 + 3)
    pdf.set_right_margin(pdf.w - right + GAP_MM)
    day = f"; every event up to {step.day}" if step.day else ""
    brief.line(pdf, f"View: {filters.describe(step.filters)}{day}", 8, height=3.6)
    brief.line(pdf, f"Link: {link}", 8, height=3.6)
    cited = [source_line(source, titles) for source in step.sources()]
    brief.line(pdf, "Sources: " + ("; ".join(cited) if cited else "none cited by this step's callouts"), 8, "", 3.6)
    pdf.set_right_margin(margin)
    pdf.set_xy(margin, pdf.h - margin - 4)
    brief.line(pdf, f"Step {number} of {count}", 8, "I", 4)


def document(
    shown: briefing.Briefing,
    pictures: Sequence[bytes],
    sources: pd.DataFrame,
    link: Callable[[briefing.Step], str],
    as_of: str = "",
) -> bytes:
    """The PDF's bytes: len(shown.steps) + 2 pages. pictures: one PNG per step, 16:9; sources: sources.csv."""
    titles = sources.set_index("source_id")["title"] if len(sources) else pd.Series(dtype=str)
    pdf = pdftext.new_pdf(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(brief.MARGIN_MM, brief.MARGIN_MM, brief.MARGIN_MM)
    pdf.set_title(pdftext.printable(shown.title))
    pdf.add_page()
    pdf.set_y(pdf.h * 0.35)
    brief.line(pdf, shown.title, 26, "B", 12)
    brief.line(pdf, f"A briefing in {len(shown.steps)} steps", 14, height=8)
    if as_of:
        brief.line(pdf, as_of, 10, height=6)
    for number, (step, png) in enumerate(zip(shown.steps, pictures), 1):
        _step_page(pdf, number, len(shown.steps), step, png, titles, link(step))
    pdf.add_page()
    brief.line(pdf, "Sources", 18, "B", 8)
    every = list(dict.fromkeys(source for step in shown.steps for source in step.sources()))
    for cited in [source_line(source, titles) for source in every] or ["No source cited by the steps' callouts."]:
        brief.line(pdf, cited, 10, height=5)
    pdf.ln(4)
    brief.line(pdf, "Each step's map shows the curated events its filters keep; every event cites its reports.", 9)
    brief.line(pdf, brief.METHOD, 9, "I", 4.2)
    return bytes(pdf.output())
