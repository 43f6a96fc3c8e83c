"""View state <-> URL query: round trips, and tampered links that never raise."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.view_state import EVENT_TYPES, ViewState, from_query, normalise, to_query

slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
coords = st.integers(-8_500_000, 8_500_000).map(lambda n: n / 100_000)


@st.composite
def states(draw) -> ViewState:
    types = draw(st.sets(st.sampled_from(EVENT_TYPES)))
    lat = draw(st.none() | coords)
    place = draw(st.none() | slugs)
    return ViewState(
        date=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1))),
        types=tuple(t for t in EVENT_TYPES if t in types),
        actors=tuple(sorted(draw(st.sets(slugs, max_size=4)))),
        place=place,
        lat=lat,
        lon=None if lat is None else draw(coords.map(lambda x: x * 2)),
        zoom=draw(st.none() | st.integers(3, 18)),
        layers=draw(st.none() | st.sets(slugs, max_size=3).map(lambda s: tuple(sorted(s)))),
        basemap=draw(st.sampled_from(["offline", "osm"])),
        popup=draw(st.booleans()) and place is not None,
        hide=draw(st.sampled_from([(), ("changes",)])),
    )


@given(states())
def test_round_trip(state):
    again, warnings = from_query(to_query(state))
    assert warnings == []
    assert again == state


@given(states())
def test_round_trip_through_lists(state):
    """Streamlit's query params give str; other callers lists of str."""
    assert from_query({k: [v] for k, v in to_query(state).items()})[0] == state


text = st.text(max_size=60)


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(["date", "types", "actors", "place", "lat", "lon", "zoom", "layers", "basemap"])
        | text,
        text | st.lists(text, max_size=3),
    )
)
def test_from_query_never_raises(params):
    state, warnings = from_query(params, actors={"sdf"}, places={"qamishli"}, factions={"sdf"})
    assert isinstance(state, ViewState)
    assert all(isinstance(w, str) for w in warnings)
    assert normalise(state) == state


def test_tampered_values_fall_back_with_a_warning_each():
    state, warnings = from_query(
        {
            "date": "2021-13-45",
            "types": "demand,<script>",
            "zoom": "banana",
            "lat": "999",
            "lon": "1",
            "place": "nowhere",
            "basemap": "evil",
            "actors": "sdf,ghost",
        },
        actors={"sdf"},
        places={"qamishli"},
    )
    assert state == ViewState(types=("demand",), actors=("sdf",))
    text = " ".join(warnings)
    for key in ("date", "types", "zoom", "lat", "place", "basemap", "actors"):
        assert f"`{key}" in text
    assert "'<script>'" in text  # named, quoted, never rendered


def test_unknown_layer_and_none():
    assert from_query({"layers": "none"})[0].layers == ()
    state, warnings = from_query({"layers": "sdf,ghost"}, factions={"sdf"})
    assert state.layers == ("sdf",) and warnings


def test_defaults_are_left_out_of_the_url():
    assert to_query(ViewState()) == {}
    assert to_query(ViewState(date=dt.date(2021, 1, 20), lat=37.05, lon=41.2, zoom=11)) == {
        "date": "2021-01-20",
        "lat": "37.05",
        "lon": "41.2",
        "zoom": "11",
    }
    assert "lat" not in to_query(ViewState(lat=1.0, lon=2.0, zoom=5), keep_view=False)


def test_huge_lists_are_refused():
    state, warnings = from_query({"actors": ",".join(["sdf"] * 500)})
    assert state.actors == () and "at most" in warnings[0]


def test_nan_and_infinity_are_not_coordinates():
    for bad in ("nan", "inf", "-inf", "1e309"):
        state, warnings = from_query({"lat": bad, "lon": "1", "zoom": bad})
        assert state.lat is None and state.zoom is None and warnings


def test_open_popup_and_hidden_overlay_round_trip():
    view = ViewState(
        date=dt.date(2021, 1, 20), place="qamishli", popup=True, layers=("sdf",), hide=("changes",)
    )
    query = to_query(view)
    assert query["popup"] == "1" and query["hide"] == "changes" and query["layers"] == "sdf"
    assert from_query(query) == (view, [])


def test_popup__without_a_place_is_dropped_with_a_warning():
    view, warnings = from_query({"popup": "1"})
    assert view.popup is False
    assert warnings == ["`popup=1` needs a `place`; no popup is opened."]


def test_popup__closed_or_junk():
    assert from_query({"place": "qamishli", "popup": "0"}) == (ViewState(place="qamishli"), [])
    view, warnings = from_query({"place": "qamishli", "popup": "yes<script>"})
    assert view.popup is False and "`popup` was" in warnings[0]
    assert "popup" not in to_query(ViewState(place="qamishli"))


def test_hide__unknown_overlay_is_dropped():
    view, warnings = from_query({"hide": "changes,places,<b>"})
    assert view.hide == ("changes",)
    assert "ignored unknown value(s) 'places', '<b>'" in warnings[0]
