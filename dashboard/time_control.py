"""The map page's time control: which control-zone snapshot is shown and how old it is, buttons
to the previous and next snapshot, a player that steps through them, and the earlier date of the
change view ("what changed hands since ...").

The date itself is the sidebar's date widget (key `date`), which the URL keeps (`date=`); the
buttons move it in their callbacks, before the widget is drawn. The player runs as a fragment
every `PLAY_SECONDS`: it leaves the next snapshot's date in `GOTO` and reruns the app, and
`apply_pending`, called before the sidebar, moves the widget there. The change view's date is
the select `compare` (URL `from=`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from geodata.dataset import Dataset
from geodata.model import ControlZone
from geodata.zones import (
    AREA_KINDS,
    Changes,
    Snapshot,
    changed_places,
    changes,
    held_since,
    snapshot_dates,
    snapshot_on,
    step_snapshot,
)

from . import i18n
from .i18n import t, tmd
from .map.popup import local_faction, local_name
from .map.zone_changes import area_frame, faction_name, handover_frame, places_frame
from .view_state import ViewState

PLAY_SECONDS = 1.5
GOTO = "_goto_date"  # the date the player moves to on the next run
PLAYING = "_playing"  # whether the player runs (plain state, so the player may stop itself)
LAST_STEP = "_played_at"  # time.monotonic() of the player's last step (or of its start)
COMPARE = "compare"  # the change view's select


def long_date(day: dt.date, lang: str = "en") -> str:
    """20 January 2021 / 20 كانون الثاني 2021 (the month names of the catalogue)."""
    return f"{day.day} {i18n.text(lang, f'month.{day.month}')} {day.year}"


def headline(snap: Snapshot | None, day: dt.date, lang: str = "en") -> str:
    return i18n.text(lang, "time.headline", date=long_date(snap.as_of if snap else day, lang))


def snapshot_note(zones: Sequence[ControlZone], day: dt.date, lang: str = "en") -> str | None:
    """What the map shows when `day` is not a snapshot's date, in plain words; None when it is."""

    def text(key: str, **values: object) -> str:
        return i18n.text(lang, key, **values)

    snap = snapshot_on(zones, day)
    if snap is None:
        dates = snapshot_dates(zones)
        first = text("time.first_is", date=long_date(dates[0], lang)) if dates else ""
        return text("time.none_before", date=long_date(day, lang), first=first)
    if snap.as_of == day:
        return None
    age = (day - snap.as_of).days
    later = [d for d in snapshot_dates(zones) if d > day]
    where = (
        text("time.between", start=long_date(snap.as_of, lang), end=long_date(later[0], lang))
        if later
        else text("time.after_latest")
    )
    return text(
        "time.note",
        date=long_date(day, lang),
        where=where,
        snapshot=long_date(snap.as_of, lang),
        age=text("time.days_one" if age == 1 else "time.days_other", n=age),
    )


# -- a typed date: applied on Enter, or told why not -------------------------------------------

TYPED = "date_typed"  # the text input; its problem, if any, is kept under TYPED_PROBLEM
TYPED_PROBLEM = "_date_typed_problem"
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")  # \d: Arabic-Indic digits too
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def typed_date(text: str, first: dt.date, last: dt.date) -> tuple[dt.date | None, tuple | None]:
    """A typed date (year-month-day, or day-month-year with a four-digit year last) and None,
    or None and why not: (catalogue key, values). Pure: the sidebar's text input calls it."""
    raw = text.strip()
    found = _YMD.match(raw)
    parts = found.groups() if found else None
    if parts is None and (found := _DMY.match(raw)):
        parts = found.groups()[::-1]
    if parts is None:
        return None, ("sidebar.date_not_a_date", {"text": raw[:40]})
    year, month, day = (int(p) for p in parts)
    if not 1 <= month <= 12 or year < 1:
        return None, ("sidebar.date_not_a_date", {"text": raw[:40]})
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return None, (
            "sidebar.date_no_such_day",
            {"day": day, "month": f"{year:04d}-{month:02d}", "days": days},
        )
    chosen = dt.date(year, month, day)
    if not first <= chosen <= last:
        return None, (
            "sidebar.date_out_of_range",
            {"date": chosen.isoformat(), "first": first.isoformat(), "last": last.isoformat()},
        )
    return chosen, None


