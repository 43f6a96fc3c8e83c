"""The language switch (English / العربية) in the sidebar, and the page's direction.

The language is `st.session_state["lang"]` (the switch's key), read at first from the URL's
`lang=` (`dashboard.i18n.current`); the viewers' pages keep it in the URL with the rest of the
view (`session.sync_url`), and the switch writes it there itself for the editors' pages. In
Arabic a style sheet turns the whole page right-to-left: body, sidebar, main column, tables,
forms; the map's popups carry their own `dir` (`dashboard.map.popup`).
"""

from __future__ import annotations

import contextlib

import streamlit as st

from . import i18n
from .i18n import t

# `direction` on the body and on Streamlit's containers (the sidebar is a sibling of the main
# column, so the flex row that holds them is reversed too: the sidebar on the right). Inputs
# take the page's direction; text the user types in them is `dir=auto` where it matters.
# A collapsed sidebar is slid out to the left by its width: on the right, it would stop at the
# middle of the page with a strip of its content over the map (a phone's popup too), so it is
# slid out to the right, and hidden.
RTL_CSS = """<style>
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stSidebar"],
[data-testid="stMain"], [data-testid="stHeader"] { direction: rtl; }
[data-testid="stSidebar"], [data-testid="stMain"] { text-align: right; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"], [data-testid="stAlert"], [data-testid="stExpander"],
[data-testid="stTable"], [data-testid="stDataFrame"], [data-baseweb="tab-list"],
input, textarea, select { direction: rtl; text-align: right; }
input[type="number"], [data-testid="stCode"] { direction: ltr; text-align: left; }
[data-testid="stDateInput"] input, [data-testid="stDateInputField"] { direction: ltr; }
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; transform: translateX(100vw); }
</style>"""

# Text areas and text inputs of a page that holds reports: each paragraph takes the direction of
# its first strong letter (what dir="auto" does), aligned to its own start.
AUTO_DIRECTION = """<style>
[data-testid="stTextArea"] textarea, [data-testid="stTextInput"] input {
  unicode-bidi: plaintext; text-align: start; }
</style>"""


LOADS_SEEN = "_loads_seen"  # session state: the cached loads this session has waited for


def spinner(key: str, load: object) -> contextlib.AbstractContextManager[None]:
    """A spinner saying message `key` in the page's language around a cached load (`load` tells
    it from another), the first time this session asks for it. Streamlit's own spinner of a
    cache speaks one language; one around every call would send the browser two messages (and
    start a timer) for each of the many cache hits of a run."""
    seen = st.session_state.setdefault(LOADS_SEEN, set())
    if load in seen:
        return contextlib.nullcontext()
    seen.add(load)
    return st.spinner(t(key))


def _written_to_url() -> None:
    lang = st.session_state.get(i18n.KEY, i18n.DEFAULT)
    if lang == i18n.DEFAULT:
        st.query_params.pop(i18n.KEY, None)
    else:
        st.query_params[i18n.KEY] = lang


def switch() -> str:
    """Draw the language switch at the top of the sidebar, turn the page right-to-left in
    Arabic, and return the language."""
    i18n.current()  # the URL's language on a session's first run
    lang = st.sidebar.radio(
        t("language.label"),
        options=list(i18n.LANGS),
        key=i18n.KEY,
        horizontal=True,
        format_func=lambda code: i18n.NAMES[code],
        on_change=_written_to_url,
        label_visibility="collapsed",
    )
    if lang != i18n.DEFAULT and st.query_params.get(i18n.KEY) != lang:
        st.query_params[i18n.KEY] = lang  # the editors' pages do not write the view's URL
    if i18n.is_rtl(lang):
        st.markdown(RTL_CSS, unsafe_allow_html=True)  # at once (st.html styles come at the end of the run)
    return lang
