"""Markdown from a shared link is shown as text in a real browser: no remote image is fetched, no link is live."""

from __future__ import annotations

import re
import urllib.parse

FOREIGN = "198.51.100.7"  # TEST-NET-2: never routed; a request to it would show in the page's request log
IMAGE = f"![i](http://{FOREIGN}/q.png)"
LINK_KEY = f"[Session expired. Log in again](http://{FOREIGN}/)"


def test_markdown_in_the_url_fetches_nothing_and_links_nowhere(visit):
    view = visit()
    page = view.page
    query = urllib.parse.urlencode({"q": IMAGE, LINK_KEY: "1"})
    page.goto(view.server.url + "/?" + query)
    caption = page.get_by_text(re.compile(r"showing [\d,]+ of [\d,]+ events")).first.inner_text(timeout=60_000)
    caption = caption.replace("\u2060", "")  # the invisible word joiners that keep bare links from being links
    assert f"text: '{IMAGE}'" in caption  # the search text shown exactly as typed
    notice = page.get_by_text("Session expired", exact=False).first.inner_text(timeout=30_000).replace("\u2060", "")
    assert f"'{LINK_KEY[:39]}…'" in notice  # the unknown key shown as text (cut to 40 characters), brackets and all
    page.wait_for_timeout(1_000)
    hosts = page.evaluate("""() => [...document.querySelectorAll('a[href], img[src]')]
        .map(e => new URL(e.href || e.src, location.href).hostname)""")
    assert FOREIGN not in hosts, "no live link to, or image from, the foreign host"
    assert not [url for url in view.requests if urllib.parse.urlsplit(url).hostname == FOREIGN]
    assert view.foreign_requests() == []
