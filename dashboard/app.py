"""Zonemap's dashboard: `streamlit run dashboard/app.py` (or `zonemap serve`). Sets the page up
and the navigation; each page is in `pages/`."""

from pathlib import Path

import streamlit as st

# A local favicon: a Material icon or an emoji here would be fetched from a font CDN.
st.set_page_config(page_title="Zonemap: who controls what in Syria",
                   page_icon=str(Path(__file__).with_name("favicon.png")),
                   layout="wide", initial_sidebar_state="expanded")
pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:", url_path="events"),
    st.Page("pages/places.py", title="Places", icon=":material/location_on:", url_path="places"),
    st.Page("pages/review.py", title="Add report", icon=":material/post_add:", url_path="review"),
    st.Page("pages/about.py", title="About", icon=":material/info:", url_path="about"),
]
st.navigation(pages).run()
