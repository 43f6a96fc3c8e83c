"""Editor accounts, managed by whoever has the database: the CLI (`zonemap editors`) opens an
`SqlAdmin` with `open_admin`; the dashboard never does, and neither a viewer's store nor an
editor's has these methods. The rules (names, roles, passwords, hashing) are
`geodata.accounts`'; signing in with an account is `signin.py`'s."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .. import accounts
from .editor import SqlStore
from .errors import DuplicateEditorError, UnknownEditorError
from .migrations import require_latest
from .transaction import ACCOUNT_ACTION, Change, Entry, Tx, undo_latest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EditorAccount:
    """An editor account as listed (never with its password hash)."""

    name: str
    role: str
    created_at: dt.datetime
    created_by: str
    password_changed_at: dt.datetime
    disabled: bool

    def public(self) -> dict[str, Any]:
        """What the audit trail records of an account."""
        return {
            "name": self.name,
            "role": self.role,
            "disabled": self.disabled,
            "created_by": self.created_by,
        }


class SqlAdmin(SqlStore):
    """The store with the management of editor accounts. Each change is one transaction with
    one `changes` row (action "account", which undo skips) and one `audit` row of table
    `editors` whose before and after hold the account's public fields -- never the password
    nor its hash."""

    _COLUMNS = "name, role, created_at, created_by, password_changed_at, disabled"

    def _account(self, row: Sequence[Any]) -> EditorAccount:
        return EditorAccount(
            row[0],
            row[1],
            dt.datetime.fromisoformat(row[2]),
            row[3],
            dt.datetime.fromisoformat(row[4]),
            bool(row[5]),
        )

    def _get(self, cur: Any, name: str) -> EditorAccount | None:
        cur.execute(self._backend.q(f"SELECT {self._COLUMNS} FROM editors WHERE name = ?"), (name,))
        row = cur.fetchone()
        return None if row is None else self._account(row)

    def _existing(self, cur: Any, name: str) -> EditorAccount:
        account = self._get(cur, name)
        if account is None:
            raise UnknownEditorError(name)
        return account

    def editor_accounts(self) -> list[EditorAccount]:
        """Every editor account, by name."""
        require_latest(self._backend)
        with self._backend.read() as cur:
            cur.execute(f"SELECT {self._COLUMNS} FROM editors ORDER BY name")
            return [self._account(r) for r in cur.fetchall()]

    @contextmanager
    def _change(self, by: str, summary: str, name: str) -> Iterator[tuple[Any, Tx, dict]]:
        """One write transaction changing the account `name`; the caller fills `record` with
        "action", "before" and "after" (public fields)."""
        require_latest(self._backend)
        who = " ".join(str(by or "").split())[:128] or "cli"
        record: dict[str, Any] = {}
        with self._backend.write() as cur:
            tx = Tx(self._backend, cur, Entry(who, ACCOUNT_ACTION, summary))
            yield cur, tx, record
            tx.record(record["action"], ("editors", name), record.get("before"), record.get("after"))

    def add_editor(self, name: str, password: str, *, role: str = "editor", by: str = "cli") -> EditorAccount:
        """Create an editor account. AccountError for a name, role or password that breaks the
        rules (`geodata.accounts`), DuplicateEditorError when the name is taken."""
        name = accounts.normalise_name(name)
        accounts.check_role(role)
        hashed = accounts.hash_password(password)  # before the transaction: it takes a while
        with self._change(by, f"add {role} account {name}", name) as (cur, tx, record):
            if self._get(cur, name) is not None:
                raise DuplicateEditorError(name)
            cur.execute(
                self._backend.q(
                    "INSERT INTO editors (name, password_hash, role, created_at, created_by, "
                    "password_changed_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?)"
                ),
                (name, hashed, role, tx.at, tx.user, tx.at, False),
            )
            account = self._existing(cur, name)
            record.update(action="insert", before=None, after=account.public())
        log.info("editor account %s (%s) added by %s", name, role, tx.user)
        return account

    def remove_editor(self, name: str, *, by: str = "cli") -> EditorAccount:
        """Delete an editor account (its past changes keep its name); UnknownEditorError when
        there is none. Its signed-in sessions cannot write any more."""
        name = _account_name(name)
        with self._change(by, f"remove account {name}", name) as (cur, _, record):
            account = self._existing(cur, name)
            cur.execute(self._backend.q("DELETE FROM editors WHERE name = ?"), (name,))
            record.update(action="delete", before=account.public(), after=None)
        return account

    def set_editor_password(self, name: str, password: str, *, by: str = "cli") -> EditorAccount:
        """Give an account a new password (same rules as a new one). Its signed-in sessions
        cannot write any more."""
        name = _account_name(name)
        hashed = accounts.hash_password(password)
        with self._change(by, f"new password for account {name}", name) as (cur, tx, record):
            before = self._existing(cur, name)
            cur.execute(
                self._backend.q(
                    "UPDATE editors SET password_hash = ?, password_changed_at = ? WHERE name = ?"
                ),
                (hashed, tx.at, name),
            )
            after = self._existing(cur, name)
            record.update(
                action="update", before=before.public(), after={**after.public(), "password_changed": True}
            )
        return after

    def set_editor_disabled(self, name: str, disabled: bool, *, by: str = "cli") -> EditorAccount:
        """Disable an account (it cannot sign in, its sessions cannot write) or enable it."""
        name = _account_name(name)
        verb = "disable" if disabled else "enable"
        with self._change(by, f"{verb} account {name}", name) as (cur, _, record):
            before = self._existing(cur, name)
            cur.execute(
                self._backend.q("UPDATE editors SET disabled = ? WHERE name = ?"), (bool(disabled), name)
            )
            after = self._existing(cur, name)
            record.update(action="update", before=before.public(), after=after.public())
        return after

    def undo_last(self, *, by: str = "cli", expected: int | None = None) -> Change:
        """The administrator's undo (`zonemap db undo`): the latest change not yet undone,
        whoever made it, as a new change recorded under `by` (`undo_latest`)."""
        require_latest(self._backend)
        who = " ".join(str(by or "").split())[:128] or "cli"
        with self._backend.write() as cur:
            return undo_latest(self._backend, cur, who, role="admin", expected=expected)


def _account_name(name: str) -> str:
    """An existing account's name as stored: a name that breaks the rules names none."""
    try:
        return accounts.normalise_name(name)
    except accounts.AccountError:
        raise UnknownEditorError(str(name)) from None
