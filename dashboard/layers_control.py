"""The sidebar's "Layers and background" expander: which control zones the map shows, and its
background. Its widgets are drawn only while it is open (Streamlit's lazy expander: opening or
closing it is a rerun), because drawing them took a new reader's browser about a tenth of a
second before the map was drawn (benchmarks/bench_map.py), for an expander that is closed when
the page opens. Closed, the view keeps the layers and background it has (a layer toggled in the
map's own control included), and the widgets' keys go, so that `session._seed_widgets` seeds
them from the view when it opens again: Streamlit would otherwise keep the widgets' first
values under their keys and reset the view to them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from geodata.dataset import Dataset

from . import i18n
from .i18n import t

LAYERS_OPEN = "layers_open"  # session state: whether the expander is open
KEYS = ("layers", "basemap")  # its widgets' keys


def layers_control(sidebar: Any, ds: Dataset, lang: str) -> bool:
    """Draw the expander in `sidebar`, its widgets only while it is open; whether they were."""
    box = sidebar.expander(t("sidebar.layers"), key=LAYERS_OPEN, on_change="rerun")
    if not box.open:
        for key in KEYS:
            st.session_state.pop(key, None)
        return False
    name = "name_ar" if i18n.is_rtl(lang) else "name_en"
    with box:
        st.multiselect(
            t("sidebar.zones_shown"),
            options=list(ds.factions),
            key="layers",
            format_func=lambda f: getattr(ds.factions[f], name, None) or ds.factions[f].name_en,
        )
        st.radio(
            t("sidebar.background"),
            options=["offline", "osm"],
            key="basemap",
            horizontal=False,
            format_func=lambda b: i18n.text(lang, f"sidebar.background_{b}"),
        )
    return True
