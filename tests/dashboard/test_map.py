"""The map builder, rendered to a string: no Streamlit, no browser."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from dashboard_fixtures import DAY, SOURCE, hostile_event, make_dataset
from shapely.geometry import GeometryCollection, LineString, Point, box
from streamlit_folium import generate_leaflet_string

from dashboard import offline
from dashboard.map import OSM_TILES, build_map
from dashboard.view_state import ViewState
from geodata.geometry import polygonal

URL = re.compile(r"""(?:https?:)?//[^\s"'<>)\\]+""", re.IGNORECASE)


@pytest.fixture(scope="module", autouse=True)
def offline_assets():
    report = offline.activate()
    yield report
    offline.deactivate()


def render(ds=None, **view) -> str:
    ds = ds or make_dataset()
    return build_map(ds, ViewState(**{"date": DAY, **view})).get_root().render()


def test_offline_map_html_loads_nothing_from_another_host():
    html = render(make_dataset([hostile_event()]))
    loaded = re.findall(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)""", html)
    assert loaded, "the page should load Leaflet"
    assert all(u.startswith("/app/static/vendor/") for u in loaded), loaded
    # Any other absolute URL may only be the source link of a popup (an inert <a href>, opened
    # in a new tab by a click); the fixture's hostile `javascript:` source is not linked at all.
    urls = {u.replace("&amp;", "&") for u in URL.findall(html)}
    assert urls <= {SOURCE.url}, urls
    assert "javascript:" not in html


def test_offline_map_needs_no_cdn_even_without_vendor_assets(tmp_path: Path):
    report = offline.activate(vendor=tmp_path)
    try:
        html = render()
        assert not report.leaflet_ok
        assert not re.search(r"<(?:script|link)\b[^>]*\b(?:src|href)=[\"']https?:", html)
    finally:
        offline.activate()


def test_vendored_assets_cover_what_folium_loads(offline_assets):
    missing = [u for u in offline.LOCAL.values() if u not in offline_assets.local]
    if missing:
        pytest.skip(f"run `make assets` first (missing {missing})")
    assert offline_assets.leaflet_ok


def test_icon_image_path_is_set():
    assert 'L.Icon.Default.imagePath = "/app/static/vendor/leaflet/images/";' in render()


def test_one_layer_per_faction_with_its_colour():
    html = render()
    assert html.count("zm-sw") >= 2
    assert '"fillColor": "#E69F00"' in html and '"fillColor": "#D55E00"' in html
    assert "L.control.layers" in html


def test_zone_tooltip_says_faction_date_confidence_source():
    html = render()
    assert "SDF / AANES" in html and "as of 2021-01-01" in html
    assert "latest snapshot before 2021-01-20" in html
    assert "confidence medium" in html and "source: fixture-map" in html


def test_offline_tiles_by_default_osm_on_request():
    html = render()
    assert "/app/static/tiles/{z}/{x}/{y}.png" in html and "openstreetmap.org" not in html
    assert '"maxNativeZoom": 6' in html
    osm = render(basemap="osm")
    assert OSM_TILES in osm and "/app/static/tiles/" not in osm
    assert "OpenStreetMap contributors" in html


def test_no_tiles_leaves_the_vector_background():
    html = build_map(make_dataset(), ViewState(date=DAY), tiles=None).get_root().render()
    assert "tileLayer" not in html
    assert "Damascus" in html  # a governorate label from syria_admin1.geojson


def test_markers_are_styled_by_kind_and_holder():
    html = render()
    assert re.search(r'zm-circle\\" data-place=\\"qamishli\\".*?--c:#E69F00', html)
    assert 'zm-ring\\" data-place=\\"shahba-region\\" data-kind=\\"region\\"' in html
    assert re.search(r'zm-diamond\\" data-place=\\"qamishli-security-square\\".*?--c:#D55E00', html)


def test_places_inside_a_city_are_detail_shown_from_city_zoom():
    html = render()
    assert re.search(r'"className": "zm-icon zm-detail"[^;]*?|zm-icon zm-detail', html)
    assert "zm-hide-detail" in html and "<11" in html


def test_popups_only_for_places_in_the_filter():
    html = render(types=("meeting",))
    assert 'data-event=\\"meeting\\"' in html
    assert "demand-shahba" not in html and "blockade-qamishli-square" not in html
    assert 'data-place=\\"shahba-region\\"' not in html  # no events there: not drawn


def test_city_popup_lists_events_of_places_inside_it():
    html = render()
    qamishli = re.search(r'bindPopup\("<div class=\\"zm-popup\\" data-place=\\"qamishli\\".*?"\, \{', html)
    assert qamishli
    text = qamishli.group(0)
    assert "demand-military" in text and "blockade-qamishli-square" in text


def test_event_after_the_date_is_not_shown():
    assert "a demand made later" not in render()
    assert "a demand made later" in render(date=dt.date(2021, 7, 1))


def test_exchange_lines_say_what_is_traded_for_what():
    html = render()
    assert html.count("L.polyline(") == 2  # Shahba <-> each security square
    assert "in exchange for" in html and "lift the blockade of Shahba" in html
    assert "Traded concessions" in html


def test_what_is_sent_does_not_grow_with_events():
    base = make_dataset()
    many = [
        e.model_copy(update={"id": f"copy-{i}"})
        for i in range(2000)
        for e in base.events[5:6]  # the demand at Qamishli's military neighbourhood
    ]
    small = len(render(base))
    big = len(render(make_dataset(many)))
    assert big < small * 1.3, (small, big)
    assert "… and 1995 more" in render(make_dataset(many))  # 2001 demands there, 6 shown


def test_build_map_is_pure_and_deterministic():
    ds = make_dataset()
    before = list(ds.events)
    first = generate_leaflet_string(build_map(ds, ViewState(date=DAY)))
    second = generate_leaflet_string(build_map(ds, ViewState(date=DAY)))
    assert first == second
    assert ds.events == before


def test_no_snapshot_before_the_first_zones():
    html = render(date=dt.date(2020, 6, 1))
    assert "no control-zone snapshot before this date" in html


def test_hidden_layers_are_not_shown_but_toggleable():
    html = render(layers=("sdf",))
    assert "L.control.layers" in html
    assert html.count(".addTo(map_") < render().count(".addTo(map_")


@pytest.mark.parametrize(
    "geom, kept",
    [
        (box(0, 0, 1, 1), "Polygon"),
        (GeometryCollection([box(0, 0, 1, 1), LineString([(0, 0), (2, 2)]), Point(5, 5)]), "Polygon"),
        (GeometryCollection([LineString([(0, 0), (2, 2)])]), None),
    ],
)
def test_polygonal__keeps_only_polygons(geom, kept):
    out = polygonal(geom)
    assert (out.geom_type if out is not None else None) == kept


# -- the map at every zoom (issue 11) -----------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_html(shipped) -> str:
    return build_map(shipped, ViewState(date=DAY)).get_root().render()


def test_background__a_few_layers_fetched_by_zoom_not_an_element_per_place(shipped, shipped_html):
    html = shipped_html
    for layer in ("communities.json", "admin.json", "neighbourhoods.json"):
        assert f"'{layer}'" in html  # fetched from /app/static/layers/ when the zoom needs it
    assert '"base":"/app/static/layers/"' in html
    assert "Safieh" not in html and "Quamishli" not in html  # no community is in the page
    assert html.count("L.marker(") < 200  # the curated settlements and sites, not the regions
    assert "location.protocol === 'file:'" in html  # the offline export fetches nothing


def test_background__rivers_lakes_and_governorate_names_are_in_the_page(shipped_html):
    assert "Euphrates" in shipped_html and "Lake Assad" in shipped_html
    assert '"Hasakah","gov"' in shipped_html  # a governorate label, from OCHA's polygons


def test_background__one_script_lays_out_every_label(shipped_html):
    assert shipped_html.count("map._zmBg") == 1 or shipped_html.count("._zmBg = ") == 1
    assert ".zm-lt12 .zm-min12{display:none}" in shipped_html  # quiet places by zoom


def test_every_curated_settlement_and_site_is_drawn_quiet_ones_from_their_zoom(shipped_html):
    html = shipped_html
    for pid in ("tal-tamr", "ras-al-ain", "tal-abyad", "amuda", "derik", "tal-rifaat"):
        assert f'data-place=\\"{pid}\\"' in html, pid
    assert re.search(r'data-place=\\"tal-tamr\\"[^;]*?"className": "zm-icon zm-min8"', html, re.S)


def test_smaller_places_lie_above_larger_ones(shipped_html):
    html = shipped_html
    for pane, z in (("zmSmallAreas", 610), ("zmSmallMarkers", 640)):  # Leaflet's markers: 600
        assert re.search(
            rf'(pane_\w+) = map_\w+\.createPane\(\s*"{pane}"\);\s*\1\.style\.zIndex = {z}', html
        ), pane
    square = re.search(r'L\.marker\(\s*\[36\.50\d*, 40\.74\d*\],\s*\{\s*"pane": "zmSmallMarkers"', html)
    city = re.search(r"L\.marker\(\s*\[36\.50237, 40\.74772\],\s*\{\s*\}", html)
    assert square and city, "the Hasakah security square's marker lies above the city's"
    assert re.search(r'"pane": "zmSmallAreas",\s*"style"', html) or '"pane": "zmSmallAreas"' in html
