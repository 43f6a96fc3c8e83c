"""Reading a user's file into records the store can write: places, control zones or events.

`read_import(path)` reads GeoJSON, GeoPackage, KML (or KMZ), a zipped Shapefile, CSV with
latitude/longitude (or WKT) columns, or an ACLED CSV export, and returns an `ImportResult`: the
valid records, every rejected record with its reason (`Problem(file, record, field, reason)`),
and notes on what was done to the data (reprojected, geometry repaired, columns ignored). It
writes nothing: `Editor.apply(result)` does, in one transaction, once the user accepted.

- Geometry: GeoPackage, KML and Shapefile are read with pyogrio (GDAL) and reprojected to
  EPSG:4326; GeoJSON and CSV are read with `json` and `csv` so that nested properties (a place's
  names, an event's source) survive. Invalid geometry is repaired with `make_valid`; zones keep
  only the polygonal parts and become MultiPolygons. Z and M values are dropped.
- A zones file becomes one dated snapshot: `as_of` sets every zone's `valid_from`; without it
  the file's own `valid_from` values must agree. Missing zone ids, sources and confidences are
  filled in (and said so in the notes).
- ACLED CSV exports (recognised by their column names): `event_type`/`sub_event_type` become our
  `EventType` and a CAMEO code (`ACLED_TYPES`), `actor1`/`actor2` our actors through the actor
  lexicon where a name matches, `location` a gazetteer place when the gazetteer knows it near
  the given coordinates, else a new point place; the row's `notes` are the evidence quote, its
  `source` the source outlet, `event_id_cnty` the external id and the event id (`acled-...`,
  so importing the same export twice changes nothing), `time_precision` the date precision, and
  every ACLED column is kept in the event's `attrs` (the store keeps them beside the event).
- Safety: files over `MAX_BYTES` are refused; zip archives whose members would land outside
  the extraction folder (zip-slip), symbolic links, encrypted members, too many members, or more
  than `MAX_UNZIPPED` bytes or a compression ratio over `MAX_RATIO` (zip bombs) are refused
  before anything is extracted, and extraction stops at the declared sizes. Text must be UTF-8
  (with or without BOM) or the encoding given; anything else is reported, never guessed.
- Columns the format does not know are ignored and listed in the notes; empty cells are empty.

Files this module writes (`geodata.exports`) read back to the same records.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import math
import re
import stat
import tempfile
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pydantic
import shapely
from shapely.geometry import MultiPolygon, Point, shape
from shapely.geometry.base import BaseGeometry

from .. import validation as v
from ..errors import Problem, ZonemapError
from ..gazetteer import haversine_km
from ..model import (
    CAMEO,
    Actor,
    Confidence,
    ControlZone,
    DatePrecision,
    Event,
    EventType,
    Place,
    PlaceKind,
    Source,
)
from .geojson import RawRecord

if TYPE_CHECKING:
    from ..dataset import Dataset

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024  # a file to import
MAX_UNZIPPED = 200 * 1024 * 1024  # everything in an archive, uncompressed
MAX_RATIO = 100  # uncompressed / compressed size of one archive member
MAX_MEMBERS = 1000
KINDS = ("places", "zones", "events")
FORMATS = ("geojson", "gpkg", "kml", "shapefile", "csv", "acled")
EXTENSIONS = {
    ".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".kml": "kml", ".kmz": "kml",
    ".zip": "shapefile", ".csv": "csv", ".tsv": "csv", ".txt": "csv",
}
Progress = Callable[[int, int], None]

MODELS: dict[str, type[pydantic.BaseModel]] = {
    "places": Place, "zones": ControlZone, "events": Event,
}
GEOMETRY_TYPES = {"places": {"Point", "Polygon", "MultiPolygon"},
                  "zones": {"Polygon", "MultiPolygon"}}
# Fields holding lists or objects: JSON text in CSV, GeoPackage, KML and Shapefile.
NESTED = {"places": ("names", "sources"), "zones": (), "events": ("places", "links", "source",
                                                                 "evidence")}
# Columns a format adds by itself (CSV coordinates, KML's placemark fields): never reported.
FORMAT_COLUMNS = frozenset({
    "latitude", "longitude", "lat", "lon", "lng", "wkt", "geometry", "attrs", "fid", "name",
    "description", "timestamp", "begin", "end", "altitudemode", "tessellate", "extrude",
    "visibility", "draworder", "icon", "snippet", "styleurl",
})

# ACLED event_type / sub_event_type -> our type and a CAMEO code fitting it (see model.CAMEO).
ACLED_TYPES: dict[tuple[str, str], tuple[EventType, str]] = {
    ("Battles", "Armed clash"): (EventType.CLASH, "190"),
    ("Battles", "Government regains territory"): (EventType.CLASH, "190"),
    ("Battles", "Non-state actor overtakes territory"): (EventType.CLASH, "190"),
    ("Explosions/Remote violence", "Air/drone strike"): (EventType.CLASH, "195"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): (EventType.CLASH, "194"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): (EventType.CLASH, "183"),
    ("Explosions/Remote violence", "Suicide bomb"): (EventType.CLASH, "1831"),
    ("Explosions/Remote violence", "Grenade"): (EventType.CLASH, "190"),
    ("Explosions/Remote violence", "Chemical weapon"): (EventType.CLASH, "190"),
    ("Violence against civilians", "Attack"): (EventType.CLASH, "180"),
    ("Violence against civilians", "Abduction/forced disappearance"): (EventType.CLASH, "181"),
    ("Violence against civilians", "Sexual violence"): (EventType.CLASH, "1821"),
    ("Protests", "Peaceful protest"): (EventType.OTHER, "141"),
    ("Protests", "Protest with intervention"): (EventType.OTHER, "141"),
    ("Protests", "Excessive force against protesters"): (EventType.OTHER, "175"),
    ("Riots", "Violent demonstration"): (EventType.OTHER, "145"),
    ("Riots", "Mob violence"): (EventType.OTHER, "145"),
    ("Strategic developments", "Agreement"): (EventType.AGREEMENT, "057"),
    ("Strategic developments", "Arrests"): (EventType.ARREST, "173"),
    ("Strategic developments", "Change to group/activity"): (EventType.OTHER, "010"),
    ("Strategic developments", "Disrupted weapons use"): (EventType.OTHER, "010"),
    ("Strategic developments", "Headquarters or base established"): (EventType.OTHER, "010"),
    ("Strategic developments", "Looting/property destruction"): (EventType.OTHER, "1712"),
    ("Strategic developments", "Non-violent transfer of territory"): (EventType.OTHER, "010"),
    ("Strategic developments", "Other"): (EventType.OTHER, "010"),
}
ACLED_EVENT_TYPES = {
    "Battles": (EventType.CLASH, "190"),
    "Explosions/Remote violence": (EventType.CLASH, "190"),
    "Violence against civilians": (EventType.CLASH, "180"),
    "Protests": (EventType.OTHER, "141"),
    "Riots": (EventType.OTHER, "145"),
    "Strategic developments": (EventType.OTHER, "010"),
}
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                  "latitude", "longitude")
ACLED_TIME_PRECISION = {"1": DatePrecision.DAY, "2": DatePrecision.WEEK, "3": DatePrecision.MONTH}
# How far (km) a gazetteer place may lie from ACLED's coordinates to be taken as the location.
ACLED_NEAR_KM = {"1": 10.0, "2": 25.0, "3": 60.0}
ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


class ImportFileError(ZonemapError, ValueError):
    """The file cannot be imported at all (unreadable, unknown format, refused archive, ...)."""


@dataclass(frozen=True)
class ImportResult:
    """What a file holds: its valid records of one kind, and every record rejected, with why."""

    file: str
    kind: str  # places, zones or events
    format: str
    records: tuple[Any, ...]
    rejected: tuple[Problem, ...] = ()
    places: tuple[Place, ...] = ()  # places the events need that the gazetteer lacks (ACLED)
    attrs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # by event id
    as_of: dt.date | None = None
    total: int = 0  # records read
    notes: tuple[str, ...] = ()

    @property
    def rejected_records(self) -> int:
        return len({p.record for p in self.rejected})

    def summary(self) -> str:
        head = (f"{self.file}: {self.total} record(s) read as {self.kind} ({self.format}); "
                f"{len(self.records)} valid, {self.rejected_records} rejected")
        if self.places:
            head += f"; {len(self.places)} new place(s) for them"
        if self.as_of:
            head += f"; snapshot of {self.as_of}"
        return head

    def report(self) -> list[str]:
        """The summary, the notes, then one line per problem of a rejected record."""
        return [self.summary(), *(f"note: {n}" for n in self.notes),
                *(str(p) for p in self.rejected)]


# -- entry points ------------------------------------------------------------------------------


def read_import(
    path: Path | str,
    kind: str | None = None,
    as_of: dt.date | None = None,
    *,
    dataset: Dataset | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    label: str | None = None,
) -> ImportResult:
    """Read a file to import (see the module docstring). `kind` (places, zones, events) is
    guessed from the content when not given. `dataset` (the store's data) resolves references
    (places, actors, factions, sources, linked events) and ACLED names; without it those
    checks are left to `Editor.apply`. Raises ImportFileError when the file cannot be read."""
    path = Path(path)
    shown = label or str(path)
    if kind is not None and kind not in KINDS:
        raise ImportFileError(f"`kind` was {kind!r} but is expected to be one of {', '.join(KINDS)}")
    if not path.is_file():
        raise ImportFileError(f"{shown}: no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFileError(f"{shown}: {size / 1e6:.1f} MB is over the import limit of "
                              f"{max_bytes / 1e6:.0f} MB; split the file")
    if size == 0:
        raise ImportFileError(f"{shown}: the file is empty")
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ImportFileError(f"{shown}: unknown file type {path.suffix or '(no extension)'!r}; "
                              "expected one of " + ", ".join(sorted(EXTENSIONS)))
    reader = _Reader(shown, kind, as_of, dataset, encoding, progress)
    with tempfile.TemporaryDirectory(prefix="zonemap-import-") as tmp:
        if path.suffix.lower() == ".kmz":
            inner = _only_member(_safe_extract(path, Path(tmp), shown), (".kml",), shown, "KML")
            return reader.geo_file(inner, "kml")
        if fmt == "shapefile":
            inner = _only_member(_safe_extract(path, Path(tmp), shown), (".shp",), shown,
                                 "Shapefile")
            return reader.geo_file(inner, "shapefile")
        if fmt == "geojson":
            return reader.geojson(path.read_bytes())
        if fmt == "csv":
            return reader.csv(path.read_bytes(), delimiter="\t" if path.suffix == ".tsv" else None)
        return reader.geo_file(path, fmt)


def read_import_bytes(data: bytes, filename: str, kind: str | None = None,
                      as_of: dt.date | None = None, **kwargs: Any) -> ImportResult:
    """`read_import` for an upload: the bytes and the name the user gave the file."""
    max_bytes = kwargs.get("max_bytes", MAX_BYTES)
    if len(data) > max_bytes:
        raise ImportFileError(f"{filename}: {len(data) / 1e6:.1f} MB is over the import limit "
                              f"of {max_bytes / 1e6:.0f} MB; split the file")
    name = Path(filename.replace("\\", "/")).name or "upload"
    name = re.sub(r"[^\w.\-]+", "_", name)[-120:]
    with tempfile.TemporaryDirectory(prefix="zonemap-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return read_import(path, kind, as_of, label=kwargs.pop("label", filename), **kwargs)


# -- archives ----------------------------------------------------------------------------------


def _safe_extract(archive: Path, dest: Path, shown: str) -> list[Path]:
    """Extract a zip archive into `dest`, refusing zip-slip, links, bombs and encryption."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(f"{shown}: not a readable zip archive ({exc})") from None
    out: list[Path] = []
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ImportFileError(f"{shown}: refused: {len(infos)} members in the archive "
                                  f"(at most {MAX_MEMBERS})")
        total = 0
        for info in infos:
            name = info.filename.replace("\\", "/")
            parts = PurePosixPath(name).parts
            if (name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name)
                    or "\x00" in name):
                raise ImportFileError(f"{shown}: refused: member {info.filename!r} would be "
                                      "written outside the extraction folder (zip-slip)")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ImportFileError(f"{shown}: refused: member {info.filename!r} is a "
                                      "symbolic link")
            if info.flag_bits & 0x1:
                raise ImportFileError(f"{shown}: member {info.filename!r} is encrypted; "
                                      "zip it without a password")
            total += info.file_size
            if total > MAX_UNZIPPED:
                raise ImportFileError(f"{shown}: refused: the archive unpacks to more than "
                                      f"{MAX_UNZIPPED / 1e6:.0f} MB (zip bomb?)")
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ImportFileError(f"{shown}: refused: member {info.filename!r} is compressed "
                                      f"{info.file_size // max(info.compress_size, 1)}:1 "
                                      "(zip bomb?)")
        root = dest.resolve()
        for info in infos:
            if info.is_dir():
                continue
            target = (dest / info.filename.replace("\\", "/")).resolve()
            if root not in target.parents:
                raise ImportFileError(f"{shown}: refused: member {info.filename!r} would be "
                                      "written outside the extraction folder (zip-slip)")
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with zf.open(info) as src, target.open("wb") as dst:
                    while chunk := src.read(1 << 16):
                        written += len(chunk)
                        if written > info.file_size:
                            raise ImportFileError(f"{shown}: refused: member {info.filename!r} "
                                                  "unpacks to more than its declared size")
                        dst.write(chunk)
            except ImportFileError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError,
                    RuntimeError) as exc:
                raise ImportFileError(f"{shown}: member {info.filename!r} cannot be "
                                      f"extracted ({exc or type(exc).__name__})") from None
            except Exception as exc:  # zlib.error, lzma/bz2 errors on corrupt data
                raise ImportFileError(f"{shown}: member {info.filename!r} is corrupt "
                                      f"({exc or type(exc).__name__})") from None
            out.append(target)
    return out


