"""About: where the data comes from, what is approximate, attributions and licences."""

import streamlit as st

from dashboard import about, session

ds = session.reference()
view = session.sidebar(ds, "about")
session.sync_url(view)
st.markdown(about.INTRO)
st.subheader("Sources of the events", anchor=False)
st.dataframe(about.sources_frame(ds, session.store().events_per_source(
    session.event_filter(view))), hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("url", display_text="open")})
st.markdown(about.APPROXIMATIONS)
st.subheader("Map assets in this installation", anchor=False)
st.dataframe(about.assets_frame(), hide_index=True, width="stretch")
st.markdown(about.LICENCES)
