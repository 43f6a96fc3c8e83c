"""The kept-session routes' pieces (issue 14), without a browser: a handoff is taken once and
expires; only this site's own page may call the routes; the routes set an HTTP-only,
SameSite=Strict cookie holding the offered token, and clear it (called as ASGI apps, no
network). The browser test is tests/browser/test_kept_session_browser.py."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard import kept_session
from geodata import session_token

KEY = "q" * 32


def test_handoff__taken_once():
    handoff = kept_session.offer("the-token", 2_000_000_000)
    assert kept_session.take(handoff) == ("the-token", 2_000_000_000)
    assert kept_session.take(handoff) is None
    assert kept_session.take("never-offered") is None


def test_handoff__expires(monkeypatch):
    handoff = kept_session.offer("the-token", 2_000_000_000)
    later = kept_session.time.monotonic() + kept_session.HANDOFF_SECONDS + 1
    monkeypatch.setattr(kept_session.time, "monotonic", lambda: later)
    assert kept_session.take(handoff) is None


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({"sec-fetch-site": "same-origin"}, True),
        ({"sec-fetch-site": "cross-site", "origin": "http://h", "host": "h"}, False),
        ({"sec-fetch-site": "same-site"}, False),
        ({"origin": "http://127.0.0.1:8501", "host": "127.0.0.1:8501"}, True),
        ({"origin": "http://evil.example", "host": "127.0.0.1:8501"}, False),
        ({"host": "127.0.0.1:8501"}, False),
    ],
)
def test_same_site(headers, allowed):
    assert kept_session.same_site(headers) is allowed


def _post(app, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, list]:
    """One POST through an ASGI app; the status and the response headers."""
    sent: list[dict] = []
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 5000),
        "root_path": "",
        "http_version": "1.1",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    # In a thread of its own: a test run may already have an event loop running in this one
    # (Playwright's, AppTest's), and asyncio.run refuses to start inside it.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: asyncio.run(app(scope, receive, send))).result()
    start = sent[0]
    return start["status"], [(k.decode(), v.decode()) for k, v in start["headers"]]


def _app():
    from starlette.applications import Starlette

    return Starlette(routes=kept_session.routes())


def test_keep_route__sets_the_http_only_cookie_with_the_token(monkeypatch):
    monkeypatch.setenv("ZONEMAP_SESSION_KEY", KEY)
    token = session_token.issue("rana", "account", "t", key=KEY, lifetime=600)
    handoff = kept_session.offer(token, 2_000_000_000)
    own = {"sec-fetch-site": "same-origin", "host": "127.0.0.1:8501"}
    status, headers = _post(_app(), kept_session.KEEP_PATH, handoff.encode(), own)
    assert status == 204
    (cookie,) = [v for k, v in headers if k == "set-cookie"]
    assert cookie.startswith(f"{kept_session.COOKIE}={token};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert _post(_app(), kept_session.KEEP_PATH, handoff.encode(), own)[0] == 404  # once


def test_routes__refuse_another_site():
    handoff = kept_session.offer("the-token", 2_000_000_000)
    other = {"sec-fetch-site": "cross-site", "host": "127.0.0.1:8501"}
    for path, body in ((kept_session.KEEP_PATH, handoff.encode()), (kept_session.END_PATH, b"")):
        status, headers = _post(_app(), path, body, other)
        assert status == 403 and not [v for k, v in headers if k == "set-cookie"]
    assert kept_session.take(handoff) == ("the-token", 2_000_000_000)  # not used up


def test_end_route__clears_the_cookie_and_revokes_its_token(monkeypatch):
    monkeypatch.setenv("ZONEMAP_SESSION_KEY", KEY)
    token = session_token.issue("rana", "account", "t", key=KEY, lifetime=600)
    claims = session_token.verify(token, key=KEY)
    headers = {
        "sec-fetch-site": "same-origin",
        "host": "127.0.0.1:8501",
        "cookie": f"{kept_session.COOKIE}={token}",
    }
    status, answer = _post(_app(), kept_session.END_PATH, b"", headers)
    assert status == 204
    (cookie,) = [v for k, v in answer if k == "set-cookie"]
    assert cookie.startswith(f'{kept_session.COOKIE}="";') and "Max-Age=0" in cookie
    assert claims in session_token.REVOKED


def test_pending__repeated_until_its_request_came():
    handoff = kept_session.offer("the-token", 2_000_000_000)
    assert kept_session.waiting(f"keep:{handoff}")
    kept_session.take(handoff)
    assert not kept_session.waiting(f"keep:{handoff}")
    nonce = kept_session.offer_end()
    assert kept_session.waiting(f"end:{nonce}")
    own = {"sec-fetch-site": "same-origin", "host": "127.0.0.1:8501"}
    assert _post(_app(), kept_session.END_PATH, nonce.encode(), own)[0] == 204
    assert not kept_session.waiting(f"end:{nonce}")
    assert not kept_session.waiting("keep:never-offered")
    assert not kept_session.waiting("something else")
