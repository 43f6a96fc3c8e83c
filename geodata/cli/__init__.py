"""The `zonemap` command line: the click group `main`, and `run`, the console script.

Every command module adds its commands through its `register(group)`, called for each module
in `register_commands`, the one list of them:

- `validate`: validate (data files, every problem with file, record and field)
- `places`: geocode, controller
- `zones`: changes (what changed hands between two dates)
- `events`: events
- `serve`: serve (the dashboard)
- `db`: db init|migrate|status|log|undo
- `transfer`: import, export
- `extract`: extract, ingest, eval
- `editors`: editors add|list|passwd|disable|enable|remove

and draw on the helpers beside them: `errors` (the one translator of a user's error into an
`Error:` line and exit status 1, which `main` applies around every command), `params` (the date
type, the one place resolver, shared options), `session` (the store, its data, an editor) and
`output` (printing that never fails on text the terminal cannot encode). Command modules import
helpers only, never this package or one another.
"""

from __future__ import annotations

import logging

import click

from . import db, editors, events, extract, places, serve, transfer, validate, zones
from .errors import CommandGroup

__all__ = ["main", "register_commands", "run"]


@click.group(cls=CommandGroup)
@click.option("-v", "--verbose", is_flag=True, help="Log what is being done.")
def main(verbose: bool) -> None:
    """Zonemap: news events on a map of who controls what."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def register_commands(group: click.Group) -> None:
    """Add every command module's commands to `group`."""
    for module in (validate, places, events, serve, db, transfer, extract, editors, zones):
        module.register(group)


register_commands(main)


def run() -> None:
    """The `zonemap` console script."""
    main()
