"""A basemap of your own: `ZONEMAP_BASEMAP` names a local MBTiles or PMTiles file, raster (PNG,
JPEG, WebP) or vector (Mapbox Vector Tiles), drawn under everything instead of the offline
zoom 0-6 tiles.

Streamlit serves only files, so the tiles are written once into
`dashboard/static/basemap/<file's name and stamp>/{z}/{x}/{y}.<ext>` (again only when the file
changes) and the map points a tile layer there: raster tiles as a plain Leaflet tile layer,
vector tiles through a small canvas renderer (templates/leaflet/vector_tiles.js: water, land use,
roads, buildings and boundaries in a fixed light style; the map's own labels stay on top).

Readers: MBTiles (sqlite; its TMS rows flipped to XYZ) and PMTiles version 3 (header, root and
leaf directories with varint entries, tile ids on the Hilbert curve; gzip-compressed directories
and tiles; brotli and zstd are refused with a message saying so). How to make a file for Syria
is in the README ("A basemap of your own").
"""

from __future__ import annotations

import gzip
import json
import logging
import sqlite3
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import MacroElement

from geodata.settings import get_settings

from ..assets import STATIC_DIR
from .rendering import js_string, script_template

log = logging.getLogger(__name__)

BASEMAP_DIR = STATIC_DIR / "basemap"
URL = "/app/static/basemap/{key}/{{z}}/{{x}}/{{y}}.{ext}"
PM_TYPES = {1: "pbf", 2: "png", 3: "jpg", 4: "webp"}
PM_GZIP, PM_NONE = 2, 1


class BasemapError(ValueError):
    """The basemap file cannot be read (wrong kind, unsupported compression)."""


@dataclass(frozen=True)
class Tileset:
    fmt: str  # png, jpg, webp or pbf
    min_zoom: int
    max_zoom: int
    attribution: str
    tiles: Iterator[tuple[int, int, int, bytes]]  # z, x, y (XYZ), bytes as served


@dataclass(frozen=True)
class LocalBasemap:
    url: str  # a Leaflet URL template under /app/static/basemap/
    fmt: str
    min_zoom: int
    max_zoom: int
    attribution: str

    @property
    def vector(self) -> bool:
        return self.fmt == "pbf"

    def layer(self) -> folium.TileLayer | MacroElement:
        if self.vector:
            return VectorTiles(self)
        return folium.TileLayer(
            self.url,
            attr=self.attribution,
            name="Local basemap",
            min_zoom=0,
            max_native_zoom=self.max_zoom,
            max_zoom=max(self.max_zoom, 18),
            control=False,
        )


class VectorTiles(MacroElement):
    """Vector tiles drawn on canvas (templates/leaflet/vector_tiles.js)."""

    def __init__(self, basemap: LocalBasemap) -> None:
        super().__init__()
        self._name = "VectorTiles"
        self._template = script_template("vector_tiles.js")
        self.url = js_string(basemap.url)
        self.attribution = js_string(basemap.attribution)
        self.max_native_zoom = int(basemap.max_zoom)


# -- MBTiles -------------------------------------------------------------------------------


def read_mbtiles(path: Path) -> Tileset:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(db.execute("SELECT name, value FROM metadata").fetchall())
    except sqlite3.DatabaseError as exc:
        db.close()
        raise BasemapError(f"{path} is not an MBTiles file ({exc})") from exc
    fmt = {"jpeg": "jpg", "mvt": "pbf"}.get(meta.get("format", "png"), meta.get("format", "png"))
    zooms = db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()

    def tiles() -> Iterator[tuple[int, int, int, bytes]]:
        try:
            for z, x, row, data in db.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"
            ):
                data = bytes(data)  # noqa: PLW2901 (the value is refined step by step)
                if fmt == "pbf" and data[:2] == b"\x1f\x8b":
                    data = gzip.decompress(data)  # noqa: PLW2901 (the value is refined step by step)
                yield z, x, (1 << z) - 1 - row, data  # TMS rows count from the south
        finally:
            db.close()

    return Tileset(fmt, int(zooms[0] or 0), int(zooms[1] or 0), meta.get("attribution", ""), tiles())


# -- PMTiles (version 3) ---------------------------------------------------------------------


def _varints(data: bytes) -> Iterator[int]:
    value = shift = 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            yield value
            value = shift = 0


