"""Building blocks of the store, import and export tests (no tests here).

`write_data(root)` writes a small valid data directory in code (one ambiguous name: two places
called Shahba); `settings_for(backend, tmp_path)` gives settings for a fresh SQLite file or a
fresh PostgreSQL schema (on the server `scripts/with_postgres.sh` starts, skipped only when
ZONEMAP_TEST_DATABASE_URL is absent), created and seeded as `zonemap db init` does (with
`init=False`, not created); `dump(settings)` reads every table with a raw
connection, to check that a database is exactly as it was; `Clock` is a clock the test moves
by hand, for the sign-in throttle."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from shapely.geometry import MultiPolygon, Point, box

from geodata.dataset import DATA_DIR
from geodata.formats.geojson import write_feature_collection, write_records
from geodata.model import Event, ReviewStatus
from geodata.settings import Settings, get_settings
from geodata.store import init_db

SECRET = "test-editor-secret"
DAY = dt.date(2021, 1, 20)
TEXT = "قال المصدر إن قسد طالبت الحكومة بفك الحصار عن حي الشيخ مقصود في حلب."
QUOTE = "طالبت الحكومة بفك الحصار عن حي الشيخ مقصود"
PG_URL = os.environ.get("ZONEMAP_TEST_DATABASE_URL")
# The columns of a trimmed ACLED export (the ones its reader uses, and a few more), as the
# import tests and the live map's scale test write it; the full list is
# geodata.formats.acled.ACLED_COLUMNS.
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _place(id, en, ar, geom, **kw):
    return {"id": id, "name_en": en, "name_ar": ar, "kind": kw.pop("kind", "city"), **kw}, geom


def write_data(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DATA_DIR / "syria_outline.geojson", root / "syria_outline.geojson")
    write_feature_collection(
        root / "places.geojson",
        [
            _place(
                "hasakah-governorate",
                "Hasakah Governorate",
                "محافظة الحسكة",
                box(40.0, 35.9, 41.0, 36.8),
                kind="governorate",
            ),
            _place("aleppo", "Aleppo", "حلب", Point(37.16, 36.2)),
            _place(
                "sheikh-maqsoud",
                "Sheikh Maqsoud",
                "الشيخ مقصود",
                box(37.15, 36.22, 37.16, 36.23),
                kind="neighbourhood",
                parent="aleppo",
                names=[{"text": "Sheikh Maqsood", "lang": "translit"}],
            ),
            _place(
                "qamishli",
                "Qamishli",
                "القامشلي",
                Point(41.22, 37.05),
                governorate="hasakah-governorate",
                names=[{"text": "Qamişlo", "lang": "ku"}],
            ),
            _place(
                "shahba-region",
                "Shahba region",
                "منطقة الشهباء",
                box(36.9, 36.4, 37.1, 36.6),
                kind="region",
                prior=2.0,
                names=[{"text": "الشهباء", "lang": "ar"}, {"text": "Shahba", "lang": "en"}],
            ),
            _place(
                "shahba",
                "Shahba",
                "شهبا",
                Point(36.63, 32.85),
                kind="town",
                prior=0.5,
                names=[{"text": "الشهباء", "lang": "ar"}],
            ),
        ],
    )
    write_records(
        root / "factions.json",
        [
            {"id": "sdf", "name_en": "SDF", "name_ar": "قسد", "colour": "#E69F00"},
            {"id": "government", "name_en": "Government", "name_ar": "الحكومة", "colour": "#D55E00"},
        ],
    )
    write_records(
        root / "actors.json",
        [
            {
                "id": "sdf",
                "name_en": "Syrian Democratic Forces",
                "name_ar": "قوات سوريا الديمقراطية",
                "faction": "sdf",
                "aliases": [{"text": "SDF", "lang": "en"}, {"text": "قسد", "lang": "ar"}],
            },
            {
                "id": "syrian-government",
                "name_en": "Syrian government",
                "name_ar": "الحكومة السورية",
                "faction": "government",
                "valid_to": "2024-12-08",
                "aliases": [
                    {"text": "Military Forces of Syria", "lang": "en"},
                    {"text": "الحكومة", "lang": "ar"},
                ],
            },
            {
                "id": "russia",
                "name_en": "Russia",
                "name_ar": "روسيا",
                "aliases": [{"text": "Military Forces of Russia", "lang": "en"}],
            },
        ],
    )
    write_feature_collection(
        root / "zones" / "2021-01-20.geojson",
        [
            (
                {
                    "id": "z-sdf",
                    "faction": "sdf",
                    "valid_from": "2021-01-20",
                    "source": "test",
                    "confidence": "high",
                },
                MultiPolygon([box(37.0, 36.21, 37.3, 36.4)]),
            ),
            (
                {
                    "id": "z-gov",
                    "faction": "government",
                    "valid_from": "2021-01-20",
                    "source": "test",
                    "confidence": "medium",
                },
                MultiPolygon([box(37.0, 36.0, 37.3, 36.21)]),
            ),
        ],
    )
    start = TEXT.index(QUOTE)
    write_records(
        root / "sources.json",
        [{"id": "src", "outlet": "Test outlet", "url": "https://example.org/a", "published": "2021-01-20"}],
    )
    evidence = {"quote": QUOTE, "start": start, "end": start + len(QUOTE)}
    write_records(
        root / "events.json",
        [
            {
                "id": "e1",
                "type": "demand",
                "actor": "sdf",
                "target": "syrian-government",
                "places": ["sheikh-maqsoud"],
                "date": "2021-01-20",
                "source": "src",
                "evidence": evidence,
                "links": [{"rel": "concerns", "event": "e2"}],
            },
            {
                "id": "e2",
                "type": "blockade",
                "actor": "syrian-government",
                "places": ["sheikh-maqsoud"],
                "date": "2021-01-20",
                "since": "2021-01-10",
                "status": "ongoing",
                "source": "src",
                "evidence": evidence,
            },
        ],
    )
    return root


def event(ds_or_source, id: str, *, places=("aleppo",), review=ReviewStatus.ACCEPTED, **kw) -> Event:
    """A valid event of the small dataset."""
    source = ds_or_source.sources["src"] if hasattr(ds_or_source, "sources") else ds_or_source
    start = TEXT.index(QUOTE)
    return Event(
        id=id,
        type=kw.pop("type", "demand"),
        actor=kw.pop("actor", "sdf"),
        target=kw.pop("target", "syrian-government"),
        places=tuple(places),
        date=DAY,
        source=source,
        evidence={"quote": QUOTE, "start": start, "end": start + len(QUOTE)},
        review=review,
        **kw,
    )


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql)


def schema_url(schema: str) -> str:
    sep = "&" if "?" in (PG_URL or "") else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema},public"


@contextlib.contextmanager
def settings_for(
    backend: str, tmp_path: Path, *, data: Path | None = None, secret: str | None = SECRET, init: bool = True
) -> Iterator[Settings]:
    """Settings of a fresh database of `backend` over a small data directory, created and
    seeded (`init_db`, as `zonemap db init` does: opening a store never creates one) unless
    `init` is false."""
    data = data or write_data(tmp_path / "data")
    base = dataclasses.replace(
        get_settings({}),
        data_dir=data,
        editor_secret=secret,
        db_path=tmp_path / "zonemap.sqlite",
        database_url=None,
    )
    if backend == "sqlite":
        if init:
            init_db(base)
        yield base
        return
    if not PG_URL:
        pytest.skip(
            "ZONEMAP_TEST_DATABASE_URL is not set (run the tests through "
            "scripts/with_postgres.sh, as `make test` does)"
        )
    schema = f"t_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE SCHEMA {schema}")
    try:
        settings = dataclasses.replace(base, database_url=schema_url(schema))
        if init:
            init_db(settings)
        yield settings
    finally:
        _pg_admin(f"DROP SCHEMA {schema} CASCADE")


def env_of(settings: Settings) -> dict[str, str]:
    """The environment variables that select these settings (for the CLI and subprocesses)."""
    env = {"ZONEMAP_DATA_DIR": str(settings.data_dir), "ZONEMAP_DB": str(settings.db_path)}
    if settings.database_url:
        env["ZONEMAP_DATABASE_URL"] = settings.database_url
    if settings.editor_secret:
        env["ZONEMAP_EDITOR_SECRET"] = settings.editor_secret
    return env


TABLES = (
    "schema_migrations",
    "meta",
    "factions",
    "actors",
    "sources",
    "places",
    "zones",
    "events",
    "changes",
    "audit",
)


def dump(settings: Settings, *, versions: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table, read with a raw connection (not through the store); without
    the records' `rev` column (the change that last wrote each) unless `versions`."""
    if settings.database_url:
        import psycopg

        with psycopg.connect(settings.database_url, autocommit=True) as conn:
            return {t: _rows(conn.execute(f"SELECT * FROM {t} ORDER BY 1"), versions, str) for t in TABLES}
    conn = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True)
    try:
        return {t: _rows(conn.execute(f"SELECT * FROM {t} ORDER BY 1"), versions) for t in TABLES}
    finally:
        conn.close()


def _rows(cur, versions: bool, convert=None) -> list[tuple]:
    keep = [i for i, d in enumerate(cur.description) if versions or d[0] != "rev"]
    return [tuple(convert(r[i]) if convert else r[i] for i in keep) for r in cur.fetchall()]
