"""The map page through time (AppTest, shipped data): the latest snapshot by default, a plain
note when the date falls between snapshots, stepping and playing through the snapshots, the
change view from the URL and from its select, and who held the selected place since when."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from dashboard.view_state import ViewState, from_query, to_query

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


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


def script(at: AppTest) -> str:
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    return json.loads(component.proto.json_args)["script"]


def notes(at: AppTest) -> list[str]:
    """The page's notes about the snapshot shown (Markdown-escaped text unescaped)."""
    return [i.value.replace("\\", "") for i in at.info if "snapshot" in i.value]


def frame(at: AppTest, column: str):
    """The first table with `column` (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def titles(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#####")]


def test_the_default_date_is_the_latest_snapshot():
    at = app()
    assert not at.exception
    assert at.date_input(key="date").value == dt.date(2026, 1, 25)
    assert titles(at)[0] == "##### Control as of 25 January 2026"
    assert q(at, "date") == "2026-01-25"
    assert not notes(at)  # the date is a snapshot's: nothing to explain


def test_a_date_after_the_latest_snapshot_says_which_snapshot_and_how_old():
    at = app(date="2026-12-01")
    assert titles(at)[0] == "##### Control as of 25 January 2026"
    (note,) = notes(at)
    assert "1 December 2026 is after the latest snapshot" in note
    assert "the snapshot of 25 January 2026, 310 days older" in note


def test_a_date_between_snapshots_names_both():
    at = app(date="2019-10-20")
    (note,) = notes(at)
    assert "falls between the snapshots of 1 October 2019 and 1 November 2019" in note
    assert "19 days older" in note


def test_previous_and_next_step_through_the_snapshots_and_the_url_keeps_the_date():
    at = app(date="2024-12-08")
    at.button(key="snap_next").click().run()
    assert q(at, "date") == "2024-12-10"
    assert titles(at)[0] == "##### Control as of 10 December 2024"
    at.button(key="snap_prev").click().run()
    at.button(key="snap_prev").click().run()
    assert q(at, "date") == "2024-12-05"
    assert "Syrian transitional government" not in script(at)  # the legend of its date only
    assert "Hayat Tahrir al-Sham (HTS)" in script(at)


def test_play_from_the_latest_snapshot_starts_again_from_the_first():
    at = app()
    at.button(key="snap_play").click().run()
    assert q(at, "date") == "2019-10-01"
    assert at.button(key="snap_play").label == "⏸ Pause"
    at.button(key="snap_play").click().run()
    assert at.button(key="snap_play").label == "⏵ Play"


def test_the_change_view_from_the_url():
    at = app(date="2024-12-15", **{"from": "2024-11-26"})
    assert not at.exception
    text = script(at)
    assert "Changed hands" in text
    assert "from Syrian government (Assad) and allies to Syrian transitional government" in text
    assert "from Shared or contested presence to Syrian National Army and Turkey" in text
    areas = frame(at, "km² on 2024-11-26")
    assert list(areas.columns) == ["faction", "km² on 2024-11-26", "km² on 2024-12-15", "change"]
    row = areas.set_index("faction").loc["Syrian transitional government"]
    assert row["km² on 2024-11-26"] == 0 and row["km² on 2024-12-15"] > 100_000
    places = frame(at, "الاسم").set_index("id")
    assert places.loc["aleppo", "to"] == "Syrian transitional government"
    assert places.loc["tal-rifaat", "to"] == "Syrian National Army and Turkey"
    assert (q(at, "date"), q(at, "from")) == ("2024-12-15", "2024-11-26")


def test_the_change_view_from_its_select_goes_into_the_url():
    at = app(date="2019-11-01")
    at.selectbox(key="compare").set_value(dt.date(2019, 10, 1)).run()
    assert q(at, "from") == "2019-10-01"
    hands = frame(at, "km²")
    assert ("SDF / Autonomous Administration (AANES)", "Syrian National Army and Turkey") in set(
        zip(hands["from"], hands["to"], strict=True)
    )
    at.selectbox(key="compare").set_value("off").run()
    assert q(at, "from") is None


def test_the_change_view_is_overlaid_once_per_pair_of_snapshots():
    at = app(date="2024-12-15", **{"from": "2024-11-26"})
    _, _, found, moved = at.session_state["_changes"]
    assert {p.id for p, _, _ in moved} >= {"aleppo", "tal-rifaat"}
    at.run()  # a rerun keeping the change view: the same overlay and places, not computed again
    assert at.session_state["_changes"][2] is found and at.session_state["_changes"][3] is moved
    at.selectbox(key="compare").set_value(dt.date(2024, 11, 30)).run()
    assert at.session_state["_changes"][2] is not found
    assert at.session_state["_changes"][2].start.as_of == dt.date(2024, 11, 30)


def test_the_selected_place_says_since_when_it_is_held():
    at = app(date="2025-03-15", place="aleppo")
    captions = [c.value.replace("\\", "").replace("\u2060", "") for c in at.caption]
    assert (
        "Aleppo: held by Syrian transitional government on 15 March 2025, since the "
        "snapshot of 8 December 2024 (Hayat Tahrir al-Sham (HTS) on the one before)."
    ) in captions


def test_view_state__from_round_trips_and_bad_values_warn():
    view = ViewState(date=dt.date(2024, 12, 15), compare=dt.date(2024, 11, 26))
    assert to_query(view)["from"] == "2024-11-26"
    assert from_query(to_query(view))[0] == view
    got, warnings = from_query({"date": "2024-12-15", "from": "last week"})
    assert got.compare is None and "`from` was 'last week'" in warnings[0]


@pytest.mark.parametrize(
    ("lang", "words"), [("en", ("from ", " to ", "km²")), ("ar", ("من ", " إلى ", "كم²"))]
)
def test_a_changed_area_says_from_whom_to_whom_in_the_page_language(shipped, lang, words):
    """The change view's tooltip comes from the catalogue, with the factions' names escaped."""
    import dataclasses

    from dashboard.map.zone_changes import change_tooltip, faction_name
    from geodata.zones import changes

    found = changes(shipped.zones, dt.date(2024, 11, 26), dt.date(2024, 12, 15))
    h = found.handovers[0]
    tip = change_tooltip(shipped, found, h, lang)
    assert all(w in tip for w in words)
    assert faction_name(shipped, h.after, lang) in tip
    hostile = dataclasses.replace(
        shipped,
        factions={
            k: f.model_copy(update={"name_en": "<img src=x onerror=alert(1)>", "name_ar": "<b>x</b>"})
            for k, f in shipped.factions.items()
        },
    )
    bad = change_tooltip(hostile, found, h, lang)
    assert "<img" not in bad and "<b>x" not in bad and "&lt;" in bad
