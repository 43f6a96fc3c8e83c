"""A place's popup: names, holder, sections, exchange links, and escaping of every text."""

from __future__ import annotations

import re

import pytest
from dashboard_fixtures import DAY, HOSTILE, hostile_event, make_dataset

from dashboard.map.popup import (
    PopupContext,
    esc,
    id_mark,
    place_id_from_tooltip,
    place_tooltip,
    popup_html,
    safe_url,
)
from dashboard.map.rendering import js_string
from dashboard.view_state import ViewState, page_link
from geodata.events import events_at


def context(ds, max_items: int = 6) -> PopupContext:
    return PopupContext(
        day=DAY,
        places=ds.gazetteer.places,
        actors={a.id: (a.name_en, a.name_ar) for a in ds.actors.values()},
        factions=ds.factions,
        events=ds.events,
        link=page_link(ViewState(date=DAY)),
        max_items=max_items,
    )


def popup_of(place_id: str, ds=None, max_items: int = 6) -> str:
    ds = ds or make_dataset()
    events = events_at(ds.gazetteer, ds.events, [place_id])[place_id]
    return popup_html(ds.place(place_id), [e for e in events if e.date <= DAY], context(ds, max_items))


def test_names_kind_parent_and_holder():
    html = popup_of("qamishli-security-square")
    assert '<span class="zm-en" lang="en">Qamishli security square</span>' in html
    assert '<span class="zm-ar" dir="rtl" lang="ar">المربع الأمني في القامشلي</span>' in html
    assert "neighbourhood in <a" in html and 'data-place-link="qamishli"' in html


def test_sections_in_order_with_actor_target_status_and_quote():
    html = popup_of("qamishli")
    heads = re.findall(r"<h4>([^<(]+)", html)
    assert heads == ["Demands ", "Blockades ", "Meetings and threats "]
    item = re.search(
        r'<li class="zm-ev zm-t-blockade" data-event="blockade-qamishli-square">.*?</li>', html
    ).group(0)
    assert "Asayish (internal security forces)" in item and "→" in item
    assert "a security cordon around the security square" in item
    assert "ongoing" in item and "since 2021-01-19" in item
    assert '<blockquote class="zm-q" dir="rtl" lang="ar">طوق أمني حول المربع الأمني</blockquote>' in item
    assert 'href="https://example.org/report?a=1&amp;b=2" target="_blank" rel="noopener noreferrer"' in item
    assert "at <a" in item  # the event's own place is named in the city's popup


def test_blockade_links_to_what_its_lifting_is_traded_for():
    html = popup_of("shahba-region")
    item = re.search(r'data-event="blockade-shahba">.*?</li></ul></div>', html).group(0)
    assert "lifting it is demanded by SDF in exchange for" in item
    for square in ("hasakah-security-square", "qamishli-security-square"):
        assert f'data-place-link="{square}"' in item
        assert f"place={square}" in item
    demand = re.search(r'data-event="demand-shahba">.*?</li></ul></div>', html).group(0)
    assert "<b>in exchange for</b>" in demand


def test_counterpart_link_keeps_the_filters():
    ds = make_dataset()
    ctx = PopupContext(
        day=DAY,
        places=ds.gazetteer.places,
        actors={},
        factions={},
        events=ds.events,
        link=page_link(ViewState(date=DAY, types=("demand",))),
    )
    link = ctx.place_link("hasakah")
    assert 'href="/?date=2021-01-20&amp;types=demand&amp;place=hasakah"' in link


def test_every_text_is_escaped():
    ds = make_dataset([hostile_event()])
    html = popup_of("hasakah", ds)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html  # the hostile source URL is shown as text only
    assert esc(HOSTILE) in html


def test_too_many_events_are_counted_not_listed():
    html = popup_of("qamishli", max_items=1)
    assert html.count('class="zm-ev ') == 3  # one per section
    assert "… and 1 more" in html


def test_place_without_events():
    assert "No events in the current filter." in popup_of("aleppo")


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a?b=1", True),
        ("http://x.y", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>", False),
        ("//evil.example/x", False),
        ("https://a b", False),
        (None, False),
        ("", False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


def test_js_string_cannot_close_the_script():
    out = js_string("</script><script>alert(1)</script> ` ${x} \u2028")
    assert "</" not in out and "\u2028" not in out
    assert out.startswith('"') and out.endswith('"')


def test_tooltip_carries_the_place_id():
    ds = make_dataset()
    tip = place_tooltip(ds.place("qamishli"), "SDF", 3)
    assert place_id_from_tooltip(tip) == "qamishli"
    # What st_folium returns is the tooltip's text content.
    text = re.sub(r"<[^>]+>", "", tip)
    assert place_id_from_tooltip(text) == "qamishli"
    assert place_id_from_tooltip("no mark") is None and place_id_from_tooltip(None) is None
    assert id_mark("a-b") == '<span class="zm-id" hidden>⟦a-b⟧</span>'
