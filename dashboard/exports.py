"""Download buttons for `geodata.exports`: the events in view (or the control zones in force, or
the gazetteer) as GeoJSON, CSV, KML, GeoPackage, or a standalone HTML map that works offline.
For everyone: exporting reads only. Each file is made when its button is clicked, not on every
rerun (a GeoPackage goes through GDAL; the HTML map inlines Leaflet and the tiles)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from geodata.dataset import Dataset
from geodata.formats import FORMATS, SUFFIX, export_bytes, select

from . import i18n
from .i18n import t
from .markdown import md
from .view_state import ViewState

MIME = {
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "kml": "application/vnd.google-earth.kml+xml",
    "gpkg": "application/geopackage+sqlite3",
    "html": "text/html",
}
WHAT = ("events", "zones", "places")  # named in the catalogue: export.what_<what>, format_<fmt>


def formats_for(what: str) -> list[str]:
    """The HTML map shows events on the map of their date; the other formats hold any kind."""
    return [f for f in FORMATS if f != "html" or what == "events"]


def maker(load: Callable[[], Dataset], view: ViewState, what: str, fmt: str) -> Callable[[], bytes]:
    """What a download button calls: the export of `what` as the view selects it. The data is
    loaded (`load`) only then: an export holds every event of the filter, a page never does."""
    kwargs: dict = {"day": view.date}
    if what == "events":
        kwargs["types"] = set(view.types) or None
        if view.actors:
            kwargs["select_fn"] = functools.partial(_select_actors, actors=frozenset(view.actors))

    def make() -> bytes:
        return export_bytes(load(), what, fmt, **kwargs)

    return make


def _select_actors(dataset: Dataset, what: str, *, actors: frozenset[str], **kwargs) -> list:
    """`geodata.exports.select`, keeping the events in which one of `actors` takes part."""
    found = select(dataset, what, **kwargs)
    return [e for e in found if {e.actor, e.target, e.mediator} & actors]


def file_name(what: str, fmt: str, view: ViewState) -> str:
    return f"zonemap-{what}-{view.date}{SUFFIX[fmt]}"


def download_buttons(load: Callable[[], Dataset], view: ViewState) -> None:
    lang = view.lang
    with st.expander(t("export.title"), icon=":material/download:"):
        what = st.radio(
            t("export.what"),
            list(WHAT),
            key="export_what",
            horizontal=True,
            format_func=lambda w: i18n.text(lang, f"export.what_{w}"),
        )
        cols = st.columns(len(FORMATS))
        for col, fmt in zip(cols, formats_for(what), strict=False):
            col.download_button(
                md("{}", i18n.text(lang, f"export.format_{fmt}")),
                data=maker(load, view, what, fmt),
                file_name=file_name(what, fmt, view),
                mime=MIME[fmt],
                key=f"export_{fmt}",
                on_click="ignore",
                width="stretch",
            )
        st.caption(t("export.caption"))
