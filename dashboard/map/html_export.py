"""The `html` export: the dashboard's map (`map.build_map`) as one HTML file that loads nothing
from the network. Leaflet and its CSS and images are inlined, other assets dropped, and the
offline basemap tiles (zoom 0-6, about 1 MB) embedded when they were fetched.

`export_html` is registered as the `html` exporter of `geodata.formats` through the
`zonemap.exporters` entry point (pyproject.toml), so `zonemap export --format html` and the
download button reach it while `geodata` never imports the dashboard.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import mimetypes
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from branca.element import Figure

from geodata.dataset import Dataset
from geodata.errors import ExportError
from geodata.formats import ExportJob

from .. import offline
from ..assets import TILES_DIR, VENDOR_DIR
from ..view_state import ViewState
from .background import OSM_ATTRIBUTION
from .builder import build_map
from .rendering import Literal

_BLANK = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
_TAG = re.compile(r"<script[^>]*\bsrc=\"([^\"]+)\"[^>]*>\s*</script>|<link[^>]*\bhref=\"([^\"]+)\"[^>]*>")
NEEDED = frozenset({"leaflet/leaflet.js", "leaflet/leaflet.css"})


def export_html(job: ExportJob, path: Path) -> int:
    """The `html` exporter: the events the job selects (whatever `job.what` is) on the map of
    its date; returns how many events."""
    records = job.records("events")
    path.write_text(
        to_html(job.dataset.with_events(records), job.day, types=job.types or ()), encoding="utf-8"
    )
    return len(records)


def to_html(
    dataset: Dataset,
    day: dt.date | None = None,
    *,
    types: Collection[str] = (),
    title: str = "Zonemap",
    embed_tiles: bool = True,
) -> str:
    """The map of `dataset` on `day` as one HTML page that works offline (see the module)."""
    view = ViewState(date=day, types=tuple(types))
    m = build_map(dataset, view, tiles=None)
    tiles = (
        {
            f"{p.parent.parent.name}/{p.parent.name}/{p.stem}": base64.b64encode(p.read_bytes()).decode()
            for p in sorted(TILES_DIR.glob("*/*/*.png"))
        }
        if embed_tiles
        else {}
    )
    root = m.get_root()
    if tiles and isinstance(root, Figure):
        root.script.add_child(Literal(_tile_script(m.get_name(), tiles, OSM_ATTRIBUTION)))
    html = root.render()
    return inline_assets(html, VENDOR_DIR, offline.local_for, title=title)


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
        "});"
    )


def inline_assets(html: str, vendor: Path, local: Callable[[str], str | None], *, title: str = "") -> str:
    """Replace each `<script src>`/`<link href>` with the vendored file inlined; drop those that
    are not vendored (the map needs only Leaflet). Raises ExportError without Leaflet."""
    missing = [n for n in NEEDED if not (vendor / n).is_file()]
    if missing:
        raise ExportError(f"the map assets are missing ({', '.join(missing)}); run `make assets`")

    def replace(m: re.Match[str]) -> str:
        return _inlined(m, vendor, local)

    out = _TAG.sub(replace, html)
    if title:
        out = out.replace("<head>", f"<head>\n<title>{_escape(title)}</title>", 1)
    return out


def _vendored(url: str, local: Callable[[str], str | None]) -> str | None:
    """The vendored file a URL stands for (relative to the vendor folder), if any."""
    rel = local(url)
    if rel is not None:
        return rel
    m = re.search(r"/static/vendor/(.+)$", url)
    return m.group(1) if m else None


def _inlined(m: re.Match[str], vendor: Path, local: Callable[[str], str | None]) -> str:
    """What replaces one `<script src>` or `<link href>` tag."""
    url = m.group(1) or m.group(2)
    rel = _vendored(url, local)
    is_css = m.group(2) is not None
    if is_css and "stylesheet" not in m.group(0):
        return "" if url.startswith(("http:", "https:", "//", "/")) else m.group(0)
    if rel not in NEEDED:
        return ""
    text = (vendor / rel).read_text(encoding="utf-8")
    if is_css:
        text = _inline_css_urls(text, (vendor / rel).parent)
        return f"<style>\n{text}\n</style>"
    return "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"


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
