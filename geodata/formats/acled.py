"""ACLED CSV exports (recognised by their column names), read as events.

`event_type`/`sub_event_type` become our `EventType` and a CAMEO code (`ACLED_TYPES`),
`actor1`/`actor2` our actors through the actor lexicon where a name matches, `location` a
gazetteer place when one of that name lies near the given coordinates (`locate.Locator`), else
no place: the event stays at ACLED's coordinates with its `geo_precision` (the store locates it
there, `store/locations.py`; an editor may promote the coordinate to a place). The row's
`notes` are the evidence quote, its `source` the source outlet, `event_id_cnty` the external
id and the event id (`acled-...`, so importing the same export twice changes nothing),
`time_precision` the date precision, and every ACLED column is kept in the event's `attrs` (the
store keeps them beside the event). Files are streamed (`stream.py`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from typing import Any

from ..model import CAMEO, DatePrecision, EventType, Source
from ..normalize import slug
from . import stream
from .cells import lon_lat
from .locate import ActorNames, Locator
from .records import ImportResult, ReadContext

# ACLED event_type / sub_event_type -> our type and a CAMEO code fitting it (see model.CAMEO).
ACLED_TYPES: dict[tuple[str, str], tuple[EventType, str]] = {
    ("Battles", "Armed clash"): (EventType.CLASH, "190"),
    ("Battles", "Government regains territory"): (EventType.CLASH, "190"),
    ("Battles", "Non-state actor overtakes territory"): (EventType.CLASH, "190"),
    ("Explosions/Remote violence", "Air/drone strike"): (EventType.CLASH, "195"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): (EventType.CLASH, "194"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): (EventType.CLASH, "183"),
    ("Explosions/Remote violence", "Suicide bomb"): (EventType.CLASH, "1831"),
    ("Explosions/Remote violence", "Grenade"): (EventType.CLASH, "190"),
    ("Explosions/Remote violence", "Chemical weapon"): (EventType.CLASH, "190"),
    ("Violence against civilians", "Attack"): (EventType.CLASH, "180"),
    ("Violence against civilians", "Abduction/forced disappearance"): (EventType.CLASH, "181"),
    ("Violence against civilians", "Sexual violence"): (EventType.CLASH, "1821"),
    ("Protests", "Peaceful protest"): (EventType.OTHER, "141"),
    ("Protests", "Protest with intervention"): (EventType.OTHER, "141"),
    ("Protests", "Excessive force against protesters"): (EventType.OTHER, "175"),
    ("Riots", "Violent demonstration"): (EventType.OTHER, "145"),
    ("Riots", "Mob violence"): (EventType.OTHER, "145"),
    ("Strategic developments", "Agreement"): (EventType.AGREEMENT, "057"),
    ("Strategic developments", "Arrests"): (EventType.ARREST, "173"),
    ("Strategic developments", "Change to group/activity"): (EventType.OTHER, "010"),
    ("Strategic developments", "Disrupted weapons use"): (EventType.OTHER, "010"),
    ("Strategic developments", "Headquarters or base established"): (EventType.OTHER, "010"),
    ("Strategic developments", "Looting/property destruction"): (EventType.OTHER, "1712"),
    ("Strategic developments", "Non-violent transfer of territory"): (EventType.OTHER, "010"),
    ("Strategic developments", "Other"): (EventType.OTHER, "010"),
}
ACLED_EVENT_TYPES = {
    "Battles": (EventType.CLASH, "190"),
    "Explosions/Remote violence": (EventType.CLASH, "190"),
    "Violence against civilians": (EventType.CLASH, "180"),
    "Protests": (EventType.OTHER, "141"),
    "Riots": (EventType.OTHER, "145"),
    "Strategic developments": (EventType.OTHER, "010"),
}
# The columns of an ACLED export (its codebook), in its order: what the benchmark generator and
# the hostile-file tests write.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
ACLED_REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "latitude",
    "longitude",
)
ACLED_TIME_PRECISION = {"1": DatePrecision.DAY, "2": DatePrecision.WEEK, "3": DatePrecision.MONTH}
# How far (km) a gazetteer place may lie from ACLED's coordinates to be taken as the location.
ACLED_NEAR_KM = {"1": 10.0, "2": 25.0, "3": 60.0}
ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")
Errors = list[tuple[str, str]]


def is_acled(header: Sequence[str]) -> bool:
    """Whether a CSV header is an ACLED export's."""
    return set(ACLED_REQUIRED) <= set(header)


def acled_type(event_type: str, sub_event_type: str) -> tuple[EventType, str] | None:
    """Our type and CAMEO code for an ACLED event type and sub-type (None if unknown)."""
    return ACLED_TYPES.get((event_type, sub_event_type)) or ACLED_EVENT_TYPES.get(event_type)


def acled_cameo_ok() -> bool:
    """Every mapped CAMEO code fits its type (checked by the tests)."""
    return all(
        code.startswith(CAMEO[t][1]) for t, code in [*ACLED_TYPES.values(), *ACLED_EVENT_TYPES.values()]
    )


def read_acled(ctx: ReadContext, header: list[str], body: list[list[str]]) -> ImportResult:
    """The rows of an ACLED export as events, validated (`stream`: a file is streamed from
    its path by `read_import`; this reads rows already in memory)."""
    return stream.read_event_rows(ctx, header, body, AcledMapper(ctx))


