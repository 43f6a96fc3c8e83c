"""The store: the same tests against the embedded SQLite file and a real PostgreSQL/PostGIS
server (the postgres cases are skipped only when ZONEMAP_TEST_DATABASE_URL is absent; `make
test` starts a server and sets it). No mocks: every test writes and reads a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json

import pytest
from click.testing import CliRunner
from shapely.geometry import MultiPolygon, Point, box
from test_store_support import BACKENDS, SECRET, dump, env_of, event, settings_for

from geodata.cli import main
from geodata.dataset import read_dataset
from geodata.errors import ValidationError, ZonemapError
from geodata.model import ControlZone, Place, PlaceKind, ReviewStatus
from geodata.store import (
    LATEST,
    ArgumentError,
    DuplicateRecordError,
    Editor,
    NothingToUndoError,
    SchemaError,
    SqlEditor,
    Store,
    StoreError,
    UnknownRecordError,
    WriteRefused,
    backend_for,
    db_status,
    init_db,
    migrate_db,
    open_admin,
    open_store,
    rows,
)
from geodata.store.signin import Grant as _Grant

WRITE_METHODS = [
    "add_events",
    "update_event",
    "delete_event",
    "set_review",
    "upsert_places",
    "delete_place",
    "add_zone_snapshot",
    "set_zone_validity",
    "apply",
    "undo_last",
]


@pytest.fixture(params=BACKENDS)
def settings(request, tmp_path):
    with settings_for(request.param, tmp_path) as s:
        yield s


@pytest.fixture(params=BACKENDS)
def fresh(request, tmp_path):
    """Settings of a database not created yet."""
    with settings_for(request.param, tmp_path, init=False) as s:
        yield s


@pytest.fixture
def store(settings):
    st = open_store(settings)
    yield st
    st.close()


@pytest.fixture
def editor(store):
    return store.as_editor("rana", SECRET)


def same_data(a, b) -> None:
    assert a.gazetteer.places == b.gazetteer.places
    assert a.actors == b.actors
    assert a.factions == b.factions
    assert sorted(a.zones, key=lambda z: z.id) == sorted(b.zones, key=lambda z: z.id)
    assert sorted(a.events, key=lambda e: e.id) == sorted(b.events, key=lambda e: e.id)
    assert a.sources == b.sources


# -- creation, seed, migrations ----------------------------------------------------------------


def test_init_db_creates_migrates_and_seeds_from_the_data(settings, store):
    assert store.schema_version() == LATEST
    files, problems = read_dataset(settings.data_dir)
    assert problems == []
    same_data(store.load_dataset(), files)
    assert [c.action for c in store.history()] == ["seed"]
    assert store.audit_log() == []  # the seed is not an edit


def test_open_store__writes_nothing_and_init_again_neither(settings, store):
    before = dump(settings)
    again = open_store(settings)
    again.load_dataset()
    assert dump(settings) == before
    init_db(settings)
    assert dump(settings) == before
    again.close()


def test_open_store__missing_database_says_to_run_init_and_creates_nothing(fresh):
    with pytest.raises(
        SchemaError,
        match=r"no Zonemap database at .* yet: run `zonemap db "
        r"init`",
    ) as refused:
        open_store(fresh)
    assert "zonemap db init" in refused.value.public
    assert str(fresh.db_path) not in refused.value.public
    if not fresh.database_url:
        assert not fresh.db_path.exists()
    assert db_status(fresh).version == 0


def test_init_db__invalid_seed_data_is_refused_clearly(fresh):
    (fresh.data_dir / "actors.json").write_text("[{", encoding="utf-8")
    with pytest.raises(
        StoreError,
        match=r"cannot seed the database: .* problem\(s\); run "
        r"`zonemap validate`",
    ):
        init_db(fresh)


def test_migrations_apply_in_order_and_backfill(fresh):
    settings = fresh
    assert [m.version for m in migrate_db(settings, target=1)] == [1]
    with pytest.raises(SchemaError, match=r"at schema version 1, .* run `zonemap db migrate`") as refused:
        open_store(settings)
    assert refused.value.public.endswith("runs `zonemap db migrate`")
    backend = backend_for(settings)
    with backend.write() as cur:  # a version-1 row, as an older Zonemap wrote it
        cur.execute(
            backend.q(
                f"INSERT INTO events (id, type, date, review, source_id, data, attrs) "
                f"VALUES (?, ?, ?, ?, ?, {backend.json_param}, {backend.json_param})"
            ),
            ("x", "demand", "2021-01-20", "accepted", "src", '{"id": "x"}', '{"external_id": "SYR1"}'),
        )
    assert [m.version for m in migrate_db(settings)] == list(range(2, LATEST + 1))
    with backend.read() as cur:
        cur.execute("SELECT external_id FROM events WHERE id = 'x'")
        assert cur.fetchone()[0] == "SYR1"
    backend.close()
    assert migrate_db(settings) == []
    assert db_status(settings).version == LATEST
    open_store(settings).close()


def test_migration_4__bounding_boxes_dropped_and_rows_kept(fresh):
    """A database at version 3 (its places and zones written by an older Zonemap, with their
    bounding boxes in SQLite) migrates to 4, and the store reads those rows as they were."""
    place = Place(
        id="old-place",
        name_en="Old place",
        name_ar="مكان قديم",
        kind=PlaceKind.TOWN,
        geometry=Point(40.5, 36.5),
    )
    zone = ControlZone(
        id="old-zone",
        faction="sdf",
        valid_from=dt.date(2019, 10, 1),
        valid_to=dt.date(2021, 1, 20),
        source="test",
        confidence="high",
        geometry=MultiPolygon([box(40.0, 36.0, 41.0, 37.0)]),
    )
    settings = fresh
    assert [m.version for m in migrate_db(settings, target=3)] == [1, 2, 3]
    backend = backend_for(settings)
    j, g = backend.json_param, backend.geom_param
    bbox = ", minx, miny, maxx, maxy" if backend.name == "sqlite" else ""
    with backend.write() as cur:
        for table, record, columns in (
            ("places", place, ["kind"]),
            ("zones", zone, ["faction", "valid_from", "valid_to"]),
        ):
            doc = rows.document(record)
            values = rows.row_values(table, doc)
            params = [
                doc["id"],
                json.dumps(values["data"]),
                *(values[c] for c in columns),
                rows.wkb(record.geometry),
            ]
            if bbox:
                params += record.geometry.bounds
            marks = ", ".join(["?", j, *("?" * len(columns)), g, *("?" * (4 if bbox else 0))])
            cur.execute(
                backend.q(
                    f"INSERT INTO {table} (id, data, {', '.join(columns)}, geom{bbox}) VALUES ({marks})"
                ),
                params,
            )
    before = {t: _raw_rows(backend, t) for t in ("places", "zones")}
    assert [m.version for m in migrate_db(settings, target=4)] == [4]
    assert {t: _raw_rows(backend, t) for t in ("places", "zones")} == before
    if backend.name == "sqlite":
        with backend.read() as cur:
            for table in ("places", "zones"):
                cur.execute(f"SELECT name FROM pragma_table_info('{table}')")
                assert {r[0] for r in cur.fetchall()}.isdisjoint({"minx", "miny", "maxx", "maxy"})
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'zones'")
            assert "zones_valid_from" in {r[0] for r in cur.fetchall()}
    backend.close()
    init_db(settings)
    with open_store(settings) as st:  # seeded now, beside the rows of the older Zonemap
        ds = st.load_dataset()
        assert ds.gazetteer.places["old-place"] == place
        assert zone in ds.zones
        st.as_editor("rana", SECRET).upsert_places([place.model_copy(update={"prior": 2.0})])
        assert st.load_dataset().gazetteer.places["old-place"].prior == 2.0


def _raw_rows(backend, table: str) -> list[tuple]:
    with backend.read() as cur:
        cur.execute(f"SELECT id, data, {backend.geom_select} FROM {table} ORDER BY id")
        return [(r[0], backend.load_json(r[1]), bytes(r[2])) for r in cur.fetchall()]


def test_database_newer_than_the_code_is_refused(settings, store):
    backend = backend_for(settings)
    with backend.write() as cur:
        cur.execute(
            backend.q("INSERT INTO schema_migrations VALUES (?, ?, ?)"),
            (LATEST + 1, "from the future", "2099-01-01"),
        )
    backend.close()
    with pytest.raises(SchemaError, match="newer than this Zonemap knows"):
        open_store(settings)


# -- who may write -----------------------------------------------------------------------------


def test_viewer_store_has_no_write_path(store):
    assert isinstance(store, Store)
    assert not isinstance(store, Editor)
    public = {name for name, _ in inspect.getmembers(store) if not name.startswith("_")}
    assert public.isdisjoint(WRITE_METHODS)


@pytest.mark.parametrize(
    ("user", "secret", "message"),
    [
        ("rana", "wrong", "wrong editor secret"),
        ("rana", None, "wrong editor secret"),
        ("rana", SECRET + " ", "wrong editor secret"),
        ("  ", SECRET, "needs a user name"),
    ],
)
def test_as_editor__refused_without_the_secret(store, user, secret, message):
    with pytest.raises(PermissionError, match=message):
        store.as_editor(user, secret)


def test_as_editor__refused_when_no_secret_is_configured(tmp_path):
    with settings_for("sqlite", tmp_path, secret=None) as s:
        store = open_store(s)
        for guess in ("", None, "anything"):
            with pytest.raises(PermissionError, match="editing is disabled"):
                store.as_editor("rana", guess)


def test_forged_editor_cannot_write(settings, store):
    before = dump(settings)
    forged = SqlEditor(store._backend, _Grant("mallory"))  # never handed out by as_editor
    ds = store.load_dataset()
    for call in (
        lambda: forged.add_events([event(ds, "forged")]),
        lambda: forged.set_review("e1", "rejected"),
        lambda: forged.delete_place("aleppo"),
        forged.undo_last,
    ):
        with pytest.raises(PermissionError, match="not valid; sign in again"):
            call()
    assert dump(settings) == before


def test_errors__every_refusal_and_bad_argument_is_a_zonemap_error_on_its_builtin(store, editor):
    with pytest.raises(WriteRefused) as refused:
        store.as_editor("rana", "wrong")
    assert isinstance(refused.value, PermissionError) and isinstance(refused.value, StoreError)
    with pytest.raises(WriteRefused, match="recorded under that name"):
        store.as_verified_editor("ed@example.org", ["ed@example.org"]).set_review(
            "e1", "rejected", user="someone-else"
        )
    for call in (lambda: store.audit_log(0), lambda: migrate_db(store_settings(store), 99)):
        with pytest.raises(ArgumentError) as bad:
            call()
        assert isinstance(bad.value, ValueError) and isinstance(bad.value, ZonemapError)
    with pytest.raises(ValidationError, match="field review: was 'maybe'"):
        editor.set_review("e1", "maybe")


def store_settings(store):
    return store._backend.settings


def test_editor_has_every_write_method(editor):
    assert isinstance(editor, Editor)
    assert all(callable(getattr(editor, m)) for m in WRITE_METHODS)
    assert editor.user == "rana"


# -- events ------------------------------------------------------------------------------------


def test_add_update_delete_event__each_change_audited(store, editor):
    ds = store.load_dataset()
    editor.add_events([event(ds, "e3", object_en="lift the blockade")])
    editor.update_event(event(ds, "e3", object_en="lift the siege"), user="omar")
    editor.delete_event("e3")
    log = store.audit_log()
    assert [(a.action, a.table, a.record_id, a.user) for a in log] == [
        ("delete", "events", "e3", "rana"),
        ("update", "events", "e3", "omar"),
        ("insert", "events", "e3", "rana"),
    ]
    delete, update, insert = log
    assert insert.before is None and insert.after["object_en"] == "lift the blockade"
    assert update.before["object_en"] == "lift the blockade"
    assert update.after["object_en"] == "lift the siege"
    assert delete.before["object_en"] == "lift the siege" and delete.after is None
    assert all(isinstance(a.at, dt.datetime) and a.at.tzinfo is not None for a in log)
    assert "e3" not in {e.id for e in store.load_dataset().events}


def test_add_events__duplicate_id_refused_and_nothing_written(settings, store, editor):
    ds = store.load_dataset()
    before = dump(settings)
    with pytest.raises(DuplicateRecordError, match="'e1'"):
        editor.add_events([event(ds, "new"), event(ds, "e1")])
    with pytest.raises(ValidationError, match="duplicate id 'twice'"):
        editor.add_events([event(ds, "twice"), event(ds, "twice")])
    assert dump(settings) == before


def test_add_events__unknown_references_listed_and_nothing_written(settings, store, editor):
    ds = store.load_dataset()
    before = dump(settings)
    bad = [
        event(ds, "ok"),
        event(ds, "p", places=("atlantis",)),
        event(ds, "a", actor="martians"),
        event(ds, "l", links=[{"rel": "concerns", "event": "nowhere"}]),
    ]
    with pytest.raises(ValidationError) as err:
        editor.add_events(bad)
    found = {(p.record, p.field) for p in err.value.problems}
    assert found == {("p", "places"), ("a", "actor"), ("l", "links")}
    assert "unknown place id 'atlantis'" in str(err.value)
    assert dump(settings) == before


def test_events_may_link_to_stored_events_and_use_fallback_places(store, editor):
    ds = store.load_dataset()
    editor.add_events([event(ds, "e4", links=[{"rel": "responds_to", "event": "e1"}])])
    assert store.load_dataset().events[-1].links[0].event == "e1"


def test_update_and_delete__unknown_event(editor, store):
    ds = store.load_dataset()
    with pytest.raises(UnknownRecordError, match="no event with id 'ghost'"):
        editor.update_event(event(ds, "ghost"))
    with pytest.raises(UnknownRecordError):
        editor.delete_event("ghost")
    with pytest.raises(UnknownRecordError):
        editor.set_review("ghost", "accepted")


def test_delete_event__refused_while_another_links_to_it(editor):
    with pytest.raises(StoreError, match="e1 link"):
        editor.delete_event("e2")
    editor.delete_event("e1")
    editor.delete_event("e2")


def test_drafts_and_review(store, editor):
    ds = store.load_dataset()
    editor.add_events(
        [event(ds, "d1", review=ReviewStatus.DRAFT), event(ds, "d2", review=ReviewStatus.DRAFT)]
    )
    assert [e.id for e in store.drafts()] == ["d1", "d2"]
    editor.set_review("d1", ReviewStatus.ACCEPTED)
    editor.set_review("d2", "rejected")
    assert store.drafts() == []
    reviews = {e.id: e.review for e in store.load_dataset().events}
    assert reviews["d1"] == "accepted" and reviews["d2"] == "rejected"
    with pytest.raises(ValueError, match="maybe"):
        editor.set_review("d1", "maybe")


def test_sources_travel_with_events(store, editor):
    ds = store.load_dataset()
    other = ds.sources["src"].model_copy(update={"id": "src-2", "outlet": "North Press"})
    editor.add_events([event(other, "e5")])
    loaded = store.load_dataset()
    assert loaded.sources["src-2"].outlet == "North Press"
    assert next(e for e in loaded.events if e.id == "e5").source == other


# -- places ------------------------------------------------------------------------------------


def test_upsert_and_delete_place(store, editor):
    tal = Place(
        id="tal-tamr",
        name_en="Tal Tamr",
        name_ar="تل تمر",
        kind="town",
        geometry=Point(40.37, 36.65),
        governorate="hasakah-governorate",
    )
    editor.upsert_places([tal])
    assert store.load_dataset().place("tal-tamr") == tal
    moved = tal.model_copy(update={"geometry": Point(40.38, 36.66)})
    editor.upsert_places([moved])
    assert store.load_dataset().place("tal-tamr").geometry.equals(Point(40.38, 36.66))
    editor.upsert_places([moved])  # unchanged: no change recorded
    assert [a.action for a in store.audit_log()] == ["update", "insert"]
    editor.delete_place("tal-tamr")
    assert "tal-tamr" not in store.load_dataset().gazetteer.places


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"parent": "nowhere"}, "parent", "unknown place id"),
        ({"geometry": Point(31.2, 30.0)}, "geometry", "outside Syria"),
        ({"kind": PlaceKind.REGION}, "geometry", "needs a polygon"),
        ({"kind": "hamlet"}, "kind", "Input should be"),
        ({"geometry": box(40, 36, 40, 36.1)}, "geometry", "invalid geometry"),
    ],
)
def test_upsert_places__bad_place_refused(settings, editor, change, field, reason):
    before = dump(settings)
    p = Place(id="bad", name_en="Bad", name_ar="سيئ", kind="town", geometry=Point(40.4, 36.6))
    with pytest.raises(ValidationError) as err:
        editor.upsert_places([p.model_copy(update=change)])
    problem = err.value.problems[0]
    assert (problem.record, problem.field) == ("bad", field)
    assert reason in problem.reason
    assert dump(settings) == before


def test_delete_place__refused_while_referenced(editor):
    with pytest.raises(StoreError, match="event e1, event e2"):
        editor.delete_place("sheikh-maqsoud")
    with pytest.raises(StoreError, match="place sheikh-maqsoud"):
        editor.delete_place("aleppo")


# -- zones -------------------------------------------------------------------------------------


def zone(id, faction, geom, start, end=None):
    return ControlZone(
        id=id,
        faction=faction,
        geometry=MultiPolygon([geom]),
        valid_from=start,
        valid_to=end,
        source="test",
        confidence="high",
    )


def test_zone_snapshot__closes_the_previous_one(store, editor):
    later = dt.date(2022, 3, 1)
    editor.add_zone_snapshot(
        [
            zone("z2-sdf", "sdf", box(37.0, 36.1, 37.3, 36.4), later),
            zone("z2-gov", "government", box(37.0, 36.0, 37.3, 36.1), later),
        ]
    )
    zones = {z.id: z for z in store.load_dataset().zones}
    assert zones["z-sdf"].valid_to == later and zones["z-gov"].valid_to == later
    assert zones["z2-sdf"].valid_to is None
    # a snapshot between the two ends where the later one begins
    mid = dt.date(2021, 6, 1)
    editor.add_zone_snapshot([zone("z-mid", "sdf", box(37.0, 36.0, 37.3, 36.4), mid)])
    zones = {z.id: z for z in store.load_dataset().zones}
    assert zones["z-sdf"].valid_to == mid and zones["z-mid"].valid_to == later
    # the same date again replaces that snapshot
    editor.add_zone_snapshot([zone("z-mid-2", "government", box(37.0, 36.0, 37.3, 36.4), mid)])
    ids = {z.id for z in store.load_dataset().zones}
    assert "z-mid" not in ids and "z-mid-2" in ids


def test_zone_snapshot__overlap_or_unknown_faction_refused(settings, editor):
    before = dump(settings)
    day = dt.date(2022, 1, 1)
    with pytest.raises(ValidationError, match="overlaps zone"):
        editor.add_zone_snapshot(
            [
                zone("a", "sdf", box(37, 36, 37.2, 36.2), day),
                zone("b", "government", box(37.1, 36.1, 37.3, 36.3), day),
            ]
        )
    with pytest.raises(ValidationError, match="unknown faction 'aliens'"):
        editor.add_zone_snapshot([zone("c", "aliens", box(37, 36, 37.2, 36.2), day)])
    with pytest.raises(ValidationError, match="share one valid_from"):
        editor.add_zone_snapshot(
            [
                zone("d", "sdf", box(37, 36, 37.1, 36.1), day),
                zone("e", "sdf", box(38, 36, 38.1, 36.1), dt.date(2022, 2, 1)),
            ]
        )
    assert dump(settings) == before


def test_set_zone_validity(store, editor):
    editor.set_zone_validity("z-sdf", dt.date(2021, 1, 20), dt.date(2021, 5, 1))
    z = next(z for z in store.load_dataset().zones if z.id == "z-sdf")
    assert z.valid_to == dt.date(2021, 5, 1)
    with pytest.raises(ValidationError, match="not after valid_from"):
        editor.set_zone_validity("z-sdf", dt.date(2021, 1, 20), dt.date(2021, 1, 1))
    with pytest.raises(UnknownRecordError):
        editor.set_zone_validity("ghost", dt.date(2021, 1, 20), None)


# -- undo and atomicity ------------------------------------------------------------------------


def test_undo_last__reverts_changes_one_by_one(settings, store, editor):
    seeded = dump(settings, versions=False)  # (undo writes e1 back: a change, a new version)
    ds = store.load_dataset()
    editor.add_events([event(ds, "u1"), event(ds, "u2")])
    after_add = store.load_dataset()
    editor.set_review("e1", "rejected")
    editor.delete_event("u2")
    assert editor.last_change().summary == "delete event u2"
    with pytest.raises(PermissionError, match="made by rana; only rana or an administrator"):
        editor.undo_last(user="omar")  # an editor undoes only their own change (issue 14)
    assert editor.undo_last().summary == "delete event u2"
    assert editor.undo_last().summary == "mark event e1 rejected"
    same_data(store.load_dataset(), after_add)
    undone = editor.undo_last()
    assert undone.summary.startswith("add 2: u1, u2")
    same_data(store.load_dataset(), ds)
    with pytest.raises(NothingToUndoError):
        editor.undo_last()
    changes = store.history()
    assert [c.action for c in changes[:3]] == ["undo", "undo", "undo"]
    assert changes[0].undoes == undone.id and changes[0].user == "rana"
    after = dump(settings, versions=False)
    for table in ("factions", "actors", "sources", "places", "zones", "events"):
        assert after[table] == seeded[table], table


def test_undo_last__zone_snapshot(store, editor):
    before = store.load_dataset().zones
    editor.add_zone_snapshot([zone("z2", "sdf", box(37.0, 36.0, 37.3, 36.4), dt.date(2022, 1, 1))])
    editor.undo_last()
    assert store.load_dataset().zones == before


def test_write_interrupted_midway_leaves_nothing(settings, store, editor):
    """An exception after part of an import was written rolls all of it back."""
    from geodata.formats import ImportResult

    places = [
        Place(id=f"p{i}", name_en=f"P{i}", name_ar="مكان", kind="village", geometry=Point(38 + i / 2000, 35))
        for i in range(1200)
    ]
    result = ImportResult(
        file="big.geojson", kind="places", format="geojson", records=tuple(places), total=len(places)
    )
    before = dump(settings)

    def boom(done, total):
        if done >= 1000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        editor.apply(result, progress=boom)
    assert dump(settings) == before
    applied = editor.apply(result)  # and the database is usable afterwards
    assert applied.inserted == 1200


def test_revision_and_status(store, editor):
    r0 = store.revision()
    ds = store.load_dataset()
    editor.add_events([event(ds, "r1")])
    assert store.revision() > r0
    st = store.status()
    assert st.version == LATEST and st.pending == 0 and st.counts["events"] == 3
    assert st.seeded is not None


def test_store_is_usable_from_several_threads(store, editor):
    from concurrent.futures import ThreadPoolExecutor

    ds = store.load_dataset()

    def work(i):
        editor.add_events([event(ds, f"t{i}")])
        return len(store.load_dataset().events)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(8)))
    assert len(store.load_dataset().events) == 10


# -- backend specifics -------------------------------------------------------------------------


def test_sqlite__wal_mode_and_busy_timeout(tmp_path):
    with settings_for("sqlite", tmp_path) as s:
        store = open_store(s)
        conn = store._backend._conn()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_sqlite__not_a_database(tmp_path):
    with settings_for("sqlite", tmp_path) as s:
        s.db_path.write_text("hello", encoding="utf-8")
        with pytest.raises(StoreError, match="not a SQLite database"):
            open_store(s)
        with pytest.raises(StoreError, match="a directory"):
            open_store(dataclasses.replace(s, db_path=tmp_path))


def test_postgres__unreachable_server_is_a_clear_error(tmp_path):
    with settings_for("sqlite", tmp_path) as s:
        bad = dataclasses.replace(s, database_url="postgresql://nobody:pw@127.0.0.1:1/none")
        with pytest.raises(
            StoreError,
            match=r"cannot connect to PostgreSQL at "
            r"postgresql://nobody:\*\*\*@127.0.0.1:1/none",
        ):
            open_store(bad)


@pytest.mark.postgres
def test_postgres__geometry_is_postgis(tmp_path):
    with settings_for("postgres", tmp_path) as s:
        store = open_store(s)
        backend = store._backend
        with backend.read() as cur:
            cur.execute("SELECT ST_SRID(geom), GeometryType(geom) FROM places WHERE id = 'aleppo'")
            assert cur.fetchone() == (4326, "POINT")
            cur.execute(
                "SELECT id FROM zones WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(37.16, 36.25), 4326))"
            )
            assert cur.fetchall() == [("z-sdf",)]
        store.close()


def test_shipped_data_seeds_the_store_unchanged(fresh):
    from geodata.dataset import DATA_DIR

    files, problems = read_dataset(DATA_DIR)
    if problems:
        pytest.skip(f"the shipped data has {len(problems)} problem(s) (being edited?)")
    shipped = dataclasses.replace(fresh, data_dir=DATA_DIR)
    init_db(shipped)
    store = open_store(shipped)
    same_data(store.load_dataset(), files)
    store.close()


# -- the db commands ---------------------------------------------------------------------------


def _cli(settings, monkeypatch, *args):
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    for k, v in env_of(settings).items():
        monkeypatch.setenv(k, v)
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_cli_db_init_status_migrate_log(fresh, monkeypatch):
    settings = fresh
    result = _cli(settings, monkeypatch, "db", "status")
    assert result.exit_code == 0 and "not created yet: run `zonemap db init`" in result.output
    result = _cli(settings, monkeypatch, "db", "migrate", "--to", "1")
    assert result.exit_code == 0 and "applied migration 1: initial schema" in result.output
    result = _cli(settings, monkeypatch, "db", "status")
    assert f"schema version 1 of {LATEST} ({LATEST - 1} migration(s) pending" in result.output
    result = _cli(settings, monkeypatch, "db", "init")
    assert result.exit_code == 0, result.output
    assert "applied migration 2:" in result.output
    assert "seeded from the shipped data; 2 events, 6 places, 2 zones" in result.output
    result = _cli(settings, monkeypatch, "db", "init")
    assert result.exit_code == 0 and "seeded" not in result.output
    result = _cli(settings, monkeypatch, "db", "status", "--json")
    status = __import__("json").loads(result.output)
    assert status["schema_version"] == LATEST and status["pending"] == 0
    assert status["counts"]["events"] == 2 and status["seeded_at"]
    assert _cli(settings, monkeypatch, "db", "migrate").output.strip() == "the database is up to date."
    assert "#1 " in _cli(settings, monkeypatch, "db", "log").output
    result = _cli(settings, monkeypatch, "db", "undo")
    assert result.exit_code == 1 and result.output.startswith("Error: nothing to undo")
    result = _cli(settings, monkeypatch, "db", "migrate", "--to", "99")
    assert result.exit_code == 2 and "is not a schema version" in result.output


def test_cli_db__broken_database_is_one_line(tmp_path, monkeypatch):
    with settings_for("sqlite", tmp_path) as s:
        s.db_path.write_text("hello", encoding="utf-8")
        for args in (["db", "status"], ["db", "init"], ["export", "-o", str(tmp_path / "x.csv")]):
            result = _cli(s, monkeypatch, *args)
            assert result.exit_code == 1
            assert result.output.startswith("Error: ") and "not a SQLite database" in result.output
            assert len(result.output.strip().splitlines()) == 1


def test_connections_of_ended_threads_are_closed(store):
    """Streamlit reruns each script in a new thread; a store kept for a session must not
    keep one open connection per rerun."""
    import threading

    def read():
        store.schema_version()

    for _ in range(12):
        t = threading.Thread(target=read)
        t.start()
        t.join()
    read()  # a new connection in this thread sweeps the ended threads' ones
    assert len(store._backend._connections) <= 2


def test_newer_shipped_data_adds_what_the_database_lacks_and_keeps_edits(settings, monkeypatch):
    """An upgrade that ships new records: `zonemap db migrate` adds them (one undoable change)
    and leaves alone the records the database holds, edited or not; opening adds nothing."""
    import json

    with open_store(settings) as st:
        before = st.load_dataset()
    actors_file = settings.data_dir / "actors.json"
    records = json.loads(actors_file.read_text(encoding="utf-8"))
    first = records[0]["id"]
    records[0]["name_en"] = "Renamed in the new release"
    records.append({"id": "new-actor", "name_en": "A new actor", "name_ar": "جهة جديدة"})
    actors_file.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")

    with open_store(settings) as st:
        assert "new-actor" not in st.load_dataset().actors
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    result = _cli(settings, monkeypatch, "db", "migrate")
    assert result.exit_code == 0 and "added 1 record(s) from newer shipped data" in result.output
    with open_store(settings) as st:
        after = st.load_dataset()
        assert after.actors["new-actor"].name_ar == "جهة جديدة"
        assert after.actors[first] == before.actors[first]
        assert st.last_change().action == "seed-update"
        revision = st.revision()
    assert migrate_db(settings) == []  # the same data again: nothing more to do
    with open_store(settings) as st:
        assert st.revision() == revision
        with pytest.raises(PermissionError, match=r"only .* or an administrator"):
            st.as_editor("rana", SECRET).undo_last()  # not rana's change
    with open_admin(settings) as admin:  # `zonemap db undo`: the administrator's undo
        admin.undo_last(by="rana")
    with open_store(settings) as st:
        assert "new-actor" not in st.load_dataset().actors