def _only_member(files: list[Path], suffixes: tuple[str, ...], shown: str, what: str) -> Path:
    found = [f for f in files if f.suffix.lower() in suffixes and not f.name.startswith("._")]
    if not found:
        raise ImportFileError(f"{shown}: no {what} ({'/'.join(suffixes)}) in the archive")
    if len(found) > 1:
        names = ", ".join(sorted(f.name for f in found))
        raise ImportFileError(f"{shown}: several {what} files in the archive ({names}); "
                              "import them one at a time")
    return found[0]


# -- text --------------------------------------------------------------------------------------


def decode(data: bytes, shown: str, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM), or the encoding the user named; otherwise a clear error."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise ImportFileError(f"unknown encoding {encoding!r}; e.g. utf-8, cp1256, "
                                  "iso-8859-6, utf-16") from None
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{shown}: not {encoding} text (byte 0x{data[exc.start]:02x} "
                                  f"at offset {exc.start})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{shown}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8, or give its encoding (e.g. --encoding cp1256 for an Arabic "
            "Windows file)") from None


# -- reading -----------------------------------------------------------------------------------


@dataclass
class _Raw:
    index: int  # 1-based record number
    props: dict[str, Any]
    geometry: Any = None  # shapely geometry, None, or the raw value that is not a geometry
    geometry_error: str | None = None


