"""The map page: control zones of a date (and, in the change view, what changed hands since an
earlier one), places and their events."""

import streamlit as st
from streamlit_folium import st_folium

from dashboard import panels, session, time_control
from dashboard.map import highlight
from dashboard.map.zone_changes import add_change_layer
from dashboard.markdown import md
from geodata.zones import snapshot_on

ds = session.dataset()
report = session.offline_report()
time_control.apply_pending()
view = session.sidebar(ds, "map")
# What the map reported since the last run (a click, a pan) comes before drawing anything.
view = session.apply_map_output(st.session_state.get("map") or {}, view)
session.show_warnings()
if not report.leaflet_ok:
    st.error("The map's JavaScript (Leaflet) is missing: run `make assets`, or install the "
             "Python package xstatic-leaflet.")

events = session.filtered_events(ds, view)
snap = snapshot_on(ds.zones, view.date)
head, share = st.columns([4, 1], vertical_alignment="bottom")
with head:
    st.markdown("##### " + md("{}", time_control.title(snap, view.date)))
    st.caption(md("{}", session.summary_line(ds, view, events)))
if note := time_control.snapshot_note(ds.zones, view.date):
    st.info(md("{}", note), icon=":material/history:")
view = time_control.controls(ds.zones, view)
session.sync_url(view)
with share:
    session.share_control(view)
changes = time_control.compared(ds, view)
m = session.map_for(ds, view)
if changes is not None:
    add_change_layer(m, ds, changes)
st_folium(
    m, key="map", height=620, use_container_width=True,
    returned_objects=["last_object_clicked_tooltip", "zoom", "center"],
    center=view.center, zoom=view.zoom,
    feature_group_to_add=highlight(ds.gazetteer.places.get(view.place or "")),
)
if line := time_control.holder_line(ds, view):
    st.caption(md("{}", line))
panels.place_panel(ds, view, events)
if changes is not None:
    time_control.change_tables(ds, changes)
