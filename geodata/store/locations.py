"""The `locations` table: one row per (event, location), what a view filters and groups on,
kept in step with events, places and zones inside the transaction that changes them.

An event's locations are its places, each at the place's point (a polygon's representative
point; a place the database lacks is looked up among the shipped reference places), with the
event's `geo_precision`; an event without places is located at the coordinates its import kept
(`attrs` latitude/longitude, e.g. ACLED's or UCDP's, rounded to 1e-5 degrees, about a metre, as
`views.point_key` shows them, so that the rows of one coordinate group exactly) and labelled
with the location name kept there (ACLED `location`, UCDP `where_coordinates`) -- such a
coordinate is no gazetteer place unless an editor promotes it (`SqlEditor.promote_location`).
An event with neither has one row without coordinates, so that every event has a row to filter
on.

Each row also holds the event's day (`since`, else its date) and date as ordinals, type,
actor, target, mediator and review, and the faction that held the location on that day
(`zoning.py`). `Tx` calls `written`/`deleted` for every write of events, places and zones, and
`settle` at the end of the transaction (zone changes reassign the rows of the days they cover).
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import shapely.geometry

from . import rows
from .backend import Backend
from .reads import CHUNK, Reads
from .zoning import ZoneIndex, ZoneRow

COLUMNS = (
    "event_id",
    "place_id",
    "lon",
    "lat",
    "precision",
    "day",
    "date",
    "type",
    "actor",
    "target",
    "mediator",
    "review",
    "label",
    "faction",
    "n_rows",
)
LABEL_KEYS = ("location", "where_coordinates")  # the location's name in an import's attrs
PLACES_REV = "places_rev"  # meta: the change that last wrote places (a cache key)
COPY_MIN = 100  # rows from which PostgreSQL inserts them with COPY
EPOCH = "locations_epoch"  # meta, as `columns.EPOCH`: bumped when rows change in place
_FALLBACK_POINTS: weakref.WeakKeyDictionary[Backend, dict[str, tuple[float, float]]] = (
    weakref.WeakKeyDictionary()
)

Point = tuple[float, float]  # lon, lat


def insert_sql(backend: Backend) -> str:
    marks = ", ".join("?" * len(COLUMNS))
    return backend.q(f"INSERT INTO locations ({', '.join(COLUMNS)}) VALUES ({marks})")


def copy_or_insert(r: Reads, table: str, columns: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
    """Insert rows: PostgreSQL's COPY for many (several times faster than INSERT), else one
    INSERT executed for each."""
    if r.b.name == "postgresql" and len(values) >= COPY_MIN:
        with r.cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    marks = ", ".join("?" * len(columns))
    r.cur.executemany(r.b.q(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"), values)


def place_point(geom: Any) -> Point:
    """Where a place's events are shown: its point, or a point inside its polygon."""
    p = geom if isinstance(geom, shapely.geometry.Point) else geom.representative_point()
    return (p.x, p.y)


