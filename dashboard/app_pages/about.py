"""About: where the data comes from, what is approximate, attributions and licences."""

import streamlit as st

from dashboard import about, i18n, panels, session
from dashboard.i18n import t

ds = session.reference()
view = session.sidebar(ds, "about")
session.sync_url(view)
lang = i18n.current()
st.markdown(about.TEXTS[lang]["intro"])
st.subheader(t("about.sources"), anchor=False)
sources = about.sources_frame(ds, session.store().events_per_source(session.event_filter(view)))
names = panels.headers(sources, lang)
st.dataframe(
    sources.rename(columns=names),
    hide_index=True,
    width="stretch",
    column_config={names["url"]: st.column_config.LinkColumn(names["url"], display_text=t("events.open"))},
)
st.markdown(about.TEXTS[lang]["approximations"])
st.subheader(t("about.assets"), anchor=False)
assets = about.assets_frame()
st.dataframe(assets.rename(columns=panels.headers(assets, lang)), hide_index=True, width="stretch")
st.markdown(about.TEXTS[lang]["licences"])
