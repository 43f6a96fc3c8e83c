"""Editor accounts, without I/O: the rules for names and passwords, argon2 hashing, and the
sign-in throttle. The store (`geodata.store`) keeps the accounts; this module decides.

- **Names** are 1 to 64 characters: lower-case ASCII letters, digits and `. _ @ + -`, starting
  with a letter or digit (upper case is folded). An e-mail address fits, so an OpenID Connect
  identity can be recorded under its address.
- **Passwords** have at least `MIN_PASSWORD_LENGTH` (12) characters -- a length, no composition
  rules (NIST SP 800-63B) -- and at most `MAX_PASSWORD_LENGTH`. The shared editor secret
  (ZONEMAP_EDITOR_SECRET) is held to the same minimum.
- **Hashes** are argon2id with argon2-cffi's default parameters (RFC 9106's low-memory profile:
  64 MiB, 3 passes; about 0.15 s on the development machine). Only the encoded hash is stored;
  `dummy_verify` costs what a real verification costs, so that a name that does not exist takes
  as long to refuse as a wrong password.
- **The throttle** (`Throttle`) refuses sign-ins for a growing time after failures, per account
  and per client (an IP address), without checking the password: after `account_threshold`
  consecutive failures of one account, 1 s, then 2 s, 4 s ... up to `max_delay` (5 minutes);
  per client the same after `client_threshold` failures, whatever the accounts tried. A success
  resets the account's count (not the client's: a client that owns one account could otherwise
  wipe its record between guesses at others). Failures are forgotten after `forget_after` of
  quiet. The state is in this process's memory -- so that a database role that may only read
  can still sign people in -- and therefore **per server process**: several processes (or a
  restart) each count on their own. `THROTTLE` is the process's instance; tests replace it
  with one on a fake clock.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import ZonemapError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 64
ROLES = ("editor", "admin")
NAME_RULE = f"1 to {MAX_NAME_LENGTH} letters, digits and . _ @ + - (starting with a letter or digit)"
_NAME = re.compile(rf"[a-z0-9][a-z0-9._@+-]{{0,{MAX_NAME_LENGTH - 1}}}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")

_HASHER = PasswordHasher()


class AccountError(ZonemapError, ValueError):
    """A name, password or role that an account cannot have; the message names the rule."""


class WeakPasswordError(AccountError):
    pass


class SignInThrottled(ZonemapError, PermissionError):
    """Too many failed sign-ins: refused without looking at the password."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins; try again in {math.ceil(retry_after)} s")


# -- names, roles, passwords -----------------------------------------------------------------


def normalise_name(name: object) -> str:
    """The account name `name` stands for (stripped, lower case); AccountError when it breaks
    the rule."""
    text = name.strip().lower() if isinstance(name, str) else ""
    if not _NAME.fullmatch(text):
        shown = repr(name) if isinstance(name, str) and len(name) <= 80 else "the name given"
        raise AccountError(f"an editor's name was {shown} but is expected to be {NAME_RULE}")
    return text


def is_valid_name(name: object) -> bool:
    try:
        normalise_name(name)
    except AccountError:
        return False
    return True


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"`role` was {role!r} but is expected to be one of {', '.join(ROLES)}")
    return role


def undo_refusal(role: str, user: str, author: str) -> str | None:
    """Why `user` (of `role`) may not undo a change `author` made, or None when they may: an
    editor undoes only their own changes, an administrator anyone's."""
    if role == "admin" or user == author:
        return None
    return f"the last change was made by {author}; only {author} or an administrator can undo it"


def check_password(password: object) -> str:
    """The password, if the policy allows it; WeakPasswordError naming the rule otherwise."""
    if not isinstance(password, str):
        raise WeakPasswordError("a password must be text")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"a password needs at least {MIN_PASSWORD_LENGTH} characters; "
            f"this one has {len(password)}. A few unrelated words make a "
            "long one that is easy to remember"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"a password may have at most {MAX_PASSWORD_LENGTH} characters; this one has {len(password)}"
        )
    return password


def secret_problem(secret: str | None) -> str | None:
    """Why the shared editor secret cannot be used (None when it can)."""
    if not secret:
        return "editing is disabled: no editor secret is configured (set ZONEMAP_EDITOR_SECRET)"
    if len(secret) < MIN_PASSWORD_LENGTH:
        return (
            f"editing with the shared secret is disabled: ZONEMAP_EDITOR_SECRET has fewer "
            f"than {MIN_PASSWORD_LENGTH} characters; set a longer one, or create editor "
            "accounts with `zonemap editors add`"
        )
    return None


def normalise_email(email: object) -> str | None:
    """An e-mail address in lower case, or None when `email` is not one."""
    if not isinstance(email, str):
        return None
    text = email.strip().lower()
    return text if len(text) <= 254 and _EMAIL.fullmatch(text) else None


