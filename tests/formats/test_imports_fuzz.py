"""Hypothesis fuzzing of every importer with malformed input, through `zonemap import` against a
real database: never a traceback, always a clear message (an `Error:` line or the report of the
rejected records with file, record and field), exit status 1, and the database unchanged.

Each generated file is malformed for sure: random bytes, random JSON/XML/CSV text, a valid file
with one broken record added, or a valid file cut short or with bytes overwritten."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box
from test_store_support import dump, env_of, settings_for

from geodata.cli import main
from geodata.store import open_store

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
ARABIC = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،؛", min_size=1, max_size=12)
GOOD_PLACE = {"id": "tal-tamr", "name_en": "Tal Tamr", "name_ar": "تل تمر", "kind": "town"}
PROBLEM = re.compile(r": record [^:]+: field [^:]+: \S")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    with settings_for("sqlite", tmp) as s:
        open_store(s).close()
        yield s, tmp


def check_refused(db, monkeypatch, name: str, data: bytes, *args: str) -> None:
    s, tmp = db
    for k, v in env_of(s).items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    path = tmp / name
    path.write_bytes(data)
    before = dump(s)
    result = CliRunner().invoke(main, ["import", str(path), *args])
    out = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (repr(result.exception), out)
    assert "Traceback" not in out
    assert result.exit_code == 1, out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert lines, "no message at all"
    error = [ln for ln in lines if ln.startswith("Error: ")]
    assert (error and len(error[-1]) > len("Error: ") + 10) or any(PROBLEM.search(ln) for ln in lines), out
    assert dump(s) == before
    event("rejected records" if not error else error[-1][:40])
    if os.environ.get("ZONEMAP_FUZZ_LOG"):
        with open(os.environ["ZONEMAP_FUZZ_LOG"], "a", encoding="utf-8") as log:
            log.write((error[-1] if error else lines[-1]) + "\n")


def _corrupt(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data[: max(1, min(cut, len(data)))] if cut else data)
    for pos, byte in flips:
        out[pos % len(out)] = byte
    return bytes(out)


corruption = st.one_of(
    st.just((0, [])),
    st.tuples(
        st.integers(0, 200_000), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8)
    ),
)


def _feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}


@st.composite
def broken_place(draw):
    """A place record that is invalid whatever else happens to it."""
    props = dict(GOOD_PLACE, id=draw(st.from_regex(r"[a-z]{3,8}", fullmatch=True)))
    how = draw(st.sampled_from(["drop", "kind", "name", "prior", "parent"]))
    if how == "drop":
        props.pop(draw(st.sampled_from(["name_en", "name_ar", "kind"])))
    elif how == "kind":
        props["kind"] = draw(
            TEXT.filter(
                lambda t: (
                    t.strip()
                    not in (
                        "city",
                        "town",
                        "village",
                        "neighbourhood",
                        "region",
                        "facility",
                        "governorate",
                        "country",
                    )
                )
            )
        )
    elif how == "name":
        props["name_ar"] = draw(st.sampled_from([None, 0, [], {}, ""]))
    elif how == "prior":
        props["prior"] = draw(st.sampled_from([-1, 0, "many", None]))
    else:
        props["parent"] = "no-such-parent"
    return props


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda c: st.lists(c, max_size=4) | st.dictionaries(TEXT, c, max_size=4),
    max_leaves=12,
)


@FUZZ
@given(
    kind=st.sampled_from(["bytes", "json", "features"]),
    raw=st.binary(max_size=300),
    value=json_values,
    bad=broken_place(),
    geom=json_values,
    n_good=st.integers(0, 3),
    arabic=ARABIC,
)
def test_fuzz_geojson(db, monkeypatch, kind, raw, value, bad, geom, n_good, arabic):
    if kind == "bytes":
        data = raw
    elif kind == "json":
        data = json.dumps(value).encode()
    else:
        good = [
            _feature(
                dict(GOOD_PLACE, id=f"g{i}", name_ar=arabic), {"type": "Point", "coordinates": [40.37, 36.65]}
            )
            for i in range(n_good)
        ]
        broken = [
            _feature(bad, {"type": "Point", "coordinates": [40.4, 36.6]}),
            _feature(dict(GOOD_PLACE, id="geom-broken"), geom if geom is not None else "x"),
        ]
        data = json.dumps(
            {"type": "FeatureCollection", "features": good + broken}, ensure_ascii=False
        ).encode()
    check_refused(db, monkeypatch, "fuzz.geojson", data)


CSV_TEXT = st.text(alphabet=st.sampled_from([*'abc,;"\n\r\t 1.-إحلب', "\x00", "é"]), max_size=200)


@FUZZ
@given(
    kind=st.sampled_from(["bytes", "text", "rows"]),
    raw=st.binary(max_size=300),
    text=CSV_TEXT,
    cells=st.lists(TEXT, min_size=1, max_size=9),
    lat=TEXT,
)
def test_fuzz_csv(db, monkeypatch, kind, raw, text, cells, lat):
    if kind == "bytes":
        data = raw
    elif kind == "text":
        data = text.encode("utf-8")
    else:
        head = "id,name_en,name_ar,kind,latitude,longitude\n"
        good = "tal-tamr,Tal Tamr,تل تمر,town,36.65,40.37\n"
        row = ",".join(json.dumps(c, ensure_ascii=False) for c in cells)
        broken = f"bad,Bad,سيئ,town,{json.dumps(lat + 'x', ensure_ascii=False)},40.4\n"
        data = (head + good + row + "\n" + broken).encode("utf-8")
    check_refused(db, monkeypatch, "fuzz.csv", data)


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
    "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
    "timestamp"
)


@FUZZ
@given(
    rows=st.lists(st.lists(TEXT, min_size=31, max_size=31), min_size=0, max_size=3),
    event_type=TEXT,
    date=TEXT,
    coords=st.tuples(TEXT, TEXT),
)
def test_fuzz_acled(db, monkeypatch, rows, event_type, date, coords):
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    out.write(ACLED_HEADER + "\n")
    for row in rows:
        writer.writerow(row)
    # and one row that cannot be valid: an event type ACLED does not have
    writer.writerow(
        [
            "SYR9",
            date,
            "2021",
            "1",
            "x",
            "No such type " + event_type,
            "x",
            "SDF",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "760",
            "",
            "Syria",
            "Aleppo",
            "",
            "",
            "Aleppo",
            *coords,
            "1",
            "SOHR",
            "",
            "notes",
            "0",
            "",
            "1",
        ]
    )
    check_refused(db, monkeypatch, "fuzz.csv", out.getvalue().encode("utf-8"))


def _valid_gdal_file(tmp: Path, fmt: str) -> bytes:
    frame = gpd.GeoDataFrame(
        [dict(GOOD_PLACE), dict(GOOD_PLACE, id="bad", kind="hamlet")],
        geometry=[Point(40.37, 36.65), box(40.3, 36.6, 40.4, 36.7)],
        crs=4326,
    )
    path = tmp / f"valid.{fmt}"
    if not path.exists():
        driver = {"gpkg": "GPKG", "kml": "LIBKML", "shp": "ESRI Shapefile"}[fmt]
        if fmt == "shp":
            frame = gpd.GeoDataFrame(
                frame.drop(columns="geometry"), geometry=[Point(40.37, 36.65), Point(40.4, 36.6)], crs=4326
            )
        frame.to_file(path, engine="pyogrio", driver=driver)
    if fmt != "shp":
        return path.read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in sorted(tmp.glob("valid.*")):
            if f.suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                zf.write(f, f.name)
    return buf.getvalue()


@FUZZ
@given(kind=st.sampled_from(["bytes", "header", "corrupt"]), raw=st.binary(max_size=400), damage=corruption)
def test_fuzz_geopackage(db, monkeypatch, kind, raw, damage):
    if kind == "bytes":
        data = raw
    elif kind == "header":
        data = b"SQLite format 3\x00" + raw
    else:
        data = _corrupt(_valid_gdal_file(db[1], "gpkg"), *damage)
    check_refused(db, monkeypatch, "fuzz.gpkg", data)


@FUZZ
@given(
    kind=st.sampled_from(["bytes", "xml", "corrupt"]),
    raw=st.binary(max_size=300),
    text=st.text(alphabet=st.sampled_from(list("<>/=\"' kmlPlacemarkPointcoordinates,.0123")), max_size=200),
    damage=corruption,
)
def test_fuzz_kml(db, monkeypatch, kind, raw, text, damage):
    if kind == "bytes":
        data = raw
    elif kind == "xml":
        data = ('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">' + text).encode()
    else:
        data = _corrupt(_valid_gdal_file(db[1], "kml"), *damage)
    check_refused(db, monkeypatch, "fuzz.kml", data)


@FUZZ
@given(
    kind=st.sampled_from(["bytes", "members", "corrupt"]),
    raw=st.binary(max_size=300),
    members=st.dictionaries(
        st.sampled_from(["a.shp", "a.dbf", "a.shx", "a.prj", "dir/a.shp", "../a.shp", "a.txt"]),
        st.binary(max_size=100),
        min_size=1,
        max_size=4,
    ),
    damage=corruption,
)
def test_fuzz_zipped_shapefile(db, monkeypatch, kind, raw, members, damage):
    if kind == "bytes":
        data = raw
    elif kind == "members":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, content in members.items():
                zf.writestr(name, content)
        data = buf.getvalue()
    else:
        data = _corrupt(_valid_gdal_file(db[1], "shp"), *damage)
    check_refused(db, monkeypatch, "fuzz.zip", data, "--kind", "places")
