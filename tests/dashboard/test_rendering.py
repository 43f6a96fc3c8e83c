"""Report text never runs: whatever a text field holds, the map and the standalone export show it
as text (escaped), and no template sees it as a template.

branca compiled the output of every macro as a Jinja template, so `{{ 7*7 }}` in an event showed
49 and `{{ cycler.__init__.__globals__.os.getpid() }}` ran on the server (issue 8). These tests
put arbitrary text, template syntax, Markdown, `</script>`, `javascript:` and bidi overrides into
every text field of places, events, actors, factions, sources and zones at once.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from branca.element import MacroElement
from dashboard_fixtures import DAY, make_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from dashboard.map import build_map, rendering
from dashboard.map.popup import esc
from dashboard.map.rendering import js_string
from dashboard.view_state import ViewState
from geodata.formats import export_bytes
from geodata.model import Name

PAYLOADS = [
    "{{ 7*7 }}",
    "{% broken",
    "{# open comment",
    "}}",
    "{%- raw %}",
    "{{ cycler.__init__ }}",
    "{{'var'}}",
    "![i](http://127.0.0.2/x.png)",
    "[a](javascript:alert(1))",
    "</script>",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "\u202eevil\u202c",
    "`${x}`",
    "\\u0041",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "'\"",
    "\u2028",
    "$x$",
]

hostile_text = (
    st.lists(
        st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1, max_size=12)),
        min_size=1,
        max_size=5,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)


def hostile_dataset(text: str):
    """The fixture dataset with `text` in every text field of every record."""
    ds = make_dataset()
    names = (Name(text=text, lang="en"), Name(text=text, lang="ar"))
    places = [
        p.model_copy(update={"name_en": text + " " + p.id, "name_ar": text, "names": names, "note": text})
        for p in ds.gazetteer.places.values()
    ]
    actors = {
        k: a.model_copy(update={"name_en": text, "name_ar": text, "aliases": names, "note": text})
        for k, a in ds.actors.items()
    }
    factions = {
        k: f.model_copy(update={"name_en": text + " " + k, "name_ar": text, "description": text})
        for k, f in ds.factions.items()
    }
    zones = [z.model_copy(update={"note": text}) for z in ds.zones]

    def hostile_event(e):
        source = e.source.model_copy(
            update={"outlet": text, "title": text, "note": text, "url": "javascript:alert(1)"}
        )
        evidence = e.evidence.model_copy(update={"quote": text})
        return e.model_copy(
            update={
                "object_en": text,
                "object_ar": text,
                "note": text,
                "source": source,
                "evidence": evidence,
            }
        )

    events = [hostile_event(e) for e in ds.events]
    sources = {k: s.model_copy(update={"outlet": text, "title": text}) for k, s in ds.sources.items()}
    gazetteer = type(ds.gazetteer).build(places)
    return type(ds)(
        gazetteer=gazetteer, actors=actors, factions=factions, zones=zones, events=events, sources=sources
    )


def shown(text: str) -> str:
    """`text` as the map's script carries it: HTML-escaped, inside a JavaScript string."""
    return js_string(esc(text))[1:-1]


def test_branca_renders_once():
    assert rendering.active()
    assert MacroElement.render is rendering.render_once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_map_shows_any_text_as_text(text):
    ds = hostile_dataset(text)
    html = build_map(ds, ViewState(date=DAY)).get_root().render()
    assert shown(text) in html  # popups, tooltips, the legend
    assert shown(text + " sdf") in html  # a faction's name in the legend
    assert shown(text + " qamishli") in html  # a place's name in its popup
    assert "javascript:alert" not in html.replace(shown("javascript:alert"), "")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_standalone_export_shows_any_text_as_text(text):
    ds = hostile_dataset(text)
    html = export_bytes(ds, "events", "html", day=DAY).decode("utf-8")
    assert shown(text) in html


@pytest.mark.parametrize(
    "payload, evaluated",
    [
        ("ZZ{{ 7*7 }}ZZ", "ZZ49ZZ"),
        # the worker's own pid, known only when the test runs (ids must match across xdist workers)
        ("{{ 'PID' ~ cycler.__init__.__globals__.os.getpid() }}", "PID{pid}"),
        ("City{{ 3*3 }}", "City9"),
        ("a {% broken", None),
        ("{# an open comment", None),
        ("ZZ{{ 6*7 }}ZZ", "ZZ42ZZ"),
    ],
)
def test_template_syntax_in_data_is_never_evaluated(payload, evaluated):
    """The payloads of the attack, in an event's object, a place's name and a faction's name."""
    ds = hostile_dataset(payload)
    evaluated = evaluated and evaluated.format(pid=os.getpid())
    for html in (
        build_map(ds, ViewState(date=DAY)).get_root().render(),
        export_bytes(ds, "events", "html", day=DAY).decode("utf-8"),
    ):
        assert shown(payload) in html
        if evaluated:
            assert evaluated not in html


def test_marker_labels_and_layer_names_are_escaped_where_folium_puts_them():
    """DivIcon html and layer names travel through folium's own templates (tojson): the text
    is escaped for HTML before, and not evaluated after."""
    ds = hostile_dataset("<b>ZZ{{ 7*7 }}</b>")
    html = build_map(ds, ViewState(date=DAY, zoom=12)).get_root().render()
    assert "ZZ{{ 7*7 }}" in html and "<b>ZZ" not in html
    assert "ZZ49" not in html


def test_the_review_map_of_a_pasted_report_is_inert():
    """The review page draws the drafts of a pasted report on a map of their own."""
    ds = make_dataset()
    draft = ds.events[0].model_copy(
        update={
            "object_en": "{{ 6*7 }}",
            "evidence": ds.events[0].evidence.model_copy(update={"quote": "{{ 6*7 }} {% if %}"}),
        }
    )
    view = ViewState(date=DAY, lat=Point(37.05, 41.22).x, lon=41.22, zoom=8)
    html = build_map(ds.with_events([draft]), view).get_root().render()
    assert shown("{{ 6*7 }} {% if %}") in html


def test_a_date_far_in_the_future_renders():
    ds = make_dataset()
    build_map(ds, ViewState(date=dt.date(9999, 12, 31))).get_root().render()


ENTRY_POINTS = [
    "from dashboard.map.marks_layer import OpenPopup as E",
    "from dashboard.map.elements import Legend as E",
    "import dashboard.map as E",
]


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_the_rule_holds_from_any_entry_point_in_a_fresh_interpreter(entry):
    """A test process that imported `dashboard.map...` without the package's `__init__` (as
    pytest once did, finding tests/dashboard/ as a namespace package) rendered `{{ 7*7 }}` as
    49: the rule must hold whichever module is imported first."""
    import subprocess
    import sys

    code = (
        f"{entry}\n"
        "import folium\n"
        "from dashboard.map.marks_layer import OpenPopup\n"
        "g = folium.FeatureGroup(name='p'); OpenPopup(35.0, 38.0, '{{ 7*7 }}').add_to(g)\n"
        "m = folium.Map(tiles=None); g.add_to(m); print(m.get_root().render())\n"
    )
    tests = Path(__file__).resolve().parents[1]  # where `dashboard` is tests/dashboard/, as it was
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tests
    ).stdout
    assert '"{{ 7*7 }}"' in out and '"49"' not in out


def test_tests_import_the_real_dashboard_package():
    import dashboard

    assert dashboard.__file__ is not None and dashboard.__file__.endswith("dashboard/__init__.py")
    assert rendering.active()
