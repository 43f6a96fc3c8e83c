"""The gazetteer: find a place in Arabic or English; its names, kind, parent and holder."""

import streamlit as st

from dashboard import i18n, places_table, session
from dashboard.i18n import t, tmd
from geodata.views import EventFilter

ds = session.reference()
view = session.sidebar(ds, "places")
session.sync_url(view)
session.show_warnings()

query = st.text_input(t("places.search"), key="places_query", placeholder=t("places.placeholder"))
found = places_table.search(ds, query)
st.caption(tmd("places.caption", n=len(found), date=view.date))
table = places_table.frame(ds, found, view, session.link_base())
names = places_table.headers(i18n.current(), view.date or session.today())
# Events per place as of the date, every type and actor (as the table always counted them).
ids = list(table[names["id"]])
counts = session.store().place_counts(EventFilter(view.date or session.today()), ids)
table[names["events"]] = [counts.get(pid, 0) for pid in ids]
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    key="places_table",
    height=560,
    column_config={
        names["map"]: st.column_config.LinkColumn(names["map"], display_text=t("places.show_on_map"))
    },
)
