"""The map page: control zones of a date (and, in the change view, what changed hands since an
earlier one), places and their events."""

import streamlit as st

from dashboard import session, time_control
from dashboard.i18n import t
from dashboard.live_map import base_key, live_map
from dashboard.map.zone_changes import add_change_layer
from dashboard.markdown import md
from geodata.zones import snapshot_on

st.session_state["_page_runs"] = st.session_state.get("_page_runs", 0) + 1
ds = session.reference()
report = session.offline_report()
time_control.apply_pending()
view = session.sidebar(ds, "map")
# What the map reported since the last run (a click, a pan) comes before drawing anything.
view = session.apply_map_output(st.session_state.get("map") or {}, view)
st.session_state.pop("map_clicked", None)  # a full run (a filter changed): no popup to open
session.show_warnings()
if not report.leaflet_ok:
    st.error(t("map.no_leaflet"))

n_events = session.store().event_count(session.event_filter(view))
snap = snapshot_on(ds.zones, view.date)
head, share = st.columns([4, 1], vertical_alignment="bottom")
with head:
    st.markdown("##### " + md("{}", time_control.headline(snap, view.date, view.lang)))
    st.caption(md("{}", session.summary_line(ds, view, n_events)))
if note := time_control.snapshot_note(ds.zones, view.date, view.lang):
    st.info(md("{}", note), icon=":material/history:")
view = time_control.controls(ds.zones, view)
session.sync_url(view)
with share:
    session.share_control(view)
changes = time_control.compared(ds, view)


def base_map():
    """The map under the live data layer: the zones of the date, the change view if any."""
    m = session.map_for(ds, view)
    if changes is not None:
        add_change_layer(m, ds, changes, show="changes" not in view.hide, lang=view.lang)
    return m


live_map(ds, base_map, base_key(view))
if changes is not None:
    time_control.change_tables(ds, changes)
