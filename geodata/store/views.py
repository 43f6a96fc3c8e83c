"""What a view asks the store (`geodata.views` holds the questions and answers): a map's marks,
the events of a place, coordinate or cell a click opens, a page of the Events table, the events
per faction holding their location.

Aggregations (marks, totals, counts per faction) are computed over the columnar cache of the
`locations` table (`columns.py`, which says why). The events a popup or a page lists --
newest first (date, then id, descending) -- are picked there too: the cache selects the rows
of the newest days, one query reads their event ids by row id (by primary key; when one day
alone holds more rows than `columns.NEWEST_MAX`, SQL sorts the selection instead), and the
records are then read by id. A place's events are those at the place and at the places inside
it (`Gazetteer.within`: its descendants by parent, sub-district and governorate), read from the
store's place index (the database's places over the shipped reference places, rebuilt when
places change).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Hashable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import numpy as np

from ..gazetteer import Gazetteer
from ..kept import KeptFor
from ..model import Event, Place
from ..reference import layered
from ..views import BBox, EventFilter, MarkQuery, MarkSet, cell_size, point_key
from . import rows
from .backend import Backend
from .columns import Columns, cache_of, database_identity
from .errors import ArgumentError
from .locations import PLACES_REV
from .marks import PlaceNames, marks_of_columns, marks_sql
from .reads import CHUNK, Reads

Where = tuple[str, list[Any]]


# -- SQL pieces ------------------------------------------------------------------------------


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def filter_sql(f: EventFilter) -> Where:
    """The rows of `locations` an event filter selects, as a WHERE clause."""
    clauses: list[str] = ["day <= ?"]
    params: list[Any] = [f.day.toordinal()]
    if not f.include_drafts:
        clauses.append("review = ?")
        params.append("accepted")
    if f.types:
        clauses.append(f"type IN ({_marks(len(f.types))})")
        params += list(f.types)
    if f.actors:
        m = _marks(len(f.actors))
        clauses.append(f"(actor IN ({m}) OR target IN ({m}) OR mediator IN ({m}))")
        params += list(f.actors) * 3
    return " AND ".join(clauses), params


def bbox_sql(b: Backend, box: BBox) -> Where:
    """Rows inside a box: through the spatial index, then exactly."""
    west, south, east, north = box
    exact = "lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?"
    if b.name == "sqlite":
        return (
            f"rid IN (SELECT id FROM locations_rtree WHERE minx <= ? AND maxx >= ? AND "
            f"miny <= ? AND maxy >= ?) AND {exact}",
            [east, west, north, south, west, east, south, north],
        )
    return (
        f"geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND {exact}",
        [west, south, east, north, west, east, south, north],
    )


def cell_sql(b: Backend) -> Any:
    """How the database computes a cell index: floor(expr / size) (expr is never negative)."""
    if b.name == "sqlite":
        return lambda expr, size: f"CAST(({expr}) / {size!r} AS INTEGER)"
    return lambda expr, size: f"FLOOR(({expr}) / {size!r})::bigint"


def _and(*parts: Where) -> Where:
    return (" AND ".join(f"({s})" for s, _ in parts), [p for _, ps in parts for p in ps])


# -- the place index -------------------------------------------------------------------------


class PlaceIndex:
    """The places views name and nest: the database's over the shipped reference places, as
    the gazetteer layers them (`reference.layered`) -- without its name index, which views do
    not need and which takes seconds to build over the reference places."""

    def __init__(self, places: Sequence[Place], fallback: Sequence[Place], key: Any) -> None:
        curated = {p.id: p for p in places}
        extra, _, admin = layered(curated, fallback)
        self.gazetteer = Gazetteer(places={**curated, **extra}, curated=frozenset(curated), _admin=admin)
        self.key = key
        self._within: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    def name(self, place_id: str) -> str:
        place = self.gazetteer.places.get(place_id)
        return place.name_en if place is not None else place_id

    def kind(self, place_id: str) -> str | None:
        place = self.gazetteer.places.get(place_id)
        return place.kind.value if place is not None else None

    def within(self, place_id: str) -> frozenset[str]:
        with self._lock:
            if place_id not in self._within:
                self._within[place_id] = frozenset(self.gazetteer.within(place_id))
            return self._within[place_id]

    @property
    def names(self) -> PlaceNames:
        return PlaceNames(self.name, self.kind)


# One place index per database (as `columns.cache_of`: shared by every session's store).
_INDEXES: dict[Hashable, PlaceIndex] = {}
# Per columnar cache (by identity and revision) and filter: the places holding an event.
_BUSY: KeptFor[frozenset[str]] = KeptFor(64)


def _busy(cols: Columns, f: EventFilter) -> frozenset[str]:
    def found() -> frozenset[str]:
        values = cols.codes["place"].values
        return frozenset(values[c] for c in np.unique(cols.place[cols.mask(f) & (cols.place >= 0)]))

    return _BUSY.get(cols, found, cols.key, f)


_INDEX_LOCK = threading.Lock()


# -- the reads -------------------------------------------------------------------------------


class ViewReads:
    """The read methods of a store a view calls (mixed into `SqlReader`)."""

    _backend: Backend
    if TYPE_CHECKING:

        def _reading(self) -> AbstractContextManager[Reads]: ...

    def _columns(self) -> Columns:
        with self._reading() as r:
            key = int(r._ex("SELECT MAX(id) FROM changes").fetchone()[0] or 0)
        return cache_of(self._backend).get(self._backend, key)

    def _places(self) -> PlaceIndex:
        ident = database_identity(self._backend)  # before the read: it may read once itself
        with self._reading() as r:
            row = r._ex("SELECT value FROM meta WHERE key = ?", [PLACES_REV]).fetchone()
            key = row[0] if row else None
            with _INDEX_LOCK:
                found = _INDEXES.get(ident)
                if found is None or found.key != key:
                    found = _INDEXES[ident] = PlaceIndex(
                        r.models("places"), self._backend.fallback_places(), key
                    )
                    while len(_INDEXES) > 8:  # databases whose places a process keeps
                        del _INDEXES[next(iter(_INDEXES))]
        return found

    def warm(self) -> None:
        """Read what every view reads first -- the event columns (from their snapshot on disk
        when there is one) and the place index -- now, rather than on a reader's first view:
        both are kept per database for every store of the process (`dashboard.warm_up`)."""
        self._columns()
        self._places()

    def marks(self, q: MarkQuery) -> MarkSet:
        """The marks of a map view (see `geodata.views` and `marks.py`): at most `q.limit`."""
        _check_limit(q.limit)
        return marks_of_columns(self._columns(), q, self._places().names)

    def marks_sql(self, q: MarkQuery) -> MarkSet:
        """The same marks computed with SQL GROUP BY (the reference, and the benchmark's other
        contender): slower on a large table, see `columns.py`."""
        _check_limit(q.limit)
        b = self._backend
        names = self._places().names
        with self._reading() as r:
            where = _and(filter_sql(q.filter), bbox_sql(b, q.bbox.clamp()))
            return marks_sql(_Cursor(r), where, q, names, cell_sql(b))

    def faction_counts(self, f: EventFilter, bbox: BBox | None = None) -> dict[str | None, int]:
        """Events of the filter (in the box) by the faction that held their location on their
        day (None: no snapshot had begun, or no zone holds it); stored per write, never
        computed per view."""
        cols = self._columns()
        rows_ = np.nonzero(cols.mask(f, bbox.clamp() if bbox else None))[0]
        distinct = cols.distinct_events(rows_, cols.faction[rows_])
        counts = np.bincount(cols.faction[distinct] + 1, minlength=len(cols.values("faction")) + 1)
        factions = [None, *cols.values("faction")]
        return {factions[i]: int(n) for i, n in enumerate(counts.tolist()) if n}

    def event_count(self, f: EventFilter, bbox: BBox | None = None) -> int:
        """How many events the filter holds (in the box): the summary line's number."""
        cols = self._columns()
        return len(cols.distinct_events(np.nonzero(cols.mask(f, bbox.clamp() if bbox else None))[0]))

    def events_per_source(self, f: EventFilter) -> dict[str, int]:
        """Events of the filter by source id (one GROUP BY)."""
        where = filter_sql(f)
        with self._reading() as r:
            r._ex(
                "SELECT e.source_id, COUNT(*) FROM events e WHERE e.id IN (SELECT event_id FROM "
                f"locations WHERE {where[0]}) GROUP BY e.source_id",
                where[1],
            )
            return {src: int(n) for src, n in r.cur.fetchall()}

    def event_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of the stored events (None without events)."""
        with self._reading() as r:
            r._ex("SELECT MIN(day), MAX(day) FROM locations")
            lo, hi = r.cur.fetchone()
        return None if lo is None else (dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi)))

    def place_counts(self, f: EventFilter, place_ids: Sequence[str]) -> dict[str, int]:
        """Events of the filter at each of `place_ids` (at the place itself), one GROUP BY."""
        where = _and(filter_sql(f), self._in_places(list(place_ids)))
        with self._reading() as r:
            r._ex(
                f"SELECT place_id, COUNT(DISTINCT event_id) FROM locations WHERE {where[0]} "
                "GROUP BY place_id",
                where[1],
            )
            return {pid: int(n) for pid, n in r.cur.fetchall()}

    def events_by_id(self, ids: Sequence[str]) -> list[Event]:
        """The records of `ids` that exist, in that order (a popup's exchange counterparts)."""
        with self._reading() as r:
            return _events(r, list(dict.fromkeys(ids)))

    def places_with_events(self, f: EventFilter) -> frozenset[str]:
        """The places that hold an event `f` selects (at the place itself)."""
        return _busy(self._columns(), f)

    def place_events(self, place_id: str, f: EventFilter, limit: int) -> tuple[list[Event], int]:
        """The newest `limit` events at a place and the places inside it, and how many. A
        quiet place (most of a view's popups) is answered from the set of busy places, kept
        per filter, without a mask over every row and a read."""
        within = self._places().within(place_id)
        cols = self._columns()
        if within.isdisjoint(_busy(cols, f)):
            return [], 0
        ids = sorted(within)
        return self._listed(
            _and(filter_sql(f), self._in_places(ids)), cols.mask(f) & cols.at_places(ids), limit
        )

    def point_events(self, lon: float, lat: float, f: EventFilter, limit: int) -> tuple[list[Event], int]:
        """The events at a coordinate without place (as `views.point_key` rounds it)."""
        key = point_key(lon, lat)
        box = bbox_sql(self._backend, BBox(lon - 1e-5, lat - 1e-5, lon + 1e-5, lat + 1e-5))
        with self._reading() as r:
            found = r._ex(
                f"SELECT DISTINCT lon, lat FROM locations WHERE place_id IS NULL AND {box[0]}", box[1]
            ).fetchall()
        exact = [(x, y) for x, y in found if point_key(x, y) == key]
        if not exact:
            return [], 0
        where = (
            "place_id IS NULL AND (" + " OR ".join(["(lon = ? AND lat = ?)"] * len(exact)) + ")",
            [v for xy in exact for v in xy],
        )
        cols = self._columns()
        return self._listed(_and(filter_sql(f), where), cols.mask(f) & cols.at_points(exact), limit)

    def cell_events(self, zoom: int, i: int, j: int, f: EventFilter, limit: int) -> tuple[list[Event], int]:
        """The events in a clustering cell (`views.cell_of`)."""
        size = cell_size(zoom)
        box = BBox(i * size - 180.0, j * size - 90.0, (i + 1) * size - 180.0, (j + 1) * size - 90.0)
        cell = cell_sql(self._backend)
        exact = (f"{cell('lon + 180.0', size)} = ? AND {cell('lat + 90.0', size)} = ?", [i, j])
        cols = self._columns()
        return self._listed(
            _and(filter_sql(f), bbox_sql(self._backend, box), exact),
            cols.mask(f) & cols.in_cell(zoom, i, j),
            limit,
        )

    def events_page(
        self, f: EventFilter, place_id: str | None, offset: int, limit: int
    ) -> tuple[list[Event], int]:
        """One page of the Events table, newest first, and how many events the filter
        (and the place, with the places inside it) holds."""
        where, cols = filter_sql(f), self._columns()
        if place_id is None:
            return self._listed(where, cols.mask(f), limit, offset)
        ids = sorted(self._places().within(place_id))
        return self._listed(
            _and(where, self._in_places(ids)), cols.mask(f) & cols.at_places(ids), limit, offset
        )

    # -- helpers

    def _in_places(self, ids: Sequence[str]) -> Where:
        if self._backend.name == "sqlite":
            return "place_id IN (SELECT value FROM json_each(?))", [rows.dumps(list(ids))]
        return "place_id = ANY(?)", [list(ids)]

    def _listed(
        self, where: Where, selected: np.ndarray, limit: int, offset: int = 0
    ) -> tuple[list[Event], int]:
        """The events `offset` to `offset + limit` of a selection, newest first, and how many
        it holds. The columnar cache counts them and picks the rows of the newest days; SQL
        reads those rows by id (or, when one day holds too many, sorts the selection
        `where`)."""
        _check_limit(limit, at_least=0)
        if offset < 0:
            raise ArgumentError(f"`offset` was {offset} but is expected to be at least 0")
        cols = self._columns()
        total = len(cols.distinct_events(np.nonzero(selected)[0]))
        with self._reading() as r:
            ids: list[str] = []
            want = offset + limit
            while limit and total > offset:
                rids = cols.newest(selected, want)
                if rids is None:
                    ids = _newest(_Cursor(r), where, offset, limit)
                    break
                ids = _by_rid(r, rids)
                if len(ids) >= offset + limit or len(rids) == int(selected.sum()):
                    ids = ids[offset : offset + limit]
                    break
                want *= 2  # events with several rows in the selection: read further
            return _events(r, ids), total


def _check_limit(limit: int, at_least: int = 1) -> None:
    if not isinstance(limit, int) or limit < at_least:
        raise ArgumentError(f"`limit` was {limit!r} but is expected to be an integer of at least {at_least}")


class _Cursor:
    """A read transaction's cursor taking `?` placeholders on both backends."""

    def __init__(self, r: Reads) -> None:
        self.r = r

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.r._ex(sql, params)

    def fetchone(self) -> Any:
        return self.r.cur.fetchone()

    def fetchall(self) -> list[Any]:
        return self.r.cur.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.r.cur)


