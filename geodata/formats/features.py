"""Writing places, control zones or events to files other tools open, and back (`imports`).

| format | what it is | coordinates | lists/objects |
|---|---|---|---|
| geojson | RFC 7946: WGS 84 lon/lat, no `crs`, exterior rings counter-clockwise | exact | JSON |
| csv | UTF-8 (Arabic as is); `latitude`/`longitude` of its point and `wkt` | exact | JSON text |
| kml | for Google Earth (GDAL's LIBKML driver); fields as ExtendedData | 15 digits | JSON text |
| gpkg | GeoPackage, one layer named after what is exported | exact | JSON text |
| html | the dashboard's map in one file that works offline (Leaflet inlined) | - | - |

Every property of a record is exported, so `imports.read_import` reads an export back to the same
records (an event's source travels with it as an object; what an import kept beside an event
travels as `attrs`). An event's geometry is its places' points, for other tools only: importing
events reads their `places` ids. Geometry is written as stored, except that GeoJSON polygons are
oriented as RFC 7946 asks (the same polygon, its rings possibly reversed).
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import mimetypes
import re
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely
from pydantic import BaseModel
from shapely.geometry import MultiPoint, mapping
from shapely.geometry.base import BaseGeometry

from ..errors import ZonemapError
from ..events import filter_events
from ..model import ControlZone, Event, Place
from ..zones import footprint, zones_on

if TYPE_CHECKING:
    from ..dataset import Dataset

WHAT = ("places", "zones", "events")
FORMATS = ("geojson", "csv", "kml", "gpkg", "html")
SUFFIX = {"geojson": ".geojson", "csv": ".csv", "kml": ".kml", "gpkg": ".gpkg", "html": ".html"}
MODELS: dict[str, type[BaseModel]] = {"places": Place, "zones": ControlZone, "events": Event}


class ExportError(ZonemapError, ValueError):
    """An export that cannot be made (nothing selected, a format that cannot hold it...)."""


# -- selecting ---------------------------------------------------------------------------------


def select(
    dataset: Dataset,
    what: str,
    *,
    day: dt.date | None = None,
    types: Collection[str] | None = None,
    place: str | None = None,
    include_drafts: bool = False,
) -> list[Any]:
    """The records to export: places (the curated gazetteer), zones (of the snapshot in force
    on `day`, when given) or events (known by `day`, of `types`); `place` keeps what lies in
    that place (the place and those inside it; zones touching it; events there)."""
    if what not in WHAT:
        raise ExportError(f"`what` was {what!r} but is expected to be one of {', '.join(WHAT)}")
    gaz = dataset.gazetteer
    within: set[str] | None = None
    if place is not None:
        if place not in gaz.places:
            raise ExportError(f"no place with id {place!r}")
        within = {place} | {p.id for p in gaz.places.values() if place in gaz.ancestors(p)}
    if what == "places":
        ids = [pid for pid in gaz.places if pid in gaz.curated]
        return [gaz.places[pid] for pid in sorted(ids) if within is None or pid in within]
    if what == "zones":
        zones = zones_on(dataset.zones, day) if day else list(dataset.zones)
        if place is not None:
            area = footprint(gaz.places[place])
            zones = [z for z in zones if z.geometry.intersects(area)]
        return sorted(zones, key=lambda z: (z.valid_from, z.id))
    return filter_events(dataset.events, day=day, types=set(types) if types else None,
                         places=within, include_drafts=include_drafts)


# -- records as features -----------------------------------------------------------------------


def properties(record: BaseModel, attrs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every field of a record but its geometry, as JSON values; an event's source as an
    object; `attrs` (what an import kept beside an event) when there are any."""
    props = record.model_dump(mode="json")
    props.pop("geometry", None)
    if attrs:
        props["attrs"] = dict(attrs)
    return props


