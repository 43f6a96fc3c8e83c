"""`zonemap geocode` (names to places) and `zonemap controller` (who held a place on a date)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from .. import zones
from ..dataset import Dataset
from ..gazetteer import Resolution
from ..model import Place
from .output import echo, echo_json
from .params import DATE, JSON, closest_names, resolve_place
from .session import dataset


@click.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--context", default="", help="Text around the names, used to disambiguate.")
@JSON
def geocode(names: tuple[str, ...], context: str, as_json: bool) -> None:
    """Resolve place names (Arabic, English or Kurdish) to gazetteer places."""
    ds = dataset()
    found = [(name, ds.gazetteer.resolve(name, context=context)) for name in names]
    if as_json:
        echo_json([_place_json(res) if res else _unknown_json(ds, name) for name, res in found])
    else:
        for name, res in found:
            echo(_place_line(res) if res else _unknown_line(ds, name))
    if any(res is None for _, res in found):
        sys.exit(1)


def _place_json(res: Resolution) -> dict[str, Any]:
    lat, lon = res.place.point
    return {
        "query": res.query,
        "id": res.place.id,
        "name_en": res.place.name_en,
        "name_ar": res.place.name_ar,
        "kind": res.place.kind.value,
        "lat": round(lat, 5),
        "lon": round(lon, 5),
        "score": res.score,
        "alternatives": [
            {"id": p.id, "name_en": p.name_en, "kind": p.kind.value, "rank": r} for p, r in res.alternatives
        ],
    }


def _unknown_json(ds: Dataset, name: str) -> dict[str, Any]:
    """No match (`id` null): the places with the closest names, by name (their ids apart)."""
    close = ds.gazetteer.search(name, limit=5)
    return {
        "query": name,
        "id": None,
        "suggestions": closest_names(ds.gazetteer, name, limit=5),
        "suggested_ids": [r.place.id for r in close],
    }


def _place_line(res: Resolution) -> str:
    item = _place_json(res)
    return (
        f"{item['query']}: {item['id']} ({item['name_en']}, {item['kind']}) "
        f"{item['lat']}, {item['lon']} score {item['score']}"
    )


def _unknown_line(ds: Dataset, name: str) -> str:
    close = closest_names(ds.gazetteer, name, limit=5)
    return f"{name}: unknown; " + (
        f"did you mean {', '.join(close)}?" if close else "no place has a name close to it"
    )


@click.command()
@click.argument("place")
@click.option(
    "--date", "day", type=DATE, help="YYYY-MM-DD (default: the latest control-zone snapshot, as on the map)."
)
@JSON
def controller(place: str, day: dt.date | None, as_json: bool) -> None:
    """Who controlled PLACE (an id or a name) on a date."""
    ds = dataset()
    day = day or zones.latest_snapshot(ds.zones) or dt.date.today()
    target = resolve_place(ds.gazetteer, place)
    result = _control(ds, target, day)
    if as_json:
        echo_json(result)
        return
    who = result["faction_name"] or "no zone"
    note = "" if result["snapshot_exact"] else f" (nearest earlier snapshot: {result['snapshot']})"
    echo(f"{target.name_en} on {day}: {who}{note}")


def _control(ds: Dataset, target: Place, day: dt.date) -> dict[str, Any]:
    """Who held `target` on `day`, from the control-zone snapshot in force then."""
    snap = zones.snapshot_on(ds.zones, day)
    if snap is None:
        first = zones.snapshot_dates(ds.zones)
        raise click.ClickException(
            f"no control-zone snapshot covers {day}; the earliest is {first[0] if first else 'none'}"
        )
    zone = zones.controller(target, day, ds.zones)
    faction = ds.factions.get(zone.faction) if zone else None
    return {
        "place": target.id,
        "date": day.isoformat(),
        "faction": zone.faction if zone else None,
        "faction_name": faction.name_en if faction else None,
        "zone_source": zone.source if zone else None,
        "confidence": zone.confidence.value if zone else None,
        "snapshot": snap.as_of.isoformat(),
        "snapshot_exact": snap.exact,
    }


def register(group: click.Group) -> None:
    group.add_command(geocode)
    group.add_command(controller)
