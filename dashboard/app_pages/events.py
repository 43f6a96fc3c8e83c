"""The events in view as a table: sortable, filterable, downloadable."""

import streamlit as st

from dashboard import exports, panels, session
from dashboard.markdown import md
from geodata.events import events_at

ds = session.dataset()
view = session.sidebar(ds, "events")
session.sync_url(view)
session.show_warnings()

events = session.filtered_events(ds, view)
place = ds.gazetteer.places.get(view.place or "")
if place is not None and st.toggle(md("Only {} and the places inside it", place.name_en),
                                   value=True, key="events_only_place"):
    events = events_at(ds.gazetteer, events, [place.id])[place.id]
frame = panels.events_frame(ds, events, view.date or session.today())
text = st.text_input("Filter the table", key="events_filter",
                     placeholder="any word, in any column (Arabic too)")
if text.strip():
    needle = text.strip().casefold()
    mask = frame.astype(str).apply(lambda col: col.str.casefold().str.contains(needle, regex=False))
    frame = frame[mask.any(axis=1)]
st.caption(md("{} event(s) as of {}. Click a column header to sort.", len(frame), view.date))
st.dataframe(
    frame, hide_index=True, width="stretch", key="events_table", height=560,
    column_config={"url": st.column_config.LinkColumn("url", display_text="open")},
)
st.download_button("Download this table (CSV)", frame.to_csv(index=False).encode("utf-8"),
                   file_name=f"zonemap-events-{view.date}.csv", mime="text/csv",
                   key="events_csv")
exports.download_buttons(ds, view)
