"""The dashboard's server, as scripts/run.sh starts it: `streamlit run asgi.py` (app.py with the feeds' routes and the
security headers), the libraries frozen first."""

from __future__ import annotations

import sys

from streamlit.web.cli import main as streamlit_main

from eventmap import schema
from eventmap.ui.memory import freeze_the_libraries


def serve(streamlit_options: list[str]) -> None:
    """Serve until stopped (Streamlit exits the process). Frozen before any session exists (ui/memory.py)."""
    freeze_the_libraries()
    sys.argv = ["streamlit", "run", str(schema.APP_PATH.with_name("asgi.py")), *streamlit_options]
    streamlit_main(prog_name="streamlit")
