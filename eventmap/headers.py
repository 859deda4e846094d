"""The security headers every answer carries, in one place: the proxy sets them in front of the replicas
(eventmap/haproxy.cfg.in through deploy.py) and the app's own server sets them through SecurityHeaders, the ASGI
middleware asgi.py gives Streamlit's st.App, so every deployment has them (docs/deploy.md, "Headers")."""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import re
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventmap.schema import NO_FRAMING

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@functools.cache
def inline_script_hashes() -> tuple[str, ...]:
    """CSP hashes of the inline scripts in Streamlit's own index.html (one line today), so that script-src needs
    no 'unsafe-inline': read from the installed package, so an upgrade that changes them changes the policy."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        return ()
    page = (Path(spec.origin).parent / "static" / "index.html").read_text(encoding="utf-8")
    return tuple(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(page)
    )


def content_security_policy(frame_ancestors: str) -> str:
    """Only the app's own origin: Streamlit's styles are inline (emotion), pictures and fonts may be data: or
    blob: URLs, and the websocket is same-origin ('self' covers ws: and wss: to the same host). Streamlit imports
    a v2 component's code (the map's loader, ui/deckmap.py) as a blob: module, so script-src allows blob:, which
    only the page's own scripts can create; no 'unsafe-inline' or 'unsafe-eval' for scripts."""
    return "; ".join(
        (
            "default-src 'self'",
            " ".join(("script-src 'self' blob:", *inline_script_hashes())),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        )
    )


def security_headers(frame_ancestors: str = NO_FRAMING) -> dict[str, str]:
    """Header name -> value. X-Frame-Options only when no one may frame the pages (it cannot name who may)."""
    headers = {
        "Content-Security-Policy": content_security_policy(frame_ancestors),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    }
    if frame_ancestors == NO_FRAMING:
        headers["X-Frame-Options"] = "DENY"
    return headers


class SecurityHeaders:
    """Pure ASGI middleware: adds the headers to each HTTP response start (a websocket has no response headers
    the browser applies), replacing any the app set, so they cannot be weakened further down."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        self.app = app
        self.raw = [(k.lower().encode(), v.encode()) for k, v in security_headers(frame_ancestors).items()]
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
