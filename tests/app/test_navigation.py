"""The app's pages: built once per process, and every run gets objects of its own (st.navigation marks the page
it runs on the object, so shared objects would let one session's run trip another's)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def test_each_run_gets_its_own_pages_with_the_same_titles_and_links():
    def script():
        import streamlit as st

        from eventmap.ui.navigation import pages
        from tests.conftest import ROOT

        first, second = pages(ROOT), pages(ROOT)
        st.text("shared" if any(a is b for a, b in zip(first, second)) else "own")
        st.text("|".join(f"{p.title}>{p.url_path}" for p in second))
        chosen = st.navigation(first)  # marks the page to run on the first run's object
        st.text("unmarked" if chosen._can_be_called and not any(p._can_be_called for p in second) else "marked")
        chosen.run()

    app = AppTest.from_function(script, default_timeout=90).run()
    assert not app.exception, app.exception
    texts = [t.value for t in app.text]
    assert texts[0] == "own"
    assert texts[1] == (
        "Map>|Timeline>Timeline|Events>Events|Compare>Compare|Sources and method>Sources_and_method|Editor>Editor"
        "|Briefing>Briefing"
    )
    assert "unmarked" in texts
