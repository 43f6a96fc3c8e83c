"""The Arabic interface in a real browser (issue 14): the page and the sidebar run right-to-left,
the map's popup too with the Arabic name first, a date beside Arabic text reads left-to-right,
and the language travels in the link; on a 390×844 phone the map fills the width and a popup
fits the screen with its close button in reach."""

from __future__ import annotations

import re

import pytest
from browser_pages import TIMEOUT, click_place, idle, map_frame, wait_map
from playwright.sync_api import Page, expect

from dashboard import i18n

pytestmark = pytest.mark.browser
DAY = "2021-01-20"
PHONE = (390, 844)


def open_map(page: Page, url: str):
    """The map, given time for a first run on a loaded machine (the server's first map)."""
    page.goto(url)
    frame = page.frame_locator("iframe").first
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=4 * TIMEOUT)
    return wait_map(page)


def direction(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).direction")


# True when the open popup lies inside the map (Leaflet pans the map to it, in an animation).
FITS = """() => {
  const popup = document.querySelector('.leaflet-popup');
  if (!popup) return false;
  const a = popup.getBoundingClientRect();
  const b = document.querySelector('.leaflet-container').getBoundingClientRect();
  return a.left >= b.left - 0.5 && a.right <= b.right + 0.5
    && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
}"""


# True when the element lies within the viewport's width.
ON_SCREEN = """(selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return r.width > 0 && r.left >= -0.5 && r.right <= window.innerWidth + 0.5;
}"""


def inside(box: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        box["x"] >= outer["x"] - slack
        and box["y"] >= outer["y"] - slack
        and box["x"] + box["width"] <= outer["x"] + outer["width"] + slack
        and box["y"] + box["height"] <= outer["y"] + outer["height"] + slack
    )


def test_arabic_desktop_runs_right_to_left(server, new_page, screenshot):
    page = new_page(1400, 950)
    frame = open_map(page, f"{server}/?date={DAY}&lang=ar&lat=38.3&lon=40.2&zoom=7")
    body, sidebar = page.locator("body"), page.locator("[data-testid=stSidebar]")
    page.wait_for_function("() => getComputedStyle(document.body).direction === 'rtl'", timeout=TIMEOUT)
    assert direction(body) == "rtl"
    assert direction(sidebar) == "rtl"
    assert direction(page.locator("[data-testid=stMain]")) == "rtl"
    expect(sidebar).to_contain_text("حتى تاريخ")  # the date picker's label
    # The date picker's fields keep their order: 2021/01/20, not 20/01/2021.
    assert direction(page.locator("[data-testid=stDateInputField]").first) == "ltr"
    expect(sidebar).to_contain_text("أنواع الأحداث")
    expect(page.locator("[data-testid=stSidebarNav]")).to_contain_text("الخريطة")
    expect(frame.locator(".zm-legend")).to_contain_text("السيطرة بتاريخ")
    # The popup: right-to-left, the Arabic name first, Arabic section headings.
    click_place(frame, "qamishli")
    popup = frame.locator(".leaflet-popup-content .zm-popup")
    expect(popup).to_have_attribute("dir", "rtl")
    # Retrying expectations: the click's rerun may replace the popup's node between two looks.
    expect(popup).to_have_css("direction", "rtl")
    expect(popup.locator(".zm-title > span").first).to_have_text("القامشلي")
    expect(popup.locator("h4").first).to_contain_text("المطالب")
    # A date beside the Arabic outlet name reads left to right, not reversed (20-01-2021).
    date = popup.locator(".zm-src bdi").first
    expect(date).to_have_css("direction", "ltr")
    expect(date).to_have_text(re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    # The quote keeps its own direction.
    quote = popup.locator("blockquote").first
    expect(quote).to_have_css("direction", "rtl" if quote.get_attribute("lang") == "ar" else "ltr")
    # The place panel under the map is in Arabic too; the link keeps the language.
    expect(page.locator(".zm-panel-title")).to_contain_text("القامشلي", timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"lang=ar"), timeout=TIMEOUT)
    idle(page)
    page.locator("[data-testid=stMain]").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "arabic-desktop")


