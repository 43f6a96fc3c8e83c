"""What the map reports and what is typed go into the shared view (AppTest, shipped data): a
zone layer turned off in Leaflet's own layer control and the open popup reach the URL (and the
sidebar's select); a link with them opens the map so; a date typed in the sidebar applies on
Enter, and a wrong one says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from map_fragment import fragment_run, live_map_fragment, map_args, open_layers, opened_popup
from streamlit.testing.v1 import AppTest

from dashboard.map.interaction import VIEW_REPORT
from dashboard.map.popup import id_mark
from dashboard.time_control import typed_date

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
DAY = "2021-01-20"
FIRST, LAST = dt.date(2011, 1, 1), dt.date(2026, 12, 31)


@pytest.fixture(scope="module", autouse=True)
def database(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        yield use_db(mp, tmp_path_factory.mktemp("db"))


def app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def q(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def report(n: int, *, hidden=(), shown=(), popup=None, tip=None) -> dict:
    """What the browser sends after `n` toggles in Leaflet's control (report_view.js)."""
    return {
        "last_object_clicked_tooltip": tip,
        "zoom": 7,
        "center": {"lat": 35.0, "lng": 38.5},
        "selected_layers": [
            {
                "name": VIEW_REPORT,
                "map": "m1",
                "n": n,
                "shown": list(shown),
                "hidden": list(hidden),
                "popup": popup,
            }
        ],
    }


def test_a_layer_turned_off_in_leaflets_control_reaches_the_url_and_the_sidebar():
    at = open_layers(app(date=DAY))
    factions = set(at.multiselect(key="layers").value)
    assert "sdf" in factions
    fragment_run(at, live_map_fragment(at), report(1, hidden=["zone:sdf"]))
    assert not at.exception
    assert set(q(at, "layers").split(",")) == factions - {"sdf"}
    at.run()  # the next full run: the sidebar's select follows the map
    assert set(at.multiselect(key="layers").value) == factions - {"sdf"}
    assert set(q(at, "layers").split(",")) == factions - {"sdf"}
    fragment_run(at, live_map_fragment(at), report(2, hidden=[], shown=["zone:sdf"]))
    assert q(at, "layers") is None  # every faction again: left out of the URL


def test_a_layer_turned_off_in_leaflets_control_stays_off_with_the_layers_expander_closed():
    at = app(date=DAY)
    fragment_run(at, live_map_fragment(at), report(1, hidden=["zone:sdf"]))
    at.run()
    at.run()
    assert "sdf" not in q(at, "layers").split(",")
    assert "sdf" not in open_layers(at).multiselect(key="layers").value


def test_the_open_popup_is_in_the_url_and_closing_it_leaves():
    at = app(date=DAY)
    tip = "Qamishli · القامشلي " + id_mark("qamishli")  # the clicked mark's tooltip text
    fragment_run(at, live_map_fragment(at), {**report(0), "last_object_clicked_tooltip": tip})
    assert q(at, "place") == "qamishli" and q(at, "popup") == "1"
    fragment_run(at, live_map_fragment(at), report(1, popup=False))
    assert q(at, "place") == "qamishli" and q(at, "popup") is None


def test_a_link_with_a_popup_and_a_layer_off_opens_both():
    at = app(date=DAY, place="qamishli", popup="1", layers="government")
    assert not at.exception
    args = map_args(at)
    assert opened_popup(args.get("feature_group") or "")
    assert '._zmId = "zone:sdf";' in args["script"]
    assert q(at, "popup") == "1" and q(at, "layers") == "government"
    assert open_layers(at).multiselect(key="layers").value == ["government"]
    assert not opened_popup(map_args(app(date=DAY, place="qamishli")).get("feature_group") or "")


def test_the_change_views_layer_turned_off_is_kept():
    at = app(date="2024-12-15", **{"from": "2024-11-26"}, hide="changes")
    assert not at.exception and q(at, "hide") == "changes"
    fragment_run(at, live_map_fragment(at), report(1, shown=["changes"]))
    assert q(at, "hide") is None


def test_a_typed_date_applies_on_enter():
    at = app(date=DAY)
    at.text_input(key="date_typed").input("2019-10-15").run()  # Enter (or leaving the field)
    assert not at.exception
    assert at.date_input(key="date").value == dt.date(2019, 10, 15)
    assert q(at, "date") == "2019-10-15"
    assert at.text_input(key="date_typed").value == ""


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2021-02-30", "There is no day 30 in 2021-02: that month has 28 days."),
        ("20 janvier", "is not a date: write year-month-day"),
        ("1990-01-01", "is outside the dates the data covers"),
    ],
)
def test_a_typed_date__wrong_says_why_and_keeps_the_date(typed, why):
    at = app(date=DAY)
    at.text_input(key="date_typed").input(typed).run()
    assert not at.exception
    assert any(why in e.value.replace("\\", "") for e in at.error), [e.value for e in at.error]
    assert q(at, "date") == DAY


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2021-01-20", dt.date(2021, 1, 20)),
        (" 2021/1/5 ", dt.date(2021, 1, 5)),
        ("20-01-2021", dt.date(2021, 1, 20)),
        ("٢٠٢١-٠١-٢٠", dt.date(2021, 1, 20)),
    ],
)
def test_typed_date__forms(typed, day):
    assert typed_date(typed, FIRST, LAST) == (day, None)


def test_typed_date__problems():
    assert typed_date("2021-13-01", FIRST, LAST)[1][0] == "sidebar.date_not_a_date"
    assert typed_date("0000-01-01", FIRST, LAST)[1][0] == "sidebar.date_not_a_date"
    assert typed_date("2024-02-30", FIRST, LAST)[1] == (
        "sidebar.date_no_such_day",
        {"day": 30, "month": "2024-02", "days": 29},
    )
    assert typed_date("2030-01-01", FIRST, LAST)[1][0] == "sidebar.date_out_of_range"
