"""A briefing as a slide deck (PPTX): a title slide, one slide per step (its picture, made as `render` makes the
view's PNG, its title and caption as editable text boxes, its sources in the speaker notes), and a closing slide
of every source cited. Written with python-pptx; the text is the briefing's own, as text."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pandas as pd
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from eventmap import briefing, filters
from eventmap.maps import offline, picture

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13.333 by 7.5 inches
PICTURE_SIZE = "1920x1080"  # the picture is 16:9, as the slide
FORMATS = ("pptx", "pdf")  # the PDF is eventmap.briefing_pdf's, from the same pictures


def step_pages(shown: briefing.Briefing, context: briefing.Context, base_url: str) -> list[str]:
    """Each step's view as the offline file `render` makes, with the step's callouts on its map, its camera and
    its playback day (every event up to it, as the page shows it)."""
    from eventmap.render import view_spec  # render's Chromium and brief are only needed for an export

    as_of = picture.as_of([*picture.dataset_files()])
    pages = []
    for step in shown.steps:
        pins = tuple(briefing.pins(step, context))
        fixed = dict(step.camera) or None
        shapes = tuple(briefing.shapes(step, context))
        described, rows = view_spec(
            context.events, briefing.up_to_day(step), base_url, as_of, pins, fixed, shapes=shapes
        )
        pages.append(offline.page(described, rows))
    return pages


def _text_box(slide, left: int, top: int, width: int, height: int, text: str, size: int, bold: bool = False):
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), bold
    return box


def source_line(source: str, titles: pd.Series) -> str:
    return f"{source}: {titles[source]}" if source in titles.index else source


def deck(
    shown: briefing.Briefing, pictures: Sequence[bytes], sources: pd.DataFrame, link: Callable[[briefing.Step], str]
) -> bytes:
    """The PPTX file's bytes. pictures: one PNG per step; sources: sources.csv (source_id, title)."""
    titles = sources.set_index("source_id")["title"] if len(sources) else pd.Series(dtype=str)
    deck_ = Presentation()
    deck_.slide_width, deck_.slide_height = WIDTH, HEIGHT
    first = deck_.slides.add_slide(deck_.slide_layouts[6])
    _text_box(first, Inches(0.8), Inches(2.4), Inches(11.7), Inches(1.6), shown.title, 36, bold=True)
    _text_box(first, Inches(0.8), Inches(4.2), Inches(11.7), Inches(0.8), f"A briefing in {len(shown.steps)} steps", 20)
    margin = Inches(0.3)
    picture_width = Inches(8.6)
    picture_height = int(picture_width * 9 / 16)
    for number, (step, png) in enumerate(zip(shown.steps, pictures), 1):
        slide = deck_.slides.add_slide(deck_.slide_layouts[6])
        _text_box(slide, margin, margin, WIDTH - 2 * margin, Inches(0.8), f"{number}. {step.title}", 26, bold=True)
        slide.shapes.add_picture(io.BytesIO(png), margin, Inches(1.2), width=picture_width, height=picture_height)
        caption_left = margin + picture_width + Inches(0.2)
        _text_box(slide, caption_left, Inches(1.2), WIDTH - caption_left - margin, Inches(5.8), step.caption, 16)
        cited = [source_line(source, titles) for source in step.sources()]
        notes = [f"View: {filters.describe(step.filters)}", f"Link: {link(step)}", "Sources:", *cited]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes if cited else notes[:2])
    every = list(dict.fromkeys(source for step in shown.steps for source in step.sources()))
    closing = deck_.slides.add_slide(deck_.slide_layouts[6])
    _text_box(closing, margin, margin, WIDTH - 2 * margin, Inches(0.8), "Sources", 26, bold=True)
    lines = [source_line(source, titles) for source in every] or ["No source cited by the steps' callouts."]
    method = (
        "Method: each step's map shows the curated events its filters keep; every event cites its reports by file "
        "name with a verbatim quote (the app's Sources and method page)."
    )
    _text_box(closing, margin, Inches(1.3), WIDTH - 2 * margin, Inches(5.8), "\n".join([*lines, "", method]), 16)
    out = io.BytesIO()
    deck_.save(out)
    return out.getvalue()


def export_command(args) -> int:
    """`briefing export NAME --format pptx|pdf -o FILE`: one line per problem, `briefing export: ...`, exit 1, and
    nothing written; else the deck or the PDF."""
    import sys
    from pathlib import Path

    from eventmap import render, schema
    from eventmap.files import WriteRefused, atomic_write_bytes, check_target
    from eventmap.load import load_curated
    from eventmap.problems import DataFileError

    def fail(message: object) -> int:
        print(f"briefing export: {message}", file=sys.stderr)
        return 1

    folder = schema.data_files().folder
    if args.format not in FORMATS:
        return fail(f"unknown format {args.format!r}: {' or '.join(FORMATS)}; nothing written")
    if args.name not in briefing.names(briefing.folder_of(folder)):
        return fail(f"no briefing named {args.name!r} in {briefing.folder_of(folder)}; nothing written")
    path = briefing.folder_of(folder) / f"{args.name}{briefing.SUFFIX}"
    try:
        context = briefing.load_context(folder)
        check_target(Path(args.output), inputs=[path])
    except DataFileError as error:
        return min(fail(problem) for problem in error.problems)
    except WriteRefused as error:
        return fail(error.strerror)
    shown, problems = briefing.read(path, context)
    if shown is None:
        return min(fail(problem) for problem in problems)
    if not render.CHROMIUM.exists():
        return fail(f"{render.CHROMIUM} is missing: the pictures are drawn by Chromium; nothing written")
    pictures = render.pngs_of(step_pages(shown, context, args.base_url), PICTURE_SIZE, 1)
    sources, link = load_curated(folder).sources, lambda step: args.base_url + step.link()[2:]
    if args.format == "pdf":
        from eventmap.briefing_pdf import document

        data = document(shown, pictures, sources, link, picture.as_of([*picture.dataset_files()]))
    else:
        data = deck(shown, pictures, sources, link)
    try:
        atomic_write_bytes(Path(args.output), data, inputs=[path])
    except OSError as error:
        return fail(f"{args.output}: cannot write: {error.strerror or error}; nothing written")
    print(f"wrote {len(shown.steps)} steps of {args.name} to {args.output}")
    return 0
