"""`python -m eventmap render`: the view of the export command's filters as a picture (PNG), one offline HTML
file or a one-page printable brief (PDF, eventmap.brief), for a brief made by a scheduler.

The PNG is the offline HTML opened in headless Chromium, whose map makes it as the Map page's download does: one
renderer, the map's own canvas code (docs/decisions.md, 'One renderer for the page, the file and the command
line'). Bad input is one line, `render: ...`, exit 1, and nothing written.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

import pandas as pd

from eventmap import brief, filters, formats, schema
from eventmap.files import WriteRefused, atomic_write_bytes, check_target
from eventmap.filters import Filters
from eventmap.load import Loaded, load_curated
from eventmap.maps import camera, contract, markers, offline, picture, spec
from eventmap.problems import DataFileError

FORMATS: Final = ("png", "html", "pdf")
DEFAULT_BASE_URL: Final = "http://localhost:8501/"
CHROMIUM: Final = Path("/usr/bin/chromium")
# WebGL in headless Chromium without a GPU: ANGLE on SwiftShader, the software Vulkan device Chromium ships.
# Checked with Debian's Chromium 156: WebGL 2 comes up (renderer "ANGLE (Google, Vulkan 1.3.0 (SwiftShader
# Device (Subzero)...)") and deck.gl draws with or without --use-gl/--use-angle, but without
# --enable-unsafe-swiftshader Chromium only reaches SwiftShader by an "automatic fallback to software WebGL"
# that it warns is deprecated (and will be removed): that flag is the one that keeps the map working. The
# --use-gl=angle --use-angle=swiftshader pair asks for that device directly instead of trying a GPU first.
# Playwright also passes --enable-unsafe-swiftshader by default; we pass it ourselves so as not to rely on that.
# The rest keep Chromium from calling home (no component updates, sync or background requests).
CHROMIUM_ARGS: Final = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--metrics-recording-only",
    "--mute-audio",
    "--disable-dev-shm-usage",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
TIMEOUT_MS: Final = 60_000


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default="png", help=f"one of {', '.join(FORMATS)} (default png)")
    parser.add_argument(
        "--size",
        default="1920x1080",
        help=f"the picture's size: {', '.join(picture.SIZES)} (a4: A4 landscape at 150 dpi; default 1920x1080)",
    )
    parser.add_argument("--scale", default="1", help=f"pixels per point, 1 to {max(picture.SCALES)} (default 1)")
    parser.add_argument(
        "--paper", default="a4", help=f"the brief's paper (pdf): {', '.join(brief.PAPERS)} (default a4)"
    )
    parser.add_argument("-o", "--output", required=True, help="the file to write")
    parser.add_argument(
        "--base-url",
        default=DEFAULT_BASE_URL,
        help=f"the app's address, for the view's link (default {DEFAULT_BASE_URL})",
    )


def problem(args: argparse.Namespace, inputs: list[Path]) -> str | None:
    """What is wrong with the options, in words; None when they are fine."""
    if args.format not in FORMATS:
        return f"unknown format {args.format!r}: one of {', '.join(FORMATS)}"
    if args.size not in picture.SIZES:
        return f"unknown size {args.size!r}: one of {', '.join(picture.SIZES)}"
    if args.paper not in brief.PAPERS:
        return f"unknown paper {args.paper!r}: one of {', '.join(brief.PAPERS)}"
    if not args.scale.isdigit() or int(args.scale) not in picture.SCALES:
        return f"scale {args.scale!r} out of range: a whole number from 1 to {max(picture.SCALES)}"
    try:
        check_target(Path(args.output), inputs=inputs)
    except WriteRefused as error:
        return str(error.strerror)
    return None


def view_spec(
    frame: pd.DataFrame,
    state: Filters,
    base_url: str,
    as_of: str,
    callouts: tuple = (),
    fixed: dict[str, float] | None = None,
    title: str = picture.TITLE,
    shapes: tuple = (),
) -> tuple[dict[str, Any], pd.DataFrame]:
    """The map's spec for the view (as the Map page opens on it: fitted to what the filters keep, unless a fixed
    camera is given), its picture's description inside, and the view's rows. callouts: a briefing step's (note,
    latitude, longitude); shapes: its arrows and circles (eventmap.callouts.shapes)."""
    shown = filters.apply(frame, state)
    names = formats.source_names(_curated().sources.to_dict("records"))
    map_data = markers.build_map_data(shown[list(markers.MAP_COLUMNS)], details=frame, source_names=names)
    deck = spec.build_deck(map_data, camera.camera(fixed or camera.fit_map(map_data), state), callouts, shapes=shapes)
    query = urllib.parse.urlencode(filters.to_query(state), doseq=True)
    link = f"{base_url}?{query}" if query else base_url
    sources = picture.sources_of(shown, _curated().sources)
    described = picture.composition(
        shown,
        map_data,
        title=title,
        filters_text=filters.describe(state),
        when=picture.period(shown, state.start, state.end),
        sources=sources,
        as_of=as_of,
        link=link,
        scales=picture.SCALES,
    )
    return {**json.loads(deck.to_json()), contract.PICTURE: described}, shown


def _curated() -> Any:
    """The dataset folder's sources and tallies (none when they cannot be read: the view is still drawn)."""
    try:
        return load_curated()
    except DataFileError:
        empty = pd.DataFrame(columns=["source_id", "outlet", "published"])
        return SimpleNamespace(sources=empty, tallies=pd.DataFrame())


