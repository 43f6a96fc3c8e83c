"""Exports: export -> import reproduces the same records in every format that carries the data
(a Hypothesis property), each format is what other tools expect (RFC 7946 GeoJSON, UTF-8 CSV,
KML, GeoPackage; the offline HTML map is tested in tests/dashboard/test_html_export.py), and
`zonemap export` with its filters and errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
import shapely
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Point, box
from test_store_support import SECRET, env_of, settings_for, write_data

from geodata import formats as exports
from geodata.cli import main
from geodata.dataset import read_dataset
from geodata.formats import read_import
from geodata.formats.features import features
from geodata.model import (
    ControlZone,
    DatePrecision,
    Event,
    EventType,
    LinkRel,
    Name,
    Place,
    PlaceKind,
    ReviewStatus,
    Source,
    Status,
)
from geodata.store import open_store

FORMATS = ["geojson", "csv", "kml", "gpkg"]
PROPERTY = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    dataset, problems = read_dataset(write_data(tmp_path_factory.mktemp("exports") / "data"))
    assert problems == []
    return dataset


def write(fmt: str, what: str, records, path: Path, ds=None, attrs=None) -> Path:
    path = path.with_suffix(exports.SUFFIX[fmt])
    if fmt == "geojson":
        path.write_text(exports.to_geojson(records, ds, attrs), encoding="utf-8")
    elif fmt == "csv":
        path.write_text(exports.to_csv(what, records, ds, attrs), encoding="utf-8", newline="")
    else:
        exports.write_gdal(what, features(records, ds, attrs), path, fmt)
    return path


# -- strategies: records other tools must carry unchanged ---------------------------------------

# Text without leading/trailing blanks (tabular formats strip cells) or XML-forbidden characters.
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéêçşîûابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة0123456789"
)
INNER = LETTERS + " -'’،,.;:()«»\"&<>/\\\n"
words = st.builds(
    lambda a, b, c: a + b + c,
    st.sampled_from(LETTERS),
    st.text(alphabet=INNER, max_size=20),
    st.sampled_from(LETTERS),
).filter(lambda t: "\n" not in (t[0] + t[-1]))
maybe = lambda s: st.none() | s  # noqa: E731
slug = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
# Coordinates to 6 decimals (about 0.1 m) inside Syria: exact in KML's 15 significant digits too.
lon = st.integers(37_500_000, 39_500_000).map(lambda i: i / 1e6)
lat = st.integers(34_500_000, 36_000_000).map(lambda i: i / 1e6)
day = st.dates(dt.date(2011, 1, 1), dt.date(2025, 12, 31))


@st.composite
def place_lists(draw):
    ids = draw(st.lists(slug, min_size=1, max_size=5, unique=True))
    out = []
    for i, pid in enumerate(ids):
        polygon = draw(st.booleans())
        x, y = draw(lon), draw(lat)
        if polygon:
            w, h = draw(st.integers(1, 50_000)) / 1e6, draw(st.integers(1, 50_000)) / 1e6
            geom = box(x, y, round(x + w, 6), round(y + h, 6), ccw=draw(st.booleans()))
            kind = draw(st.sampled_from([PlaceKind.REGION, PlaceKind.NEIGHBOURHOOD]))
        else:
            geom, kind = Point(x, y), draw(st.sampled_from([PlaceKind.CITY, PlaceKind.VILLAGE]))
        out.append(
            Place(
                id=pid,
                name_en=draw(words),
                name_ar=draw(words),
                kind=kind,
                geometry=geom,
                names=tuple(
                    Name(text=draw(words), lang=draw(st.sampled_from(["ar", "ku", "translit"])))
                    for _ in range(draw(st.integers(0, 2)))
                ),
                parent=draw(maybe(st.sampled_from(ids[:i]))) if i else None,
                geonames_id=draw(maybe(st.integers(1, 10**8))),
                prior=draw(st.integers(1, 4000)) / 1000,
                sources=tuple(draw(st.lists(words, max_size=2))),
                note=draw(maybe(words)),
            )
        )
    return out


@st.composite
def zone_lists(draw):
    cells = draw(
        st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=1, max_size=6, unique=True)
    )
    start = draw(day)
    end = draw(maybe(st.integers(1, 900).map(lambda n: start + dt.timedelta(days=n))))
    out = []
    for n, (i, j) in enumerate(cells):
        x, y = round(37.5 + i * 0.2, 6), round(34.5 + j * 0.15, 6)
        out.append(
            ControlZone(
                id=f"z{n}-{draw(slug)}",
                faction=draw(st.sampled_from(["sdf", "government"])),
                geometry=MultiPolygon(
                    [box(x, y, round(x + 0.2, 6), round(y + 0.15, 6), ccw=draw(st.booleans()))]
                ),
                valid_from=start,
                valid_to=end,
                source=draw(words),
                confidence=draw(st.sampled_from(["high", "medium", "low"])),
                note=draw(maybe(words)),
            )
        )
    return out


@st.composite
def event_lists(draw):
    ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    sources = {
        sid: Source(
            id=sid,
            outlet=draw(words),
            url=draw(maybe(st.just("https://example.org/x?a=1&b=ب"))),
            published=None,
            title=draw(maybe(words)),
            lang=draw(st.sampled_from(["ar", "en"])),
            note=draw(maybe(words)),
        )
        for sid in ("s1", "s2")
    }
    events, attrs = [], {}
    for eid in ids:
        date = draw(day)
        etype = draw(st.sampled_from(list(EventType)))
        quote = draw(words)
        start = draw(st.integers(0, 500))
        since = draw(maybe(st.integers(0, 300).map(lambda n, d=date: d - dt.timedelta(days=n))))
        until = draw(maybe(st.integers(0, 300).map(lambda n, d=since or date: d + dt.timedelta(days=n))))
        events.append(
            Event(
                id=eid,
                type=etype,
                actor=draw(maybe(st.sampled_from(["sdf", "syrian-government"]))),
                target=draw(maybe(st.sampled_from(["sdf", "russia"]))),
                mediator=draw(maybe(st.just("russia"))),
                places=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(["aleppo", "qamishli", "sheikh-maqsoud"]), max_size=2, unique=True
                        )
                    )
                ),
                date=date,
                date_precision=draw(st.sampled_from(list(DatePrecision))),
                object_en=draw(maybe(words)),
                object_ar=draw(maybe(words)),
                links=tuple(
                    {"rel": draw(st.sampled_from(list(LinkRel))), "event": t}
                    for t in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
                ),
                status=draw(maybe(st.sampled_from(list(Status)))),
                since=since,
                until=until,
                source=sources[draw(st.sampled_from(["s1", "s2"]))],
                evidence={
                    "quote": quote,
                    "start": start,
                    "end": start + len(quote),
                    "lang": draw(st.sampled_from(["ar", "en"])),
                },
                confidence=draw(st.sampled_from(["high", "medium", "low"])),
                historical=draw(st.booleans()),
                review=draw(st.sampled_from(list(ReviewStatus))),
                note=draw(maybe(words)),
            )
        )
        if draw(st.booleans()):
            attrs[eid] = draw(st.dictionaries(slug, words, min_size=1, max_size=3))
    return events, attrs


def _as_rfc7946(records):
    return [r.model_copy(update={"geometry": exports.rfc7946(r.geometry)}) for r in records]


def _read_back(fmt, what, records, tmp_path, ds, attrs=None):
    path = write(fmt, what, records, tmp_path / f"rt-{what}", ds, attrs)
    result = read_import(path, what, dataset=ds)
    assert result.rejected == (), result.rejected
    return result, path


# -- the property ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(places=place_lists())
def test_places_round_trip(ds, tmp_path, fmt, places):
    result, path = _read_back(fmt, "places", places, tmp_path, ds)
    expected = _as_rfc7946(places) if fmt == "geojson" else places
    assert list(result.records) == expected
    if fmt in ("geojson", "csv"):  # and again: the second export is the same file
        assert (
            write(fmt, "places", list(result.records), tmp_path / "again", ds).read_bytes()
            == path.read_bytes()
        )


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(zones=zone_lists())
def test_zones_round_trip(ds, tmp_path, fmt, zones):
    result, _ = _read_back(fmt, "zones", zones, tmp_path, ds)
    expected = _as_rfc7946(zones) if fmt == "geojson" else zones
    assert list(result.records) == expected


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=event_lists())
def test_events_round_trip(ds, tmp_path, fmt, data):
    events, attrs = data
    result, _ = _read_back(fmt, "events", events, tmp_path, ds, attrs)
    assert list(result.records) == events
    assert {k: dict(v) for k, v in result.attrs.items()} == attrs


def test_round_trip_through_two_stores(tmp_path):
    """Export every kind from one database, import into an empty one: the same data."""
    with settings_for("sqlite", tmp_path / "a") as a:
        source = open_store(a)
        editor = source.as_editor("rana", SECRET)
        editor.upsert_places(
            [
                Place(
                    id="tal-tamr",
                    name_en="Tal Tamr",
                    name_ar="تل تمر",
                    kind="town",
                    geometry=Point(40.37, 36.65),
                )
            ]
        )
        empty = write_data(tmp_path / "b-data")
        for f in ("places.geojson",):
            (empty / f).write_text('{"type":"FeatureCollection","features":[]}', encoding="utf-8")
        (empty / "events.json").write_text("[]", encoding="utf-8")
        (empty / "zones" / "2021-01-20.geojson").unlink()
        with settings_for("sqlite", tmp_path / "b", data=empty) as b:
            target = open_store(b)
            writer = target.as_editor("omar", SECRET)
            want = source.load_dataset()
            for what in ("places", "zones", "events"):
                path = tmp_path / f"{what}.gpkg"
                exports.export(want, what, "gpkg", path, include_drafts=True, attrs=source.event_attrs())
                writer.apply(read_import(path, what, dataset=target.load_dataset()))
            got = target.load_dataset()
            assert got.gazetteer.places == want.gazetteer.places
            assert got.zones == want.zones and got.events == want.events


# -- what each format is -----------------------------------------------------------------------


def test_geojson_is_rfc7946(ds, tmp_path):
    cw = Place(
        id="cw",
        name_en="Clockwise",
        name_ar="عقارب",
        kind="region",
        geometry=box(37.5, 35.0, 37.6, 35.1, ccw=False),
    )
    doc = json.loads(exports.to_geojson([cw, *exports.select(ds, "places")], ds))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for f in doc["features"]:
        assert f["type"] == "Feature" and set(f) == {"type", "id", "properties", "geometry"}
        g = shapely.geometry.shape(f["geometry"])
        for poly in getattr(g, "geoms", [g]):
            if poly.geom_type == "Polygon":
                assert poly.exterior.is_ccw
        lon_, lat_ = shapely.get_coordinates(g)[0]
        assert 35 < lon_ < 43 and 32 < lat_ < 38  # longitude first
    assert doc["features"][0]["properties"]["name_ar"] == "عقارب"  # not \\u-escaped


def test_csv_is_utf8_with_arabic_intact(ds, tmp_path):
    path = tmp_path / "e.csv"
    n = exports.export(ds, "events", "csv", path)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "طالبت الحكومة".encode() in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert len(rows) == n == 2
    assert json.loads(rows[0]["evidence"])["quote"].startswith("طالبت")
    assert float(rows[0]["latitude"]) == pytest.approx(36.225)  # a point of Sheikh Maqsoud
    assert rows[0]["wkt"].startswith("POINT (37.15")


def test_kml_for_google_earth(ds, tmp_path):
    path = tmp_path / "p.kml"
    exports.export(ds, "places", "kml", path)
    root = ET.parse(path).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [n.text for n in root.iterfind(".//k:Placemark/k:name", ns)]
    assert "Aleppo — حلب" in names
    assert root.find(".//k:Placemark//k:coordinates", ns) is not None


def test_geopackage_layer(ds, tmp_path):
    path = tmp_path / "z.gpkg"
    exports.export(ds, "zones", "gpkg", path)
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == ["zones"]
    frame = pyogrio.read_dataframe(path)
    assert frame.crs.to_epsg() == 4326 and sorted(frame["id"]) == ["z-gov", "z-sdf"]


def test_select_filters(ds):
    assert [p.id for p in exports.select(ds, "places", place="aleppo")] == ["aleppo", "sheikh-maqsoud"]
    assert [z.id for z in exports.select(ds, "zones", place="sheikh-maqsoud")] == ["z-sdf"]
    assert exports.select(ds, "zones", day=dt.date(2020, 1, 1)) == []
    assert [e.id for e in exports.select(ds, "events", types=["blockade"])] == ["e2"]
    assert exports.select(ds, "events", day=dt.date(2021, 1, 1)) == []
    assert [e.id for e in exports.select(ds, "events", place="aleppo")] == ["e1", "e2"]
    with pytest.raises(exports.ExportError, match="no place with id 'atlantis'"):
        exports.select(ds, "events", place="atlantis")
    with pytest.raises(exports.ExportError, match="`what` was 'rivers'"):
        exports.select(ds, "rivers")


def test_export_bytes_for_download_buttons(ds):
    data = exports.export_bytes(ds, "places", "gpkg")
    assert data.startswith(b"SQLite format 3\x00")
    assert exports.export_bytes(ds, "events", "csv").decode("utf-8").startswith("id,type,")


def test_html_export_without_the_dashboard_says_so(ds, tmp_path, monkeypatch):
    """The html exporter comes from the dashboard's entry point; without it, one clear error."""
    from importlib.metadata import EntryPoints

    monkeypatch.setattr(exports, "entry_points", lambda **kwargs: EntryPoints(()))
    with pytest.raises(exports.ExportError, match=r"dashboard package .*not installed"):
        exports.export(ds, "events", "html", tmp_path / "map.html")
    with pytest.raises(exports.ExportError, match="`format` was 'shp'"):
        exports.export(ds, "events", "shp", tmp_path / "x.shp")