def _apply_typed(first: dt.date, last: dt.date) -> None:
    """The text input's callback (Enter or leaving it): move the date widget there, or keep
    the reason it cannot."""
    text = str(st.session_state.get(TYPED) or "")
    st.session_state.pop(TYPED_PROBLEM, None)
    if not text.strip():
        return
    day, problem = typed_date(text, first, last)
    if day is None:
        st.session_state[TYPED_PROBLEM] = problem
    else:
        st.session_state["date"] = day
        st.session_state[TYPED] = ""


def date_typing(where, first: dt.date, last: dt.date) -> None:
    """The text input beside the date picker (whose typed digits apply only once the picker
    loses the focus): a date typed here applies on Enter; a wrong one says why."""
    where.text_input(
        t("sidebar.date_typed"),
        key=TYPED,
        on_change=_apply_typed,
        args=(first, last),
        placeholder=t("sidebar.date_typed_placeholder"),
        help=t("sidebar.date_typed_help"),
    )
    if problem := st.session_state.get(TYPED_PROBLEM):
        where.error(tmd(problem[0], **problem[1]), icon=":material/event_busy:")


def apply_pending() -> None:
    """Before the sidebar draws the date widget: move it where the player asked."""
    day = st.session_state.pop(GOTO, None)
    if day is not None:
        st.session_state["date"] = day


def _go(day: dt.date | None) -> None:
    if day is not None:
        st.session_state["date"] = day


def _toggle_play(zones: Sequence[ControlZone]) -> None:
    playing = not st.session_state.get(PLAYING, False)
    st.session_state[PLAYING] = playing
    st.session_state[LAST_STEP] = time.monotonic()
    day = st.session_state.get("date")
    if playing and day is not None and step_snapshot(zones, day, +1) is None:
        st.session_state["date"] = snapshot_dates(zones)[0]  # from the end: start again


def advance(zones: Sequence[ControlZone]) -> dt.date | None:
    """One step of the player: the next snapshot's date (left for the next run), or None at the
    last one, which stops the player."""
    nxt = step_snapshot(zones, st.session_state.get("date") or dt.date.today(), +1)
    if nxt is None:
        st.session_state[PLAYING] = False
    else:
        st.session_state[GOTO] = nxt
    return nxt


@st.fragment(run_every=PLAY_SECONDS)
def _player(zones: Sequence[ControlZone]) -> None:
    """Steps when its timer fires, not when the whole page runs (which also runs it). It draws
    a line: a fragment that draws nothing gets no timer in the browser."""
    st.caption(tmd("time.playing", s=f"{PLAY_SECONDS:g}"))
    now = time.monotonic()
    if not st.session_state.get(PLAYING) or now - st.session_state.get(LAST_STEP, now) < 0.9 * PLAY_SECONDS:
        return
    st.session_state[LAST_STEP] = now
    advance(zones)
    st.rerun(scope="app")


OFF = "off"  # the change view's select without a date (None would show as "Choose an option")


def _compare_options(zones: Sequence[ControlZone], view: ViewState) -> list[dt.date | str]:
    options: list[dt.date | str] = [OFF, *snapshot_dates(zones)]
    if view.compare is not None and view.compare not in options:
        options.append(view.compare)
    return options


def controls(zones: Sequence[ControlZone], view: ViewState) -> ViewState:
    """Draw the time control; return (and keep as the session's view) the view with the change
    view's date from its select."""
    day = view.date or dt.date.today()
    before, after = step_snapshot(zones, day, -1), step_snapshot(zones, day, +1)
    prev_col, next_col, play_col, compare_col = st.columns([1, 1, 1, 2.4], vertical_alignment="bottom")
    lang = view.lang
    prev_col.button(
        tmd("time.prev", date=before) if before else t("time.first"),
        key="snap_prev",
        disabled=before is None,
        on_click=_go,
        args=(before,),
        width="stretch",
        help=t("time.prev_help"),
    )
    next_col.button(
        tmd("time.next", date=after) if after else t("time.latest"),
        key="snap_next",
        disabled=after is None,
        on_click=_go,
        args=(after,),
        width="stretch",
        help=t("time.next_help"),
    )
    playing = st.session_state.get(PLAYING, False)
    play_col.button(
        t("time.pause") if playing else t("time.play"),
        key="snap_play",
        width="stretch",
        on_click=_toggle_play,
        args=(zones,),
        help=tmd("time.play_help", s=f"{PLAY_SECONDS:g}"),
    )
    if COMPARE not in st.session_state:
        st.session_state[COMPARE] = view.compare or OFF
    compare_col.selectbox(
        t("time.change_view"),
        _compare_options(zones, view),
        key=COMPARE,
        format_func=lambda d: (
            i18n.text(lang, "time.off")
            if d == OFF
            else i18n.text(lang, "time.changed_from", start=d, end=day)
        ),
        help=t("time.change_view_help"),
    )
    if playing:
        _player(zones)
    chosen = st.session_state.get(COMPARE)
    view = view.replace(compare=chosen if isinstance(chosen, dt.date) else None)
    st.session_state["view"] = view  # what the map's fragment reads (and writes to the URL)
    return view


