"""The `zonemap` command line. Errors a user can cause end as one line and exit status 1 or 2,
never a traceback (click.ClickException / click.BadParameter)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from .. import zones as zones_mod
from ..dataset import Dataset, read_dataset, read_dataset_with
from ..errors import DataFileError, ValidationError, ZonemapError
from ..events import filter_events, summary_en
from ..gazetteer import Resolution
from ..model import EventType, Place
from ..settings import get_settings
from .params import iso_date

DEFAULT_DATE = dt.date(2021, 1, 20)


def _dataset() -> Dataset:
    """The data as the store holds it (seeded from the shipped files on first use), so that the
    CLI shows what the dashboard shows, edits and imports included."""
    from ..store import open_store

    try:
        with open_store(get_settings()) as store:
            return store.load_dataset()
    except ValidationError as exc:
        raise click.ClickException(
            f"the data is invalid; run `zonemap validate` for details.\n{exc}"
        ) from exc


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
        "alternatives": [{"id": p.id, "name_en": p.name_en, "kind": p.kind.value, "rank": r}
                         for p, r in res.alternatives],
    }


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what is being done.")
def main(verbose: bool) -> None:
    """Zonemap: news events on a map of who controls what."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--text", "texts", multiple=True, metavar="SOURCE_ID=FILE",
              help="A source's text, to check that each quote is at its offsets. Repeatable.")
def validate(path: Path | None, texts: tuple[str, ...]) -> None:
    """Check a data directory or one data file (default: the shipped data); list every
    problem with file, record and field. Exit 0 when valid, 1 otherwise."""
    source_texts = {}
    for item in texts:
        sid, sep, file = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: expected SOURCE_ID=FILE", param_hint="--text")
        try:
            source_texts[sid] = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {file}: {exc}", param_hint="--text") from None
    settings = get_settings()
    if settings.sources_dir:
        from ..validation import read_source_texts

        ds, _ = read_dataset(settings.data_dir)
        source_texts = {**read_source_texts(settings.sources_dir, list(ds.sources.values())),
                        **source_texts}
    target = path or settings.data_dir
    if not target.exists():
        raise click.ClickException(f"{target}: no such file or directory")
    try:
        if target.is_dir():
            _, problems = read_dataset(target, source_texts)
        else:
            _, problems = read_dataset_with(target, source_texts)
    except DataFileError as exc:
        raise click.ClickException(str(exc)) from None
    for p in problems:
        click.echo(str(p))
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo(f"{target}: valid.")


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--context", default="", help="Text around the names, used to disambiguate.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def geocode(names: tuple[str, ...], context: str, as_json: bool) -> None:
    """Resolve place names (Arabic, English or Kurdish) to gazetteer places."""
    ds = _dataset()
    out: list[dict[str, Any]] = []
    unknown = 0
    for name in names:
        res = ds.gazetteer.resolve(name, context=context)
        if res is None:
            unknown += 1
            out.append({"query": name, "id": None,
                        "suggestions": [r.place.id for r in ds.gazetteer.search(name, limit=5)]})
        else:
            out.append(_place_json(res))
    if as_json:
        _echo_json(out)
    else:
        for item in out:
            if item["id"] is None:
                click.echo(f"{item['query']}: unknown; did you mean {', '.join(item['suggestions'])}?")
            else:
                click.echo(f"{item['query']}: {item['id']} ({item['name_en']}, {item['kind']}) "
                           f"{item['lat']}, {item['lon']} score {item['score']}")
    if unknown:
        sys.exit(1)


def _place_arg(ds: Dataset, value: str) -> Place:
    if value in ds.gazetteer.places:
        return ds.gazetteer.places[value]
    res = ds.gazetteer.resolve(value)
    if res is None:
        close = [r.place.id for r in ds.gazetteer.search(value, limit=3)]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise click.ClickException(f"no place named {value!r}.{hint}")
    return res.place


@main.command()
@click.argument("place")
@click.option("--date", "day", callback=iso_date, help="YYYY-MM-DD (default 2021-01-20).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def controller(place: str, day: dt.date | None, as_json: bool) -> None:
    """Who controlled PLACE (an id or a name) on a date."""
    ds = _dataset()
    day = day or DEFAULT_DATE
    target = _place_arg(ds, place)
    snap = zones_mod.snapshot_on(ds.zones, day)
    if snap is None:
        first = zones_mod.snapshot_dates(ds.zones)
        raise click.ClickException(
            f"no control-zone snapshot covers {day}; the earliest is {first[0] if first else 'none'}"
        )
    zone = zones_mod.controller(target, day, ds.zones)
    faction = ds.factions.get(zone.faction) if zone else None
    result = {
        "place": target.id, "date": day.isoformat(),
        "faction": zone.faction if zone else None,
        "faction_name": faction.name_en if faction else None,
        "zone_source": zone.source if zone else None,
        "confidence": zone.confidence.value if zone else None,
        "snapshot": snap.as_of.isoformat(), "snapshot_exact": snap.exact,
    }
    if as_json:
        _echo_json(result)
    else:
        who = result["faction_name"] or "no zone"
        note = "" if snap.exact else f" (nearest earlier snapshot: {snap.as_of})"
        click.echo(f"{target.name_en} on {day}: {who}{note}")


@main.command()
@click.option("--place", help="A place id or name.")
@click.option("--type", "etype", type=click.Choice([t.value for t in EventType]),
              help="An event type.")
@click.option("--drafts", is_flag=True, help="Include drafts under review (from `zonemap ingest`).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def events(place: str | None, etype: str | None, drafts: bool, as_json: bool) -> None:
    """List events, optionally of one place or type."""
    ds = _dataset()
    places = None
    if place:
        p = _place_arg(ds, place)
        places = ds.gazetteer.within(p.id)
    found = filter_events(ds.events, types={etype} if etype else None, places=places,
                          include_drafts=drafts)
    if as_json:
        _echo_json([e.model_dump(mode="json") | {"summary_en": summary_en(e, ds)} for e in found])
    else:
        for e in found:
            click.echo(f"{e.id}: {summary_en(e, ds)}")
        if not found:
            click.echo("no events match.")


@main.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="Port to serve on.")
@click.option("--address", default="127.0.0.1", show_default=True, help="Address to bind.")
def serve(port: int, address: str) -> None:
    """Serve the dashboard (Streamlit) on the shipped data."""
    app = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    if not app.exists():
        raise click.ClickException(f"{app} not found; run from a source checkout")
    cmd = [sys.executable, "-m", "streamlit", "run", str(app),
           "--server.port", str(port), "--server.address", address,
           "--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false",
           "--server.headless", "true"]
    click.echo(f"Serving Zonemap on http://{address if address != '0.0.0.0' else 'localhost'}:{port}")
    try:
        sys.exit(subprocess.call(cmd, cwd=app.parent.parent, env=os.environ.copy()))
    except KeyboardInterrupt:
        pass


from .extract import register as _register_extract; _register_extract(main)  # noqa: E402, E702, I001


from .transfer import register; register(main)  # noqa: E402, E702, I001


from .editors import register as _register_editors; _register_editors(main)  # noqa: E402, E702, I001


def run() -> None:
    try:
        main(standalone_mode=True)
    except ZonemapError as exc:  # a domain error that escaped a command: still one line
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