def _slug(text: str, limit: int = 48) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:limit].strip("-")
    return slug or hashlib.sha1(text.encode()).hexdigest()[:8]


def _plain(value: Any) -> Any:
    """A cell as plain Python: NaN/NaT -> None, numpy scalars -> Python, timestamps -> dates."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, list | dict | str | bytes):
        with contextlib.suppress(ValueError, TypeError):
            value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


class _Reader:
    def __init__(self, shown: str, kind: str | None, as_of: dt.date | None,
                 dataset: Dataset | None, encoding: str | None, progress: Progress | None) -> None:
        self.shown, self.kind, self.as_of = shown, kind, as_of
        self.dataset, self.encoding, self.progress = dataset, encoding, progress
        self.notes: list[str] = []
        self.repaired: list[str] = []

    # formats

    def geojson(self, data: bytes) -> ImportResult:
        text = decode(data, self.shown, self.encoding)
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"{self.shown}: not valid JSON (line {exc.lineno}: "
                                  f"{exc.msg})") from None
        except RecursionError:
            raise ImportFileError(f"{self.shown}: JSON nested too deeply") from None
        if isinstance(doc, dict) and doc.get("type") == "Feature":
            doc = {"type": "FeatureCollection", "features": [doc]}
        if isinstance(doc, list):  # a JSON list of records, like the shipped events.json
            raws = [_Raw(i, dict(item)) if isinstance(item, dict)
                    else _Raw(i, {"_error": "the record is not a JSON object"})
                    for i, item in enumerate(doc, 1)]
            return self._finish(raws, "json", tabular=False)
        if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
            raise ImportFileError(f"{self.shown}: expected a GeoJSON FeatureCollection")
        features = doc.get("features")
        if not isinstance(features, list):
            raise ImportFileError(f"{self.shown}: `features` is not a list")
        transform = self._geojson_crs(doc.get("crs"))
        raws = []
        for i, feature in enumerate(features, 1):
            if not isinstance(feature, dict):
                raws.append(_Raw(i, {"_error": "the feature is not a JSON object"}))
                continue
            props = feature.get("properties")
            props = dict(props) if isinstance(props, dict) else {}
            if "id" not in props and isinstance(feature.get("id"), str | int):
                props["id"] = str(feature["id"])
            raw = _Raw(i, props)
            geom = feature.get("geometry")
            if geom is not None:
                try:
                    g = shape(geom)
                    raw.geometry = transform(g) if transform else g
                except Exception as exc:  # shapely raises several types for bad GeoJSON
                    raw.geometry_error = f"not a GeoJSON geometry ({str(exc) or type(exc).__name__})"
            raws.append(raw)
        return self._finish(raws, "geojson", tabular=False)

    def _geojson_crs(self, crs: Any) -> Callable[[BaseGeometry], BaseGeometry] | None:
        """Old GeoJSON (2008) may name a CRS; RFC 7946 is always longitude/latitude."""
        if crs is None:
            return None
        name = str(((crs or {}).get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
        if not name or re.search(r"(CRS84|EPSG:+4326)$", name):
            return None
        from pyproj import CRS, Transformer
        from pyproj.exceptions import CRSError

        try:
            source = CRS.from_user_input(name)
        except CRSError:
            raise ImportFileError(f"{self.shown}: unknown coordinate reference system "
                                  f"{name!r}") from None
        tr = Transformer.from_crs(source, "EPSG:4326", always_xy=True)
        self.notes.append(f"reprojected from {name} to EPSG:4326")
        return lambda g: shapely.transform(g, lambda xy: _stack(tr.transform(xy[:, 0], xy[:, 1])))

    def geo_file(self, path: Path, fmt: str) -> ImportResult:
        import pyogrio

        head = path.read_bytes()[:64]
        if fmt == "gpkg" and not head.startswith(b"SQLite format 3\x00"):
            raise ImportFileError(f"{self.shown}: not a GeoPackage (not an SQLite file)")
        if fmt == "kml" and b"<" not in head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]:
            raise ImportFileError(f"{self.shown}: not a KML file (not XML)")
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                layers = pyogrio.list_layers(path)
                layer = self._layer([str(n) for n, _ in layers])
                df = pyogrio.read_dataframe(path, layer=layer, encoding=self.encoding,
                                            on_invalid="ignore")
                if df.crs is not None and df.crs.to_epsg() != 4326:
                    self.notes.append(f"reprojected from {df.crs.to_string()} to EPSG:4326")
                    df = df.to_crs(4326)
                elif df.crs is None and len(df):
                    minx, miny, maxx, maxy = df.total_bounds
                    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
                        raise ImportFileError(f"{self.shown}: no coordinate reference system "
                                              "and the coordinates are not longitude/latitude; "
                                              "add the .prj file")
                    self.notes.append("no coordinate reference system given; "
                                      "assumed EPSG:4326 (longitude/latitude)")
        except ImportFileError:
            raise
        except Exception as exc:  # pyogrio/GDAL raise their own and builtin errors
            raise ImportFileError(f"{self.shown}: cannot be read as {fmt} "
                                  f"({_gdal_message(exc, path)})") from None
        for w in caught:
            self.notes.append(f"GDAL: {w.message}")
        columns = [c for c in df.columns if c != df.geometry.name]
        raws = []
        for i, (geom, values) in enumerate(zip(df.geometry, df[columns].itertuples(index=False),
                                               strict=True), 1):
            props = {c: _plain(val) for c, val in zip(columns, values, strict=True)}
            raws.append(_Raw(i, props, geom if geom is not None and not geom.is_empty else None))
        return self._finish(raws, fmt, tabular=True)

    def _layer(self, names: list[str]) -> str | None:
        if len(names) <= 1:
            return names[0] if names else None
        for want in ([self.kind] if self.kind else []) + list(KINDS):
            if want in names:
                return want
        raise ImportFileError(f"{self.shown}: several layers ({', '.join(names)}); keep one "
                              "layer, or name it places, zones or events")

    def csv(self, data: bytes, delimiter: str | None = None) -> ImportResult:
        text = decode(data, self.shown, self.encoding)
        if "\x00" in text:
            raise ImportFileError(f"{self.shown}: contains NUL bytes; not a text CSV file")
        if delimiter is None:
            first = text.split("\n", 1)[0]
            delimiter = max([",", ";", "\t"], key=first.count)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise ImportFileError(f"{self.shown}: not a readable CSV file ({exc})") from None
        if not rows or not any(h.strip() for h in rows[0]):
            raise ImportFileError(f"{self.shown}: no header row")
        header = [h.strip() for h in rows[0]]
        if len(set(header)) != len(header):
            dupes = sorted({h for h in header if header.count(h) > 1})
            raise ImportFileError(f"{self.shown}: repeated column name(s) {', '.join(dupes)}")
        body = [r for r in rows[1:] if any(c.strip() for c in r)]
        if set(ACLED_REQUIRED) <= set(header):
            if self.kind not in (None, "events"):
                raise ImportFileError(f"{self.shown}: an ACLED export holds events, not "
                                      f"{self.kind}")
            return _Acled(self, header, body).read()
        lower = [h.lower() for h in header]
        lat = next((header[lower.index(c)] for c in ("latitude", "lat", "y") if c in lower), None)
        lon = next((header[lower.index(c)] for c in ("longitude", "lon", "lng", "long", "x")
                    if c in lower), None)
        wkt = next((header[lower.index(c)] for c in ("wkt", "geometry") if c in lower), None)
        raws = []
        for i, row in enumerate(body, 1):
            if len(row) != len(header):
                raws.append(_Raw(i, {"_error": f"has {len(row)} cells but the header has "
                                               f"{len(header)}"}))
                continue
            props = dict(zip(header, row, strict=True))
            raw = _Raw(i, props)
            if wkt and props.get(wkt, "").strip():
                try:
                    raw.geometry = shapely.from_wkt(props[wkt])
                except Exception as exc:  # shapely.errors.GEOSException and others
                    raw.geometry_error = f"column {wkt}: not WKT ({exc})"
            elif lat and lon and (props.get(lat, "").strip() or props.get(lon, "").strip()):
                raw.geometry, raw.geometry_error = _point(props.get(lat), props.get(lon))
            raws.append(raw)
        if not (wkt or (lat and lon)):
            self.notes.append("no latitude/longitude or WKT column: records have no geometry")
        return self._finish(raws, "csv", tabular=True)

    # records

    def _guess_kind(self, raws: Sequence[_Raw]) -> str:
        keys = {k.lower() for r in raws[:50] for k in r.props}
        if "faction" in keys:
            return "zones"
        if "evidence" in keys or {"type", "date"} <= keys:
            return "events"
        return "places"

    def _finish(self, raws: list[_Raw], fmt: str, *, tabular: bool) -> ImportResult:
        kind = self.kind or self._guess_kind(raws)
        if self.as_of is not None and kind != "zones":
            self.notes.append(f"as_of applies to zones only; ignored for {kind}")
        model = MODELS[kind]
        fields = set(model.model_fields)
        ignored: set[str] = set()
        attrs: dict[str, dict[str, Any]] = {}
        records: list[RawRecord] = []
        total = len(raws)
        for n, raw in enumerate(raws, 1):
            data: dict[str, Any] = {}
            errors: list[tuple[str, str]] = []
            for key, value in raw.props.items():
                if key == "_error":
                    errors.append(("(record)", str(value)))
                    continue
                name = _field(str(key), fields)
                value = _plain(value)
                if tabular and isinstance(value, str):
                    value = value.strip() or None
                if name is None:
                    if str(key).lower() == "attrs" and value:
                        try:
                            got = json.loads(value) if isinstance(value, str) else value
                        except json.JSONDecodeError:
                            got = None
                        if isinstance(got, dict):
                            data["_attrs"] = got
                            continue
                        errors.append(("attrs", "not a JSON object"))
                        continue
                    if str(key).lower() not in FORMAT_COLUMNS:
                        ignored.add(str(key))
                    continue
                if name in NESTED[kind] and isinstance(value, str):
                    value, err = _nested(name, value)
                    if err:
                        errors.append((name, err))
                if isinstance(value, float) and value.is_integer() and name in ("geonames_id",):
                    value = int(value)
                if value is None:
                    continue
                data[name] = value
            if kind in GEOMETRY_TYPES:
                geom, err = self._geometry(kind, raw)
                data["geometry"] = geom
                if err:
                    data["_geometry_error"] = err
            if kind == "zones":
                data = self._zone_defaults(data, raw.index)
            for fld, reason in errors:
                data.setdefault("_errors", []).insert(0, (fld, reason))
            records.append(RawRecord(self.shown, raw.index, data))
            if self.progress is not None and (n % 200 == 0 or n == total):
                self.progress(n, total)
        if ignored:
            self.notes.append(f"ignored column(s) not in the {kind} format: "
                              + ", ".join(sorted(ignored)))
        if self.repaired:
            shown = ", ".join(self.repaired[:10])
            more = f" and {len(self.repaired) - 10} more" if len(self.repaired) > 10 else ""
            self.notes.append(f"repaired {len(self.repaired)} invalid geometr"
                              f"{'y' if len(self.repaired) == 1 else 'ies'} with make_valid: "
                              f"{shown}{more}")
        for r in records:
            if isinstance(r.data.get("_attrs"), dict):
                attrs[r.record_id] = r.data["_attrs"]
        return self._validate(kind, fmt, records, total, attrs)

    def _geometry(self, kind: str, raw: _Raw) -> tuple[Any, str | None]:
        if raw.geometry_error:
            return raw.geometry, raw.geometry_error
        g = raw.geometry
        if g is None:
            return None, None
        if not isinstance(g, BaseGeometry):
            return g, "not a geometry"
        if shapely.has_z(g) or shapely.has_m(g):
            g = shapely.force_2d(g)
        if g.is_empty:
            return None, None
        if not g.is_valid:
            reason = shapely.is_valid_reason(g)
            g = _polygonal(shapely.make_valid(g)) if g.geom_type in ("Polygon", "MultiPolygon") \
                else shapely.make_valid(g)
            if g is None or g.is_empty:
                return None, f"invalid geometry ({reason}) with no area left after repair"
            self.repaired.append(f"{raw.props.get('id') or '#' + str(raw.index)} ({reason})")
        if kind == "zones":
            poly = _polygonal(g)
            if poly is None:
                return g, f"is a {g.geom_type}; a control zone must be a (Multi)Polygon"
            g = poly if poly.geom_type == "MultiPolygon" else MultiPolygon([poly])
        return g, None

    def _zone_defaults(self, data: dict[str, Any], index: int) -> dict[str, Any]:
        if self.as_of is not None:
            data["valid_from"] = self.as_of.isoformat()
        elif "valid_from" not in data:
            data.setdefault("_errors", []).append(
                ("valid_from", "missing; give the date of the snapshot with --as-of DATE"))
        filled = []
        if "id" not in data and isinstance(data.get("faction"), str):
            day = data.get("valid_from") or "undated"
            data["id"] = f"{_slug(data['faction'], 30)}-{day}-{index}"
            filled.append("id")
        if "source" not in data:
            data["source"] = f"import of {Path(self.shown).name}"
            filled.append("source")
        if "confidence" not in data:
            data["confidence"] = Confidence.MEDIUM.value
            filled.append("confidence")
        for f in filled:
            note = f"zones without {f}: filled in"
            if note not in self.notes:
                self.notes.append(note)
        return data

    def _validate(self, kind: str, fmt: str, records: list[RawRecord], total: int,
                  attrs: dict[str, dict[str, Any]], extra_places: Sequence[Place] = ()) -> ImportResult:
        model = MODELS[kind]
        ds = self.dataset

        def prepare(data: dict[str, Any]) -> dict[str, Any]:
            if kind == "events" and isinstance(data.get("source"), str):
                sid = data["source"]
                if ds is None or sid not in ds.sources:
                    raise v.FieldProblem("source", f"unknown source id {sid!r}; give the source "
                                         "as an object (id, outlet, ...)")
                data = {**data, "source": ds.sources[sid]}
            return data

        problems = [Problem(r.file, r.record_id, f, reason) for r in records
                    for f, reason in r.data.get("_errors", [])]
        clean = [r for r in records if not r.data.get("_errors")]
        # A duplicated id: every record holding it is rejected (which one is right is unknown).
        counts: dict[str, list[int]] = {}
        for r in clean:
            if r.data.get("id") is not None:
                counts.setdefault(str(r.data["id"]), []).append(r.index)
        for rid, where in counts.items():
            if len(where) > 1:
                marks = ", ".join(f"#{i}" for i in where)
                problems += [Problem(self.shown, f"{rid} (#{i})", "id",
                                     f"duplicate id {rid!r} (records {marks})") for i in where]
        dupes = {rid for rid, where in counts.items() if len(where) > 1}
        clean = [r for r in clean if str(r.data.get("id")) not in dupes or r.data.get("id") is None]
        valid: list[Any]
        valid, more_problems = v.parse(clean, model, prepare=prepare,
                                       geometry=GEOMETRY_TYPES.get(kind))
        problems += more_problems
        problems += self._cross_check(kind, valid, records, extra_places)
        if kind == "zones" and self.as_of is None:
            dates = sorted({z.valid_from for z in valid})
            if len(dates) > 1:
                raise ImportFileError(f"{self.shown}: the zones have several valid_from dates "
                                      f"({', '.join(map(str, dates))}); a zones import is one "
                                      "snapshot: give --as-of DATE or split the file")
        bad = {p.record for p in problems}
        valid = [r for r in valid if r.id not in bad]
        # Rejecting a record can strand records that refer to it: check again until stable.
        while True:
            more = [p for p in self._cross_check(kind, valid, records, extra_places)
                    if p.record not in bad]
            if not more:
                break
            problems += more
            bad |= {p.record for p in more}
            valid = [r for r in valid if r.id not in bad]
        kept = {r.id for r in valid}
        places = tuple(p for p in extra_places
                       if any(p.id in e.places for e in valid)) if extra_places else ()
        return ImportResult(
            file=self.shown, kind=kind, format=fmt, records=tuple(valid),
            rejected=tuple(problems), places=places,
            attrs={k: a for k, a in attrs.items() if k in kept},
            as_of=self.as_of if kind == "zones" else None, total=total, notes=tuple(self.notes),
        )

    def _cross_check(self, kind: str, valid: Sequence[Any], records: Sequence[RawRecord],
                     extra_places: Sequence[Place]) -> list[Problem]:
        ds = self.dataset
        if kind == "places":
            known = [r.record_id for r in records]
            if ds is not None:
                known += list(ds.gazetteer.places)
            else:  # without the data, parents may be anywhere: the store checks them
                known += [pid for p in valid for pid in (p.parent, p.governorate) if pid]
            return v.check_places(valid, self.shown, _outline(ds), known_ids=known)
        if kind == "zones":
            factions = ds.factions if ds is not None else None
            found = v.check_zones(valid, factions or {}, dict.fromkeys((z.id for z in valid),
                                                                       self.shown))
            if factions is None:
                found = [p for p in found if p.field != "faction"]
            return found
        unlinked = [e.model_copy(update={"links": ()}) for e in valid]
        batch = {e.id for e in valid}
        probs: list[Problem] = []
        if ds is not None:
            place_ids = set(ds.gazetteer.places) | {p.id for p in extra_places}
            probs += v.check_events(unlinked, place_ids, ds.actors, self.shown)
        known_events = batch | ({e.id for e in ds.events} if ds is not None else set())
        for e in valid:
            for link in e.links:
                if link.event not in known_events and ds is not None:
                    probs.append(Problem(self.shown, e.id, "links",
                                         f"links to unknown event {link.event!r}"))
        return probs


def _gdal_message(exc: Exception, path: Path) -> str:
    """GDAL's message without temporary paths and driver hints."""
    text = str(exc).strip()
    msg = text.splitlines()[0] if text else type(exc).__name__
    msg = re.sub(r"ERROR parsing kml \S+ ?:", "", msg)
    msg = msg.replace(f"'{path}'", "the file").replace(str(path), "the file")
    msg = msg.split("; It might help")[0].strip().rstrip(".")
    if "not recognized as being in a supported file format" in msg:
        return "GDAL does not recognise it as this format"
    return msg


