"""What a person sees in a real browser with no internet (Playwright driving Debian Chromium)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from browser_pages import TIMEOUT, click_place, idle, map_frame, open_map, reruns
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
DAY = "2021-01-20"


def wait_tiles_decoded(page: Page) -> int:
    fr = map_frame(page)
    fr.wait_for_function(
        "() => { const t = [...document.querySelectorAll('img.leaflet-tile')];"
        " return t.length > 0 && t.every(i => i.complete); }",
        timeout=TIMEOUT,
    )
    return fr.evaluate(
        "() => [...document.querySelectorAll('img.leaflet-tile')].filter(i => i.naturalWidth > 0).length"
    )


def test_map_initialises_offline(server, new_page, screenshot):
    page = new_page()
    frame = open_map(page, f"{server}/?date={DAY}")
    zones = frame.locator(".leaflet-overlay-pane path.leaflet-interactive")
    expect(zones.first).to_be_attached()
    assert zones.count() >= 3
    markers = frame.locator(".leaflet-marker-pane [data-place]")
    assert markers.count() >= 5
    for place in ("qamishli", "hasakah", "shahba-region"):
        expect(frame.locator(f'.leaflet-marker-pane [data-place="{place}"]')).to_be_visible()
    expect(frame.locator(".zm-legend")).to_contain_text("Control as of 2021-01-20")
    total = frame.locator("img.leaflet-tile").count()
    assert total > 0 and wait_tiles_decoded(page) == total
    screenshot(page, "map")
    assert page.outside.urls == []


def test_qamishli_popup_lists_demand_and_blockade(server, new_page, screenshot):
    page = new_page()
    # Centred north of Qamishli, so that the popup opening above it fits in the picture.
    frame = open_map(page, f"{server}/?date={DAY}&lat=38.3&lon=40.2&zoom=7")
    click_place(frame, "qamishli")
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Qamishli")
    expect(popup.locator(".zm-ar").first).to_have_text("القامشلي")
    demand = popup.locator('[data-event="seed-demand-military-neighbourhood"]')
    expect(demand).to_contain_text("hand the neighbourhood to the SDF")
    expect(demand).to_contain_text("Qamishli military neighbourhood")
    blockade = popup.locator('[data-event="seed-blockade-qamishli-square"]')
    expect(blockade).to_contain_text("security cordon around the security square")
    expect(blockade).to_contain_text("ongoing")
    quote = demand.locator("blockquote")
    expect(quote).to_have_attribute("dir", "rtl")
    assert quote.evaluate("q => getComputedStyle(q).direction") == "rtl"
    assert "الحي العسكري" in quote.inner_text()
    page.locator("[data-testid=stMain]").evaluate("el => el.scrollTo(0, 0)")
    screenshot(page, "popup")
    # The click also selected the place: the panel under the map and the URL say so.
    expect(page.locator(".zm-panel-title")).to_contain_text("Qamishli", timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"place=qamishli"), timeout=TIMEOUT)


@pytest.mark.parametrize("where", ["", "&lat=35.5&lon=39.5&zoom=7"])
def test_a_load_asks_for_no_rerun_a_pan_and_a_click_for_one_each(server, new_page, where):
    """Showing the page is one run: the map's first report (where the server placed it) asks
    for none. A pan, then a click whose popup pans the map to fit, each cause one rerun of the
    map's fragment: the move that follows a rerun (the map set to the centre as the server
    rounded it) and the popup's pan are not sent as moves of their own."""
    page = new_page()
    asked = reruns(page)
    frame = open_map(page, f"{server}/?date={DAY}{where}")
    idle(page)
    page.wait_for_timeout(400)  # st_folium's own 250 ms debounce has had its turn
    assert asked == ["page"]  # the page's own run, asked for when it opens
    box = page.locator("iframe").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    asked.clear()
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y + 120, steps=6)
    page.mouse.up()
    idle(page)
    page.wait_for_timeout(400)  # st_folium's own 250 ms debounce has had its turn
    assert len(asked) == 1 and asked[0] != "page"
    asked.clear()
    click_place(frame, "qamishli")  # north of the view's centre: its popup pans the map
    page.wait_for_timeout(400)
    idle(page)
    assert len(asked) == 1 and asked[0] != "page"
    expect(page.locator(".zm-panel-title")).to_contain_text("Qamishli", timeout=TIMEOUT)


# Every value the map sends the server (past report_view.js's filter), with whether Leaflet was
# still animating a zoom when it went, and the map's view once it is still.
SENDS = """() => { const S = window.Streamlit, send = S.__zmSend; window.__zmSent = [];
  S.__zmSend = function (v) {
    window.__zmSent.push({animating: !!window.map._animatingZoom, zoom: v.zoom,
                          center: v.center && [v.center.lat, v.center.lng]});
    return send.call(S, v); }; }"""
VIEW = (
    "() => { const c = window.map.getCenter(); return {zoom: window.map.getZoom(), center: [c.lat, c.lng]}; }"
)


