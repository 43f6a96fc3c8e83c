"""The `locations` table in memory, column by column (numpy), for the aggregations of a view.

Why a columnar cache rather than SQL GROUP BY: measured on the 2-core machine at a million rows
(`benchmarks/bench_queries.py`), SQLite answers a Syria-wide GROUP BY of cells and types in
seconds -- it sorts every row to group them, having no hash aggregation -- while the same
aggregation over numpy columns (bincounts over dense codes, no sort) takes tens of
milliseconds; DuckDB aggregates as fast (measured over a copy) but is another native
dependency and needs an extension downloaded at run time to read SQLite, so it would copy the
data as well. The cache is about 60 bytes a row (60 MB for a million), loaded in one pass over
the table and brought up to date when the store's revision changes (`ColumnCache`: the rows
written since added, those deleted dropped; read again only when rows changed in place). SQL
stays the source of truth: records are read from it by id.

Codes: text columns are small integers into a list of the distinct values (-1 for NULL). A
row's *location* is its place, or its coordinate when it has no place (coordinates are rounded
to 1e-5 degrees when written, so the rows of one coordinate share it exactly): `loc` codes
places first, then coordinates, and `loc_lon`/`loc_lat` hold each location's point.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from platformdirs import user_cache_dir

from ..views import BBox, EventFilter, cell_size
from .backend import Backend

log = logging.getLogger(__name__)

FETCH = 50_000  # rows per fetch while loading
NEWEST_MAX = 20_000  # rows `newest` hands to SQL by id; more (one busy day): SQL sorts them
SELECT = (
    "SELECT place_id, lon, lat, precision, day, date, type, actor, target, mediator, "
    "review, label, faction, CASE WHEN n_rows > 1 THEN event_id END, rid FROM locations"
)
ARRAYS = (
    "place",
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
    "event",
    "rid",
)
EPOCH = "locations_epoch"  # meta: bumped when rows change in place (`locations.py`)
SNAPSHOT = ".columns.npz"  # a database's columns as last read in full (`snapshot_path`)


class _Codes:
    """Distinct values of a text column and their codes, grown chunk by chunk."""

    def __init__(self, values: Sequence[Any] = ()) -> None:
        self.values: list[Any] = list(values)
        self.index: dict[Any, int] = {v: i for i, v in enumerate(self.values)}

    def encode(self, column: Sequence[Any]) -> np.ndarray:
        codes, uniques = pd.factorize(np.asarray(column, dtype=object), use_na_sentinel=True)
        lookup = np.full(len(uniques) + 1, -1, dtype=np.int32)  # the last: NULL (code -1)
        for k, value in enumerate(uniques):
            code = self.index.get(value)
            if code is None:
                code = self.index[value] = len(self.values)
                self.values.append(value)
            lookup[k] = code
        return lookup[codes]

    def code(self, value: Any) -> int:
        return self.index.get(value, -2)  # -2 matches no row


@dataclass
class Columns:
    """Every location row (see the module docstring); `key` is the revision it was read at."""

    key: Any
    epoch: Any  # the EPOCH the rows were read at
    place: np.ndarray  # int32 place code (-1: a coordinate without place)
    lon: np.ndarray  # float64, NaN when the event has no location
    lat: np.ndarray
    precision: np.ndarray  # int8
    day: np.ndarray  # int32 ordinal
    date: np.ndarray
    type: np.ndarray  # int16 codes
    actor: np.ndarray
    target: np.ndarray
    mediator: np.ndarray
    review: np.ndarray
    label: np.ndarray
    faction: np.ndarray
    event: np.ndarray  # int32 event code for the rows of events with several rows, else -1
    rid: np.ndarray  # int64: the row's id in `locations`
    codes: dict[str, _Codes]
    loc: np.ndarray  # int32 location code (places first, then coordinates)
    loc_lon: np.ndarray
    loc_lat: np.ndarray

    @property
    def n_places(self) -> int:
        return len(self.codes["place"].values)

    @cached_property
    def label_order(self) -> list[str]:
        """The names coordinates keep, alphabetically (`label_rank` indexes it)."""
        return sorted(self.values("label"))

    @cached_property
    def label_rank(self) -> np.ndarray:
        return _ranks(self.values("label"))

    @cached_property
    def place_rank(self) -> np.ndarray:
        """The rank of each place code's id, alphabetically."""
        return _ranks(self.values("place"))

    @cached_property
    def loc_rank(self) -> np.ndarray:
        """The rank of each location: places by id, then coordinates by longitude, latitude
        (how the busiest location of a cell is chosen among equals)."""
        n = self.n_places
        points = np.lexsort((self.loc_lat[n:], self.loc_lon[n:]))
        rank = np.empty(len(self.loc_lon), dtype=np.int64)
        rank[:n] = self.place_rank
        rank[n + points] = n + np.arange(len(points))
        return rank

    def values(self, column: str) -> list[Any]:
        return self.codes[column].values

    def mask(self, f: EventFilter, bbox: BBox | None = None) -> np.ndarray:
        """The rows an event filter (and a box) selects."""
        m = self.day <= f.day.toordinal()
        if not f.include_drafts:
            m &= self.review == self.codes["review"].code("accepted")
        if f.types:
            m &= np.isin(self.type, [self.codes["type"].code(t) for t in f.types])
        if f.actors:
            wanted = [self.codes["actor"].code(a) for a in f.actors]
            m &= np.isin(self.actor, wanted) | np.isin(self.target, wanted) | np.isin(self.mediator, wanted)
        if bbox is not None:
            west, south, east, north = bbox
            m &= (self.lon >= west) & (self.lon <= east) & (self.lat >= south) & (self.lat <= north)
        return m

    def count(self, f: EventFilter, where: np.ndarray | None = None) -> int:
        """How many events the filter selects (among the rows `where` is true)."""
        m = self.mask(f)
        return len(self.distinct_events(np.nonzero(m if where is None else m & where)[0]))

    def at_places(self, place_ids: Sequence[str]) -> np.ndarray:
        index = self.codes["place"].index
        return np.isin(self.place, [index[p] for p in place_ids if p in index])

    def at_points(self, points: Sequence[tuple[float, float]]) -> np.ndarray:
        m = np.zeros(len(self.place), dtype=bool)
        for lon, lat in points:
            m |= (self.lon == lon) & (self.lat == lat) & (self.place < 0)
        return m

    def in_cell(self, zoom: int, i: int, j: int) -> np.ndarray:
        size = cell_size(zoom)
        return (np.floor((self.lon + 180.0) / size) == i) & (np.floor((self.lat + 90.0) / size) == j)

    def newest(self, where: np.ndarray, want: int) -> np.ndarray | None:
        """The rids of the rows `where` selects that are at least as new as its `want`-th
        newest row (all rows of that day too), or None when that is most of them."""
        rows = np.nonzero(where)[0]
        if want >= len(rows):
            return self.rid[rows]
        dates = self.date[rows]
        kth = np.partition(dates, len(rows) - want)[len(rows) - want]
        found = rows[dates >= kth]
        return self.rid[found] if len(found) <= NEWEST_MAX else None

    def distinct_events(self, rows: np.ndarray, group: np.ndarray | None = None) -> np.ndarray:
        """Of `rows`, those that are not a second row of the same event (in the same `group`,
        e.g. cell, when given): what counting events rather than rows needs."""
        ev = self.event[rows]
        shared = np.nonzero(ev >= 0)[0]
        if not len(shared):
            return rows
        g = np.zeros(len(shared), dtype=np.int64) if group is None else group[shared]
        pair = g.astype(np.int64) * (int(ev.max()) + 1) + ev[shared]
        _, first = np.unique(pair, return_index=True)
        keep = np.ones(len(rows), dtype=bool)
        keep[shared] = False
        keep[shared[first]] = True
        return rows[keep]


