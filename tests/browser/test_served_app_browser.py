"""The dashboard as `zonemap serve` runs it (`dashboard/server.py`), in a real browser: the
process warms up as it starts (`dashboard/warm_up.py`) and the map still draws with its places.
A warm-up that imported streamlit_folium outside a page's run left the map's frame empty."""

from __future__ import annotations

import pytest
from browser_pages import TIMEOUT, open_map
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_served_app_draws_the_map_after_its_warm_up(served_app, new_page):
    page = new_page()
    frame = open_map(page, f"{served_app}/?date=2021-01-20")
    expect(frame.locator('.leaflet-marker-pane [data-place="qamishli"]')).to_be_visible(timeout=TIMEOUT)
