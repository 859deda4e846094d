"""The security headers: one table for the proxy and the app's own server; the app's middleware sets them on every
HTTP answer (replacing weaker ones) and leaves websockets alone; embedding is a setting."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from eventmap import deploy, headers, schema
from eventmap.headers import SecurityHeaders


def answer_through(middleware_for, scope_type: str = "http", sent_by_app=((b"x-frame-options", b"ALLOWALL"),)):
    messages = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": list(sent_by_app)})
        await send({"type": "http.response.body", "body": b"ok"})

    async def send(message):
        messages.append(message)

    # In a thread of its own: the browser tests' Playwright keeps an event loop running in the main thread.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, middleware_for(app)({"type": scope_type}, None, send)).result()
    return dict(messages[0]["headers"]), messages


def test_every_http_answer_carries_the_headers_and_the_app_cannot_weaken_them():
    sent, messages = answer_through(lambda app: SecurityHeaders(app, schema.NO_FRAMING))
    expected = {k.lower().encode(): v.encode() for k, v in headers.security_headers().items()}
    assert {k: sent[k] for k in expected} == expected
    assert sent[b"x-frame-options"] == b"DENY" and messages[1]["body"] == b"ok"


def test_a_websocket_is_passed_through_untouched():
    sent, _ = answer_through(lambda app: SecurityHeaders(app, schema.NO_FRAMING), scope_type="websocket")
    assert sent == {b"x-frame-options": b"ALLOWALL"}


def test_embedding_is_a_setting_shared_by_proxy_and_app():
    allowed = "'self' https://intranet.example"
    assert schema.frame_ancestors({schema.FRAME_ANCESTORS_ENV: allowed}) == allowed
    assert schema.frame_ancestors({}) == schema.NO_FRAMING
    table = headers.security_headers(allowed)
    assert "X-Frame-Options" not in table and table["Content-Security-Policy"].endswith(f"frame-ancestors {allowed}")
    config = deploy.haproxy_config(deploy.Plan(8600, 1, frame_ancestors=allowed))
    for name, value in table.items():
        assert f'http-response set-header {name} "{value}"' in config
    assert "X-Frame-Options" not in config
