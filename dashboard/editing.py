"""The Edit page (editors only): forms to add, change and delete events and places, and a
control zone's validity dates (the forms' values as records are `dashboard.form_values`, the
audit log `dashboard.audit`, "Undo last change" `dashboard.undo`).

Every write runs in a widget callback -- before the script, so the rerun that follows already
reads the new revision of the store -- as one call to the Editor (one transaction, one audited
change); a refused write becomes a message, never a traceback, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from geodata.dataset import Dataset
from geodata.errors import ZonemapError
from geodata.events import TYPE_LABELS
from geodata.model import (
    Confidence,
    ControlZone,
    Event,
    EventType,
    Place,
    PlaceKind,
    ReviewStatus,
    Status,
)
from geodata.store import Editor

from . import account, i18n, session
from .form_values import EmptyFields, event_defaults, event_from_form, place_defaults, place_from_form
from .i18n import t
from .markdown import md

NEW = ""  # the pick of "a new record"
ERROR = "_edit_error"  # session state: why the last write was refused
LOADED = "_edit_loaded"  # session state: by form, (record id, record, version) it was loaded from
EARLIEST = dt.date(1900, 1, 1)
ONE_DAY = dt.timedelta(days=1)  # (a zone dated 9999-12-31 has no day after it)


def _latest(key: str) -> dt.date:
    """The end of the date picker `key`: a year after today (`session.horizon`; the store
    refuses zones dated later), or the date it holds when that is later (a zone stored before
    the limits). Without an explicit end Streamlit ends a picker ten years after the date it
    holds and silently drops a later date entered: once 2015-01-01 had been tried as a zone's
    start, its own start of 2026-01-25 could not be entered again."""
    held = st.session_state.get(key)
    return max(session.horizon(), held) if isinstance(held, dt.date) else session.horizon()


# -- writing -----------------------------------------------------------------------------------


def _write(what: str, fn: Callable[[Editor], str]) -> bool:
    """Run one write for the signed-in editor; say what it did, or why nothing changed."""
    st.session_state.pop(ERROR, None)
    ed = account.editor()
    if ed is None:
        st.session_state[ERROR] = t("edit.signed_out", what=what)
        return False
    try:
        done = fn(ed)
    except EmptyFields as exc:  # ours: said in the page's language
        st.session_state[ERROR] = t("edit.refused", what=what, reason=exc.text(i18n.current()))
        return False
    except (PermissionError, ZonemapError, ValueError, LookupError) as exc:  # the store's: English
        st.session_state[ERROR] = t("edit.refused", what=what, reason=exc)
        return False
    account.flash(done)
    return True


def show_error() -> None:
    message = st.session_state.pop(ERROR, None)
    if message:
        st.error(md("{}", message), icon=":material/error:")


def _form_values(prefix: str) -> dict[str, Any]:
    return {k: v for k, v in st.session_state.items() if isinstance(k, str) and k.startswith(prefix)}


def _load(defaults: Mapping[str, Any], *, force: bool) -> None:
    for key, value in defaults.items():
        if force or key not in st.session_state:
            st.session_state[key] = value


def _hold(form: str, table: str, record_id: str) -> Any:
    """Read afresh what `form` edits: a record (None: new) and its version, which its save passes."""
    found = session.store().versioned(table, record_id) if record_id else None
    record, version = found if found is not None else (None, None)
    st.session_state.setdefault(LOADED, {})[form] = (record_id, record, version)
    return record


def _held(form: str, table: str, record_id: str) -> tuple[Any, int | None]:
    """The record `form` edits and the version it was read at (read now if it holds another)."""
    held = st.session_state.get(LOADED, {}).get(form)
    if held is None or held[0] != record_id:
        _hold(form, table, record_id)
    return st.session_state[LOADED][form][1:]


# -- events ------------------------------------------------------------------------------------


def _event_label(ds: Dataset, e: Event, nowhere: str, lang: str) -> str:
    """An event in the pick list (Arabic names and words in Arabic; `lang` is taken when the
    list is drawn: Streamlit may format its options later, outside the script's run)."""
    rtl, places = i18n.is_rtl(lang), ds.gazetteer.places
    names = [
        (places[p].name_ar or places[p].name_en) if rtl else places[p].name_en
        for p in e.places
        if p in places
    ]
    where = ("، " if rtl else ", ").join([*names, *(p for p in e.places if p not in places)]) or nowhere
    kind = i18n.text(lang, f"type.{e.type.value}.singular") if rtl else TYPE_LABELS[e.type].singular
    review = i18n.text(lang, f"review_status.{e.review.value}") if rtl else e.review.value
    flag = "" if e.review == ReviewStatus.ACCEPTED else f" [{review}]"
    return f"{e.date} · {kind} · {where} · {e.id}{flag}"


def _place_options(ds: Dataset, extra: Sequence[str] = ()) -> list[str]:
    ids = {*ds.gazetteer.curated, *(p for p in extra if p in ds.gazetteer.places)}
    return sorted(ids, key=lambda p: ds.gazetteer.places[p].name_en.lower())


def _place_label(ds: Dataset, lang: str) -> Callable[[str], str]:
    def label(pid: str) -> str:
        if not pid:
            return "—"
        p = ds.gazetteer.places.get(pid)
        if p is None:
            return pid
        if i18n.is_rtl(lang):
            return f"{p.name_ar or p.name_en} · {p.name_en} ({i18n.text(lang, f'kind.{p.kind.value}')})"
        return f"{p.name_en} · {p.name_ar} ({p.kind.value})"

    return label


def event_form(ds: Dataset) -> None:
    """Add a new event, or change or delete one (drafts and rejected events too), as read from
    the store with its version (`_hold`): a save over someone else's since is refused."""
    by_id = {e.id: e for e in ds.events}

    def pick() -> str:
        return st.session_state.get("ev_pick") or NEW

    def reload() -> None:
        _load(event_defaults(_hold("ev", "events", pick()), session.today()), force=True)

    if st.session_state.get("ev_pick", NEW) not in ("", *by_id):
        st.session_state["ev_pick"] = NEW
    newest = sorted(by_id.values(), key=lambda e: (e.date, e.id), reverse=True)
    new, nowhere, lang = t("edit.new_event"), t("edit.no_place"), i18n.current()  # formatted later
    st.selectbox(
        t("edit.event"),
        options=[NEW, *(e.id for e in newest)],
        key="ev_pick",
        on_change=reload,
        format_func=lambda i: new if i == NEW else _event_label(ds, by_id[i], nowhere, lang),
        help=t("edit.pick_event_help"),
    )
    old, version = _held("ev", "events", pick())
    _load(event_defaults(old, session.today()), force=False)

    def save() -> None:
        def write(ed: Editor) -> str:
            event = event_from_form(_form_values("ev_"), old)
            if old is None:
                ed.add_events([event])
            else:
                ed.update_event(event, version=version)
            st.session_state["ev_pick"] = event.id
            _load(event_defaults(_hold("ev", "events", event.id), session.today()), force=True)
            return t("edit.event_added" if old is None else "edit.event_saved", id=event.id)

        _write(t("edit.saving_event"), write)

    with st.form("event_form"):
        _event_fields(ds, old)
        st.form_submit_button(
            t("edit.add_event") if old is None else t("edit.save_event"),
            type="primary",
            key="ev_save",
            on_click=save,
        )
    if old is not None:

        def delete(ed: Editor) -> str:
            ed.delete_event(old.id, version=version)
            st.session_state["ev_pick"] = NEW
            return t("edit.event_deleted", id=old.id)

        _record_buttons("event", "ev", lambda: _write(t("edit.deleting_event"), delete) and reload(), reload)


def _word(lang: str, family: str, value: str) -> str:
    """An enum's value in the page's language (its own value in English; "—" for none)."""
    return (i18n.text(lang, f"{family}.{value}") if i18n.is_rtl(lang) else value) if value else "—"


def _event_fields(ds: Dataset, old: Event | None) -> None:
    lang = i18n.current()
    rtl = i18n.is_rtl(lang)
    actors = ["", *sorted(ds.actors, key=lambda a: ds.actors[a].name_en.lower())]
    actor_label = {a: (x.name_ar or x.name_en) if rtl else x.name_en for a, x in ds.actors.items()} | {
        "": "—"
    }
    a, b, c = st.columns(3)
    a.text_input(t("edit.id"), key="ev_id", disabled=old is not None, help=t("edit.id_event_help"))
    b.selectbox(
        t("edit.type"),
        [t.value for t in EventType],
        key="ev_type",
        format_func=lambda v: (
            i18n.text(lang, f"type.{v}.singular") if rtl else TYPE_LABELS[EventType(v)].singular
        ),
    )
    c.date_input(t("edit.date"), key="ev_date", min_value=EARLIEST, max_value=_latest("ev_date"))
    a, b = st.columns(2)
    a.selectbox(t("edit.actor"), actors, key="ev_actor", format_func=actor_label.get)
    b.selectbox(t("edit.target"), actors, key="ev_target", format_func=actor_label.get)
    st.multiselect(
        t("edit.places"),
        _place_options(ds, old.places if old else ()),
        key="ev_places",
        format_func=_place_label(ds, lang),
        placeholder=t("edit.where"),
    )
    a, b = st.columns(2)
    a.text_input(t("edit.what_en"), key="ev_object_en")
    b.text_input(t("edit.what_ar"), key="ev_object_ar")
    a, b, c = st.columns(3)
    a.selectbox(
        t("edit.status"),
        ["", *(s.value for s in Status)],
        key="ev_status",
        format_func=lambda s: _word(lang, "status", s),
    )
    b.selectbox(
        t("edit.review"),
        [r.value for r in ReviewStatus],
        key="ev_review",
        help=t("edit.review_help"),
        format_func=lambda r: _word(lang, "review_status", r),
    )
    c.selectbox(
        t("edit.confidence"),
        [x.value for x in Confidence],
        key="ev_confidence",
        format_func=lambda c: _word(lang, "confidence", c),
    )
    a, b = st.columns(2)
    a.text_input(t("edit.outlet"), key="ev_outlet")
    b.text_input("URL", key="ev_url")
    st.text_area(t("edit.evidence"), key="ev_quote", height=90)


def _record_buttons(what: str, prefix: str, delete: Callable[[], Any], reload: Callable[[], Any]) -> None:
    """Under a stored record's form: delete it, or load it again as it is saved now."""
    a, b = st.columns(2)
    a.button(
        t("edit.delete_event") if what == "event" else t("edit.delete_place"),
        key=f"{prefix}_delete",
        icon=":material/delete:",
        on_click=delete,
    )
    b.button(
        t("edit.reload_event") if what == "event" else t("edit.reload_place"),
        key=f"{prefix}_reload",
        icon=":material/refresh:",
        on_click=reload,
    )


# -- places ------------------------------------------------------------------------------------


def place_form(ds: Dataset) -> None:
    """Add a place, or change or delete a curated one (read with its version, as events are)."""
    gaz = ds.gazetteer
    options = _place_options(ds)

    def pick() -> str:
        pid = st.session_state.get("pl_pick") or NEW
        return pid if pid in gaz.curated else NEW

    def reload() -> None:
        _load(place_defaults(_hold("pl", "places", pick())), force=True)

    if st.session_state.get("pl_pick", NEW) not in ("", *options):
        st.session_state["pl_pick"] = NEW
    new, label = t("edit.new_place"), _place_label(ds, i18n.current())
    st.selectbox(
        t("edit.place"),
        [NEW, *options],
        key="pl_pick",
        on_change=reload,
        format_func=lambda p: new if p == NEW else label(p),
    )
    old, version = _held("pl", "places", pick())
    _load(place_defaults(old), force=False)

    def save() -> None:
        def write(ed: Editor) -> str:
            place = place_from_form(_form_values("pl_"), old)
            ed.upsert_places([place], versions={place.id: version})  # new: must not exist
            st.session_state["pl_pick"] = place.id
            _load(place_defaults(_hold("pl", "places", place.id)), force=True)
            return t("edit.place_saved", id=place.id)

        _write(t("edit.saving_place"), write)

    with st.form("place_form"):
        _place_fields(ds, options, old)
        st.form_submit_button(
            t("edit.add_place") if old is None else t("edit.save_place"),
            type="primary",
            key="pl_save",
            on_click=save,
        )
    if old is not None:

        def delete(ed: Editor) -> str:
            ed.delete_place(old.id, version=version)
            st.session_state["pl_pick"] = NEW
            return t("edit.place_deleted", id=old.id)

        _record_buttons("place", "pl", lambda: _write(t("edit.deleting_place"), delete) and reload(), reload)


def _place_fields(ds: Dataset, options: Sequence[str], old: Place | None) -> None:
    area = old is not None and old.geometry.geom_type != "Point"
    lang = i18n.current()
    kind = {k.value: i18n.text(lang, f"kind.{k.value}") if i18n.is_rtl(lang) else k.value for k in PlaceKind}
    a, b, c = st.columns(3)
    a.text_input(t("edit.id"), key="pl_id", disabled=old is not None, help=t("edit.id_place_help"))
    b.text_input(t("edit.name_en"), key="pl_name_en")
    c.text_input(t("edit.name_ar"), key="pl_name_ar")
    a, b, c = st.columns(3)
    a.selectbox(t("edit.kind"), list(kind), key="pl_kind", format_func=kind.get)
    b.number_input(t("edit.lat"), key="pl_lat", min_value=-90.0, max_value=90.0, format="%.6f", disabled=area)
    c.number_input(
        t("edit.lon"), key="pl_lon", min_value=-180.0, max_value=180.0, format="%.6f", disabled=area
    )
    if area:
        st.caption(t("edit.area_kept"))
    a, b = st.columns(2)
    a.selectbox(t("edit.parent"), ["", *options], key="pl_parent", format_func=_place_label(ds, lang))
    governorates = [p for p in options if ds.gazetteer.places[p].kind == PlaceKind.GOVERNORATE]
    b.selectbox(
        t("edit.governorate"), ["", *governorates], key="pl_governorate", format_func=_place_label(ds, lang)
    )


# -- zones -------------------------------------------------------------------------------------


def zone_form(ds: Dataset) -> None:
    """The dates a control zone is valid between."""
    if not ds.zones:
        st.write(t("edit.no_zones"))
        return
    zones = {z.id: z for z in sorted(ds.zones, key=lambda z: (z.valid_from, z.id), reverse=True)}
    now = t("edit.now")

    def label(zid: str) -> str:
        z = zones[zid]
        name = ds.factions[z.faction].name_en if z.faction in ds.factions else z.faction
        return f"{z.valid_from} → {z.valid_to or now} · {name} · {z.id}"

    def defaults(z: ControlZone) -> dict[str, Any]:
        return {
            "zv_from": z.valid_from,
            "zv_open": z.valid_to is None,
            "zv_to": z.valid_to or min(z.valid_from, dt.date.max - ONE_DAY) + ONE_DAY,
        }

    if st.session_state.get("zv_pick") not in zones:
        st.session_state["zv_pick"] = next(iter(zones))
    st.selectbox(
        t("edit.zone"),
        list(zones),
        key="zv_pick",
        format_func=label,
        on_change=lambda: _load(defaults(zones[st.session_state["zv_pick"]]), force=True),
    )
    zone = zones[st.session_state["zv_pick"]]
    _load(defaults(zone), force=False)

    def save() -> None:
        def write(ed: Editor) -> str:
            start = st.session_state["zv_from"]
            end = None if st.session_state["zv_open"] else st.session_state["zv_to"]
            ed.set_zone_validity(zone.id, start, end)
            if end is None:
                return t("edit.zone_valid_open", id=zone.id, start=start)
            return t("edit.zone_valid", id=zone.id, start=start, end=end)

        _write(t("edit.changing_zone"), write)

    with st.form("zone_form"):
        a, b, c = st.columns(3)
        a.date_input(t("edit.valid_from"), key="zv_from", min_value=EARLIEST, max_value=_latest("zv_from"))
        b.date_input(t("edit.valid_to"), key="zv_to", min_value=EARLIEST, max_value=_latest("zv_to"))
        c.checkbox(t("edit.open"), key="zv_open")
        st.form_submit_button(t("edit.save_dates"), type="primary", key="zv_save", on_click=save)
