"""The map's manners in a page (dashboard.map.interaction), rendered to a string: the wheel
zooms only a map that was clicked or focused, popups fit a phone, the layer control's overlays
carry ids, and the map reports toggles and the popup back through st_folium."""

from __future__ import annotations

import pytest
from dashboard_fixtures import DAY, make_dataset

from dashboard import offline
from dashboard.map import build_map
from dashboard.map.interaction import VIEW_REPORT, view_report
from dashboard.view_state import ViewState


@pytest.fixture(scope="module", autouse=True)
def offline_assets():
    report = offline.activate()
    yield report
    offline.deactivate()


@pytest.fixture(scope="module")
def html() -> str:
    return build_map(make_dataset(), ViewState(date=DAY)).get_root().render()


def test_wheel_zoom_waits_for_a_click_or_the_focus(html):
    assert "map.scrollWheelZoom.disable();" in html
    for event in ("'mousedown', on", "'focus', on", "'mouseleave', off", "'blur', off"):
        assert event in html


def test_popups_take_their_size_from_a_narrow_map(html):
    assert "map.on('popupopen'" in html
    assert "narrow = size.x < 640, pad = narrow ? 6 : 30" in html


def test_every_zone_layer_has_an_id_and_toggles_are_reported(html):
    ds = make_dataset()
    for fid in {z.faction for z in ds.zones if z.valid_from <= DAY}:
        assert f'._zmId = "zone:{fid}";' in html
    assert "map.on('overlayremove', toggled(false));" in html
    assert f"name: '{VIEW_REPORT}'" in html


def test_view_report__reads_only_its_entry_and_well_formed_values():
    assert view_report({}) is None
    assert view_report({"selected_layers": [{"name": "wms", "url": "x"}]}) is None
    got = view_report(
        {
            "selected_layers": [
                {"name": "wms"},
                {
                    "name": VIEW_REPORT,
                    "map": "abc",
                    "n": 3,
                    "shown": ["zone:sdf", 5],
                    "hidden": "zone:x",
                    "popup": "yes",
                },
            ]
        }
    )
    assert got == {"key": ("abc", 3), "shown": ["zone:sdf"], "hidden": [], "popup": None}
