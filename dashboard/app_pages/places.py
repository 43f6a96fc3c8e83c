"""The gazetteer: find a place in Arabic or English; its names, kind, parent and holder."""

import streamlit as st

from dashboard import places_table, session
from dashboard.markdown import md

ds = session.dataset()
view = session.sidebar(ds, "places")
session.sync_url(view)
session.show_warnings()

query = st.text_input("Search places", key="places_query",
                      placeholder="e.g. الشهباء, Qamishli, Qamişlo, Hasaka")
found = places_table.search(ds, query)
st.caption(md("{} place(s) · holder as of {} · 'map' opens the place on the map", len(found),
              view.date))
st.dataframe(
    places_table.frame(ds, found, view, session.link_base()), hide_index=True, width="stretch",
    key="places_table", height=560,
    column_config={"map": st.column_config.LinkColumn("map", display_text="show on map")},
)