def _outline(ds: Dataset | None) -> BaseGeometry | None:
    if ds is None:
        return None
    from ..dataset import read_outline

    try:
        return read_outline()
    except Exception:  # the outline is a nicety here; the store checks again
        return None


def _stack(xy: tuple[Any, Any]) -> Any:
    import numpy as np

    return np.column_stack(xy)


def _polygonal(g: BaseGeometry) -> BaseGeometry | None:
    """Only the polygonal parts of a geometry (None when there are none)."""
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys = [q for p in parts for q in (p.geoms if p.geom_type == "MultiPolygon" else [p])]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def _field(key: str, fields: set[str]) -> str | None:
    if key in fields:
        return key
    lower = key.lower()
    for f in fields:
        if f.lower() == lower:
            return f
    if len(key) == 10:  # a Shapefile (dBase) truncates field names to 10 characters
        for f in sorted(fields):
            if f.lower().startswith(lower):
                return f
    return None


def _nested(name: str, text: str) -> tuple[Any, str | None]:
    try:
        return json.loads(text), None
    except (json.JSONDecodeError, RecursionError):
        if name in ("places", "sources"):  # a plain list: "qamishli; hasakah"
            return [t.strip() for t in re.split(r"[;|]", text) if t.strip()], None
        if name == "source":  # a source id
            return text, None
        return text, f"not JSON ({text[:40]!r}...)" if len(text) > 40 else f"not JSON ({text!r})"


