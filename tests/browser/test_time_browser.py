"""The map through time in a real browser with no internet (Playwright, Debian Chromium): the
time control steps and plays through the snapshots, and the change view between 26 November and
15 December 2024 draws the areas that changed hands. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import browser_pages
import pytest
from playwright.sync_api import FrameLocator, Page, expect

from dashboard.map.zone_changes import DASH as CHANGED_DASH

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
# Aleppo to Raqqa, where the lines moved most between November and December 2024 (and west of
# the test server's hostile place, which a screenshot for the README should not show).
VIEW = "lat=36.15&lon=37.9&zoom=8"


def heading(page: Page):
    return page.get_by_role("heading", name=re.compile(r"^Control as of"))


def map_of(page: Page) -> FrameLocator:
    frame = page.frame_locator("iframe[title*='st_folium'], iframe").first
    expect(frame.locator(".leaflet-overlay-pane path.leaflet-interactive").first).to_be_attached(
        timeout=TIMEOUT
    )
    return frame


def url_date(page: Page, key: str = "date") -> str | None:
    return (parse_qs(urlparse(page.url).query).get(key) or [None])[-1]


# A point on a path's outline, in the coordinates of the page (the map is in an iframe).
OUTLINE_POINT = """([p, share]) => {
  const q = p.getPointAtLength(p.getTotalLength() * share), m = p.getScreenCTM();
  return {x: q.x * m.a + q.y * m.c + m.e, y: q.x * m.b + q.y * m.d + m.f};
}"""


def hover_changed_area(page: Page, frame: FrameLocator, paths) -> str:
    """Point at areas that changed hands, on their outlines (where no place's region lies on
    top), until one shows its tooltip; returns that tooltip's text."""
    frame_box = page.locator("iframe").first.bounding_box()
    tooltip = frame.locator(".leaflet-tooltip")
    for i in range(min(paths.count(), 12)):
        for share in (0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95):
            point = paths.nth(i).evaluate(f"p => ({OUTLINE_POINT})([p, {share}])")
            if not (40 < point["x"] < frame_box["width"] - 40 and 40 < point["y"] < frame_box["height"] - 40):
                continue  # off the map's visible part
            page.mouse.move(frame_box["x"] + point["x"], frame_box["y"] + point["y"])
            try:
                expect(tooltip.first).to_contain_text("from ", timeout=1_500)
            except AssertionError:  # a place's region lies on top there: another point
                continue
            return tooltip.first.inner_text()
    raise AssertionError("no area that changed hands showed its tooltip")


def idle(page: Page) -> None:
    """Until no run has shown for 700 ms (a single look at the status widget can fall between
    the map's first report and the run it starts, and a click then is lost with that run)."""
    browser_pages.idle(page)


def test_the_time_control_steps_and_plays_through_the_snapshots(server, new_page, screenshot):
    page = new_page()
    page.goto(f"{server}/?date=2024-12-05&{VIEW}")
    expect(heading(page)).to_have_text("Control as of 5 December 2024", timeout=TIMEOUT)
    legend = map_of(page).locator(".zm-legend")
    expect(legend).to_contain_text("Syrian government (Assad) and allies")
    idle(page)
    page.get_by_role("button", name="2024-12-08 ▶").click()
    expect(heading(page)).to_have_text("Control as of 8 December 2024", timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"date=2024-12-08"), timeout=TIMEOUT)
    legend = map_of(page).locator(".zm-legend")
    expect(legend).to_contain_text("Syrian transitional government")
    expect(legend).not_to_contain_text("Syrian government (Assad)")
    idle(page)
    page.get_by_role("button", name="◀ 2024-12-05").click()
    expect(heading(page)).to_have_text("Control as of 5 December 2024", timeout=TIMEOUT)
    idle(page)
    page.get_by_role("button", name="⏵ Play").click()
    # One step every 1.5 s: the next snapshot, then a later one.
    expect(heading(page)).to_have_text("Control as of 8 December 2024", timeout=TIMEOUT)
    expect(heading(page)).not_to_have_text("Control as of 8 December 2024", timeout=TIMEOUT)
    idle(page)
    page.get_by_role("button", name="⏸ Pause").click()
    expect(page.get_by_role("button", name="⏵ Play")).to_be_visible(timeout=TIMEOUT)
    idle(page)
    paused = url_date(page)
    assert paused is not None and paused > "2024-12-08"
    expect(heading(page)).to_have_text(re.compile(r"Control as of \d+ \w+ 20(24|25|26)"))
    map_of(page)
    page.locator("[data-testid=stMain]").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "time-control")
    assert page.outside.urls == []


def test_the_change_view_draws_what_changed_hands(server, new_page, screenshot):
    page = new_page()
    page.goto(f"{server}/?date=2024-12-15&from=2024-11-26&{VIEW}")
    expect(heading(page)).to_have_text("Control as of 15 December 2024", timeout=TIMEOUT)
    frame = map_of(page)
    changed = frame.locator(f'path[stroke-dasharray="{CHANGED_DASH}"]')
    expect(changed.first).to_be_attached(timeout=TIMEOUT)
    assert changed.count() >= 5
    assert re.search(r"from .+ to .+", hover_changed_area(page, frame, changed))
    expect(
        page.get_by_text("What changed hands between the snapshots of 26 November 2024 and 15 December 2024")
    ).to_be_visible(timeout=TIMEOUT)
    assert (url_date(page), url_date(page, "from")) == ("2024-12-15", "2024-11-26")
    idle(page)
    page.locator("[data-testid=stMain]").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "change-view")
    assert page.outside.urls == []
