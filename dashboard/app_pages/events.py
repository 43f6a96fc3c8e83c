"""The events in view as a table, one page at a time (asked of the store: never all rows)."""

import streamlit as st

from dashboard import exports, i18n, panels, session
from dashboard.i18n import t, tmd

PAGE_SIZES = (50, 100, 500)

ds = session.reference()
view = session.sidebar(ds, "events")
session.sync_url(view)
session.show_warnings()

place = ds.gazetteer.places.get(view.place or "")
lang = i18n.current()
only = place is not None and st.toggle(
    tmd("events.only", place=panels.local_name(place, lang)), value=True, key="events_only_place"
)
size = st.selectbox(t("events.rows"), PAGE_SIZES, key="events_page_size")
f = session.event_filter(view)
_, total = session.store().events_page(f, place.id if only else None, 0, 0)
pages = max(1, -(-total // size))
number = (
    st.number_input(t("events.page"), min_value=1, max_value=pages, value=1, step=1, key="events_page")
    if pages > 1
    else 1
)
events, total = session.store().events_page(f, place.id if only else None, (int(number) - 1) * size, size)
frame = panels.events_frame(ds, events, view.date or session.today(), lang)
text = st.text_input(t("events.filter"), key="events_filter", placeholder=t("events.filter_placeholder"))
if text.strip():
    needle = text.strip().casefold()
    mask = frame.astype(str).apply(lambda col: col.str.casefold().str.contains(needle, regex=False))
    frame = frame[mask.any(axis=1)]
st.caption(tmd("events.caption", n=total, date=view.date, page=int(number), pages=pages, rows=len(frame)))
names = panels.headers(frame, lang)
st.dataframe(
    frame.rename(columns=names),
    hide_index=True,
    width="stretch",
    key="events_table",
    height=560,
    column_config={names["url"]: st.column_config.LinkColumn(names["url"], display_text=t("events.open"))},
)
st.download_button(
    t("events.csv"),
    frame.to_csv(index=False).encode("utf-8"),
    file_name=f"zonemap-events-{view.date}.csv",
    mime="text/csv",
    key="events_csv",
)
# The exports hold every event of the filter: the full dataset is read only when one is clicked.
exports.download_buttons(session.dataset, view)
