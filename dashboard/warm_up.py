"""The server's warm-up: what every reader's first run needs, made as the server starts rather
than while the first reader waits.

A server's first page took ~4 s of script on the shipped data (1M events: longer) against
~0.3 s for the next reader's: a second of imports, two of reading the places, zones and
sources and building the gazetteer, then the store's event columns and place index. All of it
is kept for the process (Streamlit's resource cache, the store's per-database caches), so made
once here, in a thread started by the server's lifespan (`server.py`), it is there for the
first reader; a reader who comes sooner waits on the same cache lock instead of doing the work
twice. A failure here is only logged: the first reader then loads the data and sees the error,
as without a warm-up."""

from __future__ import annotations

import logging
import threading

import streamlit as st

log = logging.getLogger(__name__)


def start() -> threading.Thread:
    """Warm up in a daemon thread (the server starts serving at once)."""
    thread = threading.Thread(target=run, name="zonemap-warm-up", daemon=True)
    thread.start()
    return thread


def run() -> None:
    """Import the page's modules and load the reference data and the store's view caches."""
    try:
        # Not `live_map`: streamlit_folium declares its component when imported, and one
        # declared outside a page's run is not the one the page's runs find (the map stayed
        # empty). These modules bring folium, shapely and the store with them.
        from dashboard import data, session

        st.secrets.load_if_toml_exists()  # as a page's run reads them first (session.store_key)
        settings = data.settings()
        store = data.connect(settings)
        try:  # cached as session.reference caches it: the same function, key and revision
            session.references(store, data.store_key(settings), store.revision())
            store.warm()
        finally:
            store.close()
    except Exception:  # the first reader's run reports it; nothing here may stop the server
        log.warning("warm-up failed: the first reader loads the data", exc_info=True)