def _point(lat: Any, lon: Any) -> tuple[Any, str | None]:
    try:
        y, x = float(str(lat).strip()), float(str(lon).strip())
    except ValueError:
        return None, f"latitude {lat!r} / longitude {lon!r} are not numbers"
    if not (math.isfinite(x) and math.isfinite(y)) or not (-90 <= y <= 90 and -180 <= x <= 180):
        return None, (f"latitude {y} / longitude {x} are out of range (latitude -90..90, "
                      "longitude -180..180); check the order of the columns")
    return Point(x, y), None


# -- ACLED -------------------------------------------------------------------------------------


def acled_type(event_type: str, sub_event_type: str) -> tuple[EventType, str] | None:
    """Our type and CAMEO code for an ACLED event type and sub-type (None if unknown)."""
    return ACLED_TYPES.get((event_type, sub_event_type)) or ACLED_EVENT_TYPES.get(event_type)


def _acled_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ACLED_DATE_FORMATS:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(text, fmt).date()
    raise ValueError(f"{text!r} is not a date (expected e.g. 2021-01-20 or 20 January 2021)")


def _actor_names(name: str) -> list[str]:
    """Ways an ACLED actor name may be written in our lexicon: as is, without the period in
    brackets, either side of a colon ('SDF: Syrian Democratic Forces')."""
    out = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out.append(bare)
    for part in bare.split(":"):
        out.append(part.strip())
    return [n for n in dict.fromkeys(out) if n]