# -- the change view and who held a place since when -------------------------------------------


CHANGES = "_changes"  # session state: (dataset, the two snapshots, Changes, places moved or None)


def compared(ds: Dataset, view: ViewState) -> Changes | None:
    """What changed hands between the change view's two dates (None without a change view, or
    when a date is before every snapshot). Kept for the session per dataset and pair of
    snapshots: a rerun that keeps the change view (a filter, the language, a table click) does
    not overlay the snapshots again (~50 ms CPU, more on a loaded machine)."""
    if view.compare is None or view.date is None:
        return None
    start, end = sorted((view.compare, view.date))
    key = (snapshot_on(ds.zones, start), snapshot_on(ds.zones, end))
    memo = st.session_state.get(CHANGES)
    if memo is not None and memo[0] is ds and memo[1] == key:
        return memo[2]
    found = changes(ds.zones, start, end)
    st.session_state[CHANGES] = (ds, key, found, None)
    return found


def _moved(ds: Dataset, found: Changes) -> list:
    """The places that changed controller between the snapshots of `found` (kept with it)."""
    memo = st.session_state.get(CHANGES)
    if memo is not None and memo[2] is found and memo[3] is not None:
        return memo[3]
    curated = getattr(ds.gazetteer, "curated", None) or ds.gazetteer.places
    places = [ds.gazetteer.places[p] for p in curated if p in ds.gazetteer.places]
    places = [p for p in places if p.kind not in AREA_KINDS]
    moved = changed_places(places, found.start.as_of, found.end.as_of, ds.zones, found)
    if memo is not None and memo[2] is found:
        st.session_state[CHANGES] = (*memo[:3], moved)
    return moved


def change_tables(ds: Dataset, found: Changes) -> None:
    start, end = found.start.as_of, found.end.as_of
    lang = i18n.current()
    st.markdown("###### " + tmd("time.changes_title", start=long_date(start, lang), end=long_date(end, lang)))
    areas, hands = st.columns([3, 2])
    areas.dataframe(
        _local(area_frame(ds, found, lang), lang), hide_index=True, width="stretch", key="change_areas"
    )
    hands.dataframe(
        _local(handover_frame(ds, found, lang), lang), hide_index=True, width="stretch", key="change_hands"
    )
    st.caption(t("time.areas_caption"))
    moved = _moved(ds, found)
    st.markdown(tmd("time.moved", n=len(moved)))
    st.dataframe(
        _local(places_frame(ds, moved, lang), lang),
        hide_index=True,
        width="stretch",
        key="change_places",
        height=300,
    )


def _local(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A change table with its headers in `lang` (English: as built)."""
    if not i18n.is_rtl(lang):
        return frame

    def header(column: str) -> str:
        if column.startswith("km² on "):
            return i18n.text(lang, "column.km2_on", date=column.removeprefix("km² on "))
        special = {"km²": "column.km2", "الاسم": "column.name_ar"}
        return i18n.text(lang, special.get(column) or i18n.column_key(column))

    return frame.rename(columns=header)


def holder_line(ds: Dataset, view: ViewState) -> str | None:
    """Who held the selected place on the date, and since which snapshot (plain text)."""
    place = ds.gazetteer.places.get(view.place or "")
    if place is None or view.date is None:
        return None
    lang = view.lang
    name = local_name(place, lang)
    held = held_since(place, view.date, ds.zones)
    if held is None:
        return i18n.text(lang, "time.held_none", place=name, date=long_date(view.date, lang))
    who = _faction(ds, held.faction, lang)
    if held.before is None:
        return i18n.text(
            lang,
            "time.held_first",
            place=name,
            faction=who,
            date=long_date(view.date, lang),
            since=long_date(held.since, lang),
        )
    return i18n.text(
        lang,
        "time.held_since",
        place=name,
        faction=who,
        date=long_date(view.date, lang),
        since=long_date(held.since, lang),
        before=_faction(ds, held.before, lang),
    )


def _faction(ds: Dataset, fid: str | None, lang: str) -> str:
    faction = ds.factions.get(fid or "")
    return local_faction(faction, lang) if faction is not None else faction_name(ds, fid)
