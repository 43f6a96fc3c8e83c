"""What a command works on: the store the settings select (SQLite at ZONEMAP_DB, or
PostgreSQL at ZONEMAP_DATABASE_URL), the data it holds, and an editor's session for writing.

The CLI reads through the store, like the dashboard, so it shows what the dashboard shows,
edits and imports included. Writing needs an editor: the CLI signs in with
ZONEMAP_EDITOR_SECRET from the environment, as `--user`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import ValidationError
from ..settings import get_settings
from .errors import user_errors

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..store import Editor, Store


def opened_store() -> Store:
    """The store of the settings (created, migrated and seeded on first use); use it as a
    context manager, which closes it."""
    from ..store import open_store

    return open_store(get_settings())


def dataset() -> Dataset:
    """The data as the store holds it (seeded from the shipped files on first use)."""
    try:
        with opened_store() as store:
            return store.load_dataset()
    except ValidationError as exc:
        raise click.ClickException(
            f"the data is invalid; run `zonemap validate` for details.\n{exc}"
        ) from exc


def editor(store: Store, user: str) -> Editor:
    """`store` with write methods for `user`, signed in with ZONEMAP_EDITOR_SECRET."""
    with user_errors("writing needs an editor: "):
        return store.as_editor(user, get_settings().editor_secret)