class _Acled:
    def __init__(self, reader: _Reader, header: list[str], body: list[list[str]]) -> None:
        self.r, self.header, self.body = reader, header, body
        self.places: dict[str, Place] = {}
        self.sources: dict[str, Source] = {}
        self._resolved: dict[tuple[str, str], Any] = {}  # (name, context) -> Resolution

    def read(self) -> ImportResult:
        r = self.r
        records: list[RawRecord] = []
        attrs: dict[str, dict[str, Any]] = {}
        total = len(self.body)
        for n, row in enumerate(self.body, 1):
            if len(row) != len(self.header):
                records.append(RawRecord(r.shown, n, {"_errors": [(
                    "(record)", f"has {len(row)} cells but the header has {len(self.header)}")]}))
                continue
            cells = {h: c.strip() for h, c in zip(self.header, row, strict=True)}
            data, errs = self.event(cells)
            if errs:
                data["_errors"] = errs
            records.append(RawRecord(r.shown, n, data))
            if "id" in data:
                attrs[data["id"]] = {"external_id": cells["event_id_cnty"], "format": "acled",
                                     **{k: c for k, c in cells.items() if c}}
            if r.progress is not None and (n % 200 == 0 or n == total):
                r.progress(n, total)
        r.notes.append("ACLED export: event types mapped to Zonemap types and CAMEO codes; "
                       "ACLED's columns kept with each event")
        return r._validate("events", "acled", records, total, attrs, list(self.places.values()))

    def event(self, c: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        errs: list[tuple[str, str]] = []
        ext = c["event_id_cnty"]
        data: dict[str, Any] = {"id": f"acled-{_slug(ext, 60)}"} if ext else {}
        if not ext:
            errs.append(("event_id_cnty", "missing"))
        mapped = acled_type(c["event_type"], c["sub_event_type"])
        if mapped is None:
            errs.append(("event_type", f"{c['event_type']!r} is not an ACLED event type; "
                         f"expected one of {', '.join(ACLED_EVENT_TYPES)}"))
        else:
            data["type"], data["cameo"] = mapped[0].value, mapped[1]
        day = None
        try:
            day = _acled_date(c["event_date"])
            data["date"] = day.isoformat()
        except ValueError as exc:
            errs.append(("event_date", str(exc)))
        tp = c.get("time_precision", "")
        data["date_precision"] = ACLED_TIME_PRECISION.get(tp, DatePrecision.DAY).value
        gp = c.get("geo_precision", "")
        worst = max(int(x) if x in ("1", "2", "3") else 2 for x in (tp or "1", gp or "1"))
        data["confidence"] = {1: "high", 2: "medium", 3: "low"}[worst]
        for col, fld in (("actor1", "actor"), ("actor2", "target")):
            name = c.get(col, "")
            if name:
                actor = self.actor(name, day)
                if actor is not None:
                    data[fld] = actor.id
        point, err = _point(c["latitude"], c["longitude"])
        if err:
            errs.append(("latitude", err))
        else:
            try:
                data["places"] = [self.place(c, point, gp)]
            except v.FieldProblem as exc:
                errs.append((exc.field, exc.reason))
        notes = c.get("notes", "")
        quote = notes or f"{c['sub_event_type'] or c['event_type']} in {c.get('location') or '?'}"
        data["evidence"] = {"quote": quote, "start": 0, "end": len(quote), "lang": "en"}
        data["source"] = self.source(c.get("source", "")).model_dump(mode="json")
        if c.get("fatalities") not in (None, "", "0"):
            data["note"] = f"ACLED {c['sub_event_type']}: {c['fatalities']} fatalities reported"
        else:
            data["note"] = f"ACLED {c['sub_event_type'] or c['event_type']}"
        return data, errs

    def actor(self, name: str, day: dt.date | None) -> Actor | None:
        ds = self.r.dataset
        if ds is None:
            return None
        for variant in _actor_names(name):
            actor = ds.lexicon.resolve(variant, day)
            if actor is not None:
                return actor
        return None

    def source(self, text: str) -> Source:
        outlet = text or "ACLED"
        sid = f"acled-{_slug(outlet, 40)}-{hashlib.sha1(outlet.encode()).hexdigest()[:6]}"
        if sid not in self.sources:
            self.sources[sid] = Source(id=sid, outlet=outlet, lang="en",
                                       note="reported by these sources according to ACLED "
                                            "(acleddata.com)")
        return self.sources[sid]

    def place(self, c: dict[str, str], point: Point, gp: str) -> str:
        ds = self.r.dataset
        name = c.get("location") or c.get("admin3") or c.get("admin2") or c.get("admin1") or ""
        if ds is not None and name:
            context = " ".join(x for x in (c.get("admin3"), c.get("admin2"), c.get("admin1")) if x)
            if (name, context) not in self._resolved:
                self._resolved[(name, context)] = ds.gazetteer.resolve(name, context=context)
            res = self._resolved[(name, context)]
            if res is not None:
                p = res.place
                near = ACLED_NEAR_KM.get(gp, 25.0)
                dist = 0.0 if p.geometry.geom_type != "Point" and p.geometry.buffer(0.01).contains(
                    point) else haversine_km(p.point, (point.y, point.x))
                if dist <= near:
                    return p.id
        pid = (f"acled-{_slug(name or 'location', 40)}-"
               f"{hashlib.sha1(f'{point.y:.4f},{point.x:.4f}'.encode()).hexdigest()[:6]}")
        if pid not in self.places:
            governorate = None
            if ds is not None and c.get("admin1"):
                key = (c["admin1"], "governorate")
                if key not in self._resolved:
                    self._resolved[key] = ds.gazetteer.resolve(c["admin1"], context="governorate")
                res = self._resolved[key]
                gov = res.place if res is not None else None
                if gov is not None and gov.kind == PlaceKind.GOVERNORATE and gov.id in \
                        ds.gazetteer.curated and gov.geometry.buffer(0.05).contains(point):
                    governorate = gov.id
            place = Place(
                id=pid, name_en=name or f"{point.y:.4f}, {point.x:.4f}",
                name_ar=name or f"{point.y:.4f}, {point.x:.4f}",
                kind=PlaceKind.TOWN, geometry=point, governorate=governorate, prior=0.5,
                sources=("ACLED",),
                note=f"ACLED location (geo_precision {gp or '?'}); no Arabic name given",
            )
            outside = v.check_places([place], self.r.shown, _outline(ds), known_ids=[
                x for x in (governorate,) if x]) if ds is not None else []
            if outside:
                raise v.FieldProblem("latitude", outside[0].reason)
            self.places[pid] = place
        return pid


def acled_cameo_ok() -> bool:
    """Every mapped CAMEO code fits its type (checked by the tests)."""
    return all(code.startswith(CAMEO[t][1]) for t, code in
               [*ACLED_TYPES.values(), *ACLED_EVENT_TYPES.values()])

