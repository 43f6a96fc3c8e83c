"""The map page: control zones, places and their events as of a date."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import panels, session
from dashboard.map import highlight
from dashboard.markdown import md

ds = session.dataset()
report = session.offline_report()
view = session.sidebar(ds, "map")
# What the map reported since the last run (a click, a pan) comes before drawing anything.
view = session.apply_map_output(st.session_state.get("map") or {}, view)
session.sync_url(view)
session.show_warnings()
if not report.leaflet_ok:
    st.error("The map's JavaScript (Leaflet) is missing: run `make assets`, or install the "
             "Python package xstatic-leaflet.")

events = session.filtered_events(ds, view)
head, share = st.columns([4, 1], vertical_alignment="bottom")
with head:
    st.markdown("##### " + md("Who holds what, and what is demanded, as of {}",
                              f"{view.date.day} {view.date:%B %Y}"))
    st.caption(md("{}", session.summary_line(ds, view, events)))
with share:
    session.share_control(view)
st_folium(
    session.map_for(ds, view), key="map", height=620, use_container_width=True,
    returned_objects=["last_object_clicked_tooltip", "zoom", "center"],
    center=view.center, zoom=view.zoom,
    feature_group_to_add=highlight(ds.gazetteer.places.get(view.place or "")),
)
panels.place_panel(ds, view, events)
