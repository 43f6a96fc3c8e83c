"""Keeping an editor signed in across a reload: a signed, expiring token
(`geodata.session_token`) in an HTTP-only cookie, for a time the deployment sets
(ZONEMAP_SESSION_HOURS), signed with its key (ZONEMAP_SESSION_KEY). SECURITY.md says why.

Streamlit can read the cookies a page was opened with (`st.context.cookies`) but has no way to
set one, and JavaScript cannot set an HTTP-only cookie. So the server sets it, on two small
HTTP routes that `dashboard/server.py` mounts beside Streamlit's own (`st.App`, Streamlit
>= 1.67; `zonemap serve` runs it):

- after a sign-in by account or shared secret, the session puts the token in this process's
  memory under a random one-time handoff (`offer`, valid `HANDOFF_SECONDS`), and the page
  POSTs the handoff to `KEEP_PATH` (`pending_script`); the route answers with the cookie
  (HttpOnly, SameSite=Strict, Secure over https). The token itself never appears in the page.
- a new page (a reload, another tab) finds the cookie in `st.context.cookies`; `resumed`
  verifies it and asks the store for the editor again (`Store.resume`: refused when the
  account was disabled, removed or given a new password, or the shared secret changed).
- "Sign out" revokes the token in this process (`session_token.REVOKED`), no longer looks at
  the cookie this page was opened with, and POSTs to `END_PATH`, which clears the cookie.

Both routes refuse a request from another site (Sec-Fetch-Site, else Origin against Host).
Without the routes (`streamlit run dashboard/app.py`), or without a valid key, nothing is kept:
a reload signs out, as before. OpenID Connect keeps its own session (`st.login`'s cookie).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from typing import Any
from urllib.parse import urlparse

from geodata import session_token
from geodata.errors import ZonemapError
from geodata.session_token import TokenError
from geodata.settings import Settings, get_settings

log = logging.getLogger(__name__)

COOKIE = "zonemap_editor"
KEEP_PATH = "/zonemap/session/keep"
END_PATH = "/zonemap/session/end"
HANDOFF_SECONDS = 60.0
PENDING = "_kept_pending"  # session state: the request runs make until done: "keep:<n>", "end:<n>"
ENDED = "_kept_ended"  # session state: signed out; the cookie the page was opened with is not used

_handoffs: dict[str, tuple[str, int, float]] = {}  # handoff -> (token, expires, offered at)
_ends: dict[str, float] = {}  # sign-outs whose request has not come yet -> offered at
_lock = threading.Lock()
routes_mounted = False  # set by dashboard/server.py


# -- the process side: handoffs and the two routes -----------------------------------------------


def offer(token: str, expires: int) -> str:
    """A one-time handoff for `token` (which expires at `expires`, Unix time)."""
    handoff = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _lock:
        for key in [k for k, (_, _, at) in _handoffs.items() if now - at > HANDOFF_SECONDS]:
            del _handoffs[key]
        _handoffs[handoff] = (token, expires, now)
    return handoff


def offer_end() -> str:
    """A one-time id for a sign-out's request (so that the page repeats it until it came)."""
    nonce = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _lock:
        for key in [k for k, at in _ends.items() if now - at > HANDOFF_SECONDS]:
            del _ends[key]
        _ends[nonce] = now
    return nonce


def waiting(pending: str) -> bool:
    """Whether the request of `pending` ("keep:<handoff>" or "end:<nonce>") has yet to come
    (and may still come: offered in the last HANDOFF_SECONDS)."""
    kind, _, nonce = pending.partition(":")
    with _lock:
        at = (
            _handoffs[nonce][2]
            if kind == "keep" and nonce in _handoffs
            else _ends.get(nonce)
            if kind == "end"
            else None
        )
    return at is not None and time.monotonic() - at <= HANDOFF_SECONDS


def take(handoff: str) -> tuple[str, int] | None:
    """The token of a handoff offered in the last HANDOFF_SECONDS (once only)."""
    with _lock:
        found = _handoffs.pop(handoff, None)
    if found is None or time.monotonic() - found[2] > HANDOFF_SECONDS:
        return None
    return found[0], found[1]


