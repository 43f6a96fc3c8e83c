"""Phones, the mouse wheel, and what a shared link holds, in a real browser with no internet
(Playwright, Debian Chromium): on a 390×844 phone the sidebar starts collapsed and a place's
popup fits the screen with its close button in reach; the wheel over a map nobody clicked
scrolls the page; a layer turned off in Leaflet's own control and the open popup travel in the
link; a date typed in the sidebar applies on Enter."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from browser_pages import TIMEOUT, click_place, idle, map_frame, open_map, wait_map
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
DAY = "2021-01-20"
PHONE = (390, 844)


def query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def inside(box: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        box["x"] >= outer["x"] - slack
        and box["y"] >= outer["y"] - slack
        and box["x"] + box["width"] <= outer["x"] + outer["width"] + slack
        and box["y"] + box["height"] <= outer["y"] + outer["height"] + slack
    )


def test_phone__sidebar_collapsed_and_the_popup_fits_with_its_close_button(server, new_page, screenshot):
    page = new_page(*PHONE)
    page.goto(f"{server}/?date={DAY}&lat=37.6&lon=41.2&zoom=8")
    # The first page of a fresh server loads the data: more time than the usual wait.
    expect(page.locator("iframe").first).to_be_attached(timeout=4 * TIMEOUT)
    frame = wait_map(page)
    idle(page)
    sidebar = page.locator("[data-testid=stSidebar]")
    assert sidebar.get_attribute("aria-expanded") != "true"
    assert (
        sidebar.bounding_box() is None or sidebar.bounding_box()["x"] + sidebar.bounding_box()["width"] <= 0
    )  # off screen: the map is not covered
    iframe = page.locator("iframe").first
    iframe_box = iframe.bounding_box()
    assert iframe_box["width"] >= PHONE[0] - 16  # the map fills the width
    # The legend is closed to its title, a button of 40 px.
    assert frame.locator(".zm-legend details").evaluate("d => d.open") is False
    assert frame.locator(".zm-legend summary").bounding_box()["height"] >= 40
    for control in (
        ".leaflet-control-zoom-in",
        ".leaflet-control-zoom-out",
        ".leaflet-control-layers-toggle",
    ):
        box = frame.locator(control).bounding_box()
        assert box["width"] >= 40 and box["height"] >= 40, control
    iframe.scroll_into_view_if_needed()
    click_place(frame, "qamishli")
    idle(page)  # the click's rerun has drawn the map again and reopened the popup
    popup = frame.locator(".leaflet-popup")
    expect(popup).to_have_count(1)
    expect(popup).to_contain_text("Qamishli")
    viewport = {"x": 0, "y": 0, "width": PHONE[0], "height": PHONE[1]}
    iframe.scroll_into_view_if_needed()
    iframe_box = iframe.bounding_box()
    box, close = popup.bounding_box(), frame.locator(".leaflet-popup-close-button").bounding_box()
    assert inside(box, iframe_box), (box, iframe_box)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0], box
    assert inside(close, viewport) and inside(close, box), (close, box)
    assert close["width"] >= 40 and close["height"] >= 40
    # Nothing covers the close button: it is what a tap at its centre reaches.
    fr = map_frame(page)
    hit = fr.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.leaflet-popup-close-button') !== null",
        [
            close["x"] - iframe_box["x"] + close["width"] / 2,
            close["y"] - iframe_box["y"] + close["height"] / 2,
        ],
    )
    assert hit
    # The Arabic quote starts inside the popup (it was cut off on the right).
    quote = frame.locator(".leaflet-popup blockquote").first
    quote_box = quote.bounding_box()
    assert inside(quote_box, box) or quote_box["y"] + quote_box["height"] > box["y"] + box["height"]
    assert quote_box["x"] + quote_box["width"] <= box["x"] + box["width"]
    screenshot(page, "phone-popup")
    frame.locator(".leaflet-popup-close-button").click()
    expect(frame.locator(".leaflet-popup")).to_have_count(0)


def test_wheel_over_an_unfocused_map_scrolls_the_page_not_the_map(server, new_page):
    page = new_page(1280, 700)
    frame = open_map(page, f"{server}/?date={DAY}")
    idle(page)
    main = page.locator("[data-testid=stMain]")
    main.evaluate("el => el.scrollTo(0, 0)")
    fr = map_frame(page)
    zoom_before = fr.evaluate("() => window.map.getZoom()")
    box = page.locator("iframe").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 100)
    page.mouse.wheel(0, 300)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stMain]').scrollTop > 0", timeout=TIMEOUT
    )
    assert fr.evaluate("() => window.map.getZoom()") == zoom_before
    assert fr.evaluate("() => window.map.scrollWheelZoom.enabled()") is False
    # Once clicked, the map takes the wheel.
    frame.locator(".leaflet-container").click(position={"x": 30, "y": 200})
    assert fr.evaluate("() => window.map.scrollWheelZoom.enabled()") is True
    box = page.locator("iframe").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    fr.wait_for_function(f"() => window.map.getZoom() > {zoom_before}", timeout=TIMEOUT)


def test_a_shared_link_keeps_a_layer_off_in_leaflets_control_and_the_open_popup(server, new_page):
    page = new_page()
    frame = open_map(page, f"{server}/?date={DAY}&lat=38.3&lon=40.2&zoom=7")
    idle(page)
    control = frame.locator(".leaflet-control-layers")
    control.hover()
    sdf = control.locator("label", has_text="SDF").locator("input")
    expect(sdf).to_be_checked()
    sdf.uncheck()
    page.wait_for_url(re.compile(r"layers="), timeout=TIMEOUT)
    assert "sdf" not in query(page)["layers"].split(",")
    idle(page)
    click_place(frame, "qamishli")
    page.wait_for_url(re.compile(r"popup=1"), timeout=TIMEOUT)
    idle(page)
    shared = query(page)
    assert shared["place"] == "qamishli" and "sdf" not in shared["layers"].split(",")
    link = page.url

    other = new_page()
    frame2 = open_map(other, link)
    expect(frame2.locator(".leaflet-popup-content")).to_contain_text("Qamishli", timeout=TIMEOUT)
    control2 = frame2.locator(".leaflet-control-layers")
    control2.hover()
    expect(control2.locator("label", has_text="SDF").locator("input")).not_to_be_checked()
    expect(control2.locator("label", has_text="Syrian government").locator("input")).to_be_checked()
    idle(other)
    assert query(other)["popup"] == "1"
    # Closing the popup takes it out of the link.
    frame2.locator(".leaflet-popup-close-button").click()
    other.wait_for_url(lambda url: "popup=1" not in url, timeout=TIMEOUT)
    assert query(other)["place"] == "qamishli"


def test_a_typed_date_applies_on_enter_and_a_wrong_one_says_why(server, new_page):
    page = new_page()
    open_map(page, f"{server}/?date={DAY}")
    idle(page)
    typed = page.locator("[data-testid=stSidebar]").get_by_role("textbox", name="Or type a date")
    typed.fill("2019-10-15")
    typed.press("Enter")
    page.wait_for_url(re.compile(r"date=2019-10-15"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=re.compile("^Control as of"))).not_to_contain_text(
        "20 January 2021", timeout=TIMEOUT
    )
    idle(page)
    typed.fill("2021-02-30")
    typed.press("Enter")
    expect(page.locator("[data-testid=stSidebar] [data-testid=stAlert]")).to_contain_text(
        "There is no day 30 in 2021-02", timeout=TIMEOUT
    )
    assert query(page)["date"] == "2019-10-15"
