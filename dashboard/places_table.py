"""The Places page's table: gazetteer search results with names, kind, parent, holder and since
when it has held the place."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geodata.dataset import Dataset
from geodata.events import events_by_place, filter_events
from geodata.model import Place, PlaceKind
from geodata.zones import Holding, holdings

from . import i18n
from .map.popup import local_faction, local_name
from .view_state import ViewState, page_link

KIND_ORDER = {
    k: i
    for i, k in enumerate(
        [
            PlaceKind.COUNTRY,
            PlaceKind.GOVERNORATE,
            PlaceKind.REGION,
            PlaceKind.CITY,
            PlaceKind.TOWN,
            PlaceKind.VILLAGE,
            PlaceKind.NEIGHBOURHOOD,
            PlaceKind.FACILITY,
        ]
    )
}
SEARCH_LIMIT = 50


def search(ds: Dataset, query: str) -> list[Place]:
    """Matches of a query (best first), or every curated place when the query is empty."""
    if query.strip():
        return [r.place for r in ds.gazetteer.search(query, limit=SEARCH_LIMIT)]
    curated = getattr(ds.gazetteer, "curated", None) or frozenset(ds.gazetteer.places)
    places = [ds.gazetteer.places[p] for p in curated if p in ds.gazetteer.places]
    return sorted(places, key=lambda p: (KIND_ORDER.get(p.kind, 99), p.name_en))


def frame(ds: Dataset, places: list[Place], view: ViewState, link_base: str = "/") -> pd.DataFrame:
    """The places as a table, its headers and values in the view's language (in Arabic the
    Arabic name comes first). The column keys are `COLUMNS`' (`headers` names them)."""
    day = view.date or dt.date.today()
    lang = view.lang
    rtl = i18n.is_rtl(lang)
    held = holdings(places, day, ds.zones, areas=False) if places else []
    counts = {pid: len(evs) for pid, evs in events_by_place(filter_events(ds.events, day=day)).items()}
    link = page_link(view.replace(date=day), link_base)

    def name(place: Place | None) -> str:
        return local_name(place, lang) if place else ""

    rows = []
    for place, holding in zip(places, held, strict=True):
        faction = ds.factions.get(holding.faction) if holding else None
        parent = ds.gazetteer.places.get(place.parent) if place.parent else None
        gov = ds.gazetteer.places.get(place.governorate) if place.governorate else None
        rows.append(
            {
                "name": place.name_en,
                "name_ar": place.name_ar,
                "other names": ", ".join(n.text for n in place.names),
                "kind": i18n.text(lang, f"kind.{place.kind.value}") if rtl else place.kind.value,
                "in": name(parent),
                "governorate": name(gov) if gov else (place.governorate or ""),
                "held by": local_faction(faction, lang) if faction else "",
                "held since": since_cell(holding),
                "events": counts.get(place.id, 0),
                "map": link(place.id),
                "id": place.id,
            }
        )
    columns = list(COLUMNS)
    if rtl:  # the Arabic name first
        columns[0:2] = ["name_ar", "name"]
    table = pd.DataFrame(rows, columns=columns)
    return table.rename(columns=headers(lang, day))


COLUMNS = (
    "name",
    "name_ar",
    "kind",
    "in",
    "held by",
    "held since",
    "events",
    "map",
    "governorate",
    "other names",
    "id",
)


def since_cell(holding: Holding | None) -> str:
    """The first snapshot of the holder's unbroken run ("2024-11-30"; "≤ 2019-10-01" when it
    held the place in the first snapshot already); empty for an area (held in parts, see
    `holdings(..., areas=False)`) or a place no zone holds."""
    if holding is None or holding.since is None:
        return ""
    return f"{'≤ ' if holding.before is None else ''}{holding.since.isoformat()}"


def headers(lang: str, day: dt.date) -> dict[str, str]:
    """Column key -> header in `lang` ("held by on 2021-01-20")."""
    out = {c: i18n.text(lang, i18n.column_key(c)) for c in COLUMNS}
    out["held by"] = i18n.text(lang, "column.held_by_on", date=day)
    return out
