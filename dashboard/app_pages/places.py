"""The gazetteer: find a place in Arabic or English; its names, kind, parent and holder."""

import streamlit as st

from dashboard import places_table, session
from dashboard.markdown import md
from geodata.views import EventFilter

ds = session.reference()
view = session.sidebar(ds, "places")
session.sync_url(view)
session.show_warnings()

query = st.text_input("Search places", key="places_query",
                      placeholder="e.g. الشهباء, Qamishli, Qamişlo, Hasaka")
found = places_table.search(ds, query)
st.caption(md("{} place(s) · holder as of {} · 'map' opens the place on the map", len(found),
              view.date))
table = places_table.frame(ds, found, view, session.link_base())
# Events per place as of the date, every type and actor (as the table always counted them).
counts = session.store().place_counts(EventFilter(view.date or session.today()), list(table["id"]))
table["events"] = [counts.get(pid, 0) for pid in table["id"]]
st.dataframe(
    table, hide_index=True, width="stretch",
    key="places_table", height=560,
    column_config={"map": st.column_config.LinkColumn("map", display_text="show on map")},
)
