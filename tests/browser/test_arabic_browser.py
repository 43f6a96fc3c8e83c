"""The Arabic interface in a real browser (issue 14): the page and the sidebar run right-to-left,
the map's popup too with the Arabic name first, a date beside Arabic text reads left-to-right,
and the language travels in the link."""

from __future__ import annotations

import re

import pytest
from browser_pages import TIMEOUT, click_place, idle, wait_map
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
DAY = "2021-01-20"


def open_map(page: Page, url: str):
    """The map, given time for a first run on a loaded machine (the server's first map)."""
    page.goto(url)
    frame = page.frame_locator("iframe").first
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=4 * TIMEOUT)
    return wait_map(page)


def direction(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).direction")


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
    assert direction(popup) == "rtl"
    expect(popup.locator(".zm-title > span").first).to_have_text("القامشلي")
    expect(popup.locator("h4").first).to_contain_text("المطالب")
    # A date beside the Arabic outlet name reads left to right, not reversed (20-01-2021).
    date = popup.locator(".zm-src bdi").first
    assert direction(date) == "ltr"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.inner_text())
    # The quote keeps its own direction.
    quote = popup.locator("blockquote").first
    assert direction(quote) == ("rtl" if quote.get_attribute("lang") == "ar" else "ltr")
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
