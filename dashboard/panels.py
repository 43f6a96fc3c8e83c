"""Streamlit blocks shared by pages: the selected place's panel, and the events table."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geodata.dataset import Dataset
from geodata.events import SECTIONS, status_on, summary
from geodata.model import Event, LinkRel
from geodata.store import Store
from geodata.zones import controller

from . import i18n, session
from .i18n import t, tmd
from .map.popup import esc, local_faction, local_name, safe_url, section_key, text_dir
from .view_state import ViewState

PANEL_LIMIT = 50


def place_panel(ds: Dataset, view: ViewState) -> None:
    """The selected place: names, who holds it, and its newest `PANEL_LIMIT` events (asked of
    the store: the place and the places inside it, in the view's filter) under the map."""
    place = ds.gazetteer.places.get(view.place or "")
    if place is None:
        st.info(t("panel.hint"))
        return
    day = view.date or dt.date.today()
    holder = controller(place, day, ds.zones)
    faction = ds.factions.get(holder.faction) if holder else None
    parent = ds.gazetteer.places.get(place.parent) if place.parent else None
    lang = view.lang
    head, close = st.columns([6, 1])
    with head:
        bits = [i18n.text(lang, f"kind.{place.kind.value}")]
        if parent:
            bits.append(i18n.text(lang, "panel.in", place=local_name(parent, lang)))
        held = (
            i18n.text(lang, "panel.held", faction=local_faction(faction, lang), date=day)
            if faction
            else i18n.text(lang, "panel.uncovered", date=day)
        )
        names = (
            f'<span dir="rtl" lang="ar">{esc(place.name_ar)}</span> · '
            f'<span dir="ltr" lang="en">{esc(place.name_en)}</span>'
            if i18n.is_rtl(lang)
            else f'{esc(place.name_en)} · <span dir="rtl" lang="ar">{esc(place.name_ar)}</span>'
        )
        st.html(
            f'<div class="zm-panel-title" data-place="{esc(place.id)}" style="font-size:1.5rem;'
            f'font-weight:600">{names}</div><div style="color:#555">'
            f"{esc(' · '.join([*bits, held]))}</div>"
        )
    with close:
        if st.button(t("panel.clear"), key="clear_place", help=t("panel.clear_help")):
            session.select_place(None)
            st.rerun()
    store = session.store()
    newest, total = store.place_events(place.id, session.event_filter(view), PANEL_LIMIT)
    if not newest:
        st.write(t("panel.none"))
        return
    st.caption(
        tmd("panel.count", n=total) + (tmd("panel.newest", n=PANEL_LIMIT) if total > PANEL_LIMIT else "")
    )
    by_id = counterparts(store, newest)
    blocks = []
    for title, types in SECTIONS.items():
        items = [e for e in newest if e.type in types]
        if items:
            blocks.append(f"<p><b>{esc(i18n.text(lang, section_key(title)))}</b></p>")
            blocks += [_event_block(ds, e, day, by_id, lang) for e in items]
    # One element for the whole list: as one block per event (a bordered container and three
    # or four st.html each), the newest 50 events were ~200 elements, each its own message to
    # the browser, on every rerun that showed the panel (a click on a place).
    st.html(f'<div class="zm-panel-events">{"".join(blocks)}</div>')


def counterparts(store: Store, events: list[Event]) -> dict[str, Event]:
    """The events traded for `events` ("in exchange for"), fetched by id."""
    ids = [i for e in events for i in e.linked(LinkRel.IN_EXCHANGE_FOR)]
    return {e.id: e for e in store.events_by_id(ids)} if ids else {}


EVENT_BOX = "border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.6rem .9rem;margin:0 0 .6rem"


def _event_block(ds: Dataset, e: Event, day: dt.date, by_id: dict[str, Event], lang: str = "en") -> str:
    """One event of the panel as HTML, every text escaped (report text is never Markdown or
    markup)."""
    status = status_on(e, day)
    meta = [e.date.isoformat()]
    if status:
        meta.append(i18n.text(lang, f"status.{status.value}"))
    if e.since:
        meta.append(i18n.text(lang, "panel.since", date=e.since))
    if e.until:
        meta.append(i18n.text(lang, "panel.until", date=e.until))
    meta.append(
        i18n.text(lang, "panel.confidence", level=i18n.text(lang, f"confidence.{e.confidence.value}"))
    )
    # The interface's language first; the other below it, each in its own direction.
    (first, code1), (second, code2) = (summary(e, ds, lang), lang), (summary(e, ds, other(lang)), other(lang))
    parts = [
        f'<div dir="{i18n.direction(code1)}" lang="{code1}"><b>{esc(first)}</b></div>'
        f'<div dir="{i18n.direction(code2)}" lang="{code2}">{esc(second)}</div>'
        f'<div style="color:#555;font-size:.9em">{esc(" · ".join(meta))}</div>'
    ]
    trades = [by_id[i] for i in e.linked(LinkRel.IN_EXCHANGE_FOR) if i in by_id]
    if trades:
        names = "; ".join(
            f"{x.object_en or x.type.value} ({', '.join(_place_name(ds, p, lang) for p in x.places)})"
            for x in trades
        )
        parts.append(f"<div><i>{esc(i18n.text(lang, 'panel.exchange'))}</i> {esc(names)}</div>")
    quote_dir = text_dir(e.evidence.quote, e.evidence.lang)  # an English quote stays LTR
    side = "right" if quote_dir == "rtl" else "left"
    parts.append(
        f'<blockquote dir="{quote_dir}" lang="{esc(e.evidence.lang)}" style="border-{side}:3px'
        f' solid #999;margin:.3rem 0;padding:2px 10px;text-align:{side}">{esc(e.evidence.quote)}'
        "</blockquote>"
    )
    url = safe_url(e.source.url)
    src = esc(e.source.outlet)
    link = f'<a href="{url}" target="_blank" rel="noopener noreferrer">{src}</a>' if url else src
    published = f', <bdi dir="ltr">{esc(e.source.published)}</bdi>' if e.source.published else ""
    parts.append(f"<small>{esc(i18n.text(lang, 'panel.source'))}: {link}{published}</small>")
    return f'<div class="zm-panel-event" data-event="{esc(e.id)}" style="{EVENT_BOX}">{"".join(parts)}</div>'


def other(lang: str) -> str:
    return "en" if i18n.is_rtl(lang) else "ar"


def _place_name(ds: Dataset, pid: str, lang: str = "en") -> str:
    p = ds.gazetteer.places.get(pid)
    return local_name(p, lang) if p else pid


def events_frame(ds: Dataset, events: list[Event], day: dt.date, lang: str = "en") -> pd.DataFrame:
    """The events as a table: in English the stored values (type and status ids, English names);
    in Arabic the Arabic names and words."""
    rtl = i18n.is_rtl(lang)

    def actor(aid: str | None) -> str:
        if aid not in ds.actors:
            return aid or ""
        return (ds.actors[aid].name_ar or ds.actors[aid].name_en) if rtl else ds.actors[aid].name_en

    def word(family: str, value: str) -> str:
        return i18n.text(lang, f"{family}.{value}") if rtl and value else value

    rows = []
    for e in events:
        status = status_on(e, day)
        rows.append(
            {
                "date": e.date,
                "type": i18n.text(lang, f"type.{e.type.value}.singular") if rtl else e.type.value,
                "actor": actor(e.actor),
                "target": actor(e.target),
                "places": ("، " if rtl else ", ").join(_place_name(ds, p, lang) for p in e.places),
                "what": (e.object_ar if rtl else None) or e.object_en or "",
                "status": word("status", status.value if status else ""),
                "since": e.since,
                "until": e.until,
                "in exchange for": ", ".join(e.linked(LinkRel.IN_EXCHANGE_FOR)),
                "confidence": word("confidence", e.confidence.value),
                "quote (Arabic)": e.evidence.quote,
                "source": e.source.outlet,
                "url": e.source.url if safe_url(e.source.url) else None,
                "id": e.id,
            }
        )
    columns = [
        "date",
        "type",
        "actor",
        "target",
        "places",
        "what",
        "status",
        "since",
        "until",
        "in exchange for",
        "confidence",
        "quote (Arabic)",
        "source",
        "url",
        "id",
    ]
    return pd.DataFrame(rows, columns=columns)


def headers(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """A table's column names in `lang` (`column.<name>`); the CSV keeps the English ones."""
    return {c: i18n.text(lang, i18n.column_key(c)) for c in frame.columns}