def _newest(cur: _Cursor, where: Where, offset: int, limit: int) -> list[str]:
    """The ids of events `offset` to `offset + limit` of the selection, newest first. The
    rows of one event are adjacent in that order (they share date and id), so they are folded
    as they come; the query asks for more rows while an event had several."""
    want = offset + limit
    fetch = want
    while True:
        cur.execute(
            f"SELECT event_id FROM locations WHERE {where[0]} ORDER BY date DESC, event_id DESC LIMIT ?",
            [*where[1], fetch],
        )
        got = [r[0] for r in cur.fetchall()]
        ids = list(dict.fromkeys(got))
        if len(ids) >= want or len(got) < fetch:
            return ids[offset:want]
        fetch *= 2


def _by_rid(r: Reads, rids: np.ndarray) -> list[str]:
    """The ids of the events of some rows of `locations`, newest first (date, then id,
    descending), each once."""
    found: list[tuple[int, str]] = []
    ids = rids.tolist()
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        found += r._ex(
            f"SELECT date, event_id FROM locations WHERE rid IN ({', '.join('?' * len(part))})", part
        ).fetchall()
    found.sort(reverse=True)
    return list(dict.fromkeys(e for _, e in found))


def _events(r: Reads, ids: Sequence[str]) -> list[Event]:
    """The records of `ids`, in that order."""
    docs = r.get_many("events", ids)
    sources = {
        s["id"]: rows.model_of("sources", s)
        for s in r.get_many("sources", {d["source"] for d in docs.values()}).values()
    }
    return [rows.model_of("events", docs[i], None, sources) for i in ids if i in docs]
