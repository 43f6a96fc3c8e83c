"""Building dashboard/static/: tile extraction (TMS rows flipped), the glyphicons CSS, the
xstatic fallback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dashboard import assets


def test_tile_range_covers_syria():
    xs, ys = assets.tile_range((35.7, 32.3, 42.4, 37.3), 6)
    assert list(xs) == [38, 39] and list(ys) == [24, 25]
    assert assets.tile_range((35.7, 32.3, 42.4, 37.3), 0) == (range(0, 1), range(0, 1))


def _mbtiles(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("create table tiles (zoom_level int, tile_column int, tile_row int, tile_data blob)")
    # TMS row 2 at zoom 2 is XYZ row 1.
    con.execute("insert into tiles values (2, 2, 2, ?)", (b"\x89PNG-2-2-1",))
    con.execute("insert into tiles values (0, 0, 0, ?)", (b"\x89PNG-0",))
    con.commit()
    con.close()
    return path


def test_extract_tiles_flips_tms_rows(tmp_path: Path):
    dest = tmp_path / "tiles"
    n = assets.extract_tiles(
        _mbtiles(tmp_path / "t.mbtiles"), dest, (35.7, 32.3, 42.4, 37.3), zooms=[0, 1, 2]
    )
    assert n == 2
    assert (dest / "2" / "2" / "1.png").read_bytes() == b"\x89PNG-2-2-1"
    assert (dest / "0" / "0" / "0.png").exists()
    assert assets.tiles_available(dest) and assets.max_tile_zoom(dest) == 2


def test_extract_tiles__missing_file(tmp_path: Path):
    with pytest.raises(assets.AssetError, match="does not exist"):
        assets.extract_tiles(tmp_path / "nope.mbtiles", tmp_path)


def test_glyphicons_css_keeps_only_glyphicon_rules():
    css = "body{color:red}@font-face{font-family:'Glyphicons Halflings';src:url(../fonts/g.woff)}" + "".join(
        f".glyphicon-x{i}:before{{content:'{i}'}}" for i in range(120)
    )
    out = assets._glyphicons_css(css)
    assert "body{" not in out and "Glyphicons Halflings" in out and ".glyphicon-x119" in out
    with pytest.raises(assets.AssetError):
        assets._glyphicons_css("body{}")


def test_xstatic_fallback_provides_leaflet(tmp_path: Path):
    pytest.importorskip("xstatic.pkg.leaflet")
    assert "xstatic.pkg.leaflet" in assets.install_from_xstatic(tmp_path)
    assert (tmp_path / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "leaflet" / "images" / "marker-icon.png").exists()
    assert "xstatic.pkg.leaflet" not in assets.install_from_xstatic(tmp_path)


def test_cli_reports_errors(tmp_path: Path, capsys):
    assert assets.main(["tiles", "--mbtiles", str(tmp_path / "none.db"), "--dest", str(tmp_path)]) == 1
    assert "does not exist" in capsys.readouterr().err
