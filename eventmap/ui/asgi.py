"""The dashboard as Streamlit's own ASGI app (st.App around app.py), which `python -m eventmap serve` runs: the
same server Streamlit starts for `streamlit run app.py`, plus the security headers of eventmap/headers.py on every
HTTP answer, so that a single process without the proxy sends them too (docs/deploy.md, "Headers")."""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventmap import headers, schema
from eventmap.ui.answers import keep_answers_through_a_new_run


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers to each HTTP response start (a websocket has no response headers
    the browser applies), replacing any the app set, so they cannot be weakened further down."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        self.app = app
        self.raw = [(k.lower().encode(), v.encode()) for k, v in headers.security_headers(frame_ancestors).items()]
        self.names = {name for name, _ in self.raw}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.raw}
            await send(message)

        await self.app(scope, receive, with_headers)


keep_answers_through_a_new_run()  # before any session: a download's answer survives a run that starts
app = st.App(schema.APP_PATH, middleware=[Middleware(SecurityHeaders, frame_ancestors=schema.frame_ancestors())])
