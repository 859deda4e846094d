"""The single process (`python -m eventmap serve`, no proxy) sends the same security headers as the proxy, and the
pages work under them: the map draws, the Editor page opens, and the browser reports no policy violation."""

from __future__ import annotations

import re

from eventmap import headers
from tests.browser.mapcanvas import wait_for_markers


def policy_violations(view) -> list[str]:
    return [error for error in view.console_errors if "Content Security Policy" in error]


def test_one_process_sends_the_headers_and_its_pages_work_under_them(visit, server):
    view = visit()
    answer = view.page.goto(server.url + "/")
    sent = answer.all_headers()
    for name, value in headers.security_headers().items():
        assert sent[name.lower()] == value, name
    assert "version" not in sent.get("server", "") and not re.search(r"\d", sent.get("server", ""))
    wait_for_markers(view.page)
    view.page.goto(server.url + "/Editor")
    view.page.get_by_text(re.compile("Editor", re.I)).first.wait_for(timeout=60_000)
    assert not policy_violations(view), policy_violations(view)
    assert not view.foreign_requests()
