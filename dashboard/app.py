"""Zonemap's dashboard: `streamlit run dashboard/app.py` (or `zonemap serve`). Sets the page up
and the navigation; each page is in `pages/`."""

import streamlit as st

st.set_page_config(page_title="Zonemap: who controls what in Syria", page_icon="🗺️",
                   layout="wide", initial_sidebar_state="expanded")
pages = [
    st.Page("pages/map.py", title="Map", icon="🗺️", default=True),
    st.Page("pages/events.py", title="Events", icon="📋", url_path="events"),
    st.Page("pages/places.py", title="Places", icon="📍", url_path="places"),
    st.Page("pages/about.py", title="About", icon="ℹ️", url_path="about"),
]
st.navigation(pages).run()