def _hilbert(z: int, pos: int) -> tuple[int, int]:
    """Position `pos` on the Hilbert curve of a 2^z x 2^z grid -> (x, y)."""
    x = y = 0
    s, t = 1, pos
    while s < (1 << z):
        rx = 1 & (t // 2)
        ry = 1 & (t ^ rx)
        if ry == 0:
            if rx == 1:
                x, y = s - 1 - x, s - 1 - y
            x, y = y, x
        x, y = x + s * rx, y + s * ry
        t //= 4
        s *= 2
    return x, y


def tile_zxy(tile_id: int) -> tuple[int, int, int]:
    first = 0
    for z in range(32):
        if tile_id < first + (1 << (2 * z)):
            return (z, *_hilbert(z, tile_id - first))
        first += 1 << (2 * z)
    raise BasemapError(f"tile id {tile_id} is out of range")


def _directory(data: bytes) -> list[tuple[int, int, int, int]]:
    """(tile id, run length, length, offset) of each entry of a PMTiles directory."""
    values = list(_varints(data))
    n = values[0]
    ids, runs, lengths, offsets = (values[1 + i * n : 1 + (i + 1) * n] for i in range(4))
    entries, tile_id = [], 0
    for i in range(n):
        tile_id += ids[i]
        offset = offsets[i] - 1 if offsets[i] or i == 0 else entries[-1][3] + entries[-1][2]
        entries.append((tile_id, runs[i], lengths[i], offset))
    return entries


def read_pmtiles(path: Path) -> Tileset:
    raw = path.read_bytes()
    if raw[:7] != b"PMTiles" or raw[7] != 3:
        raise BasemapError(f"{path} is not a PMTiles version 3 file")
    (root_off, root_len, meta_off, meta_len, leaf_off, _leaf_len, data_off, _data_len) = struct.unpack_from(
        "<8Q", raw, 8
    )
    internal, compression, kind, min_zoom, max_zoom = raw[97], raw[98], raw[99], raw[100], raw[101]
    if internal not in (PM_NONE, PM_GZIP) or compression not in (PM_NONE, PM_GZIP, 0):
        raise BasemapError(
            f"{path}: only uncompressed or gzip PMTiles can be read (rewrite it "
            "with `pmtiles convert` or use MBTiles)"
        )
    if kind not in PM_TYPES:
        raise BasemapError(f"{path}: tile type {kind} is not PNG, JPEG, WebP or vector (MVT)")

    def unpack(blob: bytes, how: int) -> bytes:
        return gzip.decompress(blob) if how == PM_GZIP else blob

    meta = json.loads(unpack(raw[meta_off : meta_off + meta_len], internal) or b"{}")

    def walk(offset: int, length: int) -> Iterator[tuple[int, int, int, bytes]]:
        for tile_id, run, size, off in _directory(unpack(raw[offset : offset + length], internal)):
            if run == 0:  # a leaf directory
                yield from walk(leaf_off + off, size)
                continue
            blob = unpack(raw[data_off + off : data_off + off + size], compression)
            for k in range(run):
                yield (*tile_zxy(tile_id + k), blob)

    return Tileset(
        PM_TYPES[kind], min_zoom, max_zoom, str(meta.get("attribution", "")), walk(root_off, root_len)
    )


# -- extraction --------------------------------------------------------------------------------


def extract(path: Path, out_dir: Path | None = None) -> LocalBasemap:
    """Write the tiles of `path` under `out_dir` (BASEMAP_DIR by default; once per version of
    the file)."""
    out_dir = BASEMAP_DIR if out_dir is None else out_dir
    stat = path.stat()
    key = f"{path.stem}-{int(stat.st_mtime)}-{stat.st_size}"
    target = out_dir / key
    manifest = target / "basemap.json"
    if manifest.exists():
        info = json.loads(manifest.read_text(encoding="utf-8"))
    else:
        tileset = read_pmtiles(path) if path.suffix == ".pmtiles" else read_mbtiles(path)
        count = 0
        for z, x, y, data in tileset.tiles:
            tile = target / str(z) / str(x) / f"{y}.{tileset.fmt}"
            tile.parent.mkdir(parents=True, exist_ok=True)
            tile.write_bytes(data)
            count += 1
        info = {
            "fmt": tileset.fmt,
            "min_zoom": tileset.min_zoom,
            "max_zoom": tileset.max_zoom,
            "attribution": tileset.attribution or f"tiles: {path.name}",
            "tiles": count,
        }
        target.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps(info), encoding="utf-8")
        log.info("basemap %s: %d tiles written to %s", path, count, target)
    return LocalBasemap(
        URL.format(key=key, ext=info["fmt"]),
        info["fmt"],
        info["min_zoom"],
        info["max_zoom"],
        info["attribution"],
    )


@lru_cache(maxsize=4)
def _extracted(path: str, stamp: tuple[float, int]) -> LocalBasemap | None:  # noqa: ARG001 (a cache key: the cached function is keyed on it)
    try:
        return extract(Path(path))
    except (OSError, BasemapError, sqlite3.Error, ValueError) as exc:
        log.error("ZONEMAP_BASEMAP %s cannot be used: %s", path, exc)
        return None


def local_basemap() -> LocalBasemap | None:
    """The basemap `ZONEMAP_BASEMAP` names, ready to serve; None when unset or unreadable (the
    error is logged and the offline tiles are drawn instead)."""
    path = get_settings().basemap
    if path is None:
        return None
    if not path.is_file():
        log.error("ZONEMAP_BASEMAP %s is not a file", path)
        return None
    stat = path.stat()
    return _extracted(str(path), (stat.st_mtime, stat.st_size))