def test_the_switch_turns_the_page_back_to_english(server, new_page):
    page = new_page(1400, 950)
    open_map(page, f"{server}/?date={DAY}&lang=ar")
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    expect(page.locator("[data-testid=stSidebar]")).to_contain_text("As of", timeout=TIMEOUT)
    assert direction(page.locator("body")) == "ltr"
    idle(page)
    assert "lang=" not in page.url


def test_arabic_phone__right_to_left_the_map_full_width_and_the_popup_on_screen(server, new_page):
    page = new_page(*PHONE)
    frame = open_map(page, f"{server}/?date={DAY}&lang=ar&lat=37.6&lon=41.2&zoom=8")
    idle(page)
    body, sidebar = page.locator("body"), page.locator("[data-testid=stSidebar]")
    assert direction(body) == "rtl"
    assert direction(sidebar) == "rtl"
    assert direction(page.locator("[data-testid=stMain]")) == "rtl"
    iframe = page.locator("iframe").first
    assert iframe.bounding_box()["width"] >= PHONE[0] - 16  # the map fills the width
    # Nothing of the collapsed sidebar lies over the map (slid out to the left, the right-hand
    # sidebar stopped mid-page with a strip of its content over the map and the popup).
    middle = iframe.bounding_box()["y"] + iframe.bounding_box()["height"] / 2
    for x in (10, 70, PHONE[0] // 2, PHONE[0] - 10):
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).tagName", [x, middle])
        assert on_top == "IFRAME", (x, on_top)
    # Arabic text shown: the legend's heading, from the catalogue.
    expect(frame.locator(".zm-legend")).to_contain_text(i18n.text("ar", "legend.control_as_of"))
    iframe.scroll_into_view_if_needed()
    click_place(frame, "qamishli")
    idle(page)  # the click's rerun draws the map again and reopens the popup
    popup = frame.locator(".leaflet-popup")
    expect(popup).to_have_count(1)
    expect(popup.locator(".zm-popup").first).to_have_attribute("dir", "rtl")
    expect(popup.locator("h4").first).to_contain_text(i18n.text("ar", "section.demands"))
    iframe.scroll_into_view_if_needed()
    map_frame(page).wait_for_function(FITS, timeout=TIMEOUT)  # once Leaflet's autopan has moved it
    iframe_box, box = iframe.bounding_box(), popup.bounding_box()
    viewport = {"x": 0, "y": 0, "width": PHONE[0], "height": PHONE[1]}
    assert inside(box, iframe_box) and inside(box, viewport), (box, iframe_box)
    close = frame.locator(".leaflet-popup-close-button").bounding_box()
    assert inside(close, viewport) and inside(close, box), (close, box)
    assert close["width"] >= 40 and close["height"] >= 40
    hit = map_frame(page).evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.leaflet-popup-close-button') !== null",
        [
            close["x"] - iframe_box["x"] + close["width"] / 2,
            close["y"] - iframe_box["y"] + close["height"] / 2,
        ],
    )
    assert hit  # nothing covers the close button
    # No line of the popup runs out of it: its title, headings and quote start and end inside.
    for part in (".zm-title", "h4", "blockquote"):
        part_box = popup.locator(part).first.bounding_box()
        left, right = part_box["x"], part_box["x"] + part_box["width"]
        assert box["x"] - 0.5 <= left and right <= box["x"] + box["width"] + 0.5, (part, part_box, box)
    # The sidebar, opened, is in Arabic and on screen.
    page.locator("[data-testid=stExpandSidebarButton]").click()
    expect(sidebar).to_contain_text(i18n.text("ar", "sidebar.date"), timeout=TIMEOUT)
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    # On screen once it has slid in (a 300 ms transition).
    page.wait_for_function(ON_SCREEN, arg="[data-testid=stSidebar]", timeout=TIMEOUT)