def parse_emails(text: str | None) -> tuple[str, ...]:
    """The addresses of a comma-separated list (ZONEMAP_EDITOR_EMAILS), in lower case."""
    found = (normalise_email(part) for part in (text or "").split(","))
    return tuple(dict.fromkeys(e for e in found if e))


# -- hashing -----------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """The argon2id hash of a password the policy allows (WeakPasswordError otherwise)."""
    return _HASHER.hash(check_password(password))


def verify_password(stored_hash: str, password: str | None) -> bool:
    """Whether `password` is the one `stored_hash` was made from (never raises)."""
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        dummy_verify("")
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _HASHER.hash("not any editor's password, only something to compare with")


def dummy_verify(password: str | None) -> None:
    """Spend the time a verification takes, for a name that has no account."""
    try:  # noqa: SIM105 (explicit)
        _HASHER.verify(_dummy_hash(), (password or "")[:MAX_PASSWORD_LENGTH])
    except (VerificationError, InvalidHashError):
        pass


# -- the throttle ------------------------------------------------------------------------------


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0
    blocked_until: float = 0.0


class Throttle:
    """Growing delays after failed sign-ins, per account and per client (see the module
    docstring). Thread-safe. Keys are any hashables: the store passes (database, name) and
    (database, client address)."""

    def __init__(  # noqa: PLR0913 (keyword-only settings with defaults)
        self,
        *,
        account_threshold: int = 1,
        client_threshold: int = 5,
        base_delay: float = 1.0,
        max_delay: float = 300.0,
        forget_after: float = 3600.0,
        max_entries: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if account_threshold < 1 or client_threshold < 1:
            raise ValueError("the thresholds are expected to be at least 1")
        if not 0 < base_delay <= max_delay <= forget_after:
            raise ValueError("expected 0 < base_delay <= max_delay <= forget_after")
        self.account_threshold, self.client_threshold = account_threshold, client_threshold
        self.base_delay, self.max_delay = base_delay, max_delay
        self.forget_after, self.max_entries = forget_after, max_entries
        self.clock = clock
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, Hashable], _Failures] = {}

    def delay(self, failures: int, threshold: int) -> float:
        """How long sign-ins wait after `failures` consecutive failures."""
        if failures < threshold:
            return 0.0
        return min(self.base_delay * 2.0 ** (failures - threshold), self.max_delay)

    def _keys(
        self, account: Hashable | None, client: Hashable | None
    ) -> list[tuple[tuple[str, Hashable], int]]:
        keys = []
        if account is not None:
            keys.append((("account", account), self.account_threshold))
        if client is not None:
            keys.append((("client", client), self.client_threshold))
        return keys

    def _current(self, key: tuple[str, Hashable], now: float) -> _Failures | None:
        rec = self._failures.get(key)
        if rec is not None and now - rec.last >= self.forget_after:
            del self._failures[key]
            return None
        return rec

    def retry_after(self, account: Hashable | None, client: Hashable | None = None) -> float:
        """Seconds until a sign-in of `account` from `client` may be tried (0: now)."""
        with self._lock:
            now = self.clock()
            waits = [
                rec.blocked_until - now
                for key, _ in self._keys(account, client)
                if (rec := self._current(key, now)) is not None
            ]
        return max([0.0, *waits])

    def check(self, account: Hashable | None, client: Hashable | None = None) -> None:
        """Raise SignInThrottled while `account` or `client` has to wait."""
        wait = self.retry_after(account, client)
        if wait > 0:
            raise SignInThrottled(wait)

    def failure(self, account: Hashable | None, client: Hashable | None = None) -> None:
        """Count a failed sign-in against the account and the client."""
        with self._lock:
            now = self.clock()
            for key, threshold in self._keys(account, client):
                rec = self._current(key, now) or self._failures.setdefault(key, _Failures())
                rec.count += 1
                rec.last = now
                rec.blocked_until = now + self.delay(rec.count, threshold)
            if len(self._failures) > self.max_entries:
                self._prune(now)

    def success(self, account: Hashable | None) -> None:
        """A sign-in of `account` succeeded: its count starts again."""
        with self._lock:
            self._failures.pop(("account", account), None)

    def _prune(self, now: float) -> None:
        """Forget what is old; if still too many, the oldest (bounded memory)."""
        for key in [k for k, r in self._failures.items() if now - r.last >= self.forget_after]:
            del self._failures[key]
        excess = len(self._failures) - self.max_entries
        if excess > 0:
            oldest = sorted(self._failures, key=lambda k: self._failures[k].last)[:excess]
            for key in oldest:
                del self._failures[key]

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()


THROTTLE = Throttle()