def geometry_of(record: BaseModel, dataset: Dataset | None) -> BaseGeometry | None:
    if isinstance(record, Event):
        if dataset is None:
            return None
        points = [dataset.gazetteer.places[p].point for p in record.places
                  if p in dataset.gazetteer.places]
        if not points:
            return None
        if len(points) == 1:
            return shapely.Point(points[0][1], points[0][0])
        return MultiPoint([(lon, lat) for lat, lon in points])
    return getattr(record, "geometry", None)


def features(records: Iterable[BaseModel], dataset: Dataset | None = None,
             attrs: Mapping[str, Mapping[str, Any]] | None = None
             ) -> list[tuple[dict[str, Any], BaseGeometry | None]]:
    attrs = attrs or {}
    return [(properties(r, attrs.get(getattr(r, "id", ""))), geometry_of(r, dataset))
            for r in records]


def _columns(what: str, feats: Sequence[tuple[dict[str, Any], Any]]) -> list[str]:
    cols = list(MODELS[what].model_fields)
    cols = [c for c in cols if c != "geometry"]
    if any("attrs" in p for p, _ in feats):
        cols.append("attrs")
    return cols


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


# -- GeoJSON -----------------------------------------------------------------------------------


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 section 3.1.6)."""
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        return shapely.orient_polygons(geom, exterior_cw=False)
    return geom


def to_geojson(records: Sequence[BaseModel], dataset: Dataset | None = None,
               attrs: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    feats = []
    for props, geom in features(records, dataset, attrs):
        feats.append({"type": "Feature", "id": props.get("id"), "properties": props,
                      "geometry": mapping(rfc7946(geom)) if geom is not None else None})
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


# -- CSV ---------------------------------------------------------------------------------------


def _num(x: float) -> str:
    return repr(float(x))


def wkt(geom: BaseGeometry) -> str:
    """WKT with Python's shortest round-tripping decimals (GEOS' writer is not exact)."""
    def seq(coords: Iterable[Sequence[float]]) -> str:
        return ", ".join(f"{_num(c[0])} {_num(c[1])}" for c in coords)

    def poly(p: Any) -> str:
        return "(" + ", ".join(f"({seq(r.coords)})" for r in [p.exterior, *p.interiors]) + ")"

    kind = geom.geom_type
    if geom.is_empty:
        return f"{kind.upper()} EMPTY"
    if kind == "Point":
        return f"POINT ({_num(geom.x)} {_num(geom.y)})"
    if kind == "MultiPoint":
        return "MULTIPOINT (" + ", ".join(f"({_num(p.x)} {_num(p.y)})" for p in geom.geoms) + ")"
    if kind == "LineString":
        return f"LINESTRING ({seq(geom.coords)})"
    if kind == "Polygon":
        return "POLYGON " + poly(geom)
    if kind == "MultiPolygon":
        return "MULTIPOLYGON (" + ", ".join(poly(p) for p in geom.geoms) + ")"
    return shapely.to_wkt(geom, rounding_precision=-1)


def to_csv(what: str, records: Sequence[BaseModel], dataset: Dataset | None = None,
           attrs: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    feats = features(records, dataset, attrs)
    cols = _columns(what, feats)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*cols, "latitude", "longitude", "wkt"])
    for props, geom in feats:
        lat = lon = ""
        if geom is not None:
            pt = geom if geom.geom_type == "Point" else (
                geom.geoms[0] if geom.geom_type == "MultiPoint" else geom.representative_point())
            lat, lon = _num(pt.y), _num(pt.x)
        writer.writerow([_cell(props.get(c)) or "" for c in cols]
                        + [lat, lon, wkt(geom) if geom is not None else ""])
    return out.getvalue()


# -- GDAL formats ------------------------------------------------------------------------------


def _frame(what: str, records: Sequence[BaseModel], dataset: Dataset | None,
           attrs: Mapping[str, Mapping[str, Any]] | None, *, display_name: bool) -> Any:
    import geopandas as gpd

    feats = features(records, dataset, attrs)
    cols = _columns(what, feats)
    data: dict[str, list[Any]] = {}
    if display_name:
        data["Name"] = [_display_name(what, p) for p, _ in feats]
    for c in cols:
        data[c] = [_cell(p.get(c)) for p, _ in feats]
    return gpd.GeoDataFrame(data, geometry=[g for _, g in feats], crs="EPSG:4326")


def _display_name(what: str, props: Mapping[str, Any]) -> str:
    if what == "places":
        return f"{props['name_en']} — {props['name_ar']}"
    if what == "zones":
        return f"{props['faction']} ({props['valid_from']})"
    return f"{props['type']} {props['date']} ({props['id']})"


def write_gdal(what: str, records: Sequence[BaseModel], path: Path, fmt: str,
               dataset: Dataset | None = None,
               attrs: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    import pyogrio

    if not records:
        raise ExportError(f"nothing to export as {fmt}: no {what} selected")
    frame = _frame(what, records, dataset, attrs, display_name=fmt == "kml")
    driver = {"kml": "LIBKML", "gpkg": "GPKG"}[fmt]
    if path.exists():
        path.unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(frame, path, driver=driver, layer=what,
                                geometry_type="Unknown", promote_to_multi=False)


# -- HTML --------------------------------------------------------------------------------------


def to_html(dataset: Dataset, day: dt.date | None = None, *, types: Collection[str] = (),
            title: str = "Zonemap", embed_tiles: bool = True) -> str:
    """The dashboard's map (`dashboard.map.build_map`) as one HTML file that loads nothing from
    the network: Leaflet and its CSS and images are inlined, other assets dropped, and the
    offline basemap tiles (zoom 0-6, about 1 MB) embedded when they were fetched."""
    try:
        from branca.element import Element, Figure

        from dashboard import offline
        from dashboard.assets import TILES_DIR, VENDOR_DIR
        from dashboard.map import OSM_ATTRIBUTION, build_map
        from dashboard.view_state import ViewState
    except ImportError as exc:
        raise ExportError(f"the HTML export needs the dashboard package ({exc})") from None
    view = ViewState(date=day, types=tuple(types))
    m = build_map(dataset, view, tiles=None)
    tiles = {f"{p.parent.parent.name}/{p.parent.name}/{p.stem}": base64.b64encode(
        p.read_bytes()).decode() for p in sorted(TILES_DIR.glob("*/*/*.png"))} if embed_tiles else {}
    root = m.get_root()
    if tiles and isinstance(root, Figure):
        root.script.add_child(Element(_tile_script(m.get_name(), tiles, OSM_ATTRIBUTION)))
    html = root.render()
    return inline_assets(html, VENDOR_DIR, offline.local_for, title=title)


_BLANK = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


def _tile_script(map_name: str, tiles: Mapping[str, str], attribution: str) -> str:
    """A Leaflet tile layer whose tiles are in the page (data: URIs), under everything else."""
    top = max(int(k.split("/")[0]) for k in tiles)
    return (
        "window.addEventListener('load', function () {\n"
        f"  var tiles = {json.dumps(tiles)};\n"
        "  var Embedded = L.TileLayer.extend({getTileUrl: function (c) {\n"
        "    var t = tiles[c.z + '/' + c.x + '/' + c.y];\n"
        f"    return t ? 'data:image/png;base64,' + t : {json.dumps(_BLANK)};\n"
        "  }});\n"
        f"  new Embedded('', {{maxNativeZoom: {top}, maxZoom: 18, minZoom: 0, attribution: "
        f"{json.dumps(f'{attribution} (offline tiles, zoom 0–{top})', ensure_ascii=True)}}})"
        f".addTo({map_name}).bringToBack();\n"
        "});")


_TAG = re.compile(r"<script[^>]*\bsrc=\"([^\"]+)\"[^>]*>\s*</script>|<link[^>]*\bhref=\"([^\"]+)\"[^>]*>")


def inline_assets(html: str, vendor: Path, local: Callable[[str], str | None], *,
                  title: str = "") -> str:
    """Replace each `<script src>`/`<link href>` with the vendored file inlined; drop those that
    are not vendored (the map needs only Leaflet). Raises ExportError without Leaflet."""
    needed = {"leaflet/leaflet.js", "leaflet/leaflet.css"}
    missing = [n for n in needed if not (vendor / n).is_file()]
    if missing:
        raise ExportError(f"the map assets are missing ({', '.join(missing)}); run `make assets`")

    def relative(url: str) -> str | None:
        rel = local(url)
        if rel is not None:
            return rel
        m = re.search(r"/static/vendor/(.+)$", url)
        return m.group(1) if m else None

    def replace(m: re.Match[str]) -> str:
        url = m.group(1) or m.group(2)
        rel = relative(url)
        is_css = m.group(2) is not None
        if is_css and "stylesheet" not in m.group(0):
            return "" if url.startswith(("http:", "https:", "//", "/")) else m.group(0)
        if rel not in needed:
            return ""
        text = (vendor / rel).read_text(encoding="utf-8")
        if is_css:
            text = _inline_css_urls(text, (vendor / rel).parent)
            return f"<style>\n{text}\n</style>"
        return "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"

    out = _TAG.sub(replace, html)
    if title:
        out = out.replace("<head>", f"<head>\n<title>{_escape(title)}</title>", 1)
    return out


def _inline_css_urls(css: str, base: Path) -> str:
    def data_uri(m: re.Match[str]) -> str:
        ref = m.group(1).strip("'\"")
        if ref.startswith(("data:", "#")):
            return m.group(0)
        path = (base / ref.split("?")[0]).resolve()
        if not path.is_file() or base.resolve() not in path.parents:
            return "url()"
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()})"

    return re.sub(r"url\(([^)]+)\)", data_uri, css)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- one call ----------------------------------------------------------------------------------


def export(
    dataset: Dataset,
    what: str,
    fmt: str,
    path: Path,
    *,
    day: dt.date | None = None,
    types: Collection[str] | None = None,
    place: str | None = None,
    include_drafts: bool = False,
    attrs: Mapping[str, Mapping[str, Any]] | None = None,
    select_fn: Callable[..., list[Any]] = select,
) -> int:
    """Write the selected records of `dataset` to `path` in `fmt`; return how many."""
    if fmt not in FORMATS:
        raise ExportError(f"`format` was {fmt!r} but is expected to be one of {', '.join(FORMATS)}")
    if fmt == "html":
        records = select_fn(dataset, "events", day=day, types=types, place=place,
                            include_drafts=include_drafts)
        path.write_text(to_html(dataset.with_events(records), day, types=types or ()),
                        encoding="utf-8")
        return len(records)
    records = select_fn(dataset, what, day=day, types=types, place=place,
                        include_drafts=include_drafts)
    if fmt == "geojson":
        path.write_text(to_geojson(records, dataset, attrs), encoding="utf-8")
    elif fmt == "csv":
        path.write_text(to_csv(what, records, dataset, attrs), encoding="utf-8", newline="")
    else:
        write_gdal(what, records, path, fmt, dataset, attrs)
    return len(records)


def export_bytes(dataset: Dataset, what: str, fmt: str, **kwargs: Any) -> bytes:
    """`export` into memory, for a download button."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="zonemap-export-") as tmp:
        path = Path(tmp) / f"{what}{SUFFIX.get(fmt, '')}"
        export(dataset, what, fmt, path, **kwargs)
        return path.read_bytes()


def suffix_ok(path: Path, fmt: str) -> bool:
    return path.suffix.lower() == SUFFIX[fmt] or (fmt == "geojson" and path.suffix == ".json")
