"""Imports: each format, the ACLED mapping, every rejected record reported with file, record and
field, refused archives and encodings, and the `zonemap import` command."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box
from test_store_support import SECRET, dump, env_of, settings_for, write_data

from geodata.cli import main
from geodata.dataset import read_dataset
from geodata.formats import ImportFileError, acled, read_import, read_import_bytes
from geodata.formats import archive as archive_guard
from geodata.formats.acled import acled_cameo_ok
from geodata.model import CAMEO, EventType
from geodata.store import open_store

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
    "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
    "timestamp"
)


def acled_row(
    eid,
    date,
    tp,
    etype,
    sub,
    actor1,
    actor2,
    admin1,
    admin2,
    location,
    lat,
    lon,
    gp,
    source,
    notes,
    fatalities="0",
    assoc1="",
):
    cells = [
        eid,
        date,
        date[-4:] if " " in date else date[:4],
        tp,
        "Political violence",
        etype,
        sub,
        actor1,
        assoc1,
        "",
        actor2,
        "",
        "",
        "",
        "",
        "760",
        "Middle East",
        "Syria",
        admin1,
        admin2,
        admin2,
        location,
        lat,
        lon,
        gp,
        source,
        "National",
        notes,
        fatalities,
        "",
        "1611700000",
    ]
    out = io.StringIO()
    import csv

    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


ACLED_ROWS = [
    acled_row(
        "SYR101",
        "2021-01-20",
        "1",
        "Battles",
        "Armed clash",
        "SDF: Syrian Democratic Forces",
        "Military Forces of Syria (2000-2024)",
        "Al Hasakeh",
        "Qamishli",
        "Qamishli",
        "37.0500",
        "41.2200",
        "1",
        "SOHR; North Press",
        "On 20 January 2021, SDF clashed with regime forces in Qamishli, «القامشلي».",
        fatalities="2",
        assoc1="Asayish",
    ),
    acled_row(
        "SYR102",
        "20 January 2021",
        "2",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Military Forces of Russia (2015-)",
        "",
        "Aleppo",
        "Al Bab",
        "Tadaf",
        "36.3000",
        "37.5200",
        "2",
        "SOHR",
        "Russian air strikes near Tadaf.",
    ),
    acled_row(
        "SYR103",
        "2021-01-21",
        "3",
        "Strategic developments",
        "Arrests",
        "Police Forces of Syria (2000-2024)",
        "Civilians (Syria)",
        "Aleppo",
        "Jebel Saman",
        "Aleppo",
        "36.2000",
        "37.1600",
        "1",
        "Syria TV",
        "Police arrested three men.",
    ),
    acled_row(
        "SYR104",
        "2021-01-22",
        "1",
        "Protests",
        "Peaceful protest",
        "Protesters (Syria)",
        "",
        "Aleppo",
        "Jebel Saman",
        "Aleppo",
        "36.2010",
        "37.1610",
        "1",
        "Local source",
        "Residents protested the blockade of Sheikh Maqsoud.",
    ),
    acled_row(
        "SYR105",
        "2021-01-23",
        "1",
        "Strategic developments",
        "Agreement",
        "Military Forces of Syria (2000-2024)",
        "SDF: Syrian Democratic Forces",
        "Al Hasakeh",
        "Qamishli",
        "Qamishli",
        "37.0500",
        "41.2200",
        "1",
        "Hawar",
        "The sides agreed to lift the siege.",
    ),
    acled_row(
        "SYR106",
        "2021-01-23",
        "1",
        "Visits",
        "Official visit",
        "X",
        "",
        "Aleppo",
        "Jebel Saman",
        "Aleppo",
        "36.2",
        "37.16",
        "1",
        "Local source",
        "A visit.",
    ),
    acled_row(
        "SYR107",
        "2021-13-40",
        "1",
        "Battles",
        "Armed clash",
        "X",
        "",
        "Aleppo",
        "Jebel Saman",
        "Aleppo",
        "36.2",
        "37.16",
        "1",
        "Local source",
        "Bad date.",
    ),
    acled_row(
        "SYR108",
        "2021-01-23",
        "1",
        "Battles",
        "Armed clash",
        "X",
        "",
        "Cairo",
        "Cairo",
        "Cairo",
        "30.04",
        "31.24",
        "1",
        "Local source",
        "Not in Syria.",
    ),
]


@pytest.fixture
def ds(tmp_path):
    dataset, problems = read_dataset(write_data(tmp_path / "data"))
    assert problems == []
    return dataset


def write_acled(path: Path, rows=ACLED_ROWS) -> Path:
    path.write_text(ACLED_HEADER + "\n" + "".join(rows), encoding="utf-8")
    return path


# -- ACLED -------------------------------------------------------------------------------------


def test_acled_mapping_table_fits_the_cameo_codes():
    assert acled_cameo_ok()
    for etype, code in acled.ACLED_TYPES.values():
        assert code.startswith(CAMEO[etype][1]), (etype, code)


def test_acled_csv_imports_with_the_right_mapping(ds, tmp_path):
    result = read_import(write_acled(tmp_path / "acled.csv"), dataset=ds)
    assert (result.kind, result.format, result.total) == ("events", "acled", 8)
    events = {e.id: e for e in result.records}
    assert sorted(events) == ["acled-syr101", "acled-syr102", "acled-syr103", "acled-syr104", "acled-syr105"]
    clash = events["acled-syr101"]
    assert (clash.type, clash.cameo) == (EventType.CLASH, "190")
    assert (clash.actor, clash.target) == ("sdf", "syrian-government")  # through the lexicon
    assert clash.places == ("qamishli",)  # the gazetteer's place, near ACLED's coordinates
    assert clash.date == dt.date(2021, 1, 20) and clash.date_precision == "day"
    assert clash.confidence == "high"
    assert clash.source.outlet == "SOHR; North Press"
    assert clash.evidence.quote.endswith("«القامشلي».") and clash.evidence.lang == "en"
    assert "2 fatalities" in clash.note
    strike = events["acled-syr102"]
    assert (strike.type, strike.cameo, strike.actor) == (EventType.CLASH, "195", "russia")
    assert strike.date == dt.date(2021, 1, 20)  # "20 January 2021", ACLED's older format
    assert strike.date_precision == "week" and strike.confidence == "medium"
    # No place of that name near: the event stays at ACLED's coordinates (issue 10), no new place.
    assert strike.places == () and result.places == () and strike.geo_precision == 2
    assert (result.attrs["acled-syr102"]["latitude"], result.attrs["acled-syr102"]["longitude"]) == (
        "36.3000",
        "37.5200",
    )
    arrest = events["acled-syr103"]
    assert (arrest.type, arrest.cameo, arrest.actor) == (EventType.ARREST, "173", None)
    assert arrest.date_precision == "month" and arrest.confidence == "low"
    assert events["acled-syr104"].type == EventType.OTHER and events["acled-syr104"].cameo == "141"
    assert events["acled-syr104"].places == ("aleppo",)
    assert (events["acled-syr105"].type, events["acled-syr105"].cameo) == (EventType.AGREEMENT, "057")
    kept = result.attrs["acled-syr101"]
    assert kept["external_id"] == "SYR101" and kept["geo_precision"] == "1"
    assert kept["time_precision"] == "1" and kept["assoc_actor_1"] == "Asayish"
    assert kept["actor2"] == "Military Forces of Syria (2000-2024)"
    assert result.attrs["acled-syr102"]["geo_precision"] == "2"
    rejected = {(p.record, p.field): p.reason for p in result.rejected}
    assert "is not an ACLED event type" in rejected[("acled-syr106", "event_type")]
    assert "is not a date" in rejected[("acled-syr107", "event_date")]
    assert "outside Syria" in rejected[("acled-syr108", "latitude")]
    assert all(p.file == str(tmp_path / "acled.csv") for p in result.rejected)


def test_acled_import_into_the_store__attrs_kept_and_idempotent(tmp_path):
    with settings_for("sqlite", tmp_path) as s:
        store = open_store(s)
        editor = store.as_editor("rana", SECRET)
        path = write_acled(tmp_path / "acled.csv", ACLED_ROWS[:5])
        result = read_import(path, dataset=store.load_dataset())
        applied = editor.apply(result)
        assert applied.inserted == 5 + 5  # events, sources (Tadaf stays a coordinate)
        loaded = {e.id: e for e in store.load_dataset().events}
        assert loaded["acled-syr101"] == next(e for e in result.records if e.id == "acled-syr101")
        assert store.event_attrs()["acled-syr101"]["external_id"] == "SYR101"
        again = editor.apply(read_import(path, dataset=store.load_dataset()))
        assert (again.inserted, again.updated, again.change_id) == (0, 0, None)
        editor.undo_last()
        assert {e.id for e in store.load_dataset().events} == {"e1", "e2"}


# -- formats -----------------------------------------------------------------------------------


def test_zipped_shapefile_of_zones__reprojected_repaired_dated(ds, tmp_path):
    bowtie = Polygon([(37.0, 36.0), (37.2, 36.2), (37.2, 36.0), (37.0, 36.2)])  # self-crossing
    frame = gpd.GeoDataFrame(
        {"faction": ["sdf", "government"], "confidence": ["high", "low"], "note": ["قسد", None]},
        geometry=[box(37.5, 36.0, 37.7, 36.2), bowtie],
        crs=4326,
    ).to_crs(3857)
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    frame.to_file(shp_dir / "zones.shp", engine="pyogrio", encoding="utf-8")
    archive = tmp_path / "zones.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in shp_dir.iterdir():
            zf.write(f, f"zones/{f.name}")
    result = read_import(archive, as_of=dt.date(2022, 5, 1), dataset=ds)
    assert (result.kind, result.format, result.rejected) == ("zones", "shapefile", ())
    assert {z.valid_from for z in result.records} == {dt.date(2022, 5, 1)}
    sdf, gov = result.records
    assert sdf.geometry.geom_type == "MultiPolygon"
    assert shapely.normalize(sdf.geometry).equals_exact(
        shapely.normalize(MultiPolygon([box(37.5, 36.0, 37.7, 36.2)])), 1e-9
    )
    assert gov.geometry.is_valid and gov.geometry.geom_type == "MultiPolygon"
    assert len(gov.geometry.geoms) == 2  # the bow-tie's two triangles
    assert sdf.note == "قسد" and sdf.id == "sdf-2022-05-01-1"
    notes = " ".join(result.notes)
    assert "reprojected from EPSG:3857" in notes and "repaired 1 invalid geometry" in notes
    assert "zones without id: filled in" in notes


def test_geopackage_of_places__reprojected_extra_columns_ignored(ds, tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "id": ["tal-tamr"],
            "name_en": ["Tal Tamr"],
            "name_ar": ["تل تمر"],
            "kind": ["town"],
            "governorate": ["hasakah-governorate"],
            "population": [7000],
        },
        geometry=[Point(40.37, 36.65)],
        crs=4326,
    ).to_crs(32637)
    frame.to_file(tmp_path / "places.gpkg", engine="pyogrio", layer="villages")
    result = read_import(tmp_path / "places.gpkg", dataset=ds)
    assert result.rejected == () and result.kind == "places"
    (place,) = result.records
    assert place.name_ar == "تل تمر" and place.governorate == "hasakah-governorate"
    assert place.geometry.distance(Point(40.37, 36.65)) < 1e-9
    assert any("ignored column(s) not in the places format: population" in n for n in result.notes)


def test_kml_and_kmz_of_places(ds, tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "Name": ["Tal Tamr"],
            "id": ["tal-tamr"],
            "name_en": ["Tal Tamr"],
            "name_ar": ["تل تمر"],
            "kind": ["town"],
        },
        geometry=[Point(40.37, 36.65)],
        crs=4326,
    )
    frame.to_file(tmp_path / "doc.kml", engine="pyogrio", driver="LIBKML")
    for path in (tmp_path / "doc.kml", tmp_path / "places.kmz"):
        if path.suffix == ".kmz":
            with zipfile.ZipFile(path, "w") as zf:
                zf.write(tmp_path / "doc.kml", "doc.kml")
        result = read_import(path, dataset=ds)
        assert result.rejected == () and result.format == "kml"
        assert result.records[0].name_ar == "تل تمر"
        assert result.records[0].geometry.equals(Point(40.37, 36.65))


def test_csv_with_latitude_longitude(ds, tmp_path):
    path = tmp_path / "villages.csv"
    path.write_text(
        "id;name_en;name_ar;kind;latitude;longitude;names\n"
        'tal-tamr;Tal Tamr;تل تمر;town;36.65;40.37;"[{""text"":""Girê Xurma"",'
        '""lang"":""ku""}]"\n',
        encoding="utf-8-sig",
    )
    result = read_import(path, dataset=ds)
    assert result.rejected == ()
    (place,) = result.records
    assert place.point == (36.65, 40.37) and place.names[0].text == "Girê Xurma"


def test_geojson_with_a_legacy_crs_is_reprojected(ds, tmp_path):
    x, y = gpd.GeoSeries([Point(40.37, 36.65)], crs=4326).to_crs(3857).iloc[0].coords[0]
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [x, y]},
                "properties": {"id": "tal-tamr", "name_en": "Tal Tamr", "name_ar": "تل تمر", "kind": "town"},
            }
        ],
    }
    (tmp_path / "p.geojson").write_text(json.dumps(doc), encoding="utf-8")
    result = read_import(tmp_path / "p.geojson", dataset=ds)
    assert result.records[0].geometry.distance(Point(40.37, 36.65)) < 1e-9
    assert "reprojected" in result.notes[0]


def test_json_list_of_events_with_source_ids(ds, tmp_path):
    doc = json.loads((ds_dir(tmp_path) / "events.json").read_text(encoding="utf-8"))
    for e in doc:
        e["id"] += "-copy"
        e["links"] = [{**link, "event": link["event"] + "-copy"} for link in e.get("links", [])]
    (tmp_path / "events.json").write_text(json.dumps(doc), encoding="utf-8")
    result = read_import(tmp_path / "events.json", dataset=ds)
    assert result.rejected == () and result.kind == "events"
    assert [e.source.id for e in result.records] == ["src", "src"]


def ds_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


# -- rejected records --------------------------------------------------------------------------


def test_every_rejected_record_is_reported_with_file_record_and_field(ds, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(
        "id,name_en,name_ar,kind,latitude,longitude,parent\n"
        "twice,Good,جيد,town,36.6,40.4,\n"
        "no-ar,No Arabic,,town,36.6,40.4,\n"
        "bad-kind,Bad kind,نوع,hamlet,36.6,40.4,\n"
        "bad-lat,Bad lat,خط,town,north,40.4,\n"
        "cairo,Cairo,القاهرة,city,30.04,31.24,\n"
        "orphan,Orphan,يتيم,village,36.6,40.4,nowhere\n"
        "twice,Again,مرة,town,36.6,40.4,\n"
        "short,row\n"
        "fine,Fine,حسن,town,36.6,40.4,\n",
        encoding="utf-8",
    )
    result = read_import(path, dataset=ds)
    assert [p.id for p in result.records] == ["fine"]
    got = {(p.record, p.field) for p in result.rejected}
    assert got == {
        ("no-ar", "name_ar"),
        ("bad-kind", "kind"),
        ("bad-lat", "geometry"),
        ("cairo", "geometry"),
        ("orphan", "parent"),
        ("twice (#1)", "id"),
        ("twice (#7)", "id"),
        ("#8", "(record)"),
    }
    assert all(p.file == str(path) for p in result.rejected)
    assert result.rejected_records == 8
    lines = result.report()
    assert lines[0] == (f"{path}: 9 record(s) read as places (csv); 1 valid, 8 rejected")
    assert f"{path}: record twice (#7): field id: duplicate id 'twice' (records #1, #7)" in lines
    assert f"{path}: record orphan: field parent: unknown place id 'nowhere'" in lines
    assert "check the order of longitude and latitude" in " ".join(lines)


def test_zones__checks(ds, tmp_path):
    def write(features, name="z.geojson"):
        doc = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": p, "geometry": g.__geo_interface__ if g else None}
                for p, g in features
            ],
        }
        (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
        return tmp_path / name

    undated = write([({"faction": "sdf"}, box(37, 36, 37.1, 36.1))])
    result = read_import(undated, dataset=ds)
    assert [(p.field, p.reason) for p in result.rejected] == [
        ("valid_from", "missing; give the date of the snapshot with --as-of DATE")
    ]
    mixed = write(
        [
            ({"faction": "sdf", "valid_from": "2021-01-01"}, box(37, 36, 37.1, 36.1)),
            ({"faction": "sdf", "valid_from": "2021-02-01"}, box(38, 36, 38.1, 36.1)),
        ]
    )
    with pytest.raises(ImportFileError, match="several valid_from dates"):
        read_import(mixed, dataset=ds)
    day = dt.date(2022, 1, 1)
    result = read_import(
        write(
            [
                ({"id": "a", "faction": "sdf"}, box(37, 36, 37.2, 36.2)),
                ({"id": "b", "faction": "government"}, box(37.1, 36.1, 37.3, 36.3)),
                ({"id": "c", "faction": "aliens"}, box(38, 36, 38.1, 36.1)),
                ({"id": "d", "faction": "sdf"}, Point(38.5, 36)),
                (
                    {"id": "e", "faction": "sdf"},
                    GeometryCollection([box(39, 36, 39.1, 36.1), LineString([(39, 36), (40, 37)])]),
                ),
                ({"id": "f", "faction": "sdf"}, None),
            ]
        ),
        as_of=day,
        dataset=ds,
    )
    assert [z.id for z in result.records] == ["a", "e"]
    assert result.records[1].geometry.geom_type == "MultiPolygon"  # the line dropped
    reasons = {p.record: p.reason for p in result.rejected}
    assert "overlaps zone 'a'" in reasons["b"] and "unknown faction 'aliens'" in reasons["c"]
    assert "must be a (Multi)Polygon" in reasons["d"] and reasons["f"] == "missing geometry"


# -- files refused -----------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "name", ["../evil.shp", "/etc/evil.shp", "a/../../evil.shp", "C:/evil.shp", "..\\evil.shp"]
)
def test_zip_slip_refused(tmp_path, name):
    archive = _zip(tmp_path / "slip.zip", {name: b"x"})
    with pytest.raises(ImportFileError, match="zip-slip"):
        read_import(archive)
    assert not (tmp_path / "evil.shp").exists()


def test_zip_symlink_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        info = zipfile.ZipInfo("zones.shp")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ImportFileError, match="symbolic link"):
        read_import(archive)


def test_zip_bomb_refused(tmp_path, monkeypatch):
    archive = _zip(tmp_path / "bomb.zip", {"zones.shp": b"\0" * 5_000_000})
    with pytest.raises(ImportFileError, match=r"compressed \d+:1 \(zip bomb\?\)"):
        read_import(archive)
    monkeypatch.setattr(archive_guard, "MAX_UNZIPPED", 1000)
    archive = _zip(
        tmp_path / "big.zip", {"a.shp": b"x" * 600, "a.dbf": b"y" * 600}, compression=zipfile.ZIP_STORED
    )
    with pytest.raises(ImportFileError, match="unpacks to more than"):
        read_import(archive)
    monkeypatch.setattr(archive_guard, "MAX_MEMBERS", 3)
    archive = _zip(tmp_path / "many.zip", {f"{i}.txt": b"" for i in range(4)})
    with pytest.raises(ImportFileError, match="4 members"):
        read_import(archive)


def test_zip_member_lying_about_its_size_refused(tmp_path):
    archive = _zip(tmp_path / "liar.zip", {"zones.shp": b"x" * 5000}, compression=zipfile.ZIP_STORED)
    data = bytearray(archive.read_bytes())
    # shrink the declared size in the central directory (the local header is not trusted)
    with zipfile.ZipFile(archive) as zf:
        info = zf.infolist()[0]
    cd = data.rindex(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (100).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with pytest.raises(ImportFileError, match=r"declared size|cannot be extracted|corrupt"):
        read_import(archive)
    assert info.file_size == 5000


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"readme.txt": b"hi"}, "no Shapefile"),
        ({"a.shp": b"1", "b.shp": b"2"}, "several Shapefile files"),
    ],
)
def test_zip_without_one_shapefile(tmp_path, members, message):
    with pytest.raises(ImportFileError, match=message):
        read_import(_zip(tmp_path / "x.zip", members))


def test_not_a_zip(tmp_path):
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 garbage")
    with pytest.raises(ImportFileError, match="not a readable zip archive"):
        read_import(tmp_path / "x.zip")


def test_size_cap(tmp_path):
    path = tmp_path / "big.geojson"
    path.write_bytes(b" " * 2_000_001)
    with pytest.raises(ImportFileError, match="over the import limit of 2 MB"):
        read_import(path, max_bytes=2_000_000)
    with pytest.raises(ImportFileError, match="over the import limit"):
        read_import_bytes(b" " * 11, "up.csv", max_bytes=10)


def test_encodings(ds, tmp_path):
    text = "id,name_en,name_ar,kind,latitude,longitude\ntal-tamr,Tal Tamr,تل تمر,town,36.65,40.37\n"
    path = tmp_path / "cp1256.csv"
    path.write_bytes(text.encode("cp1256"))
    with pytest.raises(
        ImportFileError,
        match=r"not UTF-8 text \(byte 0x.. at offset \d+\); .*"
        r"--encoding cp1256",
    ):
        read_import(path, dataset=ds)
    assert read_import(path, dataset=ds, encoding="cp1256").records[0].name_ar == "تل تمر"
    with pytest.raises(ImportFileError, match="unknown encoding 'klingon'"):
        read_import(path, dataset=ds, encoding="klingon")
    (tmp_path / "u16.csv").write_bytes(text.encode("utf-16"))
    assert read_import(tmp_path / "u16.csv", dataset=ds).records[0].name_ar == "تل تمر"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.docx", b"x", "unknown file type '.docx'"),
        ("x.csv", b"", "the file is empty"),
        ("x.gpkg", b"not sqlite", "not a GeoPackage"),
        ("x.kml", b"\x89PNG", "not a KML file"),
        ("x.geojson", b'{"type": "Topology"}', "expected a GeoJSON FeatureCollection"),
        ("x.geojson", b"{", "not valid JSON"),
        ("x.csv", b"a,a\n1,2\n", "repeated column name"),
    ],
)
def test_unreadable_files(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        read_import(tmp_path / name)


def test_missing_file_and_bad_kind(tmp_path):
    with pytest.raises(ImportFileError, match="no such file"):
        read_import(tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="`kind` was 'rivers'"):
        read_import(tmp_path / "nope.csv", kind="rivers")


def test_progress_callback(ds, tmp_path):
    rows = "".join(f"p{i},P{i},مكان,village,{35 + i / 1000},{38 + i / 1000}\n" for i in range(450))
    (tmp_path / "p.csv").write_text("id,name_en,name_ar,kind,latitude,longitude\n" + rows, encoding="utf-8")
    calls = []
    read_import(tmp_path / "p.csv", dataset=ds, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(200, 450), (400, 450), (450, 450)]


# -- the command -------------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    with settings_for("sqlite", tmp_path) as s:
        for k, v in env_of(s).items():
            monkeypatch.setenv(k, v)
        monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
        monkeypatch.setenv("ZONEMAP_USER", "cli-user")
        yield s


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _places_csv(path: Path, bad: bool) -> Path:
    rows = "tal-tamr,Tal Tamr,تل تمر,town,36.65,40.37\n"
    if bad:
        rows += "bad,Bad,سيئ,hamlet,36.6,40.4\n"
    path.write_text("id,name_en,name_ar,kind,latitude,longitude\n" + rows, encoding="utf-8")
    return path


def test_cli_import__dry_run_writes_nothing(cli_env, tmp_path):
    open_store(cli_env).close()
    before = dump(cli_env)
    result = run("import", _places_csv(tmp_path / "p.csv", bad=True), "--dry-run")
    assert result.exit_code == 1
    assert "2 record(s) read as places (csv); 1 valid, 1 rejected" in result.output
    assert "record bad: field kind:" in result.output
    assert "dry run: nothing was written." in result.output
    assert dump(cli_env) == before
    assert run("import", _places_csv(tmp_path / "ok.csv", bad=False), "--dry-run").exit_code == 0
    assert dump(cli_env) == before


def test_cli_import__rejects_need_accept_partial(cli_env, tmp_path):
    open_store(cli_env).close()
    before = dump(cli_env)
    path = _places_csv(tmp_path / "p.csv", bad=True)
    result = run("import", path)
    assert result.exit_code == 1
    assert (
        "Error: 1 record(s) rejected; nothing was written. Fix them, or run again with "
        "--accept-partial to import the 1 valid record(s)."
    ) in result.output
    assert dump(cli_env) == before
    result = run("import", path, "--accept-partial")
    assert result.exit_code == 0, result.output
    assert "imported p.csv: 1 inserted, 0 updated, 0 unchanged (change #2" in result.output
    store = open_store(cli_env)
    assert "tal-tamr" in store.load_dataset().gazetteer.places
    assert store.history()[0].user == "cli-user"
    result = run("db", "undo")
    assert result.exit_code == 0 and "undid change #2 by cli-user: import of p.csv" in result.output
    assert "tal-tamr" not in store.load_dataset().gazetteer.places


def test_cli_import__zones_as_of_and_progress(cli_env, tmp_path, monkeypatch):
    monkeypatch.setattr("geodata.cli.transfer.PROGRESS_MIN", 1)
    frame = gpd.GeoDataFrame({"faction": ["sdf"]}, geometry=[box(37.0, 36.0, 37.3, 36.4)], crs=4326)
    frame.to_file(tmp_path / "z.gpkg", engine="pyogrio")
    result = run("import", tmp_path / "z.gpkg", "--as-of", "2022-02-02")
    assert result.exit_code == 0, result.output
    assert "reading" in result.output and "writing" in result.output
    zones = open_store(cli_env).load_dataset().zones
    assert {z.valid_from for z in zones} == {dt.date(2021, 1, 20), dt.date(2022, 2, 2)}
    assert run("import", tmp_path / "z.gpkg", "--as-of", "2022-13-01").exit_code == 2


def test_cli_import__errors_are_one_message(cli_env, tmp_path, monkeypatch):
    open_store(cli_env).close()
    before = dump(cli_env)
    (tmp_path / "x.docx").write_bytes(b"x")
    result = run("import", tmp_path / "x.docx")
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1
    result = run("import", tmp_path / "nope.csv")
    assert result.exit_code == 1 and "no such file" in result.output
    monkeypatch.delenv("ZONEMAP_EDITOR_SECRET")
    result = run("import", _places_csv(tmp_path / "p.csv", bad=False))
    assert result.exit_code == 1
    assert "Error: writing needs an editor: editing is disabled" in result.output
    assert run("import", tmp_path / "p.csv", "--kind", "rivers").exit_code == 2
    assert dump(cli_env) == before


def test_cli_import__acled(cli_env, tmp_path):
    path = write_acled(tmp_path / "acled.csv", ACLED_ROWS[:5])
    result = run("import", path)
    assert result.exit_code == 0, result.output
    assert "5 valid, 0 rejected\n" in result.output  # no new place: Tadaf stays a coordinate
    assert "acled-syr101" in {e.id for e in open_store(cli_env).load_dataset().events}
