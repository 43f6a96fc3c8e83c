"""The Streamlit app without a browser (AppTest): every page runs, widgets by key drive the map's
generated script and the URL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from map_fragment import open_layers
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = ["app_pages/map.py", "app_pages/events.py", "app_pages/places.py", "app_pages/about.py"]


@pytest.fixture(scope="module", autouse=True)
def database(tmp_path_factory):
    """Every test here reads a temporary copy of the seeded database (viewers never write)."""
    with pytest.MonkeyPatch.context() as mp:
        yield use_db(mp, tmp_path_factory.mktemp("db"))


def app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"date": "2021-01-20", **query}.items():
        at.query_params[key] = value
    return at.run()


def map_args(at: AppTest) -> dict:
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    return json.loads(component.proto.json_args)


def sent(args: dict) -> str:
    """What the map sends the browser: the base map's script and its data layer (marks,
    outlines, popups: st_folium's feature groups)."""
    return args["script"] + (args.get("feature_group") or "")


def q(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def html_text(at: AppTest) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_every_page_runs():
    at = app()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.date_input(key="date").value == dt.date(2021, 1, 20), page


def test_map_page_draws_the_shipped_data_offline():
    args = map_args(app())
    script = sent(args)
    assert "L.map(" in script and "seed-demand-military-neighbourhood" in script
    assert all(u.startswith("/app/static/vendor/") for u in args["js_links"] + args["css_links"])
    assert args["returned_objects"] == ["last_object_clicked_tooltip", "zoom", "center", "selected_layers"]


def test_filters_by_key_change_the_map_and_the_url():
    at = app()
    at.multiselect(key="types").set_value(["blockade"])
    at.multiselect(key="actors").set_value(["asayish"])
    at.run()
    script = sent(map_args(at))
    assert "seed-blockade-qamishli-square" in script
    assert "seed-demand-military-neighbourhood" not in script
    assert q(at, "types") == "blockade"
    assert q(at, "actors") == "asayish"


def test_date_by_key_changes_zones_and_events():
    at = app()
    at.date_input(key="date").set_value(dt.date(2020, 1, 1)).run()
    script = sent(map_args(at))
    # 2020-01-01 is after the 2019-11-01 snapshot ends (2019-12-19): shown, and flagged, as stale
    assert "Control as of 2020-01-01" in script and "snapshot of 2019-11-01" in script
    assert "seed-demand-military-neighbourhood" not in script  # reported in 2021
    assert q(at, "date") == "2020-01-01"


def test_the_layers_widgets_are_drawn_only_while_their_expander_is_open():
    at = app()
    assert not [w for w in at.multiselect if w.key == "layers"]
    assert not [w for w in at.radio if w.key == "basemap"]
    open_layers(at)
    assert set(at.multiselect(key="layers").value) >= {"sdf", "government"}
    assert at.radio(key="basemap").value == "offline"


def test_layers_and_background_outlive_their_expander_closing():
    at = open_layers(app())
    at.multiselect(key="layers").set_value(["sdf"]).run()
    at.radio(key="basemap").set_value("osm").run()
    open_layers(at, False)
    at.run()  # a run after one without the widgets: the view keeps what they held
    assert q(at, "layers") == "sdf" and q(at, "basemap") == "osm"
    assert "tile.openstreetmap.org" in map_args(at)["script"]
    open_layers(at)
    assert at.multiselect(key="layers").value == ["sdf"] and at.radio(key="basemap").value == "osm"


def test_basemap_by_key():
    at = open_layers(app())
    assert "tile.openstreetmap.org" not in map_args(at)["script"]
    at.radio(key="basemap").set_value("osm").run()
    assert "tile.openstreetmap.org" in map_args(at)["script"]
    assert q(at, "basemap") == "osm"


def test_layers_by_key():
    at = open_layers(app())
    at.multiselect(key="layers").set_value(["sdf"]).run()
    assert q(at, "layers") == "sdf"


def test_place_search_in_arabic_jumps_the_map():
    at = app()
    at.text_input(key="place_search").input("القامشلي").run()
    assert q(at, "place") == "qamishli"
    assert q(at, "zoom") == "12"
    args = map_args(at)
    assert args["zoom"] == 12 and abs(args["center"][0] - 37.05) < 0.1
    assert "Qamishli" in html_text(at)


def test_url_selects_a_place_and_lists_its_events():
    at = app(place="shahba-region")
    text = html_text(at)
    assert "Shahba region" in text and "government blockade of the Shahba region" in text
    assert q(at, "place") == "shahba-region"


def test_tampered_url_warns_and_keeps_working():
    at = app(date="yesterday", zoom="99", place="<b>x</b>", types="bogus", basemap="x")
    assert not at.exception
    (warning,) = at.warning
    for key in ("date", "zoom", "place", "types", "basemap"):
        assert f"`{key}" in warning.value
    assert "L.map(" in map_args(at)["script"]
    assert q(at, "date") != "yesterday"


def test_date_outside_the_data_is_clamped_with_a_warning():
    at = app(date="1999-01-01")
    assert "outside the data" in at.warning[0].value


def test_share_control_shows_the_url():
    at = app(place="qamishli", types="demand")
    code = [c.value for c in at.code]
    assert any("place=qamishli" in c and "types=demand" in c for c in code)


def test_events_page_table_and_csv():
    at = app(types="blockade")
    at.switch_page("app_pages/events.py").run()
    frame = at.dataframe[0].value
    assert set(frame["type"]) == {"blockade"} and len(frame) >= 3
    at.text_input(key="events_filter").input("Asayish").run()
    assert len(at.dataframe[0].value) < len(frame)


@pytest.mark.parametrize("query, expected", [("الشهباء", "shahba-region"), ("Qamislo", "qamishli")])
def test_places_page_search(query, expected):
    at = app()
    at.switch_page("app_pages/places.py").run()
    at.text_input(key="places_query").input(query).run()
    frame = at.dataframe[0].value
    assert frame["id"].iloc[0] == expected
    assert frame.columns[4].startswith("held by on")
