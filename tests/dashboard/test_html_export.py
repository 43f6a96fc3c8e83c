"""The offline HTML map export (`dashboard.map.html_export`, the `html` exporter of
`geodata.formats`): one file, Leaflet inlined, nothing loaded from the network."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from test_store_support import write_data

from dashboard.map import html_export
from geodata import formats as exports
from geodata.dataset import read_dataset


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    dataset, problems = read_dataset(write_data(tmp_path_factory.mktemp("exports") / "data"))
    assert problems == []
    return dataset


def test_html_exporter_is_registered_through_its_entry_point():
    assert exports.exporter("html") is html_export.export_html
    assert "html" in exports.FORMATS


def _vendor_ok() -> bool:
    from dashboard.assets import VENDOR_DIR

    return (VENDOR_DIR / "leaflet" / "leaflet.js").is_file()


@pytest.mark.skipif(not _vendor_ok(), reason="map assets not fetched (make assets)")
def test_html_map_is_one_offline_file(ds, tmp_path):
    path = tmp_path / "map.html"
    exports.export(ds, "events", "html", path, day=dt.date(2021, 1, 20))
    html = path.read_text(encoding="utf-8")
    assert "<title>Zonemap</title>" in html and "L.map(" in html
    assert "Leaflet" in html  # inlined
    assert not re.findall(r"<script[^>]+src=|<link[^>]+href=\"(?:https?:)?//", html)
    assert not re.findall(r"url\((?!data:|['\"]?data:)[^)]*\.(?:png|svg)", html)
    from dashboard.assets import tiles_available

    if tiles_available():
        assert "new Embedded(" in html and "data:image/png;base64," in html
    small = html_export.to_html(ds, dt.date(2021, 1, 20), embed_tiles=False)
    assert "new Embedded(" not in small and len(small) < len(html)


def test_inline_assets_drops_what_is_not_vendored(tmp_path):
    vendor = tmp_path / "vendor"
    (vendor / "leaflet" / "images").mkdir(parents=True)
    (vendor / "leaflet" / "leaflet.js").write_text("var L = {}; // </script> inside", "utf-8")
    (vendor / "leaflet" / "leaflet.css").write_text(".a{background:url(images/x.png)}", "utf-8")
    (vendor / "leaflet" / "images" / "x.png").write_bytes(b"\x89PNG")
    html = (
        '<html><head><script src="https://cdn/leaflet.js"></script>'
        '<link rel="stylesheet" href="/app/static/vendor/leaflet/leaflet.css"/>'
        '<script src="https://code.jquery.com/jquery.js"></script></head></html>'
    )
    out = html_export.inline_assets(html, vendor, {"https://cdn/leaflet.js": "leaflet/leaflet.js"}.get)
    assert "jquery" not in out and "src=" not in out and "href=" not in out
    assert "<\\/script> inside" in out and "url(data:image/png;base64," in out
    (vendor / "leaflet" / "leaflet.js").unlink()
    with pytest.raises(exports.ExportError, match="make assets"):
        html_export.inline_assets(html, vendor, {}.get)


BROWSER_CHECK = """
import json, sys
from playwright.sync_api import sync_playwright

requested, errors = [], []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=sys.argv[2], args=["--no-sandbox"])
    page = browser.new_page()

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            requested.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sys.argv[1])
    page.wait_for_selector("path.leaflet-interactive", timeout=10_000)
    zones = page.evaluate("document.querySelectorAll('path.leaflet-interactive').length")
    broken = page.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth === 0"
                           " && i.src.startsWith('data:image/png')).length")
    browser.close()
print(json.dumps({"requested": requested, "errors": errors, "zones": zones, "broken": broken}))
"""


@pytest.mark.browser
@pytest.mark.skipif(not _vendor_ok(), reason="map assets not fetched (make assets)")
def test_html_map_renders_offline_in_a_browser(ds, tmp_path):
    """Opened from disk with every network request blocked, the map draws its zones. (In its
    own process: the browser tests' session fixture keeps a Playwright loop running.)"""
    import shutil
    import subprocess
    import sys

    pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian chromium is not installed (make system-deps)")
    path = tmp_path / "map.html"
    exports.export(ds, "events", "html", path, day=dt.date(2021, 1, 20))
    done = subprocess.run(
        [sys.executable, "-c", BROWSER_CHECK, path.as_uri(), chromium],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["requested"] == [] and seen["errors"] == []
    assert seen["zones"] >= 2 and seen["broken"] == 0
