"""The app's pages for st.navigation: built once per process, copied for each run.

PAGES is the one list of the app's pages (title, URL path, file): the tests, the screenshots and README's list read
it. Building an st.Page resolves its file on disk (Path.resolve, is_file), about a sixth of the server's CPU for a
Map page run once Streamlit's forced garbage collection was turned off. The objects cannot simply be
shared: st.navigation marks the page it returns as runnable on the object itself, and page.run() clears the mark,
so two sessions running at once would trip each other. A shallow copy per run has its own mark and no disk work.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import NamedTuple

import streamlit as st


class Page(NamedTuple):
    title: str  # the page's name in the sidebar's navigation and the start of its browser title
    url_path: str | None  # "/Timeline"; None: the default page, served at "/"
    file: str  # under the app's folder


PAGES = (  # in the sidebar's order; the first is the default page
    Page("Map", None, "pages/0_Map.py"),
    Page("Timeline", "Timeline", "pages/1_Timeline.py"),
    Page("Events", "Events", "pages/2_Events.py"),
    Page("Compare", "Compare", "pages/5_Compare.py"),
    Page("Sources and method", "Sources_and_method", "pages/3_Sources_and_method.py"),
    Page("Editor", "Editor", "pages/4_Editor.py"),
    Page("Briefing", "Briefing", "pages/6_Briefing.py"),
)


@functools.cache
def _built(app_dir: Path) -> tuple[st.Page, ...]:
    return tuple(
        st.Page(app_dir / page.file, title=page.title, url_path=page.url_path, default=page.url_path is None)
        for page in PAGES
    )


def pages(app_dir: Path) -> list[st.Page]:
    """Fresh st.Page objects for this run, for the app whose entry point is in app_dir."""
    return [copy.copy(page) for page in _built(app_dir)]
