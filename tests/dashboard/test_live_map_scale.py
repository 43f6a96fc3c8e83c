"""The live map's shape (issues 10 and 14), without timing: a pan or a click on the map reruns the
map's fragment only, never the page; and whatever the number of events and locations in the
store, the map sends at most `MAX_MARKS` marks from the store.

AppTest runs a script whole on `run()`; a fragment rerun is what the browser asks for when a
widget inside a fragment changes (st_folium's value, here). `fragment_run` asks the same of
AppTest's script runner: a rerun whose queue holds the map's fragment, with the value st_folium
would send. It leans on AppTest internals (`_run`, `_fragment_storage`, the runner class it
builds), pinned by streamlit's version: if an upgrade moves them, this helper is what to fix.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from map_fragment import fragment_run, live_map_fragment, map_args, opened_popup
from streamlit.testing.v1 import AppTest
from test_store_support import ACLED_COLUMNS

from dashboard.live_map import CONTEXT_LIMIT, view_box
from dashboard.map.popup import id_mark
from dashboard.view_state import ViewState
from geodata.views import MAX_MARKS

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SECRET = "scale-test-editor-secret"
DAY = "2021-06-30"


# -- a pan or a click reruns the fragment, not the page ---------------------------------------


@pytest.fixture(scope="module")
def shipped_db(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        yield use_db(mp, tmp_path_factory.mktemp("db"))


def _layers_built(at: AppTest) -> int:
    """The data layers this session built (none: every one it showed was kept from another)."""
    return int(at.session_state.get("_layers_built", 0))


def test_a_pan_and_a_click_rerun_only_the_map_fragment(shipped_db):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["date"] = "2021-01-20"
    at.run()
    assert not at.exception
    pages, fragments = at.session_state["_page_runs"], at.session_state["_fragment_runs"]
    fragment = live_map_fragment(at)

    pan = {"last_object_clicked_tooltip": None, "zoom": 9, "center": {"lat": 36.9, "lng": 40.9}}
    fragment_run(at, fragment, pan)
    assert not at.exception
    assert at.session_state["_page_runs"] == pages  # the page did not run
    assert at.session_state["_fragment_runs"] == fragments + 1
    assert map_args(at)["zoom"] == 9  # ... and the map followed the pan
    assert at.session_state["view"].center == (36.9, 40.9)

    panned = map_args(at).get("feature_group") or ""
    assert not opened_popup(panned)
    built = _layers_built(at)
    click = {**pan, "last_object_clicked_tooltip": "Qamishli · القامشلي " + id_mark("qamishli")}
    fragment_run(at, fragment, click)
    assert not at.exception
    assert at.session_state["_page_runs"] == pages
    assert at.session_state["_fragment_runs"] == fragments + 2
    assert at.session_state["view"].place == "qamishli"
    panel = "\n".join(str(e.proto.body) for e in at.get("html"))
    assert 'class="zm-panel-title" data-place="qamishli"' in panel  # the panel, in the fragment
    # ... its events in one element (one message to the browser), not a few elements each.
    lists = [str(e.proto.body) for e in at.get("html") if "zm-panel-events" in str(e.proto.body)]
    assert len(lists) == 1 and lists[0].count('class="zm-panel-event"') >= 2
    clicked = map_args(at).get("feature_group") or ""
    # The view did not move and Qamishli's popup came with its marks: the browser opened it and
    # ringed the mark on the click (marks.js), so the rerun sends the very script it sent,
    # which st_folium does not draw again; the marks were not asked for nor built again.
    assert _layers_built(at) == built
    assert '"popup":"<div class=\\"zm-popup\\" data-place=\\"qamishli\\"' in panned  # with the marks
    assert clicked == panned

    far = {"last_object_clicked_tooltip": None, "zoom": 7, "center": {"lat": 35.0, "lng": 38.5}}
    fragment_run(at, fragment, far)  # a pan to another box: a new layer, with the ring and popup
    moved = map_args(at).get("feature_group") or ""
    assert moved != panned and opened_popup(moved) and "zm-ring" in moved

    at.run()  # a full run (what a sidebar widget causes) runs both
    assert at.session_state["_page_runs"] == pages + 1
    assert at.session_state["_fragment_runs"] == fragments + 4


# -- 20,000 events at 20,000 locations: at most MAX_MARKS marks sent -----------------------------

GRID = (200, 100)  # longitudes x latitudes: one event at each of 20,000 distinct coordinates
WEST, SOUTH, STEP = 40.0, 36.1, 0.006  # Hasakah governorate, inside Syria's outline


def _acled_file(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(ACLED_COLUMNS)
        for i in range(GRID[0] * GRID[1]):
            lon, lat = WEST + (i % GRID[0]) * STEP, SOUTH + (i // GRID[0]) * STEP
            writer.writerow(
                [
                    f"SYR{i}",
                    f"2021-{1 + i % 6:02d}-{1 + i % 28:02d}",
                    "1",
                    "Battles",
                    "Armed clash",
                    "SDF: Syrian Democratic Forces",
                    "",
                    "Al Hasakeh",
                    f"Khirbet {i}",
                    f"{lat:.4f}",
                    f"{lon:.4f}",
                    "1",
                    "SOHR",
                    f"Clashes at Khirbet {i}.",
                    "0",
                ]
            )
    return path


@pytest.fixture(scope="module")
def crowded_db(tmp_path_factory):
    """A seeded database with the 20,000 events imported through the real import path."""
    from geodata.formats import Limits, read_import
    from geodata.settings import get_settings
    from geodata.store import open_store

    folder = tmp_path_factory.mktemp("crowded")
    with pytest.MonkeyPatch.context() as mp:
        path = use_db(mp, folder, SECRET)
        with open_store(get_settings()) as store:
            result = read_import(
                _acled_file(folder / "acled.csv"),
                dataset=store.load_dataset(),
                limits=Limits(bytes=2**30, records=10**6, seconds=10**5),
            )
            assert result.rejected_records == 0
            store.as_editor("rana", SECRET).apply(result)
        yield path


def marks_sent(at: AppTest) -> list[dict]:
    """The marks in the data layer the map sends (the JSON array its one script draws)."""
    layer = map_args(at).get("feature_group") or ""
    return [m for found in re.findall(r"var marks = (\[.*?\]);\n", layer) for m in json.loads(found)]


def _inside(lat: float, lon: float, zoom: int) -> int:
    box = view_box(ViewState(lat=lat, lon=lon, zoom=zoom))
    return sum(
        1
        for i in range(GRID[0] * GRID[1])
        if box.west <= WEST + (i % GRID[0]) * STEP <= box.east
        and box.south <= SOUTH + (i // GRID[0]) * STEP <= box.north
    )


@pytest.mark.parametrize("zoom", [7, 10, 12, 14])
def test_twenty_thousand_locations_send_at_most_max_marks(crowded_db, zoom):
    lat, lon = 36.4, 40.6
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in {"date": DAY, "lat": str(lat), "lon": str(lon), "zoom": str(zoom)}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    marks = marks_sent(at)
    from_store = [m for m in marks if ":" in (m.get("key") or "")]  # place:, point:, cell:
    assert from_store, "the view shows the imported events"
    assert len(from_store) <= MAX_MARKS
    assert len(marks) <= MAX_MARKS + CONTEXT_LIMIT  # and the curated places' quiet marks
    if zoom == 12:  # more distinct locations in the box than marks allowed: clustered
        assert _inside(lat, lon, zoom) > MAX_MARKS
        assert all(m["key"].startswith("cell:") for m in from_store)
    if zoom == 14:  # few enough: one mark per location
        assert any(m["key"].startswith("point:") for m in from_store)


def test_a_second_reader_of_a_view_is_sent_the_layer_built_for_the_first(shipped_db):
    """The data layer is kept for every session (`live_map.LAYERS`): a page opened on a view
    another reader has shown (the page as it opens, most of all) does not build it again."""
    first = AppTest.from_file(APP, default_timeout=120)
    first.query_params["date"] = "2019-03-03"  # a day no other test shows
    first.run()
    assert not first.exception
    assert first.session_state["_layers_built"] == 1
    second = AppTest.from_file(APP, default_timeout=120)
    second.query_params["date"] = "2019-03-03"
    second.run()
    assert not second.exception
    assert "_layers_built" not in second.session_state
    assert map_args(second)["feature_group"] == map_args(first)["feature_group"]
    third = AppTest.from_file(APP, default_timeout=120)
    third.query_params["date"] = "2019-03-03"
    third.query_params["lang"] = "ar"  # another view (its labels and popups): its own layer
    third.run()
    assert third.session_state["_layers_built"] == 1