def _ranks(values: list[Any]) -> np.ndarray:
    order = sorted(range(len(values)), key=values.__getitem__)
    rank = np.empty(len(values), dtype=np.int64)
    rank[order] = np.arange(len(values))
    return rank


def _read(cur: Any, where: str, params: Sequence[Any], codes: dict[str, _Codes]) -> dict[str, np.ndarray]:
    """Rows of `locations` as arrays, a chunk at a time (text encoded with `codes`)."""
    parts: dict[str, list[np.ndarray]] = {c: [] for c in ARRAYS}
    cur.execute(f"{SELECT} {where} ORDER BY rid", params)
    while batch := cur.fetchmany(FETCH):
        cols = list(zip(*batch, strict=True))
        parts["place"].append(codes["place"].encode(cols[0]))
        parts["lon"].append(np.array(cols[1], dtype=np.float64))
        parts["lat"].append(np.array(cols[2], dtype=np.float64))
        parts["precision"].append(np.array(cols[3], dtype=np.int8))
        parts["day"].append(np.array(cols[4], dtype=np.int32))
        parts["date"].append(np.array(cols[5], dtype=np.int32))
        parts["type"].append(codes["type"].encode(cols[6]))
        for i, role in ((7, "actor"), (8, "target"), (9, "mediator")):
            parts[role].append(codes["actor"].encode(cols[i]))  # one code list: actor ids
        parts["review"].append(codes["review"].encode(cols[10]))
        parts["label"].append(codes["label"].encode(cols[11]))
        parts["faction"].append(codes["faction"].encode(cols[12]))
        parts["event"].append(codes["event"].encode(cols[13]))
        parts["rid"].append(np.array(cols[14], dtype=np.int64))
    return {
        c: (np.concatenate(p) if p else np.zeros(0, dtype=_DTYPES.get(c, np.int32))) for c, p in parts.items()
    }