def _acled_date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 10 and text[4] == "-":
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(text)  # the common case, fast
    for fmt in ACLED_DATE_FORMATS:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(text, fmt).date()
    raise ValueError(f"{text!r} is not a date (expected e.g. 2021-01-20 or 20 January 2021)")


def actor_names(name: str) -> list[str]:
    """Ways an ACLED actor name may be written in our lexicon: as is, without the period in
    brackets, either side of a colon ('SDF: Syrian Democratic Forces')."""
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out = [name, bare, *(part.strip() for part in bare.split(":"))]
    return [n for n in dict.fromkeys(out) if n]


def _event_kind(c: dict[str, str], data: dict[str, Any], errs: Errors) -> dt.date | None:
    """Type, CAMEO code, date, precision and confidence of a row; its date when it has one."""
    mapped = acled_type(c["event_type"], c["sub_event_type"])
    if mapped is None:
        errs.append(
            (
                "event_type",
                f"{c['event_type']!r} is not an ACLED event type; "
                f"expected one of {', '.join(ACLED_EVENT_TYPES)}",
            )
        )
    else:
        data["type"], data["cameo"] = mapped[0].value, mapped[1]
    day = None
    try:
        day = _acled_date(c["event_date"])
        data["date"] = day.isoformat()
    except ValueError as exc:
        errs.append(("event_date", str(exc)))
    tp = c.get("time_precision", "")
    data["date_precision"] = ACLED_TIME_PRECISION.get(tp, DatePrecision.DAY).value
    gp = c.get("geo_precision", "")
    worst = max(int(x) if x in ("1", "2", "3") else 2 for x in (tp or "1", gp or "1"))
    data["confidence"] = {1: "high", 2: "medium", 3: "low"}[worst]
    return day


def _evidence(c: dict[str, str], data: dict[str, Any]) -> None:
    """The row's notes as the quote (or what happened where), and a note on fatalities."""
    notes = c.get("notes", "")
    quote = notes or f"{c['sub_event_type'] or c['event_type']} in {c.get('location') or '?'}"
    data["evidence"] = {"quote": quote, "start": 0, "end": len(quote), "lang": "en"}
    if c.get("fatalities") not in (None, "", "0"):
        data["note"] = f"ACLED {c['sub_event_type']}: {c['fatalities']} fatalities reported"
    else:
        data["note"] = f"ACLED {c['sub_event_type'] or c['event_type']}"


class AcledMapper:
    """How the rows of one ACLED export become events (a `stream.Mapper`): names resolved
    through caches, locations through a `locate.Locator` built once."""

    format = "acled"
    note = (
        "ACLED export: event types mapped to Zonemap types and CAMEO codes; ACLED's "
        "columns kept with each event; a location no gazetteer place of that name lies "
        "near stays the event's coordinates (with its geo_precision), not a new place"
    )

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.sources: dict[str, Source] = {}
        self._outlets: dict[str, Source] = {}
        ds = ctx.dataset
        self.locator = Locator(list(ds.gazetteer.places.values()), ds.outline) if ds is not None else None
        self.actors = ActorNames(ds.actors.values(), actor_names) if ds is not None else None

    def event(self, c: dict[str, str]) -> tuple[dict[str, Any], Errors, dict[str, Any]]:
        errs: Errors = []
        ext = c["event_id_cnty"]
        data: dict[str, Any] = {"id": f"acled-{slug(ext, 60)}"} if ext else {}
        if not ext:
            errs.append(("event_id_cnty", "missing"))
        day = _event_kind(c, data, errs)
        for col, fld in (("actor1", "actor"), ("actor2", "target")):
            actor = self.actor(c.get(col, ""), day)
            if actor is not None:
                data[fld] = actor
        self.locate(c, data, errs)
        _evidence(c, data)
        data["source"] = self.source(c.get("source", ""))
        attrs = {"external_id": ext, "format": "acled", **{k: v for k, v in c.items() if v}}
        return data, errs, attrs

    def actor(self, name: str, day: dt.date | None) -> str | None:
        """The id of the lexicon's actor a name stands for on `day` (None: no such actor)."""
        return self.actors.resolve(name, day) if self.actors is not None else None

    def source(self, text: str) -> Source:
        found = self._outlets.get(text)
        if found is None:
            outlet = text or "ACLED"
            sid = f"acled-{slug(outlet, 40)}-{hashlib.sha1(outlet.encode()).hexdigest()[:6]}"
            found = self.sources.get(sid) or Source(
                id=sid,
                outlet=outlet,
                lang="en",
                note="reported by these sources according to ACLED (acleddata.com)",
            )
            self.sources[sid] = self._outlets[text] = found
        return found

    def locate(self, c: dict[str, str], data: dict[str, Any], errs: Errors) -> None:
        """The row's place when the gazetteer has one of its name near its coordinates, else
        none (the coordinates stay in the attrs); its geo_precision."""
        xy, err = lon_lat(c["latitude"], c["longitude"])
        if xy is None:
            errs.append(("latitude", err or "no coordinates"))
            return
        lon, lat = xy
        gp = c.get("geo_precision", "")
        data["geo_precision"] = int(gp) if gp in ("1", "2", "3") else 2
        if self.locator is None:
            return
        data["_where"] = (lon, lat)  # inside the country? (`stream` tests a batch at once)
        name = c.get("location") or c.get("admin3") or c.get("admin2") or c.get("admin1") or ""
        pid = self.locator.place(name, lon, lat, ACLED_NEAR_KM.get(gp, 25.0))
        data["places"] = [pid] if pid else []
