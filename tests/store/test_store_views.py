"""What a view asks the store (issue 10), on both backends: marks bounded by the screen whatever
the data holds, a popup fetched by place id, coordinates and cells, pages of the table, counts
per faction; the `locations` rows in step with every write; imports in bulk with one audit row
and an exact undo; promoting a coordinate to a place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shapely.geometry import Point
from test_store_support import BACKENDS, SECRET, event, settings_for

from geodata.formats import ImportResult
from geodata.model import Place, PlaceKind, Source
from geodata.store import backend_for, init_db, open_store
from geodata.views import MAX_MARKS, PLACE_ZOOM, BBox, EventFilter, MarkQuery, cell_of, parse_key

DAY = dt.date(2026, 1, 1)
GENERATED = Source(id="generated", outlet="Generated", lang="en")  # undated: any event date
SYRIA = BBox(35.5, 32.3, 42.5, 37.4)
ALL = EventFilter(DAY)


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        init_db(s)
        yield s


@pytest.fixture
def store(settings):
    st = open_store(settings)
    yield st
    st.close()


@pytest.fixture
def editor(store):
    return store.as_editor("rana", SECRET)


def located(ds, n: int, points: int, *, start: int = 0) -> ImportResult:
    """`n` events spread over `points` coordinates no place stands for (as an import leaves
    them), of three types, over a year."""
    base = event(GENERATED, "proto", places=())
    records, attrs = [], {}
    for i in range(start, start + n):
        k = i % points
        kind = ("clash", "190") if i % 3 else ("demand", "100")
        records.append(
            base.model_copy(
                update={
                    "id": f"x{i:05d}",
                    "type": kind[0],
                    "cameo": kind[1],
                    "date": dt.date(2021, 1, 1) + dt.timedelta(days=i % 365),
                }
            )
        )
        attrs[f"x{i:05d}"] = {
            "latitude": f"{36.0 + (k // 100) * 0.01:.4f}",
            "longitude": f"{37.0 + (k % 100) * 0.03:.4f}",
            "location": f"Village {k}",
        }
    return ImportResult(
        file="generated.csv", kind="events", format="acled", records=tuple(records), attrs=attrs, total=n
    )


def rows_of(settings, event_id: str | None = None) -> list[tuple]:
    b = backend_for(settings)
    try:
        with b.read() as cur:
            where = "WHERE event_id = ?" if event_id else ""
            cur.execute(
                b.q(
                    "SELECT event_id, place_id, lon, lat, type, review, faction FROM "
                    f"locations {where} ORDER BY event_id, place_id"
                ),
                (event_id,) if event_id else (),
            )
            return [tuple(r) for r in cur.fetchall()]
    finally:
        b.close()


# -- the locations table follows every write ---------------------------------------------------


def test_locations_follow_add_update_review_delete_and_undo(settings, store, editor):
    ds = store.load_dataset()
    seeded = rows_of(settings)
    assert [r[:2] for r in seeded] == [("e1", "sheikh-maqsoud"), ("e2", "sheikh-maqsoud")]
    editor.add_events([event(ds, "n1", places=("qamishli", "aleppo"))])
    assert [r[1] for r in rows_of(settings, "n1")] == ["aleppo", "qamishli"]
    assert rows_of(settings, "n1")[0][2:4] == (37.16, 36.2)  # the place's point
    assert rows_of(settings, "n1")[0][6] == "government"  # the zone holding Aleppo that day
    editor.update_event(event(ds, "n1", places=("qamishli",), type="clash", cameo="190"))
    assert [(r[1], r[4]) for r in rows_of(settings, "n1")] == [("qamishli", "clash")]
    editor.set_review("n1", "draft")
    assert rows_of(settings, "n1")[0][5] == "draft"
    editor.delete_event("n1")
    assert rows_of(settings, "n1") == []
    for _ in range(3):  # the delete, the review, the update
        editor.undo_last()
    assert [r[1] for r in rows_of(settings, "n1")] == ["aleppo", "qamishli"]
    editor.undo_last()
    assert rows_of(settings) == seeded


def test_locations_follow_places_and_zones(settings, store, editor):
    moved = Place(
        id="aleppo", name_en="Aleppo", name_ar="حلب", kind=PlaceKind.CITY, geometry=Point(37.2, 36.3)
    )
    ds = store.load_dataset()
    editor.add_events([event(ds, "n1", places=("aleppo",))])
    editor.upsert_places([moved])
    assert rows_of(settings, "n1")[0][2:4] == (37.2, 36.3)
    assert rows_of(settings, "n1")[0][6] == "sdf"  # now inside the SDF's zone
    editor.undo_last()
    assert rows_of(settings, "n1")[0][2:4] == (37.16, 36.2)
    zone = next(z for z in ds.zones if z.id == "z-gov")
    editor.set_zone_validity(zone.id, dt.date(2021, 1, 25), None)  # not yet valid that day
    assert rows_of(settings, "n1")[0][6] is None
    assert store.faction_counts(ALL) == {"sdf": 1, None: 2}


def test_migration_5_fills_locations_for_existing_events(settings):
    from geodata.store import migrate_db

    b = backend_for(settings)
    try:
        with b.write() as cur:
            cur.execute("DELETE FROM locations")
        with b.read() as cur:
            cur.execute("SELECT COUNT(*) FROM locations")
            assert cur.fetchone()[0] == 0
        from geodata.store.locations import backfill

        with b.write() as cur:
            backfill(b, cur)  # what migration 5 runs after its SQL
        assert [r[:2] for r in rows_of(settings)] == [("e1", "sheikh-maqsoud"), ("e2", "sheikh-maqsoud")]
        assert migrate_db(settings) == []
    finally:
        b.close()


# -- marks ---------------------------------------------------------------------------------------


def _with_many(store) -> None:
    """20,000 events at 5,000 coordinates, written in bulk (one change, one audit row)."""
    ds = store.load_dataset()
    applied = store.as_editor("rana", SECRET).apply(located(ds, 20_000, 5_000))
    assert applied.inserted >= 20_000


@pytest.fixture
def many(store):
    """A store of its own with the 20,000 events, for a test that writes to it."""
    _with_many(store)
    return store


@pytest.fixture(scope="module", params=BACKENDS)
def read_many(request, tmp_path_factory):
    """One store with the 20,000 events per backend, shared by the tests that only read it
    (building it takes seconds; none of them writes)."""
    with settings_for(request.param, tmp_path_factory.mktemp("many")) as s:
        st = open_store(s)
        _with_many(st)
        yield st
        st.close()


def test_marks__never_more_than_the_limit_whatever_the_data(read_many):
    total = 20_000 + 2
    wide = read_many.marks(MarkQuery(ALL, SYRIA, 7))
    assert wide.clustered and wide.total_events == total and len(wide.marks) <= MAX_MARKS
    assert sum(m.n_events for m in wide.marks) == total  # every cell kept: none over the limit
    for limit in (1, 50, 1_000, MAX_MARKS):
        for zoom in (3, 7, PLACE_ZOOM, 14):  # 5,001 locations: cells even zoomed in
            marks = read_many.marks(MarkQuery(ALL, SYRIA, zoom, limit))
            assert len(marks.marks) <= limit and marks.total_events == total
            assert marks.clustered and all(m.is_cell for m in marks.marks)
    busiest = read_many.marks(MarkQuery(ALL, SYRIA, 12, 10))
    assert [m.n_events for m in busiest.marks] == sorted((m.n_events for m in busiest.marks), reverse=True)


def test_marks__places_and_points_zoomed_in(read_many):
    box = BBox(37.0, 36.0, 37.5, 36.3)  # Aleppo and some of the coordinates
    marks = read_many.marks(MarkQuery(ALL, box, PLACE_ZOOM, MAX_MARKS))
    assert not marks.clustered
    keys = {m.key: m for m in marks.marks}
    assert keys["place:sheikh-maqsoud"].label == "Sheikh Maqsoud"
    assert keys["place:sheikh-maqsoud"].kind == "neighbourhood"
    point = keys["point:37.03000,36.00000"]
    assert (point.label, point.n_events, point.place_id) == ("Village 1", 4, None)
    assert point.by_type == {"clash": 3, "demand": 1}  # x00001, x05001, x10001, x15001
    assert marks.total_events == sum(m.n_events for m in marks.marks)


@pytest.mark.parametrize(
    "query",
    [
        MarkQuery(ALL, SYRIA, 7),
        MarkQuery(ALL, SYRIA, 9, 40),
        MarkQuery(EventFilter(dt.date(2021, 3, 1), types=("demand",)), SYRIA, 12),
        MarkQuery(EventFilter(DAY, actors=("sdf",)), BBox(37.0, 36.0, 37.6, 36.4), 11),
    ],
)
def test_marks__the_columnar_cache_agrees_with_sql_group_by(read_many, query):
    fast, sql = read_many.marks(query), read_many.marks_sql(query)
    assert (fast.clustered, fast.total_events) == (sql.clustered, sql.total_events)
    assert [(m.key, m.label, m.n_events, m.by_type, m.n_places, m.precision) for m in fast.marks] == [
        (m.key, m.label, m.n_events, m.by_type, m.n_places, m.precision) for m in sql.marks
    ]
    for a, b in zip(fast.marks, sql.marks, strict=True):
        assert a.lat == pytest.approx(b.lat) and a.lon == pytest.approx(b.lon)


def test_marks__a_cell_clicked_lists_what_it_counts(read_many):
    marks = read_many.marks(MarkQuery(ALL, SYRIA, 9, 20))
    for mark in marks.marks[:3]:
        kind, (zoom, i, j) = parse_key(mark.key)
        events, total = read_many.cell_events(int(zoom), int(i), int(j), ALL, 5)
        assert kind == "cell" and total == mark.n_events and len(events) == 5
        assert [e.date for e in events] == sorted((e.date for e in events), reverse=True)
        assert cell_of(mark.lon, mark.lat, 9) == (int(i), int(j))  # its mean lies in it


# -- popups and pages ----------------------------------------------------------------------------


def test_place_events__the_place_and_the_places_inside_it_newest_first(store, editor):
    ds = store.load_dataset()

    def on(e, day):
        return e.model_copy(update={"date": day, "source": GENERATED})

    editor.add_events(
        [
            on(event(ds, "a1", places=("aleppo",)), dt.date(2021, 2, 1)),
            on(event(ds, "a2", places=("aleppo", "qamishli")), dt.date(2021, 3, 1)),
            on(event(ds, "q1", places=("qamishli",)), dt.date(2021, 4, 1)),
            event(ds, "d1", places=("aleppo",), review="draft"),
        ]
    )
    events, total = store.place_events("aleppo", ALL, 2)
    assert ([e.id for e in events], total) == (["a2", "a1"], 4)  # e1, e2 at Sheikh Maqsoud
    events, total = store.place_events("aleppo", ALL, 10)
    assert [e.id for e in events] == ["a2", "a1", "e2", "e1"]
    assert store.place_events("sheikh-maqsoud", ALL, 10)[1] == 2
    assert store.place_events("aleppo", EventFilter(DAY, include_drafts=True), 10)[1] == 5
    assert store.place_events("aleppo", EventFilter(dt.date(2021, 1, 15)), 10)[1] == 1  # e2 began
    assert store.place_events("aleppo", EventFilter(DAY, types=("blockade",)), 10)[1] == 1
    assert store.place_events("nowhere", ALL, 10) == ([], 0)
    page, total = store.events_page(ALL, None, 1, 2)
    assert ([e.id for e in page], total) == (["a2", "a1"], 5)
    assert [e.id for e in store.events_page(ALL, "qamishli", 0, 10)[0]] == ["q1", "a2"]


def test_place_events__a_quiet_place_answered_from_the_busy_places_until_a_write(store, editor):
    """A place with no event in it or inside it gets ([], 0) from the set of busy places kept
    per filter; the next write makes it busy, and the kept set does not hide that."""
    ds = store.load_dataset()
    assert "qamishli" not in store.places_with_events(ALL)
    assert store.place_events("qamishli", ALL, 10) == ([], 0)
    assert "sheikh-maqsoud" in store.places_with_events(ALL)  # the seed's events
    assert "aleppo" not in store.places_with_events(ALL)  # they are inside it, not at it
    assert store.place_events("aleppo", ALL, 10)[1] == 2  # yet it lists them
    editor.add_events([event(ds, "q9", places=("qamishli",)).model_copy(update={"source": GENERATED})])
    events, total = store.place_events("qamishli", ALL, 10)
    assert ([e.id for e in events], total) == (["q9"], 1)
    assert store.place_events("qamishli", EventFilter(DAY, types=("clash",)), 10) == ([], 0)


def test_point_events_and_promoting_the_point_to_a_place(settings, store, editor):
    ds = store.load_dataset()
    applied = editor.apply(located(ds, 30, 10))
    audit = [a for a in store.audit_log(100) if a.change_id == applied.change_id]
    assert [(a.action, a.table) for a in audit if a.table == "events"] == [("bulk", "events")]
    events, total = store.point_events(37.03, 36.0, ALL, 2)
    assert total == 3 and [e.id for e in events] == ["x00021", "x00011"]
    village = Place(
        id="village-1",
        name_en="Village 1",
        name_ar="القرية ١",
        kind=PlaceKind.VILLAGE,
        geometry=Point(37.03, 36.0),
    )
    editor.promote_location(37.03, 36.0, village)
    assert store.point_events(37.03, 36.0, ALL, 5) == ([], 0)
    events, total = store.place_events("village-1", ALL, 5)
    assert total == 3 and all(e.places == ("village-1",) for e in events)
    marks = store.marks(MarkQuery(ALL, BBox(37.0, 35.99, 37.05, 36.01), 12))
    assert "place:village-1" in {m.key for m in marks.marks}
    assert "point:37.03000,36.00000" not in {m.key for m in marks.marks}
    editor.undo_last()
    assert store.point_events(37.03, 36.0, ALL, 5)[1] == 3
    assert "village-1" not in store.load_dataset().gazetteer.places


def test_bulk_import__one_audit_row_and_undo_restores_exactly(settings, store, editor):
    before = {t: _table(settings, t) for t in ("events", "places", "sources", "locations")}
    ds = store.load_dataset()
    applied = editor.apply(located(ds, 1_200, 50))
    again = editor.apply(located(ds, 10, 60, start=1_195))  # 5 moved, 5 new
    assert (again.inserted - 0, again.updated) == (5, 5)
    rows = [a for a in store.audit_log(50) if a.table == "events"]
    assert [a.action for a in rows] == ["bulk", "bulk"]
    assert rows[0].after == {"inserted": 5, "replaced": 5}
    assert rows[1].after == {"inserted": 1_200, "replaced": 0}
    editor.undo_last()
    editor.undo_last()
    assert applied.change_id is not None
    after = {t: _table(settings, t) for t in before}
    for table in ("events", "places", "sources"):
        assert after[table] == before[table], table
    assert [r[1:] for r in after["locations"]] == [r[1:] for r in before["locations"]]


def _table(settings, table: str) -> list[tuple]:
    b = backend_for(settings)
    try:
        with b.read() as cur:
            cols = "rid, event_id, place_id, lon, lat, day, faction" if table == "locations" else "id, data"
            cur.execute(f"SELECT {cols} FROM {table} ORDER BY 2, 1")
            return [tuple(str(c) for c in r) for r in cur.fetchall()]
    finally:
        b.close()


def _indexes(settings) -> list[str]:
    b = backend_for(settings)
    try:
        with b.read() as cur:
            cur.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'locations' ORDER BY name"
            )
            return [r[0] for r in cur.fetchall()]
    finally:
        b.close()


def test_bulk_import__sqlite_builds_indexes_at_the_end_even_when_it_fails(
    settings, store, editor, monkeypatch
):
    if settings.database_url:
        pytest.skip("SQLite only: PostgreSQL keeps its indexes (a DROP would lock readers)")
    from geodata.store import bulk

    indexes = _indexes(settings)
    assert len(indexes) >= 7
    monkeypatch.setattr(bulk, "INDEX_LATER", 10)
    monkeypatch.setattr(bulk, "BATCH", 10)
    ds = store.load_dataset()
    editor.apply(located(ds, 40, 5))
    assert _indexes(settings) == indexes and len(rows_of(settings)) == 42
    put, calls = bulk.BulkWriter.put, []

    def failing(self, docs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed midway")
        put(self, docs)

    monkeypatch.setattr(bulk.BulkWriter, "put", failing)
    with pytest.raises(RuntimeError, match="killed midway"):
        editor.apply(located(ds, 40, 5, start=100))
    assert _indexes(settings) == indexes and len(rows_of(settings)) == 42


def test_columnar_cache__brought_up_to_date_after_each_write(many, monkeypatch):
    """After an edit the cache adds the rows written and drops those deleted; after a place
    moved (rows changed in place) it reads everything again. Either way it agrees with SQL."""
    from geodata.store import columns

    store, q = many, MarkQuery(ALL, SYRIA, 9, 300)
    editor = store.as_editor("rana", SECRET)
    store.marks(q)
    loads, real = [], columns.load
    monkeypatch.setattr(columns, "load", lambda *a: loads.append(1) or real(*a))
    ds = store.load_reference()
    editor.add_events([event(ds, "n1", places=("qamishli",))])
    editor.delete_event("x00007")
    editor.update_event(event(ds, "e1", places=("aleppo",)))
    _agrees_with_sql(store, q, 20_002)
    assert store.place_events("qamishli", ALL, 1)[1] == 1 and loads == []
    editor.upsert_places(
        [
            Place(
                id="qamishli",
                name_en="Qamishli",
                name_ar="القامشلي",
                kind=PlaceKind.CITY,
                geometry=Point(41.23, 37.06),
            )
        ]
    )
    _agrees_with_sql(store, q, 20_002)
    assert loads == [1]


def _agrees_with_sql(store, q, total: int) -> None:
    fast, sql = store.marks(q), store.marks_sql(q)
    assert fast.total_events == sql.total_events == total
    assert [(m.key, m.n_events, m.label) for m in fast.marks] == [
        (m.key, m.n_events, m.label) for m in sql.marks
    ]


def test_columnar_cache__shared_by_the_stores_of_one_database_not_by_a_new_one(tmp_path, monkeypatch):
    """The dashboard opens a store per session: a second store on the same database reads no
    row again. A database made anew at the same path (seeded at another moment) is another."""
    from geodata.store import columns

    with settings_for("sqlite", tmp_path) as s:
        q = MarkQuery(ALL, SYRIA, 7)
        first = open_store(s)
        expected = first.marks(q)
        loads, real = [], columns.load
        monkeypatch.setattr(columns, "load", lambda *a: loads.append(1) or real(*a))
        second = open_store(s)
        assert second.marks(q) == expected and loads == []
        first.close()
        second.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{s.db_path}{suffix}").unlink(missing_ok=True)
        init_db(s)
        third = open_store(s)
        ds = third.load_dataset()
        third.as_editor("rana", SECRET).apply(located(ds, 30, 3))
        assert third.marks(q).total_events == expected.total_events + 30 and loads == [1]
        third.close()
