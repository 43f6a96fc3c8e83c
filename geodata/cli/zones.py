"""`zonemap changes`: what changed hands between two dates, as the dashboard's change view shows
it: the area each faction held at both dates (km², equal-area) and the places whose controller
changed."""

from __future__ import annotations

from typing import Any

import click

from .. import zones
from ..dataset import Dataset
from .output import echo, echo_json
from .params import DATE, JSON
from .session import dataset


def curated_places(ds: Dataset) -> list[Any]:
    """The gazetteer's own towns, neighbourhoods and sites, not every village of the fallback
    list (thousands change hands when a government falls), nor its regions and administrative
    units (the area per faction tells what changed there)."""
    gaz = ds.gazetteer
    ids = getattr(gaz, "curated", None) or gaz.places
    return [
        gaz.places[pid]
        for pid in sorted(ids)
        if pid in gaz.places and gaz.places[pid].kind not in zones.AREA_KINDS
    ]


def report(ds: Dataset, start: Any, end: Any) -> dict[str, Any]:
    """The changes between the snapshots shown on `start` and `end`, as plain data."""
    found = zones.changes(ds.zones, start, end)
    if found is None:
        first = zones.snapshot_dates(ds.zones)
        raise click.ClickException(
            f"no control-zone snapshot covers {start}; the earliest is {first[0] if first else 'none'}"
        )
    name = {fid: f.name_en for fid, f in ds.factions.items()}
    factions = sorted(set(found.km2_start) | set(found.km2_end), key=lambda f: name.get(f, f))
    moved = zones.changed_places(curated_places(ds), start, end, ds.zones, found)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "from_snapshot": found.start.as_of.isoformat(),
        "to_snapshot": found.end.as_of.isoformat(),
        "area_km2": [
            {
                "faction": f,
                "name": name.get(f, f),
                "from": round(found.km2_start.get(f, 0.0)),
                "to": round(found.km2_end.get(f, 0.0)),
            }
            for f in factions
        ],
        "changed_hands": [{"from": h.before, "to": h.after, "km2": round(h.km2)} for h in found.handovers],
        "places": [
            {
                "place": p.id,
                "name": p.name_en,
                "from": a.faction if a else None,
                "to": b.faction if b else None,
            }
            for p, a, b in sorted(moved, key=lambda m: m[0].name_en)
        ],
    }


def _print(data: dict[str, Any]) -> None:
    echo(
        f"From {data['from']} (snapshot {data['from_snapshot']}) to {data['to']} "
        f"(snapshot {data['to_snapshot']})"
    )
    echo("\nArea held (km², equal-area projection):")
    for row in data["area_km2"]:
        change = row["to"] - row["from"]
        echo(f"  {row['name']:<45} {row['from']:>9,} {row['to']:>9,} {change:>+10,}")
    echo("\nChanged hands:" if data["changed_hands"] else "\nNothing changed hands.")
    for h in data["changed_hands"]:
        echo(f"  {h['from']} → {h['to']}: {h['km2']:,} km²")
    echo(f"\nPlaces whose controller changed ({len(data['places'])}):")
    for p in data["places"]:
        echo(f"  {p['name']} ({p['place']}): {p['from'] or 'no zone'} → {p['to'] or 'no zone'}")


@click.command()
@click.option("--from", "start", type=DATE, required=True, help="The earlier date, YYYY-MM-DD.")
@click.option("--to", "end", type=DATE, help="The later date (default: the latest snapshot).")
@JSON
def changes(start: Any, end: Any, as_json: bool) -> None:
    """What changed hands between two dates: the area per faction at both dates and the places
    whose controller changed (the snapshots in force on each date are compared)."""
    if end is not None and end < start:
        raise click.ClickException(f"--to {end} is before --from {start}; swap them")
    ds = dataset()
    end = end or zones.latest_snapshot(ds.zones)
    if end is None or end < start:
        raise click.ClickException(f"no control-zone snapshot after {start}")
    data = report(ds, start, end)
    if as_json:
        echo_json(data)
    else:
        _print(data)


def register(group: click.Group) -> None:
    group.add_command(changes)