def same_site(headers: Any) -> bool:
    """Whether a request comes from this site's own page (not a cross-site form or fetch)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = headers.get("origin")
    return bool(origin) and urlparse(origin).netloc == headers.get("host")


def _secure(request: Any) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def keep_route(request: Any) -> Any:
    """POST KEEP_PATH with a handoff as the body: the answer sets the cookie."""
    from starlette.responses import Response

    if not same_site(request.headers):
        return Response("refused: not from this site", status_code=403)
    found = take((await request.body()).decode("ascii", "replace").strip())
    if found is None:
        return Response("unknown or expired handoff", status_code=404)
    token, expires = found
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE,
        token,
        max_age=max(0, expires - int(time.time())),
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


async def end_route(request: Any) -> Any:
    """POST END_PATH: the answer clears the cookie; its token is revoked in this process."""
    from starlette.responses import Response

    if not same_site(request.headers):
        return Response("refused: not from this site", status_code=403)
    nonce = (await request.body()).decode("ascii", "replace").strip()
    with _lock:
        _ends.pop(nonce, None)
    claims = _verified(request.cookies.get(COOKIE), get_settings())
    if claims is not None:
        session_token.REVOKED.revoke(claims)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))
    return response


def routes() -> list[Any]:
    from starlette.routing import Route

    return [Route(KEEP_PATH, keep_route, methods=["POST"]), Route(END_PATH, end_route, methods=["POST"])]


def _verified(token: str | None, settings: Settings) -> session_token.Claims | None:
    if not token or session_token.key_problem(settings.session_key) or not settings.session_key:
        return None
    try:
        claims = session_token.verify(token, key=settings.session_key)
    except TokenError as exc:
        log.info("session cookie not used: %s", exc)
        return None
    return None if claims in session_token.REVOKED else claims


# -- the session side (Streamlit) ----------------------------------------------------------------


def _cookie() -> str | None:
    import streamlit as st

    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser session (AppTest)
        return None
    return value if isinstance(value, str) else None


def keep(editor: Any, settings: Settings) -> None:
    """After a sign-in: have the next run's page ask for the cookie (when the routes are here,
    the key is valid, and the editor signed in by account or shared secret)."""
    import streamlit as st

    key = settings.session_key
    if not routes_mounted or session_token.key_problem(key) or not key:
        return
    if editor.signed_in_with == "account":
        since = editor.since or ""
    elif editor.signed_in_with == "shared" and settings.editor_secret:
        since = session_token.fingerprint(key, settings.editor_secret)
    else:
        return
    lifetime = settings.session_hours * 3600
    token = session_token.issue(editor.user, editor.signed_in_with, since, key=key, lifetime=lifetime)
    st.session_state[PENDING] = f"keep:{offer(token, int(time.time() + lifetime))}"
    st.session_state.pop(ENDED, None)


def resumed(store: Any, settings: Settings) -> Any:
    """The editor the page's cookie keeps signed in (None: no cookie, or it does not hold)."""
    import streamlit as st

    if st.session_state.get(ENDED):
        return None
    claims = _verified(_cookie(), settings)
    if claims is None or not settings.session_key:
        return None
    try:
        editor = store.resume(claims, settings.session_key)
    except (PermissionError, ZonemapError) as exc:
        st.session_state[ENDED] = True
        log.info("kept session of %r not resumed: %s", claims.user, exc)
        return None
    log.info("editor %r signed in again by the session cookie", editor.user)
    return editor


def end(settings: Settings) -> None:
    """At sign-out: revoke the page's token, stop reading it, and clear the cookie."""
    import streamlit as st

    claims = _verified(_cookie(), settings)
    if claims is not None:
        session_token.REVOKED.revoke(claims)
    st.session_state[ENDED] = True
    if routes_mounted:
        st.session_state[PENDING] = f"end:{offer_end()}"


def pending_script() -> str | None:
    """The script that makes the pending request, in every run until the request has come
    (a run may end before the page has run the script), or None."""
    import streamlit as st

    pending = st.session_state.get(PENDING)
    if not isinstance(pending, str) or not waiting(pending):
        st.session_state.pop(PENDING, None)
        return None
    kind, _, nonce = pending.partition(":")
    path, done = (KEEP_PATH, "kept") if kind == "keep" else (END_PATH, "ended")
    # The nonce is URL-safe base64 (letters, digits, - and _): nothing to escape.
    return (
        f'<script>fetch("{path}", {{method: "POST", credentials: "same-origin", '
        f'body: "{nonce}"}}).then(r => {{ const d = document.body.dataset; '
        f'if (r.ok) d.zonemapSession = "{done}"; '
        f'else if (!d.zonemapSession) d.zonemapSession = "failed:" + r.status; }});</script>'
    )
