"""Text from reports and imports never runs, loads or renders, in a real browser (issue 8).

The server's database holds hostile places, an actor, a source and events written through the
store (`hostile_data`): Jinja template syntax, Markdown images and links to 127.0.0.2 (the
"attacker"), HTML that would load or run something, backticks, `${x}` and an RTL override.
Each test opens a page a viewer or an editor opens and checks that the payloads show as the
literal text they are. The `new_page` fixture fails the test when a request left 127.0.0.1, a
dialog opened or Streamlit showed an exception; `assert_inert` looks in every frame for an
element loading from 127.0.0.2, a handler or script from the data, a `javascript:` link, or a
template of the data that was rendered (`ZZ49ZZ`, `City9`, the server's process id)."""

from __future__ import annotations

import re

import hostile_data as h
import pytest
from browser_pages import (
    TIMEOUT,
    assert_inert,
    attacker_links,
    click_place,
    idle,
    marker,
    open_map,
    sign_in_when_allowed,
    wait_map,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
DAY = h.DAY.isoformat()
# Hasakah and the hostile village south of it, at a zoom that shows both.
NEAR = f"date={DAY}&lat=36.3&lon=40.75&zoom=9"


def label_of(frame):
    """The hostile village's label on the map (wherever the map lays labels out)."""
    return frame.locator(".zm-label").filter(has_text=h.PLACE_NAME)


def no_markup_inside(locator) -> None:
    """The element (a name, a label, a quote) holds text only: nothing the data could have
    made an element of."""
    assert locator.locator("img, script, iframe, a, b, code, strong, em").count() == 0


def test_map_popups_tooltip_and_panel_show_the_payloads_as_text(server, new_page: Page):
    page = new_page()
    frame = open_map(page, f"{server}/?{NEAR}&place={h.PLACE_ID}")
    expect(label_of(frame)).to_have_text(h.PLACE_NAME)
    marker(frame, h.PLACE_ID).hover()
    # The place's tooltip (on a loaded machine the outline the pointer crossed on its way may
    # still show its own beside it).
    tooltip = frame.locator(".leaflet-tooltip").filter(has_text=h.PLACE_NAME_AR)
    expect(tooltip.locator("b")).to_have_text(h.PLACE_NAME)
    expect(tooltip.locator("span[dir=rtl]")).to_have_text(h.PLACE_NAME_AR)
    assert frame.locator(".leaflet-tooltip").locator("img, script, iframe, a").count() == 0

    click_place(frame, h.PLACE_ID)
    popup = frame.locator(f'.leaflet-popup-content .zm-popup[data-place="{h.PLACE_ID}"]')
    expect(popup.locator(".zm-en")).to_have_text(h.PLACE_NAME)
    expect(popup.locator(".zm-ar")).to_have_text(h.PLACE_NAME_AR)
    item = popup.locator(f'[data-event="{h.EVENT_ID}"]')
    expect(item.locator(".zm-a").first).to_have_text(h.ACTOR_NAME)
    expect(item.locator(".zm-obj")).to_have_text(h.OBJECT)
    expect(item.locator("blockquote")).to_have_text(h.QUOTE)
    assert item.locator("blockquote").evaluate("q => getComputedStyle(q).direction") == "rtl"
    expect(item.locator(".zm-src")).to_contain_text(h.OUTLET)
    assert popup.locator("img, script, iframe, a[href^='javascript' i]").count() == 0

    # The panel under the map (the place is selected by the URL, and by the click).
    title = page.locator(".zm-panel-title")
    expect(title).to_contain_text(h.PLACE_NAME, timeout=TIMEOUT)
    expect(title).to_contain_text(h.PLACE_NAME_AR)
    main = page.locator("[data-testid=stMain]")
    for text in (h.OBJECT, h.ACTOR_NAME, h.QUOTE, h.OUTLET, h.OBJECT_AR):
        expect(main.get_by_text(text, exact=False).first).to_be_visible()
    assert main.locator("img").count() == 0

    # Hasakah's popup lists the event of the hostile quarter inside it.
    idle(page)  # the click's rerun has drawn the map again
    frame.locator(".leaflet-popup-close-button").click()
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    idle(page)  # the rerun the close asks for may draw the marks again: not under the next click
    marker(frame, "hasakah").click()
    hasakah = frame.locator('.leaflet-popup-content .zm-popup[data-place="hasakah"]')
    quarter = hasakah.locator(f'[data-event="{h.QUARTER_EVENT_ID}"]')
    expect(quarter.locator(".zm-obj")).to_have_text(f"blockade of {h.OBJECT}")
    assert_inert(page)


def as_markdown_shows(text: str) -> str:
    """`text` as a Streamlit label shows it: the same characters, with the invisible word joiner
    that dashboard.markdown puts after `:`, `@` and `www` so that no URL becomes a link."""
    return re.sub(r"(:|@|(?i:www))", "\\1\u2060", text)


def test_events_page_toggle_names_the_place_literally(server, new_page: Page):
    page = new_page()
    page.goto(f"{server}/events?date={DAY}&place={h.PLACE_ID}")
    toggle = page.locator("[data-testid=stCheckbox]").filter(has=page.get_by_role("switch"))
    label = toggle.locator("[data-testid=stWidgetLabel]")
    expect(label).to_have_text(
        as_markdown_shows(f"Only {h.PLACE_NAME} and the places inside it"), timeout=TIMEOUT
    )
    expect(label).to_contain_text("![i](")
    expect(toggle.get_by_role("switch")).to_be_checked()
    expect(page.get_by_text(f"1 event(s) as of {DAY}.", exact=False)).to_be_visible()
    assert label.locator("img").count() == 0
    assert page.locator("[data-testid=stMain] img").count() == 0
    assert_inert(page)


def test_events_page_toggle_makes_no_link_of_a_url_in_the_data(server, new_page: Page):
    page = new_page()
    page.goto(f"{server}/events?date={DAY}&place={h.PLACE_ID}")
    expect(page.get_by_role("switch")).to_be_checked(timeout=TIMEOUT)
    assert attacker_links(page) == []


def test_places_search_and_find_a_place_show_names_literally(server, new_page: Page):
    page = new_page()
    page.goto(f"{server}/places?date={DAY}")
    search = page.get_by_role("textbox", name="Search places")
    search.fill(h.PLACE_MATH)
    search.press("Enter")
    table = page.locator("[data-testid=stDataFrame] table")
    expect(table).to_contain_text(h.PLACE_NAME, timeout=TIMEOUT)
    expect(table).to_contain_text(h.QUARTER_NAME)
    expect(table).to_contain_text(h.PLACE_NAME_AR)

    sidebar = page.locator("[data-testid=stSidebar]")
    find = sidebar.get_by_role("textbox", name="Find a place")
    find.fill(h.PLACE_MATH)
    find.press("Enter")
    # The best match is selected; the other hostile place is among the other matches' buttons.
    page.wait_for_url(re.compile(f"place=({h.PLACE_ID}|{h.QUARTER_ID})&"), timeout=TIMEOUT)
    expect(sidebar.get_by_text("Other matches:")).to_be_visible(timeout=TIMEOUT)
    picks = sidebar.locator(f".st-key-pick-{h.PLACE_ID} button, .st-key-pick-{h.QUARTER_ID} button")
    expect(picks).to_have_count(1, timeout=TIMEOUT)
    expect(sidebar.locator("[class*='st-key-pick-'] button").nth(1)).to_be_visible()
    texts = {
        h.PLACE_ID: as_markdown_shows(f"{h.PLACE_NAME} · {h.PLACE_NAME_AR} (village)"),
        h.QUARTER_ID: as_markdown_shows(f"{h.QUARTER_NAME} · {h.QUARTER_NAME_AR} (neighbourhood)"),
    }
    expect(picks).to_have_text(re.compile("|".join(f"^{re.escape(t)}$" for t in texts.values())))
    no_markup_inside(picks)
    other = next(pid for pid in texts if f"place={pid}&" not in page.url)
    picks.click()
    page.wait_for_url(re.compile(f"place={other}&"), timeout=TIMEOUT)
    assert_inert(page)


AFTER = (
    f"[r](http://{h.ATTACKER}/r.png) <img src=http://{h.ATTACKER}/e.png onerror=alert(10)> "
    "[x](javascript:alert(11)) `${x}`."
)
# Two sentences, each an event the extractor finds: at Hasakah and at the hostile village.
REPORT = (
    "The SDF demanded that the government lift the blockade of Hasakah {{ 6*7 }} !"
    f"{AFTER} The SDF demanded that the government lift the blockade of {h.PLACE_NAME}."
)


def test_review_page_shows_a_pasted_report_literally(server, new_page: Page, editor_secret):
    page = new_page()
    page.goto(f"{server}/?date={DAY}")
    sign_in_when_allowed(page, editor_secret)
    idle(page)  # a click on the navigation during a run is lost with it
    page.locator("[data-testid=stSidebarNav]").get_by_text("Add report", exact=True).click()
    expect(page.get_by_label("Report text (Arabic or English)")).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Report text (Arabic or English)").fill(REPORT)
    page.get_by_label("Outlet").fill(h.OUTLET)
    # The publication date, typed segment by segment (each moves on to the next when full).
    page.get_by_role("spinbutton", name="year, Published").click()
    page.keyboard.type(DAY.replace("-", ""))
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Find events").click()
    main = page.locator("[data-testid=stMain]")
    expect(main.get_by_text(re.compile(r"\d+ event\(s\) found"))).to_be_visible(timeout=TIMEOUT)

    # The evidence: the words an event rests on, highlighted inside the report's text, as typed.
    marks = main.locator("mark")
    expect(marks.first).to_have_text(
        "The SDF demanded that the government lift the blockade of Hasakah {{ 6*7 }} !"
    )
    evidence = marks.first.locator("xpath=..")
    expect(evidence).to_contain_text(AFTER)
    no_markup_inside(evidence.locator("mark").first)
    assert evidence.locator("img, script, a, code").count() == 0
    # The label of the draft found at the hostile village names it as it is written.
    label = main.get_by_text(f"— {h.PLACE_MATH} ![i](", exact=False).first
    expect(label).to_be_visible()
    expect(label).to_contain_text(as_markdown_shows(h.PLACE_NAME))
    assert label.locator("img").count() == 0

    # The review map: its markers, and the draft's quote in Hasakah's popup.
    frame = wait_map(page)
    expect(marker(frame, h.PLACE_ID)).to_be_attached()
    click_place(frame, "hasakah")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("Hasakah {{ 6*7 }} !")
    assert main.locator("img").count() == 0
    assert_inert(page)


def test_exported_html_is_inert_offline(database, new_page: Page, tmp_path):
    from click.testing import CliRunner

    from geodata.cli import main

    out = tmp_path / "zonemap-events.html"
    result = CliRunner().invoke(
        main, ["export", "--what", "events", "--format", "html", "--date", DAY, "-o", str(out)], env=database
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert not any(r in html for r in h.RENDERED) and not h.PID_DONE.search(html)

    page = new_page()
    page.goto(page.outside.allow_file(out))  # type: ignore[attr-defined]
    frame = page.main_frame
    expect(page.locator(".leaflet-container")).to_be_visible(timeout=TIMEOUT)
    expect(label_of(page)).to_have_text(h.PLACE_NAME)
    marker(page, h.PLACE_ID).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".zm-en")).to_have_text(h.PLACE_NAME)
    item = popup.locator(f'[data-event="{h.EVENT_ID}"]')
    expect(item.locator(".zm-obj")).to_have_text(h.OBJECT)
    expect(item.locator("blockquote")).to_have_text(h.QUOTE)
    assert popup.locator("img, script, iframe, a[href^='javascript' i]").count() == 0
    assert frame.url.startswith("file://")
    assert_inert(page)


def test_the_checks_catch_what_they_look_for(new_page: Page, tmp_path):
    """The checks above are not vacuous: on a file:// page that does what the data must never
    make a page do, the router records the requests (127.0.0.2, a file other than the page, a
    WebSocket) and `assert_inert` fails."""
    probe = tmp_path / "probe.html"
    (tmp_path / "other.png").write_bytes(b"")
    probe.write_text(
        f'<p>{h.MATH_DONE}</p><img src="http://{h.ATTACKER}/probe.png"><img src="other.png">'
        f'<script>new WebSocket("ws://{h.ATTACKER}/ws")</script>',
        encoding="utf-8",
    )
    page = new_page()
    outside = page.outside  # type: ignore[attr-defined]
    with page.expect_websocket() as socket:
        page.goto(outside.allow_file(probe))
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    assert f"http://{h.ATTACKER}/probe.png" in outside.urls
    assert (tmp_path / "other.png").as_uri() in outside.urls
    assert socket.value.url in outside.urls
    with pytest.raises(AssertionError, match="ZZ49ZZ"):
        assert_inert(page)
    outside.urls.clear()  # seen: the fixture's own check at teardown is not this test's