# -- the command -------------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    with settings_for("sqlite", tmp_path) as s:
        for k, v in env_of(s).items():
            monkeypatch.setenv(k, v)
        monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
        yield s


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_each_format_reads_back(cli_env, tmp_path, fmt):
    out = tmp_path / f"events{exports.SUFFIX[fmt]}"
    result = run("export", "--what", "events", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote 2 events to {out}"
    back = read_import(out, "events", dataset=open_store(cli_env).load_dataset())
    assert [e.id for e in back.records] == ["e1", "e2"] and back.rejected == ()


def test_cli_export_filters(cli_env, tmp_path):
    out = tmp_path / "x.geojson"
    assert "wrote 1 events" in run("export", "--type", "blockade", "-o", out).output
    assert "wrote 0 events" in run("export", "--date", "2020-01-01", "-o", out).output
    assert "wrote 2 events" in run("export", "--place", "Aleppo", "-o", out).output
    assert (
        "wrote 1 zones"
        in run(
            "export", "--what", "zones", "--place", "sheikh-maqsoud", "--date", "2021-02-01", "-o", out
        ).output
    )
    assert (
        "wrote 2 places"
        in run(
            "export", "--what", "places", "--place", "aleppo", "--format", "csv", "-o", tmp_path / "p.txt"
        ).output
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--date", "2021-02-30"], 2, "is not a date"),
        (["--format", "shp"], 2, "'shp' is not one of"),
        (["--what", "places", "--type", "demand"], 2, "--type filters events, not places"),
        (["--place", "Atlantis"], 1, "Error: no place named 'Atlantis'"),
    ],
)
def test_cli_export_errors(cli_env, tmp_path, args, code, message):
    result = run("export", *args, "-o", tmp_path / "x.geojson")
    assert result.exit_code == code and message in result.output


def test_cli_export__format_from_suffix_and_bad_paths(cli_env, tmp_path):
    result = run("export", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "cannot tell the format from 'x.xlsx'" in result.output
    result = run("export", "-o", tmp_path / "missing" / "x.csv")
    assert result.exit_code == 1 and "no such directory" in result.output
    result = run("export", "--what", "zones", "--date", "1990-01-01", "-o", tmp_path / "x.gpkg")
    assert result.exit_code == 1 and "Error: nothing to export as gpkg: no zones" in result.output
