"""`zonemap events`: the events of one place (and the places inside it) or of one type."""

from __future__ import annotations

import click

from ..events import filter_events, summary_en
from ..model import EventType
from .output import echo, echo_json
from .params import JSON, resolve_place
from .session import dataset


@click.command()
@click.option("--place", help="A place id or name.")
@click.option("--type", "etype", type=click.Choice([t.value for t in EventType]), help="An event type.")
@click.option("--drafts", is_flag=True, help="Include drafts under review (from `zonemap ingest`).")
@JSON
def events(place: str | None, etype: str | None, drafts: bool, as_json: bool) -> None:
    """List events, optionally of one place or type."""
    ds = dataset()
    places = ds.gazetteer.within(resolve_place(ds.gazetteer, place).id) if place else None
    found = filter_events(ds.events, types={etype} if etype else None, places=places, include_drafts=drafts)
    if as_json:
        echo_json([e.model_dump(mode="json") | {"summary_en": summary_en(e, ds)} for e in found])
        return
    for e in found:
        echo(f"{e.id}: {summary_en(e, ds)}")
    if not found:
        echo("no events match.")


def register(group: click.Group) -> None:
    group.add_command(events)
