"""Hostile files to import, generated from a seed: `make(seed)` is one file (its name, bytes and
the `zonemap import` options to run it with), the same for the same seed on any machine.

Used by the fuzz harness of the test suite (tests/formats/test_fuzz_harness.py, a few hundred
seeds) and by `make fuzz` (benchmarks/fuzz_imports.py, ten thousand). Every file is built
against the small data set of `test_store_support.write_data` (places aleppo, qamishli ...,
actors sdf, syrian-government, russia, factions sdf and government, source src).

Each category is one way a file can be wrong, as issue 15 lists them: truncated, wrong types,
NaN and infinite coordinates, huge numbers, self-intersections (random polygons: the 345 s
hang), degenerate geometries, wrong CRS, deep nesting, BOMs and wrong encodings, lone
surrogates, formula-injection cells, KML entities (external and billion laughs), zip slip, zip
bombs, missing Shapefile parts, GeoPackage views; plus random bytes, bit flips, files over
the limits, and valid files of every format (which must be accepted and undone).
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import struct
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geodata.formats.acled import ACLED_COLUMNS

SUFFIXES = (".geojson", ".json", ".csv", ".tsv", ".txt", ".kml", ".kmz", ".gpkg", ".zip")
PLACE = {"id": "tal-tamr", "name_en": "Tal Tamr", "name_ar": "تل تمر", "kind": "town"}
EVIDENCE = {"quote": "طالبت", "start": 0, "end": 5, "lang": "ar"}
EVENT = {
    "id": "fz-e",
    "type": "demand",
    "actor": "sdf",
    "target": "syrian-government",
    "places": ["aleppo"],
    "date": "2021-01-20",
    "source": "src",
    "evidence": EVIDENCE,
}
ACLED_HEADER = list(ACLED_COLUMNS)
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "null",
    "true",
    "[]",
    "{}",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=x",
    "'=x",
    "\ud800",
    "\udfff",
    "é" * 3,
    "ا" * 5,
    "x" * 5000,
    "\x00",
    "\r\n",
    '"',
    "<b>x</b>",
    "../../etc/passwd",
    "9999-12-31",
    "0001-01-01",
    "2021-02-30",
    "1" * 5000,
]


@dataclass(frozen=True)
class Hostile:
    """One generated file: how it is named, its bytes, the options to import it with."""

    category: str
    name: str
    data: bytes
    args: tuple[str, ...] = ()


# -- valid records of each kind ------------------------------------------------------------------


def _lon_lat(rng: random.Random) -> tuple[float, float]:
    return round(rng.uniform(38.0, 40.0), 5), round(rng.uniform(35.3, 36.5), 5)


def place(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid place (properties, GeoJSON geometry) inside Syria."""
    x, y = _lon_lat(rng)
    props = dict(
        PLACE,
        id=f"fz-{i}",
        name_en=f"Fuzz {i}",
        name_ar=f"قرية {i}",
        kind=rng.choice(["town", "village", "city"]),
    )
    return props, {"type": "Point", "coordinates": [x, y]}


