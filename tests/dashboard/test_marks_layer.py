"""The marks of a view travel as one data layer: one script, whatever the number of marks, with
every text escaped and the click key in each tooltip."""

from __future__ import annotations

import folium
from dashboard_fixtures import make_dataset

from dashboard.map.marks_layer import MarksLayer, MarkStyle, OpenPopup, marks_group, place_mark, view_mark
from dashboard.map.popup import place_id_from_tooltip
from geodata.views import Mark


def _render(group: folium.FeatureGroup) -> str:
    m = folium.Map(tiles=None)
    group.add_to(m)
    return m.get_root().render()


def _mark(i: int, **kw) -> Mark:
    return Mark(
        key=f"point:{36 + i / 1000:.5f},35.00000",
        lat=35.0,
        lon=36 + i / 1000,
        label=f"Place {i}",
        n_events=i + 1,
        **kw,
    )


def test_thousands_of_marks_are_one_layer_and_one_script():
    marks = [view_mark(_mark(i), "#E69F00") for i in range(3000)]
    html = _render(marks_group(marks))
    assert html.count("L.marker(") == 1  # one loop in one script, not 3000 elements
    assert html.count("L.divIcon(") == 1
    assert "Place 2999" in html


def test_a_marks_text_is_escaped_and_cannot_close_the_script():
    hostile = Mark(
        key="place:x",
        lat=35,
        lon=38,
        label="</script><img src=x onerror=alert(1)>",
        n_events=1,
        place_id="x",
        kind="village",
    )
    html = _render(marks_group([view_mark(hostile, "#000000")]))
    assert "</script><img" not in html
    assert "&lt;img src=x" in html


def test_the_tooltip_carries_the_marks_key():
    tooltip = view_mark(_mark(1), "#000000")["tooltip"]
    assert place_id_from_tooltip(tooltip) == "point:36.00100,35.00000"
    cell = Mark(key="cell:7:10:20", lat=35, lon=38, label="Aleppo", n_events=9, n_places=3)
    assert place_id_from_tooltip(view_mark(cell, "#000")["tooltip"]) == "cell:7:10:20"


def test_a_curated_place_mark_keeps_its_data_attributes():
    ds = make_dataset()
    mark = place_mark(ds.place("qamishli"), 3, MarkStyle("#E69F00"), tooltip="t", popup="<b>p</b>")
    assert 'data-place="qamishli"' in mark["icon"] and "--c:#E69F00" in mark["icon"]
    assert mark["popup"] == "<b>p</b>"


def test_an_opened_popup_is_inert_text():
    group = folium.FeatureGroup(name="popup")
    OpenPopup(35.0, 38.0, "{{ 7*7 }} </script>").add_to(group)
    MarksLayer([]).add_to(group)
    html = _render(group)
    assert "{{ 7*7 }}" in html and "<\\/script>" in html


def test_holders_at_points_follow_the_zones_of_the_day():
    import datetime as dt

    from geodata.zones import holders_at

    ds = make_dataset()
    day = dt.date(2021, 1, 20)
    # Inside the SDF's north-east box, inside the government's west box, and in the sea.
    assert holders_at([41.0, 37.0, 30.0], [36.0, 35.0, 34.0], day, ds.zones) == ["sdf", "government", None]
    assert holders_at([41.0], [36.0], dt.date(2020, 1, 1), ds.zones) == [None]  # no snapshot yet


def test_a_store_marks_tooltip_speaks_the_pages_language():
    """A cell's or a located point's tooltip: places, events, precision and types in the
    page's language (Arabic right to left), the click key kept."""
    cell = Mark("cell:9:1:2", 36.2, 37.1, "Aleppo", 3, {"clash": 2, "demand": 1}, n_places=2, precision=2)
    en = view_mark(cell, "#000000")["tooltip"]
    assert "2 places · 3 events · located near here" in en and "clash 2" in en
    ar = view_mark(cell, "#000000", lang="ar")["tooltip"]
    assert 'dir="rtl"' in ar and "event" not in ar and "places" not in ar and "clash" not in ar
    assert "الموقع تقريبي" in ar and "cell:9:1:2" in ar
