"""Make folium load nothing from the internet.

folium lists the JS/CSS each element needs as `(name, url)` pairs in the class attributes
`default_js` / `default_css` (subclasses of `folium.elements.JSCSSMixin`, plugins included), all
CDN URLs. `activate()` rewrites them once, process-wide, from each *exact* CDN URL to a
root-relative URL served by Streamlit's static serving (`/app/static/vendor/...`, see
`dashboard.assets`); an asset whose file is missing is dropped rather than left pointing at a CDN
(the map needs only Leaflet). A folium upgrade that changes a URL leaves it unrewritten, and
`tests/test_map.py` fails on the http(s) URL left in the page.

Root-relative URLs resolve from both the `st_folium` iframe (same origin) and `about:srcdoc`
iframes; a relative `app/static/...` would not.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import folium.plugins  # noqa: F401  (imported so that every plugin class is rewritten too)
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from .assets import VENDOR_DIR

log = logging.getLogger(__name__)

STATIC_URL = "/app/static"

_AWESOME = "ajax/libs/Leaflet.awesome-markers/2.0.2"
_FOLIUM = "gh/python-visualization/folium/folium/templates"

# The path of each CDN URL folium 0.20 uses (after its host, version included) -> file under
# dashboard/static/vendor/. Keyed on the path so that no CDN host is written in the code.
LOCAL: dict[str, str] = {
    "npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/leaflet.js",
    "npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/leaflet.css",
    "jquery-3.7.1.min.js": "jquery/jquery.min.js",
    "npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": "bootstrap/js/bootstrap.bundle.min.js",
    "npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap/css/bootstrap.min.css",
    f"{_AWESOME}/leaflet.awesome-markers.js": "awesome-markers/leaflet.awesome-markers.js",
    f"{_AWESOME}/leaflet.awesome-markers.css": "awesome-markers/leaflet.awesome-markers.css",
    "bootstrap/3.0.0/css/bootstrap-glyphicons.css": "glyphicons/css/bootstrap-glyphicons.css",
    "npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": "fontawesome/css/all.min.css",
    f"{_FOLIUM}/leaflet.awesome.rotate.min.css": "folium/leaflet.awesome.rotate.min.css",
}
LEAFLET_JS = "leaflet/leaflet.js"


def local_for(url: str) -> str | None:
    """The vendored file standing for a CDN URL of folium's, or None when there is none."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("http", "https"):
        return None
    return LOCAL.get(rest.partition("/")[2])


LEAFLET_IMAGES = "leaflet/images/"


@dataclass
class Report:
    """What `activate()` did: assets served locally, assets dropped because their file is
    missing, and CDN URLs it does not know (a folium upgrade, or a plugin not vendored)."""

    local: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def leaflet_ok(self) -> bool:
        return LEAFLET_JS not in self.missing


_ORIGINALS: dict[type, dict[str, list[tuple[str, str]]]] = {}
_state: dict[str, object] = {}


def _subclasses(cls: type) -> list[type]:
    out: list[type] = []
    todo: list[type] = [cls]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in out:
                out.append(sub)
                todo.append(sub)
    return out


def static_url(path: str, base_url_path: str = "") -> str:
    """Root-relative URL of a file under `dashboard/static/`."""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{base}{STATIC_URL}/{path.lstrip('/')}"


def activate(vendor: Path = VENDOR_DIR, base_url_path: str = "") -> Report:
    """Rewrite every folium element class's asset URLs to the local copies. Idempotent; call it
    again after the vendor folder changed (it always starts from folium's original lists)."""
    report = Report()
    for cls in [JSCSSMixin, *_subclasses(JSCSSMixin)]:
        for attr in ("default_js", "default_css"):
            if attr not in cls.__dict__:
                continue
            originals = _ORIGINALS.setdefault(cls, {})
            original = originals.setdefault(attr, list(cls.__dict__[attr]))
            rewritten = []
            for name, url in original:
                local = local_for(url)
                if local is None:
                    if url.startswith(("http://", "https://")) and url not in report.unknown:
                        report.unknown.append(url)
                    rewritten.append((name, url))
                elif (vendor / local).is_file():
                    rewritten.append((name, static_url("vendor/" + local, base_url_path)))
                    if local not in report.local:
                        report.local.append(local)
                elif local not in report.missing:
                    report.missing.append(local)
            setattr(cls, attr, rewritten)
    _state["report"] = report
    _state["base_url_path"] = base_url_path
    if report.missing:
        log.warning("map assets missing (run `make assets`): %s", ", ".join(report.missing))
    return report


def deactivate() -> None:
    """Restore folium's CDN URLs (for tests)."""
    for cls, attrs in _ORIGINALS.items():
        for attr, original in attrs.items():
            setattr(cls, attr, list(original))
    _state.clear()


def last_report() -> Report | None:
    report = _state.get("report")
    return report if isinstance(report, Report) else None


class IconImagePath(MacroElement):
    """Sets `L.Icon.Default.imagePath` so that default markers find their images: under
    `st_folium` Leaflet cannot guess the folder from its script URL."""

    _template = Template(
        "{% macro script(this, kwargs) %}L.Icon.Default.imagePath = {{ this.path_json }};{% endmacro %}"
    )

    def __init__(self, base_url_path: str | None = None) -> None:
        super().__init__()
        self._name = "IconImagePath"
        if base_url_path is None:
            base_url_path = str(_state.get("base_url_path", ""))
        self.path_json = json.dumps(static_url("vendor/" + LEAFLET_IMAGES, base_url_path))
