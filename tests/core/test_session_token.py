"""The kept-session token (issue 14): signed, expiring, refused when tampered with, signed
with another key, malformed or revoked; ZONEMAP_SESSION_KEY / _HOURS read and checked."""

from __future__ import annotations

import base64
import json

import pytest

from geodata import session_token as tokens
from geodata.session_token import Claims, Revoked, TokenError
from geodata.settings import SESSION_HOURS, get_settings

KEY = "k" * 32
NOW = 1_800_000_000.0


def _issue(**kw) -> str:
    args = {"key": KEY, "lifetime": 3600, "now": NOW} | kw
    return tokens.issue("rana", "account", "2026-01-01T00:00:00", **args)


def test_issue_then_verify__the_claims_come_back():
    claims = tokens.verify(_issue(), key=KEY, now=NOW + 10)
    assert (claims.user, claims.kind, claims.since) == ("rana", "account", "2026-01-01T00:00:00")
    assert claims.expires - claims.issued == 3600
    assert claims.id and claims.id != tokens.verify(_issue(), key=KEY, now=NOW).id


def test_verify__expired_at_its_lifetime():
    token = _issue()
    tokens.verify(token, key=KEY, now=NOW + 3599)
    with pytest.raises(TokenError, match="expired"):
        tokens.verify(token, key=KEY, now=NOW + 3600)


def test_verify__another_key_is_refused():
    with pytest.raises(TokenError, match="wrong signature"):
        tokens.verify(_issue(), key="x" * 32, now=NOW)


def test_verify__a_changed_payload_is_refused():
    payload, signature = _issue().split(".")
    fields = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    for change in ({"user": "admin"}, {"expires": fields["expires"] + 10**6}, {"kind": "shared"}):
        forged = base64.urlsafe_b64encode(json.dumps(fields | change).encode()).rstrip(b"=")
        with pytest.raises(TokenError, match="wrong signature"):
            tokens.verify(f"{forged.decode()}.{signature}", key=KEY, now=NOW)


@pytest.mark.parametrize(
    "token", ["", "abc", "a.b.c", "é.é", None, 42, "x" * 5000 + ".y", "eyJ1c2VyIjoicmFuYSJ9.forged"]
)
def test_verify__malformed_or_forged_is_refused(token):
    with pytest.raises(TokenError):
        tokens.verify(token, key=KEY, now=NOW)


def test_key__missing_or_short_is_refused_with_the_fix():
    assert "ZONEMAP_SESSION_KEY" in (tokens.key_problem(None) or "")
    assert "at least 32" in (tokens.key_problem("short") or "")
    assert tokens.key_problem(KEY) is None
    with pytest.raises(TokenError):
        _issue(key="short")
    with pytest.raises(TokenError):
        tokens.verify(_issue(), key="short", now=NOW)


def test_issue__bad_kind_or_lifetime():
    with pytest.raises(ValueError, match="`kind`"):
        tokens.issue("rana", "oidc", "", key=KEY, lifetime=10)
    with pytest.raises(ValueError, match="`lifetime`"):
        tokens.issue("rana", "account", "", key=KEY, lifetime=0)


def test_fingerprint__depends_on_secret_and_key_and_hides_the_secret():
    a = tokens.fingerprint(KEY, "the shared secret")
    assert a == tokens.fingerprint(KEY, "the shared secret")
    assert a != tokens.fingerprint(KEY, "another secret")
    assert a != tokens.fingerprint("y" * 32, "the shared secret")
    assert "secret" not in a


def test_revoked__until_the_token_expires():
    now = [NOW]
    revoked = Revoked(clock=lambda: now[0])
    claims = tokens.verify(_issue(), key=KEY, now=NOW)
    assert claims not in revoked
    revoked.revoke(claims)
    assert claims in revoked
    other = Claims("rana", "account", "", int(NOW), int(NOW) + 10, "other")
    assert other not in revoked
    now[0] = NOW + 7200
    revoked.revoke(other)  # revoking prunes what has expired
    assert claims not in revoked


def test_settings__session_key_and_hours():
    assert get_settings({}).session_key is None
    assert get_settings({}).session_hours == SESSION_HOURS
    s = get_settings({"ZONEMAP_SESSION_KEY": KEY, "ZONEMAP_SESSION_HOURS": "0.5"})
    assert (s.session_key, s.session_hours) == (KEY, 0.5)
    for bad in ("0", "-1", "nan", "tomorrow", "721"):
        with pytest.raises(ValueError, match="ZONEMAP_SESSION_HOURS"):
            get_settings({"ZONEMAP_SESSION_HOURS": bad})