def test_a_zoom_is_sent_once_as_it_starts(server, new_page):
    """A click on "+" sends the view the map is zooming to while Leaflet still animates it, so
    the server's answer is on its way during the animation; that view is the map's once still,
    so nothing more is sent and the zoom costs one rerun of the map's fragment."""
    page = new_page()
    asked = reruns(page)
    frame = open_map(page, f"{server}/?date={DAY}&lat=36.5&lon=40.0&zoom=7")
    idle(page)
    page.wait_for_timeout(400)
    doc = map_frame(page)
    doc.evaluate(SENDS)
    asked.clear()
    frame.locator(".leaflet-control-zoom-in").click()
    doc.wait_for_function("() => window.map.getZoom() === 8 && !window.map._animatingZoom", timeout=TIMEOUT)
    idle(page)
    page.wait_for_timeout(400)  # st_folium's own 250 ms debounce has had its turn
    idle(page)
    sent, view = doc.evaluate("() => window.__zmSent"), doc.evaluate(VIEW)
    assert len(sent) == 1 and sent[0]["animating"], sent
    assert sent[0]["zoom"] == view["zoom"] == 8
    assert sent[0]["center"] == pytest.approx(view["center"], abs=1e-6)
    assert len(asked) == 1 and asked[0] != "page", asked


ICONS = ".leaflet-marker-icon"
MARKS = ".leaflet-marker-icon:has([data-place])"  # the data layer's (not the background's labels)
RING = """() => [...document.querySelectorAll('path.zm-ring')].map(p => {
  const r = p.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })"""
CENTRE = """(id) => { const r = document.querySelector(`.leaflet-marker-icon [data-place="${id}"]`)
  .getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }"""


def test_a_click_rings_the_place_and_redraws_no_mark(server, new_page):
    """A click on a place whose popup came with the marks: the browser opens the popup and
    rings the mark at once, the rerun selects the place (panel, link) and sends the map what
    it has, so no mark is drawn again (the panel is painted without waiting for a redraw)."""
    page = new_page()
    # Centred north of both places, so that their popups opening above them fit in the frame.
    frame = open_map(page, f"{server}/?date={DAY}&lat=38.0&lon=40.75&zoom=7")
    idle(page)
    doc = map_frame(page)
    doc.evaluate(f"() => document.querySelectorAll('{MARKS}').forEach(e => e.dataset.zmOld = '1')")
    click_place(frame, "qamishli")
    expect(page.locator(".zm-panel-title")).to_contain_text("Qamishli", timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"place=qamishli"), timeout=TIMEOUT)
    idle(page)
    assert doc.evaluate(f"() => document.querySelectorAll('{MARKS}:not([data-zm-old])').length") == 0
    rings, at = doc.evaluate(RING), doc.evaluate(CENTRE, "qamishli")
    assert len(rings) == 1 and abs(rings[0][0] - at[0]) < 2 and abs(rings[0][1] - at[1]) < 2
    # Another place: the ring moves to it (one ring on the map).
    page.keyboard.press("Escape")
    idle(page)
    click_place(frame, "hasakah")
    expect(page.locator(".zm-panel-title")).to_contain_text("Hasakah", timeout=TIMEOUT)
    idle(page)
    rings, at = doc.evaluate(RING), doc.evaluate(CENTRE, "hasakah")
    assert len(rings) == 1 and abs(rings[0][0] - at[0]) < 2 and abs(rings[0][1] - at[1]) < 2


def test_a_popup_closed_before_the_rerun_stays_closed(server, new_page):
    """The click on a mark reruns the map (to select the place); a reader who closes the
    popup before that rerun has drawn the map again must not see it open again."""
    page = new_page()
    # Centred north of Hasakah, so that the popup opening above it fits in the frame.
    frame = open_map(page, f"{server}/?date={DAY}&lat=38.0&lon=40.75&zoom=7")
    idle(page)
    click_place(frame, "hasakah", settle=False)
    frame.locator(".leaflet-popup-close-button").click()
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    # The click's rerun has drawn the map again (the URL and panel show the place)...
    page.wait_for_url(re.compile(r"place=hasakah"), timeout=TIMEOUT)
    expect(page.locator(".zm-panel-title")).to_contain_text("Hasakah", timeout=TIMEOUT)
    idle(page)
    # ...and the popup stayed closed; a new click opens it again.
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    click_place(frame, "hasakah")
    expect(frame.locator('.leaflet-popup-content .zm-popup[data-place="hasakah"]')).to_be_visible()