def zone(rng: random.Random, i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    x, y = 37.5 + (i % 10) * 0.2, 35.0 + (i // 10) * 0.15
    ring = [[x, y], [x + 0.2, y], [x + 0.2, y + 0.15], [x, y + 0.15], [x, y]]
    props = {
        "id": f"fz-z{i}",
        "faction": rng.choice(["sdf", "government"]),
        "valid_from": "2022-03-01",
        "source": "fuzz",
        "confidence": "medium",
    }
    return props, {"type": "Polygon", "coordinates": [ring]}


def event(rng: random.Random, i: int) -> dict[str, Any]:
    return dict(
        EVENT,
        id=f"fz-e{i}",
        places=[rng.choice(["aleppo", "qamishli"])],
        date=f"2021-01-{rng.randint(10, 20)}",
    )  # the source was published on the 20th


def records(rng: random.Random, kind: str, n: int) -> list[tuple[dict[str, Any], Any]]:
    if kind == "events":
        return [(event(rng, i), None) for i in range(n)]
    return [(place if kind == "places" else zone)(rng, i) for i in range(n)]


# -- writers ---------------------------------------------------------------------------------


def geojson(feats: list[tuple[Any, Any]], **extra: Any) -> bytes:
    doc = {
        "type": "FeatureCollection",
        **extra,
        "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in feats],
    }
    return json.dumps(doc, ensure_ascii=False, allow_nan=True).encode("utf-8")


def table(header: list[str], rows: list[list[Any]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def csv_of(feats: list[tuple[dict[str, Any], Any]], kind: str) -> bytes:
    keys = list(dict.fromkeys(k for p, _ in feats for k in p))
    header = [*keys, "wkt"] if kind != "events" else keys
    rows = []
    for p, g in feats:
        cells = [
            json.dumps(p[k], ensure_ascii=False) if isinstance(p.get(k), list | dict) else p.get(k, "")
            for k in keys
        ]
        rows.append([*cells, _wkt(g)] if kind != "events" else cells)
    return table(header, rows)


def _wkt(g: Any) -> str:
    if not isinstance(g, dict):
        return str(g)
    from shapely.geometry import shape

    try:
        return shape(g).wkt
    except Exception:  # a broken geometry: its JSON, which is no WKT either
        return json.dumps(g)


def gdal(feats: list[tuple[dict[str, Any], Any]], fmt: str, crs: Any = 4326) -> bytes:
    """A GeoPackage, KML, KMZ or zipped Shapefile of valid features (pyogrio writes it)."""
    import geopandas as gpd
    from shapely.geometry import shape

    frame = gpd.GeoDataFrame(
        [{k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in p.items()} for p, _ in feats],
        geometry=[shape(g) if g else None for _, g in feats],
        crs=4326,
    )
    if crs != 4326:
        frame = frame.to_crs(crs)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if fmt in ("gpkg", "kml"):
            path = base / f"x.{fmt}"
            frame.to_file(path, driver="GPKG" if fmt == "gpkg" else "LIBKML", engine="pyogrio")
            return path.read_bytes()
        if fmt == "kmz":
            frame.to_file(base / "doc.kml", driver="LIBKML", engine="pyogrio")
            return zipped({"doc.kml": (base / "doc.kml").read_bytes()})
        frame.to_file(base / "x.shp", driver="ESRI Shapefile", engine="pyogrio")
        return zipped({f.name: f.read_bytes() for f in sorted(base.glob("x.*"))})


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# -- categories ------------------------------------------------------------------------------

Builder = Callable[[random.Random], Hostile]
KIND_ARGS = {"places": (), "zones": ("--as-of", "2022-03-01"), "events": ()}


def _valid_file(rng: random.Random, n: int | None = None) -> tuple[str, bytes, tuple[str, ...]]:
    """A valid file of a random format and kind: its name, bytes and import options."""
    kind = rng.choice(["places", "zones", "events"])
    feats = records(rng, kind, n or rng.randint(1, 6))
    fmt = rng.choice(
        ["geojson", "csv", "gpkg", "kml", "kmz", "shp"] if kind != "events" else ["json", "csv", "geojson"]
    )
    args = ("--kind", kind, *KIND_ARGS[kind])
    if fmt == "json":
        return "e.json", json.dumps([p for p, _ in feats], ensure_ascii=False).encode(), args
    if fmt == "geojson":
        return f"{kind}.geojson", geojson(feats), args
    if fmt == "csv":
        return f"{kind}.csv", csv_of(feats, kind), args
    if kind == "zones" and fmt == "shp":
        args = ("--kind", "zones", "--as-of", "2022-03-01")
    name = {"gpkg": "x.gpkg", "kml": "x.kml", "kmz": "x.kmz", "shp": "x.zip"}[fmt]
    return name, gdal(feats, fmt), args


def valid(rng: random.Random) -> Hostile:
    return Hostile("valid", *_valid_file(rng))


def large(rng: random.Random) -> Hostile:
    """A valid file of a few thousand records (accepted, in well under the time limit)."""
    n = rng.choice([1000, 3000, 8000])
    kind = rng.choice(["places", "events"])
    feats = records(rng, kind, n)
    data = csv_of(feats, kind) if rng.random() < 0.5 else geojson(feats)
    name = f"big.{'csv' if data[:1] != b'{' else 'geojson'}"
    return Hostile("large", name, data, ("--kind", kind))


def random_bytes(rng: random.Random) -> Hostile:
    magic = rng.choice(
        [
            b"",
            b"",
            b"SQLite format 3\x00",
            b"PK\x03\x04",
            b"<?xml ",
            b"<kml>",
            b"{",
            b"[",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
        ]
    )
    data = magic + rng.randbytes(rng.choice([0, 1, 17, 512, 4096, 65536]))
    return Hostile("random bytes", f"r{rng.choice(SUFFIXES)}", data)


def truncated(rng: random.Random) -> Hostile:
    name, data, args = _valid_file(rng)
    return Hostile("truncated", name, data[: rng.randint(0, max(0, len(data) - 1))], args)


def bit_flips(rng: random.Random) -> Hostile:
    name, data, args = _valid_file(rng)
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return Hostile("bit flips", name, bytes(out), args)


def wrong_types(rng: random.Random) -> Hostile:
    kind = rng.choice(["places", "zones", "events"])
    feats = records(rng, kind, 3)
    props, geom = feats[0]
    key = rng.choice([*props, "geometry"])
    bad = rng.choice([None, 0, -1, 3.5, True, [], {}, [[1]], {"a": [1]}, "x", [None], ""])
    if key == "geometry":
        geom = (
            bad
            if rng.random() < 0.5
            else {"type": rng.choice(["Point", "Polygon", "Nope"]), "coordinates": bad}
        )
    else:
        props = {**props, key: bad}
    feats[0] = (props, geom)
    args = ("--kind", kind, *KIND_ARGS[kind])
    if kind == "events":
        return Hostile("wrong types", "e.json", json.dumps([p for p, _ in feats]).encode(), args)
    return Hostile("wrong types", f"{kind}.geojson", geojson(feats), args)


def _bad_ring(rng: random.Random, values: list[Any]) -> list[list[Any]]:
    ring = [[37.0, 36.0], [37.2, 36.0], [37.2, 36.2], [37.0, 36.2], [37.0, 36.0]]
    for _ in range(rng.randint(1, 3)):
        ring[rng.randrange(4)][rng.randrange(2)] = rng.choice(values)
    return ring


def nan_inf(rng: random.Random) -> Hostile:
    values = [float("nan"), float("inf"), -float("inf")]
    ring = _bad_ring(rng, values)
    how = rng.choice(["geojson", "point", "csv-latlon", "wkt", "kml"])
    if how == "geojson":
        return Hostile(
            "NaN/inf coordinates",
            "z.geojson",
            geojson([({"faction": "sdf"}, {"type": "Polygon", "coordinates": [ring]})]),
            ("--as-of", "2022-03-01"),
        )
    if how == "point":
        props, _ = place(rng, 0)
        geom = {"type": "Point", "coordinates": [rng.choice(values), 36.0]}
        return Hostile("NaN/inf coordinates", "p.geojson", geojson([(props, geom)]))
    if how == "csv-latlon":
        return Hostile(
            "NaN/inf coordinates",
            "p.csv",
            table(
                ["id", "name_en", "name_ar", "kind", "latitude", "longitude"],
                [["fz-1", "A", "ا", "town", rng.choice(["nan", "inf", "-inf", "1e400"]), "37"]],
            ),
        )
    text = "((" + ", ".join(f"{x} {y}" for x, y in ring) + "))"
    if how == "wkt":
        return Hostile(
            "NaN/inf coordinates",
            "p.csv",
            table(
                ["id", "name_en", "name_ar", "kind", "wkt"], [["fz-1", "A", "ا", "region", "POLYGON " + text]]
            ),
        )
    coords = " ".join(f"{x},{y}" for x, y in ring)
    return Hostile(
        "NaN/inf coordinates",
        "p.kml",
        _kml(
            f"<Polygon><outerBoundaryIs><LinearRing>"
            f"<coordinates>{coords}</coordinates>"
            "</LinearRing></outerBoundaryIs></Polygon>"
        ),
    )


def _kml(geometry: str, prolog: str = "", name: str = "x") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<kml xmlns="http://www.opengis.net/'
        f'kml/2.2"><Document><Placemark><name>{name}</name><ExtendedData>'
        '<Data name="id"><value>fz-k</value></Data><Data name="name_en"><value>K</value>'
        '</Data><Data name="name_ar"><value>ك</value></Data><Data name="kind"><value>'
        f"region</value></Data></ExtendedData>{geometry}</Placemark></Document></kml>"
    ).encode()


def huge_numbers(rng: random.Random) -> Hostile:
    props, geom = place(rng, 0)
    how = rng.choice(["coords", "prior", "digits", "offsets", "geonames"])
    if how == "coords":
        geom = {"type": "Polygon", "coordinates": [_bad_ring(rng, [1e308, -1e308, 1e200])]}
        props["kind"] = "region"
    elif how == "prior":
        props["prior"] = rng.choice([1e308, 1e-308, 10**30])
    elif how == "geonames":
        props["geonames_id"] = rng.choice([10**30, -(10**20), 2**63])
    elif how == "offsets":
        ev = dict(EVENT, evidence={**EVIDENCE, "start": 10**30, "end": 10**31})
        return Hostile("huge numbers", "e.json", json.dumps([ev]).encode())
    else:
        text = geojson([(props, geom)]).decode().replace('"town"', '"town", "x": ' + "9" * 5000)
        return Hostile("huge numbers", "p.geojson", text.encode())
    return Hostile("huge numbers", "p.geojson", geojson([(props, geom)]))


def self_intersections(rng: random.Random) -> Hostile:
    """Random polygons (make_valid on 300 random vertices took 35 s, on 500 took 213 s)."""
    n = rng.choice([4, 5, 30, 120, 300, 1000, 5000])
    ring = [[rng.uniform(36, 42), rng.uniform(33, 37)] for _ in range(n)]
    ring.append(ring[0])
    props = {"faction": "sdf"} if rng.random() < 0.5 else dict(PLACE, kind="region")
    args = ("--as-of", "2022-03-01") if "faction" in props else ()
    feats = [(props, {"type": "Polygon", "coordinates": [ring]})]
    fmt = rng.choice(["geojson", "shp", "gpkg", "csv"])
    if fmt == "geojson":
        return Hostile("self-intersections", "s.geojson", geojson(feats), args)
    if fmt == "csv":
        return Hostile("self-intersections", "s.csv", csv_of(feats, "places"), args)
    return Hostile(
        "self-intersections", "s.zip" if fmt == "shp" else "s.gpkg", _unchecked_gdal(feats, fmt), args
    )


def _unchecked_gdal(feats: list[tuple[dict[str, Any], Any]], fmt: str) -> bytes:
    try:
        return gdal(feats, fmt)
    except Exception:  # GDAL refused to write it: the GeoJSON then
        return geojson(feats)


def degenerate(rng: random.Random) -> Hostile:
    rings = [
        [[37, 36], [37, 36], [37, 36], [37, 36]],
        [[37, 36], [38, 36], [37, 36]],
        [[37, 36], [38, 36], [38, 37], [37, 36], [38, 36], [37, 36]],
        [[37, 36], [37.5, 36.5], [38, 37], [37, 36]],
        [],
        [[37, 36]],
    ]
    ring = rng.choice(rings)
    geom = rng.choice(
        [
            {"type": "Polygon", "coordinates": [ring]},
            {"type": "MultiPolygon", "coordinates": [[ring], [ring]]},
            {"type": "Polygon", "coordinates": [[[37, 36], [38, 36], [38, 37], [37, 36]], ring]},
            {"type": "GeometryCollection", "geometries": []},
            {"type": "Point", "coordinates": []},
        ]
    )
    feats = [(dict(PLACE, kind="region"), geom)]
    if rng.random() < 0.5:
        return Hostile("degenerate geometries", "d.geojson", geojson(feats))
    return Hostile("degenerate geometries", "d.csv", csv_of(feats, "places"))


CRS_NAMES = [
    "EPSG:4978",
    "EPSG:5773",
    "IAU_2015:49900",
    "EPSG:999999",
    "urn:ogc:def:crs:OGC::CRS84",
    "+proj=geos +h=1",
    "+proj=ortho +lat_0=90",
    "+proj=pipeline +step +proj=noop",
    "not a crs",
    "EPSG:3857",
    "EPSG:32637",
    "",
    "EPSG:4326+5773",
]


def wrong_crs(rng: random.Random) -> Hostile:
    props, geom = place(rng, 0)
    if rng.random() < 0.7:
        name = rng.choice([*CRS_NAMES, 4326, None, ["EPSG:3857"], {"a": 1}])
        crs = rng.choice(
            [{"type": "name", "properties": {"name": name}}, name, {"type": "name", "properties": name}]
        )
        return Hostile("wrong CRS", "c.geojson", geojson([(props, geom)], crs=crs))
    data = gdal([(props, geom)], "shp")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["x.prj"] = rng.choice(
        [
            b"garbage",
            b'GEOGCS["Mars",DATUM["m",SPHEROID["m",3396190,169.8]],PRIMEM["G",0],UNIT["degree",0.01745]]',
            b"",
            rng.randbytes(64),
        ]
    )
    return Hostile("wrong CRS", "c.zip", zipped(members))


def deep_nesting(rng: random.Random) -> Hostile:
    depth = rng.choice([20, 200, 990, 5000, 100_000])
    deep = "[" * depth + "]" * depth
    where = rng.choice(["property", "geometry", "csv-cell", "attrs", "document"])
    if where == "csv-cell":
        col = rng.choice(["names", "attrs"])
        head = ["id", "name_en", "name_ar", "kind", "latitude", "longitude", col]
        return Hostile(
            "deep nesting", "n.csv", table(head, [["fz-1", "A", "ا", "town", "36", "38", deep[:100_000]]])
        )
    if where == "document":
        return Hostile("deep nesting", "n.geojson", deep.encode())
    if where == "attrs":
        nest = '{"a":' * depth + "1" + "}" * depth
        return Hostile(
            "deep nesting", "e.json", json.dumps([dict(EVENT, attrs="@@")]).replace('"@@"', nest).encode()
        )
    names, coords = (deep, "[38, 36]") if where == "property" else ("[]", deep)
    text = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"id": "fz-1", "name_en": "A", "name_ar": "ا", "kind": "town", "names": '
        + names
        + '}, "geometry": {"type": "Point", "coordinates": '
        + coords
        + "}}]}"
    )
    return Hostile("deep nesting", "n.geojson", text.encode())


def encodings(rng: random.Random) -> Hostile:
    props, geom = place(rng, 0)
    text = csv_of([(props, geom)], "places").decode()
    how = rng.choice(
        [
            "bom8",
            "utf16",
            "utf16-nobom",
            "cp1256",
            "latin1-arg",
            "wrong-arg",
            "nul",
            "surrogate-json",
            "surrogate-key",
            "bom-geojson",
        ]
    )
    if how == "bom8":
        return Hostile("encodings", "e.csv", b"\xef\xbb\xbf" + text.encode())
    if how == "utf16":
        return Hostile("encodings", "e.csv", text.encode("utf-16"))
    if how == "utf16-nobom":
        return Hostile("encodings", "e.csv", text.encode("utf-16-le"))
    if how == "cp1256":
        return Hostile("encodings", "e.csv", text.encode("cp1256"))
    if how == "latin1-arg":
        return Hostile("encodings", "e.csv", text.encode("utf-8"), ("--encoding", "latin-1"))
    if how == "wrong-arg":
        return Hostile(
            "encodings",
            rng.choice(["e.csv", "e.geojson", "a.csv"]),
            text.encode(),
            (
                "--encoding",
                rng.choice(
                    ["klingon", "utf-32", "hex", "rot13", "punycode", "undefined", "idna", "utf-7", "bz2"]
                ),
            ),
        )
    if how == "nul":
        return Hostile("encodings", "e.csv", text.encode().replace(b",", b"\x00,", 1))
    if how == "bom-geojson":
        return Hostile("encodings", "e.geojson", b"\xef\xbb\xbf" + geojson([(props, geom)]))
    x, y = geom["coordinates"]
    key, name = ("\\ud800", "A") if how == "surrogate-key" else ("id", "a\\udc80b")
    doc = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
        f'{{"type": "Point", "coordinates": [{x}, {y}]}}, "properties": {{"{key}": "fz-s", '
        f'"name_en": "{name}", "name_ar": "س", "kind": "town"}}}}]}}'
    )
    return Hostile("encodings", "s.geojson", doc.encode())


def formula_injection(rng: random.Random) -> Hostile:
    feats = records(rng, "places", 3)
    for props, _ in feats:
        props[rng.choice(["name_en", "note"])] = rng.choice(NASTY[12:18]) + "x"
    return Hostile("formula injection", "f.csv", csv_of(feats, "places"))


def kml_entities(rng: random.Random) -> Hostile:
    how = rng.choice(["xxe", "xxe-param", "laughs", "external-dtd"])
    if how == "xxe":
        prolog = '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        name = "&xxe;"
    elif how == "xxe-param":
        prolog = '<!DOCTYPE kml [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'
        name = "x"
    elif how == "laughs":
        ents = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        prolog, name = f"<!DOCTYPE kml [{ents}]>", "&l9;"
    else:
        prolog, name = '<!DOCTYPE kml SYSTEM "file:///etc/passwd">', "x"
    data = _kml("<Point><coordinates>37.1,36.2</coordinates></Point>", prolog, name)
    if rng.random() < 0.5:
        return Hostile("KML entities", "k.kmz", zipped({"doc.kml": data}))
    return Hostile("KML entities", "k.kml", data)


def zip_slip(rng: random.Random) -> Hostile:
    name = rng.choice(
        [
            "../evil.shp",
            "/tmp/evil.shp",
            "a/../../evil.shp",
            "C:/evil.shp",
            "..\\evil.kml",
            "ok/../../../evil.kml",
        ]
    )
    if rng.random() < 0.3:  # a symbolic link
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            info = zipfile.ZipInfo("x.shp")
            info.external_attr = (0o120777) << 16
            zf.writestr(info, "/etc/passwd")
        return Hostile("zip slip", "z.zip", buf.getvalue())
    return Hostile("zip slip", rng.choice(["z.zip", "z.kmz"]), zipped({name: b"x"}))


def zip_bomb(rng: random.Random) -> Hostile:
    how = rng.choice(["ratio", "members", "liar"])
    if how == "ratio":
        return Hostile(
            "zip bomb", "b.zip", zipped({"x.shp": b"\0" * 3_000_000, "x.dbf": b"\0" * 10, "x.shx": b""})
        )
    if how == "members":
        return Hostile("zip bomb", "b.kmz", zipped({f"{i}.txt": b"" for i in range(1200)}))
    data = bytearray(zipped({"doc.kml": b"<kml>" + b" " * 5000}, zipfile.ZIP_STORED))
    cd = data.rindex(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (100).to_bytes(4, "little")
    return Hostile("zip bomb", "b.kmz", bytes(data))


def shapefile_parts(rng: random.Random) -> Hostile:
    data = gdal([place(rng, 0)], "shp")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    how = rng.choice(["drop", "drop", "two", "rename", "garbage"])
    if how == "drop":
        for part in rng.sample([".shx", ".dbf", ".prj", ".cpg"], rng.randint(1, 3)):
            members.pop(f"x{part}", None)
    elif how == "two":
        members["y.shp"] = members["x.shp"]
    elif how == "rename":
        members["y.dbf"] = members.pop("x.dbf")
    else:
        part = rng.choice([".shx", ".dbf", ".shp"])
        members[f"x{part}"] = members[f"x{part}"][:100] + rng.randbytes(200)
    return Hostile("missing Shapefile parts", "p.zip", zipped(members), ("--kind", "places"))


def gpkg_views(rng: random.Random) -> Hostile:
    import sqlite3

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.gpkg"
        path.write_bytes(gdal([place(rng, 0)], "gpkg"))
        conn = sqlite3.connect(path)
        view = rng.choice(
            [
                "SELECT * FROM x",
                "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n AS fid FROM c",
            ]
        )
        conn.execute(f"CREATE VIEW places AS {view}")
        if rng.random() < 0.5:
            conn.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                "VALUES ('places', 'features', 'places')"
            )
        conn.commit()
        conn.close()
        return Hostile("GeoPackage views", "v.gpkg", path.read_bytes())


def over_limits(rng: random.Random) -> Hostile:
    how = rng.choice(["records", "vertices", "text"])
    if how == "records":
        rows = "".join(f"fz-{i},A,ا,town,36,38\n" for i in range(250_001))
        return Hostile(
            "over the limits", "many.csv", ("id,name_en,name_ar,kind,latitude,longitude\n" + rows).encode()
        )
    if how == "vertices":
        ring = [[37 + 0.5 * math.cos(i / 1e4), 36 + 0.5 * math.sin(i / 1e4)] for i in range(100_001)]
        ring.append(ring[0])
        feats = [(dict(PLACE, kind="region"), {"type": "Polygon", "coordinates": [ring]})]
        return Hostile("over the limits", "v.geojson", geojson(feats))
    props, geom = place(rng, 0)
    props["note"] = "x" * 100_001
    return Hostile("over the limits", "t.geojson", geojson([(props, geom)]))


def events_json(rng: random.Random) -> Hostile:
    evs = [event(rng, i) for i in range(3)]
    ev = evs[0]
    how = rng.choice(["end-of-time", "start-of-time", "links", "places", "source", "nasty"])
    if how == "end-of-time":
        ev.update(
            date="9999-12-31",
            source={"id": "fz-s", "outlet": "o", "published": rng.choice(["9999-12-31", "9999-12-25"])},
        )
    elif how == "start-of-time":
        ev.update(date="0001-01-01", since="9999-12-31", until="0001-01-01", type="blockade")
    elif how == "links":
        ev["links"] = [{"rel": "concerns", "event": rng.choice(["nope", "fz-e1", ev["id"]])}]
    elif how == "places":
        ev["places"] = rng.choice([["atlantis"], [], [None], "aleppo"])
    elif how == "source":
        ev["source"] = rng.choice(["nope", {}, {"id": "x"}, None])
    else:
        ev[rng.choice(list(ev))] = rng.choice(NASTY)
    return Hostile(
        "events JSON", "e.json", json.dumps(evs, ensure_ascii=False).encode("utf-8", "surrogatepass")
    )


def acled(rng: random.Random) -> Hostile:
    def row(i: int) -> list[str]:
        cells = dict.fromkeys(ACLED_HEADER, "")
        cells.update(
            event_id_cnty=f"SYR{i}",
            event_date="2021-01-20",
            time_precision="1",
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="SDF: Syrian Democratic Forces",
            latitude="36.2",
            longitude="37.16",
            geo_precision="1",
            location="Aleppo",
            notes="n",
        )
        if rng.random() < 0.6:
            cells[rng.choice(ACLED_HEADER)] = rng.choice(NASTY)
        return list(cells.values())

    return Hostile("ACLED CSV", "a.csv", table(ACLED_HEADER, [row(i) for i in range(4)]))


CATEGORIES: dict[str, tuple[Builder, int]] = {  # builder, weight
    "valid": (valid, 8),
    "large": (large, 1),
    "random bytes": (random_bytes, 8),
    "truncated": (truncated, 10),
    "bit flips": (bit_flips, 10),
    "wrong types": (wrong_types, 8),
    "NaN/inf coordinates": (nan_inf, 5),
    "huge numbers": (huge_numbers, 5),
    "self-intersections": (self_intersections, 6),
    "degenerate geometries": (degenerate, 5),
    "wrong CRS": (wrong_crs, 5),
    "deep nesting": (deep_nesting, 5),
    "encodings": (encodings, 6),
    "formula injection": (formula_injection, 3),
    "KML entities": (kml_entities, 3),
    "zip slip": (zip_slip, 3),
    "zip bomb": (zip_bomb, 2),
    "missing Shapefile parts": (shapefile_parts, 3),
    "GeoPackage views": (gpkg_views, 2),
    "over the limits": (over_limits, 1),
    "events JSON": (events_json, 5),
    "ACLED CSV": (acled, 5),
}


def make(seed: int, category: str | None = None) -> Hostile:
    """The hostile file of `seed` (of `category`, or one drawn by weight)."""
    rng = random.Random(seed)
    if category is None:
        names = list(CATEGORIES)
        category = rng.choices(names, weights=[CATEGORIES[n][1] for n in names])[0]
    return CATEGORIES[category][0](rng)


def shp_with_random_polygon(n: int, seed: int = 1) -> bytes:
    """A zipped Shapefile of one polygon of `n` random vertices, written byte by byte (GDAL
    refuses to write such a polygon): the file behind the 345 s hang."""
    rng = random.Random(seed)
    values: list[float] = []
    for _ in range(n - 1):
        values += [rng.uniform(36, 42), rng.uniform(33, 37)]
    values += values[:2]
    content = (
        struct.pack("<i4d2i", 5, 36, 33, 42, 37, 1, n)
        + struct.pack("<i", 0)
        + struct.pack(f"<{2 * n}d", *values)
    )
    record = struct.pack(">2i", 1, len(content) // 2) + content
    head = struct.pack("<2i", 1000, 5) + struct.pack("<8d", 36, 33, 42, 37, 0, 0, 0, 0)
    shp = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(record)) // 2) + head + record
    shx = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, 54) + head + struct.pack(">2i", 50, len(content) // 2)
    fields = b"".join(
        name.ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([20, 0]) + b"\0" * 14
        for name in (b"id", b"name_en", b"name_ar", b"kind")
    )
    values_row = b" " + b"".join(v.encode().ljust(20) for v in ("fz-r", "R", "r", "region"))
    dbf = (
        bytes([3, 121, 1, 1])
        + struct.pack("<IHH", 1, 32 + len(fields) + 1, 1 + 80)
        + b"\0" * 20
        + fields
        + b"\r"
        + values_row
        + b"\x1a"
    )
    prj = (
        b'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
        b'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]'
    )
    return zipped({"r.shp": shp, "r.shx": shx, "r.dbf": dbf, "r.prj": prj})