def _epoch(backend: Backend, cur: Any) -> Any:
    cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), (EPOCH,))
    row = cur.fetchone()
    return row[0] if row else None


def _columns(key: Any, epoch: Any, codes: dict[str, _Codes], arrays: dict[str, np.ndarray]) -> Columns:
    loc, loc_lon, loc_lat = _locations(arrays, len(codes["place"].values))
    return Columns(key=key, epoch=epoch, codes=codes, loc=loc, loc_lon=loc_lon, loc_lat=loc_lat, **arrays)


def load(backend: Backend, key: Any) -> Columns:
    """Read the whole `locations` table into columns."""
    codes = {n: _Codes() for n in ("place", "type", "actor", "review", "label", "faction", "event")}
    with backend.read() as cur:
        epoch = _epoch(backend, cur)
        arrays = _read(cur, "", (), codes)
    return _columns(key, epoch, codes, arrays)


def refresh(backend: Backend, key: Any, old: Columns) -> Columns | None:
    """`old`'s rows that are still there and the rows written since: rows are only inserted
    (with growing ids) and deleted, except when places move or zones change, which bump the
    EPOCH -- then None: everything must be read again."""
    top = int(old.rid.max()) if len(old.rid) else 0
    with backend.read() as cur:
        epoch = _epoch(backend, cur)
        if epoch != old.epoch:
            return None
        cur.execute(backend.q("SELECT COUNT(*) FROM locations WHERE rid <= ?"), (top,))
        keep = np.ones(len(old.rid), dtype=bool)
        if int(cur.fetchone()[0]) != len(old.rid):
            cur.execute(backend.q("SELECT rid FROM locations WHERE rid <= ?"), (top,))
            keep = np.isin(old.rid, np.array([r[0] for r in cur.fetchall()], dtype=np.int64))
        new = _read(cur, backend.q("WHERE rid > ?"), (top,), old.codes)
    arrays = {c: np.concatenate([getattr(old, c)[keep], new[c]]) for c in ARRAYS}
    return _columns(key, epoch, old.codes, arrays)


_DTYPES = {"lon": np.float64, "lat": np.float64, "precision": np.int8, "rid": np.int64}