def test_shahba_popup_links_blockade_to_security_squares(server, new_page):
    page = new_page()
    frame = open_map(page, f"{server}/?date={DAY}")
    click_place(frame, "shahba-region")
    popup = frame.locator(".leaflet-popup-content")
    blockade = popup.locator('[data-event="seed-blockade-shahba"]')
    expect(blockade).to_contain_text("government blockade of the Shahba region")
    trade = blockade.locator(".zm-x")
    expect(trade).to_contain_text("in exchange for")
    for square in ("hasakah-security-square", "qamishli-security-square"):
        link = trade.locator(f'a[data-place-link="{square}"]')
        expect(link).to_be_visible()
        assert f"place={square}" in (link.get_attribute("href") or "")
    demand = popup.locator('[data-event="seed-demand-lift-shahba"]')
    expect(demand.locator(".zm-x")).to_contain_text("in exchange for")
    # Following the link takes the map to that square, opens its popup and selects it.
    link = trade.locator('a[data-place-link="hasakah-security-square"]')
    link.scroll_into_view_if_needed()
    link.click()
    expect(popup.locator('.zm-popup[data-place="hasakah-security-square"]')).to_be_visible()
    expect(page.locator(".zm-panel-title")).to_contain_text("Hasakah security square", timeout=TIMEOUT)
    page.wait_for_url(re.compile(r"place=hasakah-security-square"), timeout=TIMEOUT)


def _view(page: Page) -> dict:
    fr = map_frame(page)
    fr.wait_for_function("() => window.map && window.map.getZoom", timeout=TIMEOUT)
    return fr.evaluate("() => ({zoom: map.getZoom(), lat: map.getCenter().lat, lng: map.getCenter().lng})")


def test_shared_url_reproduces_the_view(server, new_page):
    url = (
        f"{server}/?date=2021-01-20&types=demand,blockade&actors=sdf&place=qamishli"
        "&lat=37.03&lon=41.2&zoom=11"
    )
    page = new_page()
    open_map(page, url)
    expect(page.locator(".zm-panel-title")).to_contain_text("Qamishli", timeout=TIMEOUT)
    page.wait_for_function("() => location.search.includes('zoom=11')", timeout=TIMEOUT)
    shared = page.url
    first = _view(page)
    # The same link in a browser that has never seen this app.
    other = new_page()
    frame = open_map(other, shared)
    expect(other.locator(".zm-panel-title")).to_contain_text("Qamishli", timeout=TIMEOUT)
    second = _view(other)
    assert second["zoom"] == first["zoom"] == 11
    assert abs(second["lat"] - 37.03) < 0.01 and abs(second["lng"] - 41.2) < 0.01
    assert abs(second["lat"] - first["lat"]) < 1e-3 and abs(second["lng"] - first["lng"]) < 1e-3
    q = parse_qs(urlparse(other.url).query)
    assert q["date"] == ["2021-01-20"] and q["types"] == ["demand,blockade"]
    assert q["actors"] == ["sdf"] and q["place"] == ["qamishli"]
    sidebar = other.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("Demands")).to_be_visible()
    expect(sidebar.get_by_text("Blockades")).to_be_visible()
    expect(sidebar.locator("[data-testid=stDateInput] input").first).to_have_value(
        re.compile(r"2021[-/]01[-/]20")
    )
    expect(sidebar.get_by_text("Syrian Democratic Forces (SDF)")).to_be_visible()
    # At city zoom the neighbourhoods show; the filter hides the meeting (not a demand/blockade).
    expect(frame.locator('[data-place="qamishli-military-neighbourhood"]')).to_be_visible()
    frame.locator('.leaflet-marker-pane [data-place="qamishli"]').click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Demands")
    expect(popup).not_to_contain_text("Meetings")


def test_tampered_url_warns_and_map_works(server, new_page):
    page = new_page()
    frame = open_map(
        page,
        f"{server}/?date=2021-13-45&zoom=banana&lat=999&lon=x"
        "&types=%3Cscript%3E&place=nowhere&basemap=evil&actors=,,,",
    )
    warning = page.locator("[data-testid=stAlert]").filter(has_text="could not be used")
    expect(warning).to_be_visible(timeout=TIMEOUT)
    for word in ("date", "zoom", "place", "basemap"):
        expect(warning).to_contain_text(word)
    assert frame.locator(".leaflet-marker-pane [data-place]").count() >= 5
    assert page.locator("[data-testid=stException]").count() == 0


def test_the_layers_expander_draws_its_widgets_when_opened_and_a_link_keeps_its_layers(server, new_page):
    page = new_page()
    open_map(page, f"{server}/?date=2021-01-20&layers=government,sdf")
    sidebar = page.locator("[data-testid=stSidebar]")
    zones = sidebar.get_by_text("Control zones shown")
    expect(zones).to_have_count(0)  # closed: its widgets are not drawn
    idle(page)
    sidebar.get_by_text("Layers and background").click()
    expect(zones).to_be_visible(timeout=TIMEOUT)
    expect(sidebar.get_by_text("Background", exact=True)).to_be_visible()
    chosen = sidebar.locator(".st-key-layers")  # the link's two layers
    expect(chosen).to_contain_text("SDF / Autonomous Administration (AANES)")
    expect(chosen).to_contain_text("Syrian government (Assad) and allies")
    idle(page)
    sidebar.get_by_text("Layers and background").click()
    expect(zones).to_have_count(0, timeout=TIMEOUT)
    idle(page)
    assert parse_qs(urlparse(page.url).query)["layers"] == ["government,sdf"]
