"""Zonemap's dashboard: `streamlit run dashboard/app.py` (or `zonemap serve`). Sets the page up
and the navigation; each page is in `app_pages/`. The editor pages are in the navigation of a
signed-in editor only (`dashboard.account`).

The folder is not called `pages/`: Streamlit treats a `pages/` folder beside the main script as
an old-style multipage app whenever a process's first request asks for a page other than the
main one (and in every AppTest rerun), and then runs the page file directly, without this
script: its navigation would list every file in the folder, editor pages included."""

from pathlib import Path

import streamlit as st

from dashboard import account, language, session
from dashboard.i18n import t

# A local favicon: a Material icon or an emoji here would be fetched from a font CDN.
st.set_page_config(
    page_title=t("app.title"),
    page_icon=str(Path(__file__).with_name("favicon.png")),
    layout="wide",
    initial_sidebar_state="auto",
)  # collapsed on a phone
language.switch()  # before anything is drawn: the page's language and direction
pages: dict[str, list] = {
    "": [
        st.Page("app_pages/map.py", title=t("page.map"), icon=":material/map:", default=True),
        st.Page(
            "app_pages/events.py", title=t("page.events"), icon=":material/table_rows:", url_path="events"
        ),
        st.Page(
            "app_pages/places.py", title=t("page.places"), icon=":material/location_on:", url_path="places"
        ),
        st.Page("app_pages/about.py", title=t("page.about"), icon=":material/info:", url_path="about"),
    ]
}
if account.editor() is not None:
    pages[t("page.editors")] = [
        st.Page("app_pages/review.py", title=t("page.review"), icon=":material/post_add:", url_path="review"),
        st.Page("app_pages/edit.py", title=t("page.edit"), icon=":material/edit:", url_path="edit"),
        st.Page(
            "app_pages/imports.py", title=t("page.import"), icon=":material/upload_file:", url_path="import"
        ),
    ]
store = session.store()
try:
    st.navigation(pages).run()
    account.sidebar()
finally:
    # Also when a page stops or reruns: no run leaves its database connection open. Only this
    # run's own connection: another run of the session may be mid-query in its thread. (No
    # Streamlit call here: after st.stop() the next one would raise before closing.)
    store.release()
