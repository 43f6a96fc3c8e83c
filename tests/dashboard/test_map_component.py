"""The live map sends its base map once rendered and only a new data layer after (issues 10, 14),
without timing: `component.show` passes st_folium's frontend exactly what `st_folium` would; the
base map's script is rendered once and sent byte-identical through pans, clicks and filter
changes at the same date (so the browser keeps its map: the component's key is the script's
hash); popups are built once per filter; the outlines of areas travel as one data layer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

import folium
import pytest
import streamlit_folium as sf
from dashboard_fixtures import HOSTILE, make_dataset, use_db
from map_fragment import fragment_run, live_map_fragment, map_args
from streamlit.testing.v1 import AppTest

import dashboard.live_map as live_map_module
from dashboard.map import build_map, component, highlight
from dashboard.map.marks_layer import OpenPopup, areas_group, marks_group
from dashboard.map.popup import id_mark
from dashboard.view_state import ViewState
from geodata.dataset import load_dataset

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
RETURNED = ["last_object_clicked_tooltip", "zoom", "center", "selected_layers"]


def _groups(ds) -> list[folium.FeatureGroup]:
    places = [ds.gazetteer.places[p] for p in ("afrin-region", "qamishli-security-square")]
    opened = folium.FeatureGroup(name="Popup", control=False)
    OpenPopup(36.5, 36.9, "<b>popup</b>").add_to(opened)
    mark = {
        "key": "aleppo",
        "place": "aleppo",
        "lat": 36.2,
        "lon": 37.16,
        "icon": "<i></i>",
        "size": 9,
        "tooltip": "Aleppo",
        "popup": None,
    }
    return [
        areas_group([(p, "#009E73", p.name_en, None) for p in places]),
        marks_group([mark]),
        opened,
        highlight(ds.gazetteer.places["aleppo"]),
    ]


def test_show_sends_what_st_folium_sends():
    ds, view = load_dataset(), ViewState(date=dt.date(2021, 1, 20))
    calls: list[dict] = []
    with mock.patch.object(sf, "_component_func", side_effect=lambda **kw: calls.append(kw)):
        sf.st_folium(
            build_map(ds, view, places=False),
            key="map",
            height=620,
            use_container_width=True,
            returned_objects=RETURNED,
            center=(35.0, 38.0),
            zoom=8,
            feature_group_to_add=_groups(ds),
        )
        groups = _groups(ds)  # sent in two parts, as a click's rerun sends its kept layer
        component.show(
            component.render_base(build_map(ds, view, places=False)),
            component.layer_script(groups[:2]) + component.layer_script(groups[2:], start=2),
            key="map",
            height=620,
            returned_objects=RETURNED,
            center=(35.0, 38.0),
            zoom=8,
        )
    by_st_folium, by_show = ({k: v for k, v in c.items() if k != "on_change"} for c in calls)
    assert by_show == by_st_folium


def test_the_base_map_is_cached_per_key_and_dataset():
    built: list[int] = []

    def build() -> folium.Map:
        built.append(1)
        return folium.Map(tiles=None)

    owner, other = object(), object()
    first = component.base_map(owner, ("k",), build)
    assert component.base_map(owner, ("k",), build) is first
    assert len(built) == 1
    component.base_map(other, ("k",), build)  # another dataset: built for it
    component.base_map(owner, ("k2",), build)  # another key
    assert len(built) == 3


def test_areas_travel_as_one_layer_and_cannot_end_the_script():
    ds = make_dataset()
    areas = [
        p for p in ds.gazetteer.places.values() if p.geometry is not None and p.geometry.geom_type != "Point"
    ]
    assert len(areas) >= 3
    group = areas_group([(p, "#123456", HOSTILE, HOSTILE) for p in areas])
    script = component.layer_script([group])
    assert script.count("L.geoJson(") == 1  # one script draws them all
    assert script.count('"geo":') == len(areas)
    assert "</script" not in script.lower()  # markup in a text cannot close the page's script
    assert "<\\/script>" in script


@pytest.fixture(scope="module")
def shipped_db(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        yield use_db(mp, tmp_path_factory.mktemp("db"))


def test_pans_clicks_and_filters_send_the_same_base_map(shipped_db, monkeypatch):
    renders: list[int] = []
    render_base = component.render_base
    monkeypatch.setattr(component, "render_base", lambda m: renders.append(1) or render_base(m))
    popups: list[str] = []
    popup_for = live_map_module.popup_for
    monkeypatch.setattr(
        live_map_module,
        "popup_for",
        lambda s, ds, view, key: popups.append(key) or popup_for(s, ds, view, key),
    )

    live_map_module.LAYERS.clear()  # data layers are kept for every session of the process
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["date"] = "2021-01-20"
    at.run()
    assert not at.exception
    first = map_args(at)
    assert renders == [1] and popups  # the base map rendered, the popups in view built
    fragment = live_map_fragment(at)

    pan = {"last_object_clicked_tooltip": None, "zoom": 9, "center": {"lat": 36.9, "lng": 40.9}}
    back = {**pan, "zoom": 7, "center": {"lat": 35.0, "lng": 38.5}}
    for value in (pan, back):
        fragment_run(at, fragment, value)
        assert not at.exception
    args = map_args(at)
    assert (args["script"], args["header"], args["key"]) == (first["script"], first["header"], first["key"])
    assert args["feature_group"] == first["feature_group"]  # the same view, the same layer

    built = len(popups)
    fragment_run(at, fragment, pan)  # a view seen before: its popups are not built again
    assert len(popups) == built

    # Neighbourhoods' outlines are drawn from city zoom on: sent from there on only.
    square = '"properties":{"id":"qamishli-security-square"}'
    assert square not in first["feature_group"]
    fragment_run(at, fragment, {**pan, "zoom": 12, "center": {"lat": 37.05, "lng": 41.23}})
    assert square in map_args(at)["feature_group"]
    assert map_args(at)["script"] == first["script"]
    zoomed = {**pan, "zoom": 12, "center": {"lat": 37.05, "lng": 41.23}}
    click = {**zoomed, "last_object_clicked_tooltip": "Qamishli · القامشلي " + id_mark("qamishli")}
    before = map_args(at)["feature_group"]
    fragment_run(at, fragment, click)
    # Qamishli's popup came with the marks: the browser opened it on the click, which sends
    # the layer the map has (st_folium draws nothing again) over the same base map.
    assert at.session_state["view"].place == "qamishli"
    assert map_args(at)["feature_group"] == before
    assert map_args(at)["script"] == first["script"]
    built = len(popups)

    at.run()  # a full run (AppTest's tree after a fragment run holds the fragment only)
    assert map_args(at)["script"] == first["script"] and len(popups) == built
    at.multiselect(key="types").set_value(["blockade"]).run()  # a filter: a full run
    assert not at.exception
    args = map_args(at)
    assert (args["script"], args["key"]) == (first["script"], first["key"])
    assert args["feature_group"] != first["feature_group"]  # only the data layer changed
    assert len(popups) > built  # the popups of the new filter
    assert renders == [1]

    at.date_input(key="date").set_value(dt.date(2024, 12, 15)).run()  # another date
    assert map_args(at)["script"] != first["script"]
    assert renders == [1, 1]
