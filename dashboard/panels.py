"""Streamlit blocks shared by pages: the selected place's panel, and the events table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geodata.dataset import Dataset
from geodata.events import SECTIONS, status_on, summary_ar, summary_en
from geodata.model import Event, LinkRel
from geodata.store import Store
from geodata.zones import controller

from . import session
from .map.popup import esc, safe_url
from .markdown import md
from .view_state import ViewState

PANEL_LIMIT = 50


def place_panel(ds: Dataset, view: ViewState) -> None:
    """The selected place: names, who holds it, and its newest `PANEL_LIMIT` events (asked of
    the store: the place and the places inside it, in the view's filter) under the map."""
    place = ds.gazetteer.places.get(view.place or "")
    if place is None:
        st.info("Click a place on the map (or find one in the sidebar) to list its events here.")
        return
    day = view.date or dt.date.today()
    holder = controller(place, day, ds.zones)
    faction = ds.factions.get(holder.faction) if holder else None
    parent = ds.gazetteer.places.get(place.parent) if place.parent else None
    head, close = st.columns([6, 1])
    with head:
        bits = [place.kind.value]
        if parent:
            bits.append(f"in {parent.name_en}")
        held = (f"held by {faction.name_en} on {day}" if faction
                else f"no control zone covers it on {day}")
        st.html(
            f'<div class="zm-panel-title" data-place="{esc(place.id)}" style="font-size:1.5rem;'
            f'font-weight:600">{esc(place.name_en)} · <span dir="rtl" lang="ar">'
            f'{esc(place.name_ar)}</span></div><div style="color:#555">'
            f"{esc(' · '.join([*bits, held]))}</div>"
        )
    with close:
        if st.button("Clear", key="clear_place", help="Unselect this place"):
            session.select_place(None)
            st.rerun()
    store = session.store()
    newest, total = store.place_events(place.id, session.event_filter(view), PANEL_LIMIT)
    if not newest:
        st.write("No events at this place (or inside it) in the current filter.")
        return
    st.caption(md("{} event(s) here and at the places inside it", total)
               + (md("; the newest {} are shown", PANEL_LIMIT) if total > PANEL_LIMIT else ""))
    by_id = counterparts(store, newest)
    for title, types in SECTIONS.items():
        items = [e for e in newest if e.type in types]
        if not items:
            continue
        st.html(f"<b>{esc(title)}</b>")
        for e in items:
            _event_block(ds, e, day, by_id)


def counterparts(store: Store, events: list[Event]) -> dict[str, Event]:
    """The events traded for `events` ("in exchange for"), fetched by id."""
    ids = [i for e in events for i in e.linked(LinkRel.IN_EXCHANGE_FOR)]
    return {e.id: e for e in store.events_by_id(ids)} if ids else {}


def _event_block(ds: Dataset, e: Event, day: dt.date, by_id: dict[str, Event]) -> None:
    status = status_on(e, day)
    meta = [e.date.isoformat()]
    if status:
        meta.append(status.value)
    if e.since:
        meta.append(f"since {e.since}")
    if e.until:
        meta.append(f"until {e.until}")
    with st.container(border=True):
        # Report text goes through st.html, escaped: never rendered as Markdown or markup.
        st.html(f"<div><b>{esc(summary_en(e, ds))}</b></div>"
                f'<div dir="rtl" lang="ar" style="text-align:right">{esc(summary_ar(e, ds))}</div>'
                f'<div style="color:#555;font-size:.9em">{esc(" · ".join(meta))} · '
                f"confidence {esc(e.confidence.value)}</div>")
        trades = [by_id[i] for i in e.linked(LinkRel.IN_EXCHANGE_FOR) if i in by_id]
        if trades:
            names = "; ".join(
                f"{t.object_en or t.type.value} ({', '.join(_place_name(ds, p) for p in t.places)})"
                for t in trades
            )
            st.html(f"<div><i>In exchange for:</i> {esc(names)}</div>")
        st.html(
            f'<blockquote dir="rtl" lang="ar" style="border-right:3px solid #999;margin:0;'
            f'padding:2px 10px;text-align:right">{esc(e.evidence.quote)}</blockquote>'
        )
        url = safe_url(e.source.url)
        src = esc(e.source.outlet)
        link = f'<a href="{url}" target="_blank" rel="noopener noreferrer">{src}</a>' if url else src
        published = f", {esc(e.source.published)}" if e.source.published else ""
        st.html(f"<small>Source: {link}{published}</small>")


def _place_name(ds: Dataset, pid: str) -> str:
    p = ds.gazetteer.places.get(pid)
    return p.name_en if p else pid


def events_frame(ds: Dataset, events: list[Event], day: dt.date) -> pd.DataFrame:
    def actor(aid: str | None) -> str:
        return ds.actors[aid].name_en if aid in ds.actors else (aid or "")

    rows = []
    for e in events:
        status = status_on(e, day)
        rows.append({
            "date": e.date,
            "type": e.type.value,
            "actor": actor(e.actor),
            "target": actor(e.target),
            "places": ", ".join(_place_name(ds, p) for p in e.places),
            "what": e.object_en or "",
            "status": status.value if status else "",
            "since": e.since,
            "until": e.until,
            "in exchange for": ", ".join(e.linked(LinkRel.IN_EXCHANGE_FOR)),
            "confidence": e.confidence.value,
            "quote (Arabic)": e.evidence.quote,
            "source": e.source.outlet,
            "url": e.source.url if safe_url(e.source.url) else None,
            "id": e.id,
        })
    columns = ["date", "type", "actor", "target", "places", "what", "status", "since", "until",
               "in exchange for", "confidence", "quote (Arabic)", "source", "url", "id"]
    return pd.DataFrame(rows, columns=columns)