def _locations(a: dict[str, np.ndarray], n_places: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Location codes of the rows, and each location's point."""
    loc = a["place"].astype(np.int32, copy=True)
    loc_lon = np.full(n_places, np.nan)
    loc_lat = np.full(n_places, np.nan)
    placed = np.nonzero(loc >= 0)[0]
    loc_lon[loc[placed]] = a["lon"][placed]
    loc_lat[loc[placed]] = a["lat"][placed]
    points = np.nonzero((loc < 0) & ~np.isnan(a["lon"]))[0]
    if len(points):
        xy = np.stack([a["lon"][points], a["lat"][points]], axis=1)
        uniq, inv = np.unique(xy, axis=0, return_inverse=True)
        loc[points] = n_places + inv.reshape(-1)
        loc_lon = np.concatenate([loc_lon, uniq[:, 0]])
        loc_lat = np.concatenate([loc_lat, uniq[:, 1]])
    return loc, loc_lon, loc_lat


class ColumnCache:
    """The columns of one database, brought up to date when its revision changes: the rows
    written since added, those deleted dropped (`refresh`), or all read again (`load`). A
    server's first reader starts from the snapshot on disk when there is one (`read_snapshot`),
    brought up to date the same way."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._columns: Columns | None = None

    def get(self, backend: Backend, key: Any) -> Columns:
        with self._lock:
            old = self._columns if self._columns is not None else read_snapshot(backend)
            if old is None or old.key != key:
                fresh = refresh(backend, key, old) if old is not None else None
                if fresh is None:
                    self._columns = old = None  # free the old columns before reading anew
                    fresh = load(backend, key)
                    write_snapshot(backend, fresh)
                self._columns = fresh
                return fresh
            self._columns = old
            return old


# -- the snapshot on disk -------------------------------------------------------------------------
# A million rows take ~7 s to read from SQLite and ~0.1 s to load from numpy's own format, so a
# restarted server's first reader does not wait for the whole table. The file is a cache, never
# the truth: it is read only for the database it was written from (its identity: location and
# seeding time), then brought up to date by `refresh` like the cache in memory (a changed EPOCH
# means reading everything again); a file that cannot be read or written is logged and ignored.
# Numbers only, and the codes' values as JSON: loading it runs no pickle.


def snapshot_path(backend: Backend) -> Path:
    """Where a database's snapshot lives: beside a SQLite file; for a server database, in the
    user's cache directory, named by the database's (password-free) address."""
    path = getattr(backend, "path", None)
    if isinstance(path, Path):
        return Path(f"{path}{SNAPSHOT}")
    name = hashlib.sha256(backend.location.encode()).hexdigest()[:20]
    return Path(user_cache_dir("zonemap")) / f"{backend.name}-{name}{SNAPSHOT}"


def _seeded(backend: Backend) -> list[Any] | None:
    """The database's identity as JSON keeps it; None when it has none that lasts (unseeded)."""
    ident = database_identity(backend)
    return list(ident) if isinstance(ident, tuple) and ident[0] != "unseeded" else None


def write_snapshot(backend: Backend, cols: Columns) -> None:
    path, identity = snapshot_path(backend), _seeded(backend)
    if identity is None:
        return
    head = {
        "identity": identity,
        "key": cols.key,
        "epoch": cols.epoch,
        "codes": {name: c.values for name, c in cols.codes.items()},
    }
    arrays = {c: getattr(cols, c) for c in (*ARRAYS, "loc", "loc_lon", "loc_lat")}
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with part.open("wb") as out:
            np.savez(out, head=np.array(json.dumps(head)), **arrays)
        os.replace(part, path)
    except (OSError, TypeError, ValueError) as e:
        log.warning("could not keep the columns of %s in %s: %s", backend.location, path, e)
        part.unlink(missing_ok=True)


def read_snapshot(backend: Backend) -> Columns | None:
    """The columns as last written beside this very database, or None."""
    path = snapshot_path(backend)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as raw, np.load(raw, allow_pickle=False) as found:
            head = json.loads(str(found["head"]))
            if head["identity"] != _seeded(backend):
                return None
            arrays = {c: found[c] for c in (*ARRAYS, "loc", "loc_lon", "loc_lat")}
    except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile) as e:
        log.warning("ignored the columns kept in %s: %s", path, e)
        return None
    if len({len(arrays[c]) for c in (*ARRAYS, "loc")}) != 1:
        log.warning("ignored the columns kept in %s: columns of different lengths", path)
        return None
    codes = {name: _Codes(values) for name, values in head["codes"].items()}
    return Columns(key=head["key"], epoch=head["epoch"], codes=codes, **arrays)


# One cache per database, shared by every Backend opened on it: the dashboard opens a store per
# session, and a reader's first view must not read a million rows again. A database is known by
# its kind, location and the moment it was seeded (a database made anew at the same path is
# another); an unseeded one by its Backend object alone.
_CACHES: OrderedDict[Hashable, ColumnCache] = OrderedDict()
_CACHES_LOCK = threading.Lock()
_SHARED = 8  # databases whose columns a process keeps
_UNSEEDED = itertools.count()


def cache_of(backend: Backend) -> ColumnCache:
    ident = database_identity(backend)
    with _CACHES_LOCK:
        found = _CACHES.get(ident)
        if found is None:
            found = _CACHES[ident] = ColumnCache()
            while len(_CACHES) > _SHARED:
                _CACHES.popitem(last=False)
        _CACHES.move_to_end(ident)
        return found


def database_identity(backend: Backend) -> Hashable:
    """Which database `backend` reads (see `_CACHES`), asked once per Backend."""
    known = getattr(backend, "_columns_identity", None)
    if known is None:
        with backend.read() as cur:
            cur.execute(backend.q("SELECT value FROM meta WHERE key = ?"), ("seeded_at",))
            row = cur.fetchone()
        known = (type(backend).__name__, backend.location, row[0]) if row else ("unseeded", next(_UNSEEDED))
        backend._columns_identity = known  # type: ignore[attr-defined]
    return known
