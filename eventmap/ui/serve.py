"""The dashboard's server, as scripts/run.sh starts it: `streamlit run eventmap/ui/asgi.py` (app.py in st.App, with
the security headers), the libraries frozen first."""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.web.cli import main as streamlit_main

from eventmap.ui.memory import freeze_the_libraries

ASGI_PATH = Path(__file__).with_name("asgi.py")


def serve(streamlit_options: list[str]) -> None:
    """Serve until stopped (Streamlit exits the process). Frozen before any session exists (ui/memory.py)."""
    freeze_the_libraries()
    sys.argv = ["streamlit", "run", str(ASGI_PATH), *streamlit_options]
    streamlit_main(prog_name="streamlit")
