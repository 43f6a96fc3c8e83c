"""The floor under "map drawn" (bench_map.py): a Streamlit page that holds nothing but an
st_folium map of `MARKS` marks, served on this machine as the dashboard is.

A fresh browser's page on the 2-core machine spends most of its time in Streamlit's frontend
(its scripts, React) and in st_folium's frame before the first mark of any map is drawn; the
dashboard's own share is what its page takes beyond this one. Leaflet comes from a running
Zonemap server (`BARE_MAP_LEAFLET`: the URL of its `app/static/vendor/leaflet/`), as the
dashboard's own does, so that nothing is fetched from the internet.

    BARE_MAP_LEAFLET=http://127.0.0.1:8501/app/static/vendor/leaflet \\
        streamlit run benchmarks/bare_map_page.py
"""

import os
from typing import ClassVar

import folium
from streamlit_folium import st_folium

MARKS = 100
LEAFLET = os.environ.get("BARE_MAP_LEAFLET", "/app/static/vendor/leaflet").rstrip("/")


class BareMap(folium.Map):
    """folium's map with Leaflet only (folium's default also loads jQuery, Bootstrap and more)."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", f"{LEAFLET}/leaflet.js")]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", f"{LEAFLET}/leaflet.css")]


m = BareMap(location=[36.0, 39.0], zoom_start=7, tiles=None)
marks = folium.FeatureGroup()
for i in range(MARKS):
    point = [35.0 + (i % 10) * 0.2, 37.0 + (i // 10) * 0.3]
    folium.Marker(point, icon=folium.DivIcon(html=f"<div>{i}</div>")).add_to(marks)
st_folium(
    m,
    feature_group_to_add=marks,
    key="map",
    height=620,
    use_container_width=True,
    returned_objects=[],
)