def _pdf(described: dict[str, Any], page_html: str, shown: pd.DataFrame, state: Filters, paper: str) -> bytes:
    """The one-page brief, its picture the PNG of the offline file (16:9 at 1x)."""
    png = png_of(page_html, "1920x1080", 1)
    dates = pd.to_datetime(shown["event_date"]).dropna()
    start = state.start or (dates.min() if len(dates) else None)
    end = state.end or (dates.max() if len(dates) else None)
    tallies = brief.applying_tallies(_curated().tallies, start, end)
    picture_ = described[contract.PICTURE]
    return brief.brief(picture_, png, offline.records(shown), len(shown), tallies, paper)


def png_of(page_html: str, size: str, scale: int) -> bytes:
    """The offline file's picture, made by its own map in headless Chromium, nothing requested."""
    return pngs_of([page_html], size, scale)[0]


def pngs_of(pages: list[str], size: str, scale: int) -> list[bytes]:
    """The pictures of several offline files, one browser for all (a briefing's steps)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=TIMEOUT_MS)
        try:
            context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
            context.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            found = []
            for number, page_html in enumerate(pages):
                page_path = Path(folder) / f"view{number}.html"
                page_path.write_text(page_html, encoding="utf-8")
                page = context.new_page()
                page.goto(page_path.as_uri())
                bar = page.locator(".eventmap-map-export")
                bar.get_by_label("Image size").select_option(size, timeout=TIMEOUT_MS)
                bar.get_by_label("Image scale").select_option(str(scale))
                with page.expect_download(timeout=TIMEOUT_MS) as info:
                    bar.get_by_role("button", name="Download this view as an image").click()
                found.append(Path(info.value.path()).read_bytes())
                page.close()
            return found
        finally:
            browser.close()


def render(args: argparse.Namespace, path: Path, loaded: Loaded, state: Filters) -> int:
    """The command, once the events are read and the filters understood (eventmap.cli)."""
    wrong = problem(args, [path])
    if wrong:
        print(f"render: {wrong}; nothing written", file=sys.stderr)
        return 1
    default = path == schema.data_files().events
    as_of = picture.as_of([*picture.dataset_files()] if default else [path])
    title = picture.TITLE if default else picture.file_titles(loaded.frame, path.name)[0]
    described, shown = view_spec(loaded.frame, state, args.base_url, as_of, title=title)
    page_html = offline.page(described, shown)
    try:
        if args.format == "html":
            data = page_html.encode("utf-8")
        else:
            if not CHROMIUM.exists():
                print(
                    f"render: {CHROMIUM} is missing: the picture is drawn by Chromium; nothing written", file=sys.stderr
                )
                return 1
            data = (
                png_of(page_html, args.size, int(args.scale))
                if args.format == "png"
                else _pdf(described, page_html, shown, state, args.paper)
            )
        atomic_write_bytes(Path(args.output), data, inputs=[path])
    except OSError as error:
        print(f"render: {args.output}: cannot write: {error.strerror or error}; nothing written", file=sys.stderr)
        return 1
    print(f"wrote {len(shown):,} events' {args.format} to {args.output} ({filters.describe(state)})")
    return 0
