"""A Dataset is everything the map shows: places, actors, factions, zones, sources, events.

`read_dataset` parses a data directory and returns the problems found alongside whatever
parsed; `load_dataset` refuses data with problems. The store (issue 4) builds the same object.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from . import validation as v
from .actors import ActorLexicon
from .errors import DataFileError, FieldProblem, Problem, ValidationError
from .formats.geojson import read_features, read_records
from .formats.records import RawRecord, parse
from .gazetteer import Gazetteer, load_fallback
from .model import Actor, ControlZone, Event, Faction, Place, Source

DATA_DIR = Path(__file__).parent / "data"  # the shipped (seed) data
PLACES = "places.geojson"
LOCALITIES = "localities.csv"
FACTIONS = "factions.json"
ACTORS = "actors.json"
SOURCES = "sources.json"
EVENTS = "events.json"
ZONES_DIR = "zones"
OUTLINE = "syria_admin0.geojson"  # OCHA's; the zones are clipped to syria_outline.geojson


@dataclass(frozen=True, eq=False)
class Dataset:
    gazetteer: Gazetteer
    actors: dict[str, Actor]
    factions: dict[str, Faction]
    zones: list[ControlZone]
    events: list[Event]
    sources: dict[str, Source] = field(default_factory=dict)

    def place(self, place_id: str) -> Place:
        return self.gazetteer.get(place_id)

    @cached_property
    def lexicon(self) -> ActorLexicon:
        return ActorLexicon(self.actors.values())

    @cached_property
    def outline(self) -> BaseGeometry | None:
        """Syria's outline as shipped, which imported places must lie in (None when it cannot
        be read: it is a nicety there, and the store checks again)."""
        try:
            return read_outline()
        except Exception:  # a missing or broken outline file must not stop an import
            return None

    def with_events(self, events: list[Event]) -> Dataset:
        """A copy with other events (e.g. drafts under review, or a test's fixtures)."""
        return Dataset(
            self.gazetteer,
            self.actors,
            self.factions,
            self.zones,
            events,
            {**self.sources, **{e.source.id: e.source for e in events}},
        )


def read_outline(data_dir: Path = DATA_DIR) -> BaseGeometry | None:
    path = data_dir / OUTLINE
    if not path.exists():
        path = DATA_DIR / OUTLINE
    records = list(read_features(path))
    return records[0].data["geometry"] if records else None


def _file_problem(exc: DataFileError, path: Path) -> Problem:
    return Problem(str(path), "-", "(file)", str(exc).removeprefix(f"{path}: "))


def read_dataset(
    data_dir: Path = DATA_DIR, source_texts: Mapping[str, str] | None = None
) -> tuple[Dataset, list[Problem]]:
    """Parse every file of a data directory; return what parsed and every problem found."""
    problems: list[Problem] = []

    def read(name: str, reader: Callable[[Path], Iterator[RawRecord]]) -> list[RawRecord]:
        """The records of one file; an unreadable file is one problem, not a traceback."""
        path = data_dir / name
        try:
            return list(reader(path))
        except DataFileError as exc:
            problems.append(_file_problem(exc, path))
            return []

    def features(name: str) -> list[RawRecord]:
        return read(name, read_features)

    def records(name: str) -> list[RawRecord]:
        return read(name, read_records)

    raw_places = features(PLACES)
    places, p = parse(raw_places, Place, geometry={"Point", "Polygon", "MultiPolygon"})
    problems += p
    problems += v.check_places(
        places, str(data_dir / PLACES), read_outline(data_dir), known_ids=[r.record_id for r in raw_places]
    )
    factions_list, p = parse(records(FACTIONS), Faction)
    problems += p
    factions = {f.id: f for f in factions_list}
    actors_list, p = parse(records(ACTORS), Actor)
    problems += p + v.check_actors(actors_list, factions, str(data_dir / ACTORS))

    zones = _read_zones(data_dir, features, factions, problems)

    sources_list, p = parse(records(SOURCES), Source)
    problems += p
    sources = {s.id: s for s in sources_list}
    events_file = str(data_dir / EVENTS)
    events, p = parse(records(EVENTS), Event, prepare=functools.partial(_with_source, sources))
    problems += p
    gazetteer = Gazetteer.build(places, load_fallback(data_dir / LOCALITIES))
    actors = {a.id: a for a in actors_list}
    texts = dict(source_texts or {})
    problems += v.check_source_hashes(sources_list, texts, str(data_dir / SOURCES))
    problems += v.check_events(events, gazetteer.places, actors, events_file, texts)
    return Dataset(gazetteer, actors, factions, zones, events, sources), problems


def _read_zones(
    data_dir: Path,
    features: Callable[[str], list[RawRecord]],
    factions: Mapping[str, Faction],
    problems: list[Problem],
) -> list[ControlZone]:
    """The zones of every snapshot file; their problems are added to `problems`."""
    zones: list[ControlZone] = []
    zone_files: dict[str, str] = {}
    zone_dir = data_dir / ZONES_DIR
    for path in sorted(zone_dir.glob("*.geojson")) if zone_dir.is_dir() else []:
        got, p = parse(
            features(f"{ZONES_DIR}/{path.name}"), ControlZone, geometry={"Polygon", "MultiPolygon"}
        )
        problems += p
        zones += got
        zone_files.update({z.id: str(path) for z in got})
    problems += v.check_zones(zones, factions, zone_files)
    return zones


def _with_source(sources: Mapping[str, Source], data: dict) -> dict:
    """An event's source id becomes the source of that id."""
    sid = data.get("source")
    if isinstance(sid, str):
        if sid not in sources:
            raise FieldProblem("source", f"unknown source id {sid!r} (not in {SOURCES})")
        return {**data, "source": sources[sid]}
    return data


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """The data of a directory (the shipped data by default); raises ValidationError listing
    every problem when there is any."""
    dataset, problems = read_dataset(data_dir)
    if problems:
        raise ValidationError(problems)
    return dataset


def kind_of_file(path: Path) -> str:
    """Which part of a dataset a single file holds, judged by its content."""
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path}: cannot be read as JSON ({exc})") from exc
    except RecursionError:
        raise DataFileError(f"{path}: JSON nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise DataFileError(f"{path}: cannot be read as JSON ({exc})") from None
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        props = [f.get("properties") or {} for f in doc.get("features") or [] if isinstance(f, dict)]
        if any("faction" in p for p in props):
            return ZONES_DIR
        return PLACES
    if isinstance(doc, list):
        first = next((r for r in doc if isinstance(r, dict)), {})
        for key, name in (
            ("evidence", EVENTS),
            ("type", EVENTS),
            ("outlet", SOURCES),
            ("aliases", ACTORS),
            ("colour", FACTIONS),
        ):
            if key in first:
                return name
    raise DataFileError(
        f"{path}: not a Zonemap data file (places, zones, actors, factions, "
        "sources or events); see docs/data-formats.md"
    )


def read_dataset_with(
    path: Path, source_texts: Mapping[str, str] | None = None
) -> tuple[Dataset, list[Problem]]:
    """Validate one file in the company of the shipped data (so its references resolve)."""
    import shutil
    import tempfile

    kind = kind_of_file(path)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, root, ignore=shutil.ignore_patterns("__pycache__"))
        if kind == ZONES_DIR:
            shutil.rmtree(root / ZONES_DIR, ignore_errors=True)
            (root / ZONES_DIR).mkdir()
            target = root / ZONES_DIR / path.name
        else:
            target = root / kind
        shutil.copyfile(path, target)
        dataset, problems = read_dataset(root, source_texts)
    shown = str(path)
    return dataset, [
        Problem(shown if p.file == str(target) else p.file, p.record, p.field, p.reason) for p in problems
    ]
