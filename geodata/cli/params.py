"""What the commands' arguments and options mean: the date type, the one place resolver, the
shared options, and `collected`, which hands a command with many options one object instead.

`resolve_place` is how every command turns a PLACE argument or `--place` option into a place:
an id, or a name in Arabic, English or Kurdish (misspellings included, through the
gazetteer's fuzzy fallback); an unknown one is one line naming the closest places by name.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from click.decorators import FC

from ..normalize import is_arabic

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..model import Place


class IsoDate(click.ParamType):
    """A YYYY-MM-DD option as a date; anything else is a usage error that says the format."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2021-01-20", param, ctx)


DATE = IsoDate()

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def default_user() -> str:
    """Who a change is recorded under when `--user`/`--by` is not given."""
    return os.environ.get("ZONEMAP_USER") or os.environ.get("USER") or os.environ.get("LOGNAME") or "cli"


def user_option(help_text: str, name: str = "--user") -> Callable[[FC], FC]:
    """The option that names who is making a change (default: $ZONEMAP_USER, then $USER)."""
    return click.option(name, default=default_user, show_default="$ZONEMAP_USER or $USER", help=help_text)


def collected(cls: Callable[..., Any]) -> Callable[[Callable[[Any], None]], Callable[..., None]]:
    """Hand a click command its options as one object, `cls(**options)` (a small dataclass):
    a command with many options then takes one parameter. Put it under the click decorators."""

    def decorate(command: Callable[[Any], None]) -> Callable[..., None]:
        @functools.wraps(command)
        def callback(**options: Any) -> None:
            command(cls(**options))

        return callback

    return decorate


# -- places ------------------------------------------------------------------------------------


def resolve_place(gazetteer: Gazetteer, value: str) -> Place:
    """The place `value` names: an id, else the gazetteer's best match for a name in Arabic,
    English or Kurdish. Unknown: a ClickException (exit status 1) naming the closest places."""
    if value in gazetteer.places:
        return gazetteer.places[value]
    found = gazetteer.resolve(value)
    if found is None:
        close = closest_names(gazetteer, value)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise click.ClickException(f"no place named {value!r}.{hint}")
    return found.place


def closest_names(gazetteer: Gazetteer, value: str, limit: int = 3) -> list[str]:
    """The names of the places whose names come closest to `value`, in its script (Arabic
    names for an Arabic query, English ones otherwise); a name shared by two of them is
    followed by its place's id, so that the user can tell them apart."""
    places = [r.place for r in gazetteer.search(value, limit=limit)]
    names = [p.name_ar if is_arabic(value) else p.name_en for p in places]
    return [
        f"{name} ({p.id})" if names.count(name) > 1 else name for name, p in zip(names, places, strict=True)
    ]
