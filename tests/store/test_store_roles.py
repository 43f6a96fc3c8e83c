"""The two PostgreSQL roles of docs/deploy.md (issue 16): `zonemap_editor` owns the tables and
migrates them; `zonemap_viewer`, what a viewers' server connects as, may only read. The viewer's
dashboard serves, and every write through the store API fails at the database itself (the
privileges, not only Python), with a clear error and nothing changed.

The roles are made by scripts/with_postgres.sh (and here again, when missing); each test has a
schema owned by the editor role, set up with the SQL of docs/deploy.md."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from shapely.geometry import MultiPolygon, Point, box
from streamlit.testing.v1 import AppTest
from test_store_support import PG_URL, SECRET, dump, event, schema_url, settings_for

from geodata.model import ControlZone, Place, PlaceKind
from geodata.settings import Settings
from geodata.store import ReadOnlyError, init_db, migrate_db, open_admin, open_store

pytestmark = pytest.mark.postgres
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
ROLES = """DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zonemap_editor') THEN
    CREATE ROLE zonemap_editor LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zonemap_viewer') THEN
    CREATE ROLE zonemap_viewer LOGIN; END IF;
END $$"""
# docs/deploy.md: before `zonemap db init` (what the editor role creates, the viewer may read) ...
BEFORE_INIT = [
    "GRANT USAGE ON SCHEMA {s} TO zonemap_viewer",
    "ALTER DEFAULT PRIVILEGES FOR ROLE zonemap_editor IN SCHEMA {s} GRANT SELECT ON TABLES TO zonemap_viewer",
]
# ... and after it: not the editor accounts' password hashes.
AFTER_INIT = ["REVOKE ALL ON {s}.editors FROM zonemap_viewer"]


def _admin(*statements: str) -> None:
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


def role_url(role: str, schema: str) -> str:
    parts = urlsplit(schema_url(schema))
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{role}@{host}"))


@dataclasses.dataclass
class Roles:
    editor: Settings
    viewer: Settings


@contextlib.contextmanager
def _roles(tmp_path: Path) -> Iterator[Roles]:
    if not PG_URL:
        pytest.skip("ZONEMAP_TEST_DATABASE_URL is not set (run through scripts/with_postgres.sh)")
    with settings_for("sqlite", tmp_path, init=False) as base:
        schema = f"r_{uuid.uuid4().hex[:12]}"
        _admin(
            ROLES,
            f"CREATE SCHEMA {schema} AUTHORIZATION zonemap_editor",
            *(sql.format(s=schema) for sql in BEFORE_INIT),
        )
        try:
            editor = dataclasses.replace(base, database_url=role_url("zonemap_editor", schema))
            init_db(editor)  # as the editor role: it owns what it creates
            _admin(*(sql.format(s=schema) for sql in AFTER_INIT))
            yield Roles(editor, dataclasses.replace(base, database_url=role_url("zonemap_viewer", schema)))
        finally:
            _admin(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def roles(tmp_path) -> Iterator[Roles]:
    with _roles(tmp_path) as r:
        yield r


def test_viewer_role_reads_what_the_editor_role_wrote(roles):
    with open_store(roles.editor) as ed_store:
        ed_store.as_editor("rana", SECRET).add_events([event(ed_store.load_dataset(), "e3")])
        expected = ed_store.load_dataset()
    with open_store(roles.viewer) as store:
        ds = store.load_dataset()
        assert {e.id for e in ds.events} == {e.id for e in expected.events} == {"e1", "e2", "e3"}
        assert store.revision() > 1 and store.history()[0].user == "rana"
        assert not store.has_editor_accounts()  # the password hashes are not its to read
    assert init_db(roles.viewer).applied == []  # up to date: nothing to write, nothing tried
    assert migrate_db(roles.viewer) == []


def _writes(store, ds) -> dict:
    ed = store.as_editor("mallory", SECRET)
    zone = ControlZone(
        id="z-ro",
        faction="sdf",
        valid_from=dt.date(2021, 6, 1),
        source="t",
        confidence="high",
        geometry=MultiPolygon([box(37.0, 36.0, 37.3, 36.4)]),
    )
    place = Place(
        id="ro-place", name_en="Place", name_ar="مكان", kind=PlaceKind.TOWN, geometry=Point(37.1, 36.2)
    )
    e1 = ds.events[0]
    return {
        "add_events": lambda: ed.add_events([event(ds, "ro-1")]),
        "update_event": lambda: ed.update_event(e1.model_copy(update={"object_en": "x"})),
        "delete_event": lambda: ed.delete_event("e1"),
        "set_review": lambda: ed.set_review("e1", "rejected"),
        "upsert_places": lambda: ed.upsert_places([place]),
        "delete_place": lambda: ed.delete_place("shahba"),
        "add_zone_snapshot": lambda: ed.add_zone_snapshot([zone]),
        "set_zone_validity": lambda: ed.set_zone_validity("z-sdf", dt.date(2021, 1, 20), None),
        "undo_last": ed.undo_last,
        "raw SQL": lambda: _raw_delete(store),
    }


def _raw_delete(store) -> None:
    """Past every check in Python: the backend's own write transaction, straight SQL."""
    with store._backend.write() as cur:
        cur.execute("DELETE FROM events")


def test_viewer_role__every_write_fails_at_the_database(roles):
    with open_store(roles.editor) as ed_store:  # something for undo_last to undo
        # mallory's own change: an editor may undo only their own, so the undo gets past the
        # check in Python and is refused by the database.
        ed_store.as_editor("mallory", SECRET).set_review("e2", "rejected")
    before = dump(roles.editor)
    with open_store(roles.viewer) as store:
        for name, write in _writes(store, store.load_dataset()).items():
            with pytest.raises(ReadOnlyError) as refused:
                write()
            cause = refused.value.__cause__
            assert isinstance(
                cause, psycopg.errors.InsufficientPrivilege | psycopg.errors.ReadOnlySqlTransaction
            ), (name, cause)
            message = str(refused.value)
            assert "the database refused it" in message and "docs/deploy.md" in message, name
            assert "editors' server" in refused.value.public
    with pytest.raises(ReadOnlyError), open_admin(roles.viewer) as admin:
        admin.add_editor("eve", "a long enough password")
    assert dump(roles.editor) == before


def test_viewer_role__the_dashboard_serves(roles, monkeypatch):
    monkeypatch.setenv("ZONEMAP_DATABASE_URL", roles.viewer.database_url)
    monkeypatch.setenv("ZONEMAP_DATA_DIR", str(roles.viewer.data_dir))
    monkeypatch.delenv("ZONEMAP_EDITOR_SECRET", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    assert "L.map(" in component.proto.json_args
    assert not at.get("expander") or all("sign-in" not in str(x.proto).lower() for x in at.get("expander"))
