"""The app's pages for st.navigation: built once per process, copied for each run.

Building an st.Page resolves its file on disk (Path.resolve, is_file), about a sixth of the server's CPU for a
Map page run once Streamlit's forced garbage collection was turned off (issue 13). The objects cannot simply be
shared: st.navigation marks the page it returns as runnable on the object itself, and page.run() clears the mark,
so two sessions running at once would trip each other. A shallow copy per run has its own mark and no disk work.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

import streamlit as st

# (file under the app's folder, title, URL path); the first page is the default, served at "/".
PAGES = (
    ("pages/0_Map.py", "Map", None),
    ("pages/1_Timeline.py", "Timeline", "Timeline"),
    ("pages/2_Events.py", "Events", "Events"),
    ("pages/3_Sources_and_method.py", "Sources and method", "Sources_and_method"),
    ("pages/4_Editor.py", "Editor", "Editor"),
)


@functools.cache
def _built(app_dir: Path) -> tuple[st.Page, ...]:
    return tuple(
        st.Page(app_dir / file, title=title, url_path=url_path, default=url_path is None)
        for file, title, url_path in PAGES
    )


def pages(app_dir: Path) -> list[st.Page]:
    """Fresh st.Page objects for this run, for the app whose entry point is in app_dir."""
    return [copy.copy(page) for page in _built(app_dir)]