def coordinates_of(attrs: Mapping[str, Any] | None) -> Point | None:
    """The coordinates an import kept beside an event (None when there are none)."""
    if not attrs:
        return None
    try:
        lon, lat = float(attrs["longitude"]), float(attrs["latitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
        return None
    return (round(lon, 5), round(lat, 5))  # one coordinate per `views.point_key`


def label_of(attrs: Mapping[str, Any] | None) -> str | None:
    for key in LABEL_KEYS:
        value = (attrs or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def ordinal(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def event_rows(doc: Mapping[str, Any], points: Mapping[str, Point | None]) -> list[list[Any]]:
    """The location rows of one event document (faction still None)."""
    attrs = doc.get(rows.ATTRS)
    places = list(dict.fromkeys(doc.get("places") or ()))
    locs: list[tuple[str | None, Point | None, str | None]]
    if places:
        locs = [(pid, points.get(pid), None) for pid in places]
    else:
        locs = [(None, coordinates_of(attrs), label_of(attrs))]
    head = [
        doc.get("geo_precision") or 1,
        ordinal(doc.get("since") or doc["date"]),
        ordinal(doc["date"]),
        doc["type"],
        doc.get("actor"),
        doc.get("target"),
        doc.get("mediator"),
        doc["review"],
    ]
    return [
        [doc["id"], pid, *(pt if pt else (None, None)), *head, label, None, len(locs)]
        for pid, pt, label in locs
    ]


def fallback_points(backend: Backend) -> dict[str, Point]:
    """The points of the shipped reference places (read once per backend)."""
    found = _FALLBACK_POINTS.get(backend)
    if found is None:
        found = {p.id: place_point(p.geometry) for p in backend.fallback_places()}
        _FALLBACK_POINTS[backend] = found
    return found


def zone_rows(r: Reads) -> list[ZoneRow]:
    b = r.b
    out = []
    for faction, valid_from, geom in r._ex(
        f"SELECT faction, valid_from, {b.geom_select} FROM zones"
    ).fetchall():
        start = valid_from if isinstance(valid_from, dt.date) else dt.date.fromisoformat(valid_from)
        out.append(ZoneRow(faction, start, b.load_geom(geom)))
    return out


class LocationSync:
    """The location rows one transaction (`r`: a `Tx`, or `Reads` in a migration) writes."""

    def __init__(self, r: Reads) -> None:
        self.r = r
        self.points: dict[str, Point | None] = {}
        self._zones: ZoneIndex | None = None
        self.zones_from: int | None = None  # zones changed: reassign rows from this day on

    @property
    def zones(self) -> ZoneIndex:
        if self._zones is None:
            self._zones = ZoneIndex.build(zone_rows(self.r))
        return self._zones

    def _points_of(self, place_ids: Iterable[str]) -> None:
        missing = [p for p in dict.fromkeys(place_ids) if p not in self.points]
        b, fallback = self.r.b, fallback_points(self.r.b)
        for i in range(0, len(missing), CHUNK):
            part = missing[i : i + CHUNK]
            sql = f"SELECT id, {b.geom_select} FROM places WHERE id IN ({', '.join('?' * len(part))})"
            found = {pid: place_point(b.load_geom(g)) for pid, g in self.r._ex(sql, part)}
            for pid in part:
                self.points[pid] = found.get(pid) or fallback.get(pid)

    def _insert(self, new: list[list[Any]]) -> None:
        if not new:
            return
        known = [row for row in new if row[2] is not None]
        factions = self.zones.assign(
            [row[2] for row in known], [row[3] for row in known], [row[5] for row in known]
        )
        for row, faction in zip(known, factions, strict=True):
            row[13] = faction
        copy_or_insert(self.r, "locations", COLUMNS, new)

    def add_events(self, docs: Sequence[Mapping[str, Any]]) -> None:
        self._points_of(p for d in docs for p in d.get("places") or ())
        self._insert([row for d in docs for row in event_rows(d, self.points)])

    def delete_events(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), CHUNK):
            part = list(ids[i : i + CHUNK])
            self.r._ex(f"DELETE FROM locations WHERE event_id IN ({', '.join('?' * len(part))})", part)

    def written(
        self, table: str, docs: Sequence[Mapping[str, Any]], before: Mapping[str, Mapping[str, Any]]
    ) -> None:
        """`docs` were inserted or replaced in `table`; `before`: the replaced documents."""
        if table == "events":
            replaced = [d["id"] for d in docs if d["id"] in before]
            if replaced:
                self.delete_events(replaced)
            self.add_events(docs)
        elif table == "places":
            self._places_moved([d["id"] for d in docs])
        elif table == "zones":
            self._zones_changed([*docs, *(before[d["id"]] for d in docs if d["id"] in before)])

    def deleted(self, table: str, ids: Sequence[str], before: Mapping[str, Mapping[str, Any]]) -> None:
        if table == "events":
            self.delete_events(ids)
        elif table == "places":
            self._places_moved(ids)
        elif table == "zones":
            self._zones_changed([before[i] for i in ids if i in before])

    def _places_moved(self, ids: Sequence[str]) -> None:
        """Places written or deleted: their rows move to the place's (new) point."""
        for pid in ids:
            self.points.pop(pid, None)
        self._points_of(ids)
        for i in range(0, len(ids), CHUNK):
            part = list(ids[i : i + CHUNK])
            found = self.r._ex(
                f"SELECT rid, place_id, day FROM locations WHERE place_id IN ({', '.join('?' * len(part))})",
                part,
            ).fetchall()
            self._move([(rid, self.points.get(pid), day) for rid, pid, day in found])
        set_meta(self.r, PLACES_REV, str(getattr(self.r, "change_id", 0)))

    def _move(self, moves: list[tuple[int, Point | None, int]]) -> None:
        known = [(rid, pt, day) for rid, pt, day in moves if pt is not None]
        factions = self.zones.assign(
            [pt[0] for _, pt, _ in known], [pt[1] for _, pt, _ in known], [day for _, _, day in known]
        )
        params: list[tuple[Any, ...]] = [
            (pt[0], pt[1], f, rid) for (rid, pt, _), f in zip(known, factions, strict=True)
        ]
        params += [(None, None, None, rid) for rid, pt, _ in moves if pt is None]
        self.r.cur.executemany(
            self.r.b.q("UPDATE locations SET lon = ?, lat = ?, faction = ? WHERE rid = ?"), params
        )
        if params:
            self._changed_in_place()

    def _zones_changed(self, docs: Sequence[Mapping[str, Any]]) -> None:
        self._zones = None
        first = min((ordinal(d["valid_from"]) for d in docs), default=None)
        if first is not None:
            self.zones_from = first if self.zones_from is None else min(self.zones_from, first)

    def settle(self) -> None:
        """At the end of the transaction: reassign the rows of the days changed zones cover."""
        if self.zones_from is None:
            return
        since, self.zones_from = self.zones_from, None
        cur = self.r._ex(
            "SELECT rid, lon, lat, day, faction FROM locations WHERE lon IS NOT NULL AND day >= ?", [since]
        )
        changed: list[tuple[Any, ...]] = []
        while batch := cur.fetchmany(100_000):
            factions = self.zones.assign([r[1] for r in batch], [r[2] for r in batch], [r[3] for r in batch])
            changed += [(f, r[0]) for r, f in zip(batch, factions, strict=True) if f != r[4]]
        self.r.cur.executemany(self.r.b.q("UPDATE locations SET faction = ? WHERE rid = ?"), changed)
        if changed:
            self._changed_in_place()

    def _changed_in_place(self) -> None:
        """Rows were updated, not replaced: a columnar cache must read them all again."""
        set_meta(self.r, EPOCH, str(getattr(self.r, "change_id", 0)))


def set_meta(r: Reads, key: str, value: str) -> None:
    r._ex("DELETE FROM meta WHERE key = ?", [key])
    r._ex("INSERT INTO meta (key, value) VALUES (?, ?)", [key, value])


def backfill(backend: Backend, cur: Any) -> None:
    """Fill `locations` from the events a database holds (migration 5)."""
    r = Reads(backend, cur)
    sync = LocationSync(r)
    last = ""
    while True:
        batch = r._ex(
            "SELECT id, type, date, review, data, attrs FROM events WHERE id > ? ORDER BY id LIMIT 5000",
            [last],
        ).fetchall()
        if not batch:
            break
        last = batch[-1][0]
        docs = []
        for rid, kind, day, review, data, attrs in batch:
            doc = rows.document_of_row(
                "events", backend.load_json(data) or {}, None, backend.load_json(attrs)
            )
            # The columns are what a view filters on, whatever an older row's document lacks.
            docs.append({**doc, "id": rid, "type": kind, "date": str(day), "review": review})
        sync.add_events(docs)
    set_meta(r, PLACES_REV, "0")


def points_near(lon: float, lat: float, tolerance: float = 5e-6) -> tuple[str, list[float]]:
    """A WHERE clause (and its parameters) for rows at (lon, lat), as `views.point_key` rounds."""
    return (
        "place_id IS NULL AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
        [lon - tolerance, lon + tolerance, lat - tolerance, lat + tolerance],
    )
