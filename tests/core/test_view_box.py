"""The box a map view asks for (`geodata.views.view_box`): it covers the screen wherever the map
is centred, and a pan within a grid square asks for the same box, so the dashboard can keep the
data layer it sent (issue 10: a pan answers at once; issue 14: a click whose popup pans the map
reuses the marks)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geodata.views import SNAP_PX, VIEW_PX, view_box


def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator world pixel of a point (what Leaflet draws)."""
    scale = 256 * 2**zoom
    siny = math.sin(math.radians(lat))
    return (lon + 180) / 360 * scale, (0.5 - math.log((1 + siny) / (1 - siny)) / (4 * math.pi)) * scale


def _screen_corners(lat: float, lon: float, zoom: int) -> list[tuple[float, float]]:
    """(lat, lon) of the screen's corners: `VIEW_PX` pixels around the centre."""
    scale = 256 * 2**zoom
    x, y = _pixel(lat, lon, zoom)
    out = []
    for dx in (-1, 1):
        for dy in (-1, 1):
            px, py = x + dx * VIEW_PX[0] / 2, y + dy * VIEW_PX[1] / 2
            out.append(
                (math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale)))), px / scale * 360 - 180)
            )
    return out


@given(
    lat=st.floats(32.0, 37.5),
    lon=st.floats(35.5, 42.5),
    zoom=st.integers(5, 17),
)
def test_the_box_covers_the_screen_wherever_the_map_is_centred(lat, lon, zoom):
    box = view_box(lat, lon, zoom)
    for c_lat, c_lon in _screen_corners(lat, lon, zoom):
        assert box.west <= c_lon + 1e-9 and c_lon - 1e-9 <= box.east
        assert box.south <= c_lat + 1e-9 and c_lat - 1e-9 <= box.north


@pytest.mark.parametrize("zoom", [7, 10, 13])
def test_a_small_pan_asks_for_the_same_box_and_a_long_one_for_another(zoom):
    scale = 256 * 2**zoom
    # A centre in the middle of its grid square, then moved a quarter step each way.
    x, y = (round(v / SNAP_PX) * SNAP_PX for v in _pixel(36.2, 37.16, zoom))

    def at(px: float, py: float) -> tuple[float, float]:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale)))), px / scale * 360 - 180

    here = view_box(*at(x, y), zoom)
    for dx, dy in ((SNAP_PX / 4, 0), (0, -SNAP_PX / 4), (-SNAP_PX / 3, SNAP_PX / 3)):
        assert view_box(*at(x + dx, y + dy), zoom) == here
    moved = view_box(*at(x + SNAP_PX, y), zoom)
    assert moved != here
    assert moved.west > here.west  # the box follows a pan of a whole step


def test_the_box_is_clamped_to_the_world():
    box = view_box(0.0, 179.9, 3)
    assert box.west >= -180 and box.east <= 180 and box.south >= -90 and box.north <= 90
