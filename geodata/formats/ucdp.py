"""UCDP GED CSV exports (the Uppsala Conflict Data Program's Georeferenced Event Dataset,
ucdp.uu.se), recognised by their column names and read as events, streamed (`stream.py`).

| UCDP GED | Zonemap |
|---|---|
| `id` | the event id `ucdp-<id>` (idempotent re-imports) and the external id |
| `type_of_violence` 1, 2, 3 | clash; CAMEO 190 (state-based, non-state), 180 (one-sided) |
| `side_a`, `side_b` | actor, target, when the actor lexicon knows the name (as for ACLED) |
| `date_start` (`date_end` kept) | the date |
| `date_prec` 1 / 2 / 3 / 4, 5 | date precision day / week / month / year |
| `where_prec` 1 / 2 / 3-7 | geo precision 1 / 2 (within 25 km) / 3 (district ... country) |
| `where_coordinates` | the place of that name ("Aleppo town": "Aleppo") within 10 / 25 / 60 km |
| | (geo precision 1 / 2 / 3); else the coordinates, labelled with it |
| `source_headline` (else `source_original`), `source_office` | the evidence quote, outlet |
| `best`, `low`, `high` | the note ("UCDP GED state-based: 12 deaths (low 10, high 15)") |

Every column is kept in the event's `attrs`, as for ACLED.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ..model import DatePrecision, EventType, Source
from ..normalize import slug
from .acled import actor_names
from .cells import lon_lat
from .locate import ActorNames, Locator
from .records import ReadContext

UCDP_REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_prec",
    "latitude",
    "longitude",
    "date_start",
    "date_prec",
)
UCDP_TYPES = {"1": ("state-based", "190"), "2": ("non-state", "190"), "3": ("one-sided", "180")}
UCDP_DATE_PRECISION = {
    "1": DatePrecision.DAY,
    "2": DatePrecision.WEEK,
    "3": DatePrecision.MONTH,
    "4": DatePrecision.YEAR,
    "5": DatePrecision.YEAR,
}
UCDP_GEO_PRECISION = {"1": 1, "2": 2}  # 3-7 (district ... country, waters): 3
UCDP_NEAR_KM = {1: 10.0, 2: 25.0, 3: 60.0}
DESCRIPTOR = re.compile(
    r"\s*(\([^)]*\)|\b(town|village|city|governorate|district|province|"
    r"sub-?district|area|region|camp|neighbou?rhood)\b)\s*$",
    re.I,
)
Errors = list[tuple[str, str]]


def is_ucdp(header: Sequence[str]) -> bool:
    """Whether a CSV header is a UCDP GED export's."""
    return set(UCDP_REQUIRED) <= set(header)


def place_name(where: str) -> str:
    """`where_coordinates` without its descriptor: "Aleppo town" -> "Aleppo"."""
    name = where
    while (bare := DESCRIPTOR.sub("", name)) != name and bare:
        name = bare
    return name.strip()


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip()[:10])


class UcdpMapper:
    """How the rows of one UCDP GED export become events (a `stream.Mapper`)."""

    format = "ucdp"
    note = (
        "UCDP GED export: violence types mapped to clashes and CAMEO codes, where_prec and "
        "date_prec to precisions; UCDP's columns kept with each event; a location no "
        "gazetteer place of that name lies near stays the event's coordinates"
    )

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.sources: dict[str, Source] = {}
        self._offices: dict[str, Source] = {}
        ds = ctx.dataset
        self.locator = Locator(list(ds.gazetteer.places.values()), ds.outline) if ds is not None else None
        self.actors = ActorNames(ds.actors.values(), actor_names) if ds is not None else None

    def event(self, c: dict[str, str]) -> tuple[dict[str, Any], Errors, dict[str, Any]]:
        errs: Errors = []
        ext = c["id"]
        data: dict[str, Any] = {"id": f"ucdp-{slug(ext, 60)}"} if ext else {}
        if not ext:
            errs.append(("id", "missing"))
        day = self._kind(c, data, errs)
        for col, fld in (("side_a", "actor"), ("side_b", "target")):
            actor = self.actor(c.get(col, ""), day)
            if actor is not None:
                data[fld] = actor
        self._locate(c, data, errs)
        quote = (
            c.get("source_headline")
            or c.get("source_original")
            or (f"UCDP GED event {ext}: {c.get('where_coordinates') or '?'}")
        )
        data["evidence"] = {"quote": quote, "start": 0, "end": len(quote), "lang": "en"}
        data["source"] = self.source(c.get("source_office", ""))
        attrs = {"external_id": ext, "format": "ucdp", **{k: v for k, v in c.items() if v}}
        return data, errs, attrs

    def _kind(self, c: dict[str, str], data: dict[str, Any], errs: Errors) -> dt.date | None:
        kind = UCDP_TYPES.get(c["type_of_violence"])
        if kind is None:
            errs.append(
                (
                    "type_of_violence",
                    f"{c['type_of_violence']!r} is not a UCDP type of violence; expected 1, 2 or 3",
                )
            )
        else:
            data["type"], data["cameo"] = EventType.CLASH.value, kind[1]
            deaths = ", ".join(f"{k} {c[k]}" for k in ("low", "high") if c.get(k))
            data["note"] = f"UCDP GED {kind[0]}: {c.get('best') or '?'} deaths" + (
                f" ({deaths})" if deaths else ""
            )
        day = None
        try:
            day = _date(c["date_start"])
            data["date"] = day.isoformat()
        except ValueError:
            errs.append(("date_start", f"{c['date_start'][:40]!r} is not a date (expected YYYY-MM-DD)"))
        precision = UCDP_DATE_PRECISION.get(c["date_prec"], DatePrecision.DAY)
        data["date_precision"] = precision.value
        geo = UCDP_GEO_PRECISION.get(c["where_prec"], 3)
        worst = max(geo, {"day": 1, "week": 2}.get(precision.value, 3))
        data["confidence"] = {1: "high", 2: "medium", 3: "low"}[worst]
        data["geo_precision"] = geo
        return day

    def actor(self, name: str, day: dt.date | None) -> str | None:
        """The id of the lexicon's actor a name stands for on `day` (None: no such actor)."""
        return self.actors.resolve(name, day) if self.actors is not None else None

    def source(self, office: str) -> Source:
        found = self._offices.get(office)
        if found is None:
            outlet = office or "UCDP GED"
            sid = f"ucdp-{slug(outlet, 40)}-{hashlib.sha1(outlet.encode()).hexdigest()[:6]}"
            found = self.sources.get(sid) or Source(
                id=sid,
                outlet=outlet[:500],
                lang="en",
                note="reported by these sources according to UCDP GED (ucdp.uu.se)",
            )
            self.sources[sid] = self._offices[office] = found
        return found

    def _locate(self, c: dict[str, str], data: dict[str, Any], errs: Errors) -> None:
        xy, err = lon_lat(c["latitude"], c["longitude"])
        if xy is None:
            errs.append(("latitude", err or "no coordinates"))
            return
        lon, lat = xy
        if self.locator is None:
            return
        data["_where"] = (lon, lat)  # inside the country? (`stream` tests a batch at once)
        name = place_name(c.get("where_coordinates", ""))
        pid = self.locator.place(name, lon, lat, UCDP_NEAR_KM[data["geo_precision"]])
        data["places"] = [pid] if pid else []
