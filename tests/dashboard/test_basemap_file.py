"""ZONEMAP_BASEMAP: a local MBTiles or PMTiles file as the background, written once under
dashboard/static/ for Streamlit to serve. The files are made here: a sqlite3 MBTiles with two PNG
tiles, a PMTiles v3 file with the same, and a vector MBTiles with one (empty) tile."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import sqlite3
import struct
from pathlib import Path

import pytest
from PIL import Image

from dashboard.map import basemap_file as bf
from dashboard.map.background import add_tiles
from dashboard.view_state import ViewState


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, format="PNG")
    return out.getvalue()


def make_mbtiles(path: Path, tiles: dict[tuple[int, int, int], bytes], fmt: str = "png") -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute(
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)"
    )
    db.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [("name", "test"), ("format", fmt), ("attribution", "© test tiles")],
    )
    for (z, x, y), data in tiles.items():  # MBTiles rows count from the south (TMS)
        db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (1 << z) - 1 - y, data))
    db.commit()
    db.close()
    return path


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def make_pmtiles(path: Path, tiles: list[tuple[int, bytes]]) -> Path:
    """A PMTiles v3 file: tile ids (0 is z0; 1-4 are z1 along the Hilbert curve), gzip
    directory, uncompressed PNG tiles."""
    data, offsets, lengths = b"", [], []
    for _, blob in tiles:
        offsets.append(len(data))
        lengths.append(len(blob))
        data += blob
    ids = [t for t, _ in tiles]
    deltas = [ids[0]] + [b - a for a, b in itertools.pairwise(ids)]
    entries = (
        varint(len(tiles))
        + b"".join(map(varint, deltas))
        + varint(1) * len(tiles)
        + b"".join(map(varint, lengths))
        + b"".join(varint(o + 1) for o in offsets)
    )
    root, meta = gzip.compress(entries), gzip.compress(json.dumps({"attribution": "pm"}).encode())
    header = bytearray(127)
    header[:8] = b"PMTiles\x03"
    root_off = 127
    meta_off = root_off + len(root)
    data_off = meta_off + len(meta)
    struct.pack_into(
        "<8Q", header, 8, root_off, len(root), meta_off, len(meta), data_off, 0, data_off, len(data)
    )
    header[97], header[98], header[99], header[100], header[101] = 2, 1, 2, 0, 1
    path.write_bytes(bytes(header) + root + meta + data)
    return path


def test_hilbert_tile_ids():
    assert bf.tile_zxy(0) == (0, 0, 0)
    assert [bf.tile_zxy(i) for i in range(1, 5)] == [(1, 0, 0), (1, 0, 1), (1, 1, 1), (1, 1, 0)]
    assert bf.tile_zxy(5) == (2, 0, 0)


def test_mbtiles_raster_tiles_are_written_as_xyz(tmp_path):
    red, blue = png("red"), png("blue")
    src = make_mbtiles(tmp_path / "syria.mbtiles", {(0, 0, 0): red, (1, 1, 0): blue})
    got = bf.extract(src, tmp_path / "out")
    assert got.fmt == "png" and (got.min_zoom, got.max_zoom) == (0, 1) and not got.vector
    root = tmp_path / "out" / got.url.split("/")[4]
    assert (root / "0/0/0.png").read_bytes() == red
    assert (root / "1/1/0.png").read_bytes() == blue  # row flipped from TMS
    assert got.url.startswith("/app/static/basemap/syria-") and got.url.endswith("{z}/{x}/{y}.png")
    again = bf.extract(src, tmp_path / "out")  # written once per version of the file
    assert again == got


def test_pmtiles_raster_tiles(tmp_path):
    red, blue = png("red"), png("blue")
    got = bf.extract(make_pmtiles(tmp_path / "s.pmtiles", [(0, red), (3, blue)]), tmp_path / "o")
    root = tmp_path / "o" / got.url.split("/")[4]
    assert (root / "0/0/0.png").read_bytes() == red
    assert (root / "1/1/1.png").read_bytes() == blue  # tile id 3: z1, x1, y1
    assert got.attribution == "pm"


def test_bad_files_are_refused_with_a_message(tmp_path):
    bogus = tmp_path / "x.pmtiles"
    bogus.write_bytes(b"not a tile file at all" * 10)
    with pytest.raises(bf.BasemapError, match="not a PMTiles version 3 file"):
        bf.extract(bogus, tmp_path / "o")


@pytest.fixture
def basemap_env(tmp_path, monkeypatch):
    monkeypatch.setattr(bf, "BASEMAP_DIR", tmp_path / "static")
    bf._extracted.cache_clear()
    yield lambda path: monkeypatch.setenv("ZONEMAP_BASEMAP", str(path))
    bf._extracted.cache_clear()


def test_the_setting_puts_the_file_under_the_map(tmp_path, basemap_env):
    import folium

    basemap_env(make_mbtiles(tmp_path / "mine.mbtiles", {(0, 0, 0): png("green")}))
    m = folium.Map(tiles=None)
    add_tiles(m, ViewState(), "/app/static/tiles/{z}/{x}/{y}.png")
    html = m.get_root().render()
    assert "/app/static/basemap/mine-" in html and "/app/static/tiles/" not in html
    assert "test tiles" in html  # the file's attribution


def test_vector_tiles_are_drawn_by_the_canvas_renderer(tmp_path, basemap_env):
    import folium

    basemap_env(make_mbtiles(tmp_path / "v.mbtiles", {(0, 0, 0): gzip.compress(b"")}, "pbf"))
    m = folium.Map(tiles=None)
    add_tiles(m, ViewState(), "/app/static/tiles/{z}/{x}/{y}.png")
    html = m.get_root().render()
    assert "L.GridLayer.extend" in html and ".pbf" in html


def test_an_unreadable_setting_falls_back_to_the_offline_tiles(tmp_path, basemap_env):
    import folium

    basemap_env(tmp_path / "missing.mbtiles")
    m = folium.Map(tiles=None)
    add_tiles(m, ViewState(), "/app/static/tiles/{z}/{x}/{y}.png")
    assert "/app/static/tiles/{z}/{x}/{y}.png" in m.get_root().render()
