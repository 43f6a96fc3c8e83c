"""The token that keeps an editor signed in across a reload, without I/O: signed, expiring,
checked here; the dashboard carries it in an HTTP-only cookie (SECURITY.md).

A token is `<payload>.<signature>`, both base64url without padding: the payload is JSON
(`Claims`: who, how they signed in, what their sign-in rested on, when it was issued and when
it expires, a random id), the signature HMAC-SHA256 over the payload with the deployment's
session key (ZONEMAP_SESSION_KEY, at least `MIN_KEY_LENGTH` characters; never shipped in the
code). Nothing in it is secret -- a holder can read it -- but nothing in it can be changed
without the key: `verify` refuses a token whose signature, form or dates do not hold, and one
past its expiry. A token is a bearer credential for its lifetime; the store checks again, when
it is used, that the account still holds (`geodata.store.signin.resumed_grant`).

`Revoked` remembers the ids of tokens signed out before their expiry, per server process (like
the sign-in throttle): the cookie is cleared at sign-out too, so this covers a copy of it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from .errors import ZonemapError

MIN_KEY_LENGTH = 32
KINDS = ("account", "shared")  # OpenID Connect keeps its own session (st.login's cookie)
_CONTEXT = b"zonemap-session-v1."
_MAX_TOKEN = 4096


class TokenError(ZonemapError, ValueError):
    """A token that is not (or no longer) valid; the message says why, for the log."""


@dataclass(frozen=True)
class Claims:
    """What a token says: `user` signed in by `kind` ("account" or "shared"); `since` is what
    the sign-in rested on (an account's password_changed_at, the shared secret's
    `fingerprint`); `issued` and `expires` are Unix times; `id` tells one token from another."""

    user: str
    kind: str
    since: str
    issued: int
    expires: int
    id: str


def key_problem(key: str | None) -> str | None:
    """Why `key` cannot sign tokens (None when it can)."""
    if not key:
        return (
            "editors are not kept signed in across reloads: no session key is configured "
            "(set ZONEMAP_SESSION_KEY)"
        )
    if len(key) < MIN_KEY_LENGTH:
        return (
            f"ZONEMAP_SESSION_KEY has {len(key)} characters but needs at least "
            f'{MIN_KEY_LENGTH}; make one with `python -c "import secrets; '
            'print(secrets.token_urlsafe(32))"`'
        )
    return None


def _checked_key(key: str | None) -> bytes:
    problem = key_problem(key)
    if problem or key is None:
        raise TokenError(problem or "no session key")
    return key.encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, _CONTEXT + payload.encode("ascii"), hashlib.sha256).digest())


def fingerprint(key: str, secret: str) -> str:
    """What a shared-secret token rests on: an HMAC of the secret under the session key (so
    that a changed secret ends those sessions, and the token does not give the secret away)."""
    return _b64(
        hmac.new(_checked_key(key), b"shared-secret:" + secret.encode("utf-8"), hashlib.sha256).digest()[:16]
    )


def issue(  # noqa: PLR0913 (keyword-only)
    user: str,
    kind: str,
    since: str,
    *,
    key: str,
    lifetime: float,
    now: float | None = None,
) -> str:
    """A token for `user` that expires `lifetime` seconds from `now`."""
    if kind not in KINDS:
        raise ValueError(f"`kind` was {kind!r} but is expected to be one of {', '.join(KINDS)}")
    if lifetime <= 0:
        raise ValueError(f"`lifetime` was {lifetime} but is expected to be positive")
    issued = int(time.time() if now is None else now)
    claims = Claims(user, kind, since, issued, issued + int(lifetime), secrets.token_urlsafe(12))
    payload = _b64(json.dumps(asdict(claims), separators=(",", ":")).encode("utf-8"))
    return f"{payload}.{_signature(_checked_key(key), payload)}"


def verify(token: object, *, key: str, now: float | None = None) -> Claims:
    """The claims of `token` if it was signed with `key` and has not expired; TokenError
    (saying why) otherwise. The signature is checked before anything in the payload is read."""
    signing_key = _checked_key(key)
    if (
        not isinstance(token, str)
        or not 0 < len(token) <= _MAX_TOKEN
        or not token.isascii()
        or token.count(".") != 1
    ):
        raise TokenError("malformed session token")
    payload, signature = token.split(".")
    if not hmac.compare_digest(signature, _signature(signing_key, payload)):
        raise TokenError("session token with a wrong signature (tampered, or another key)")
    try:
        fields = json.loads(_unb64(payload))
        claims = Claims(**fields)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise TokenError("malformed session token") from exc
    if claims.kind not in KINDS or not all(
        isinstance(getattr(claims, f), int) for f in ("issued", "expires")
    ):
        raise TokenError("malformed session token")
    if (time.time() if now is None else now) >= claims.expires:
        raise TokenError("expired session token")
    return claims


class Revoked:
    """Ids of tokens signed out before they expire (thread-safe; forgotten once expired)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._ids: dict[str, int] = {}

    def revoke(self, claims: Claims) -> None:
        with self._lock:
            now = self.clock()
            for token_id in [i for i, exp in self._ids.items() if exp <= now]:
                del self._ids[token_id]
            self._ids[claims.id] = claims.expires

    def __contains__(self, claims: object) -> bool:
        with self._lock:
            return isinstance(claims, Claims) and claims.id in self._ids


REVOKED = Revoked()
