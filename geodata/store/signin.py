"""Who may write: the grant an editor writes with, and the three ways to get one (SECURITY.md).

- `account_grant`: an editor account's name and password (argon2 hash in the `editors` table),
  failures throttled per account and per client by `geodata.accounts`;
- `oidc_grant`: an identity an OpenID Connect provider has verified, on the allow-list;
- `shared_grant`: the shared ZONEMAP_EDITOR_SECRET, the single-user laptop fallback (throttled
  too; the name is self-declared).

A grant is valid only if minted here for the same database (`Backend.grants`), and an
account's grant only while the account is neither removed, disabled nor given a new password
(`check_grant`, inside each write transaction). An account editor's changes are recorded under
the account's name (`author`). Every refusal is a `WriteRefused`, a PermissionError."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterable
from typing import Any

from .. import accounts, session_token
from .backend import Backend
from .errors import WriteRefused
from .migrations import require_latest

log = logging.getLogger(__name__)

SIGN_IN_REFUSED = "sign-in refused: unknown account or wrong password"


class Grant:
    """The capability to write, minted by the functions of this module only. `kind` says how:
    "account", "oidc" or "shared" (the shared secret); `since` is the account's
    `password_changed_at` when it signed in."""

    __slots__ = ("__weakref__", "kind", "role", "since", "user")

    def __init__(
        self, user: str, kind: str = "shared", role: str = "editor", since: str | None = None
    ) -> None:
        self.user, self.kind, self.role, self.since = user, kind, role, since


def _mint(backend: Backend, grant: Grant) -> Grant:
    backend.grants.add(grant)
    return grant


def scope(backend: Backend) -> str:
    """What tells this database's throttle records from another's (in one process)."""
    return f"{backend.name}:{backend.location}"


def _client_key(backend: Backend, client: str | None) -> tuple[str, str] | None:
    return (scope(backend), client) if isinstance(client, str) and client else None


def account_grant(backend: Backend, name: str, password: str | None, client: str | None) -> Grant:
    """A grant for the editor account `name`, if `password` is its password. WriteRefused (a
    PermissionError) otherwise, with the same message whether the account is unknown, disabled
    or the password wrong (and about the same time: an unknown name is checked against a dummy
    hash). After failures, the account and the client (an IP address, None when unknown) wait a
    growing time (`geodata.accounts.Throttle`), during which sign-ins are refused without
    looking at the password (`accounts.SignInThrottled`)."""
    throttle = accounts.THROTTLE
    try:
        key = accounts.normalise_name(name)
    except accounts.AccountError:
        key = str(name)[: accounts.MAX_NAME_LENGTH + 1] if isinstance(name, str) else ""
    account_key, client_key = (scope(backend), key), _client_key(backend, client)
    throttle.check(account_key, client_key)
    require_latest(backend)
    row = None
    if accounts.is_valid_name(key):
        with backend.read() as cur:
            cur.execute(
                backend.q(
                    "SELECT name, password_hash, role, disabled, "
                    "password_changed_at FROM editors WHERE name = ?"
                ),
                (key,),
            )
            row = cur.fetchone()
    if row is None:
        accounts.dummy_verify(password)
        ok = False
    else:
        ok = accounts.verify_password(row[1], password) and not bool(row[3])
    if not ok or row is None:  # row is None: never ok
        throttle.failure(account_key, client_key)
        log.warning("refused a sign-in to %s (client %s)", backend.location, client or "-")
        raise WriteRefused(SIGN_IN_REFUSED)
    throttle.success(account_key)
    return _mint(backend, Grant(row[0], "account", row[2], row[4]))


def oidc_grant(backend: Backend, email: str | None, allowed_emails: Iterable[str]) -> Grant:
    """A grant for an identity an OpenID Connect provider has verified (`st.user.email`), if
    its address is on the allow-list (case-insensitive): ZONEMAP_EDITOR_EMAILS.
    WriteRefused otherwise. The changes are recorded under the address."""
    allowed = {a for a in (accounts.normalise_email(e) for e in allowed_emails) if a}
    if not allowed:
        raise WriteRefused(
            "editing by sign-in with an identity provider is disabled: no "
            "editor e-mail address is configured (ZONEMAP_EDITOR_EMAILS)"
        )
    address = accounts.normalise_email(email)
    if address is None or address not in allowed:
        raise WriteRefused(
            "this identity is not on the editors' allow-list; ask an "
            "administrator to add its e-mail address to "
            "ZONEMAP_EDITOR_EMAILS"
        )
    require_latest(backend)
    return _mint(backend, Grant(address, "oidc"))


def shared_grant(backend: Backend, user: str, secret: str | None, client: str | None) -> Grant:
    """A grant for `user` (a name as typed: self-declared), if `secret` is the shared editor
    secret ZONEMAP_EDITOR_SECRET -- the single-user fallback for a laptop; a secret shorter
    than 12 characters disables it. Failures are throttled like an account's (one count for
    the secret, whoever tries it) and per client. WriteRefused otherwise."""
    expected = backend.settings.editor_secret
    problem = accounts.secret_problem(expected)
    if problem:
        raise WriteRefused(problem)
    if not expected:  # never: secret_problem refuses an empty secret (kept so the check fails closed)
        raise WriteRefused(SIGN_IN_REFUSED)
    if not accounts.is_valid_name(user):
        raise WriteRefused(f"an editor needs a user name (who is making the change): {accounts.NAME_RULE}")
    name = accounts.normalise_name(user)
    throttle = accounts.THROTTLE
    secret_key = (scope(backend), "(shared editor secret)")
    client_key = _client_key(backend, client)
    throttle.check(secret_key, client_key)
    given = (secret or "").encode("utf-8")
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        throttle.failure(secret_key, client_key)
        log.warning(
            "refused a sign-in with the shared secret to %s (client %s)", backend.location, client or "-"
        )
        raise WriteRefused("wrong editor secret; ask an administrator for ZONEMAP_EDITOR_SECRET")
    throttle.success(secret_key)
    require_latest(backend)
    return _mint(backend, Grant(name, "shared"))


def resumed_grant(backend: Backend, claims: session_token.Claims, key: str) -> Grant:
    """A grant again for the editor a verified session token names (`session_token.verify`:
    signed with the session key, not expired), if what the sign-in rested on still holds: the
    account exists, is not disabled and has the password it had (`claims.since`), or the
    shared secret is the one it was (its fingerprint). WriteRefused otherwise."""
    if session_token.key_problem(key):
        raise WriteRefused("sessions are not kept: no valid session key is configured")
    if claims.kind == "account":
        with backend.read() as cur:
            cur.execute(
                backend.q("SELECT name, role, disabled, password_changed_at FROM editors WHERE name = ?"),
                (claims.user,),
            )
            row = cur.fetchone()
        if row is None or bool(row[2]) or row[3] != claims.since:
            raise WriteRefused(
                "the kept session has ended (the account was removed, disabled "
                "or given a new password); sign in again"
            )
        require_latest(backend)
        return _mint(backend, Grant(row[0], "account", row[1], row[3]))
    secret = backend.settings.editor_secret
    if (
        claims.kind != "shared"
        or accounts.secret_problem(secret)
        or not secret
        or not hmac.compare_digest(claims.since, session_token.fingerprint(key, secret))
        or not accounts.is_valid_name(claims.user)
    ):
        raise WriteRefused("the kept session has ended (the editor secret changed); sign in again")
    require_latest(backend)
    return _mint(backend, Grant(accounts.normalise_name(claims.user), "shared"))


def author(grant: Grant, user: str | None) -> str:
    """Who a write is recorded under: the grant's user, or -- for the shared secret only (the
    CLI's `--user`) -- the name given."""
    if user is None or user.strip() == grant.user:
        return grant.user
    if grant.kind != "shared":
        raise WriteRefused(f"signed in as {grant.user!r}: changes are recorded under that name, not another")
    if not accounts.is_valid_name(user):
        raise WriteRefused(f"`user` is expected to be {accounts.NAME_RULE}")
    return accounts.normalise_name(user)


def require_minted(backend: Backend, grant: Grant) -> None:
    if grant not in backend.grants:
        raise WriteRefused("this editor session is not valid; sign in again")


def check_grant(backend: Backend, grant: Grant, cur: Any) -> None:
    """Inside a write transaction: the grant was minted here and its account still holds."""
    require_minted(backend, grant)
    if grant.kind != "account":
        return
    cur.execute(backend.q("SELECT disabled, password_changed_at FROM editors WHERE name = ?"), (grant.user,))
    row = cur.fetchone()
    if row is None or bool(row[0]) or row[1] != grant.since:
        backend.grants.discard(grant)
        raise WriteRefused(
            "this editor session is not valid any more (the account was "
            "removed, disabled or given a new password); sign in again"
        )
