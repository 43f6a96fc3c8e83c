"""ACLED CSV exports (recognised by their column names), read as events.

`event_type`/`sub_event_type` become our `EventType` and a CAMEO code (`ACLED_TYPES`),
`actor1`/`actor2` our actors through the actor lexicon where a name matches, `location` a
gazetteer place when the gazetteer knows it near the given coordinates, else a new point place;
the row's `notes` are the evidence quote, its `source` the source outlet, `event_id_cnty` the
external id and the event id (`acled-...`, so importing the same export twice changes nothing),
`time_precision` the date precision, and every ACLED column is kept in the event's `attrs` (the
store keeps them beside the event).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shapely.geometry import Point

from .. import validation as v
from ..errors import FieldProblem
from ..gazetteer import haversine_km
from ..model import CAMEO, Actor, DatePrecision, EventType, Place, PlaceKind, Source
from .cells import point, slug
from .limits import text_problem
from .records import Batch, ImportResult, RawRecord, ReadContext, validate

if TYPE_CHECKING:
    from ..dataset import Dataset

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
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                  "latitude", "longitude")
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
    return all(code.startswith(CAMEO[t][1]) for t, code in
               [*ACLED_TYPES.values(), *ACLED_EVENT_TYPES.values()])


def read_acled(ctx: ReadContext, header: list[str], body: list[list[str]]) -> ImportResult:
    """The rows of an ACLED export as events (and the new places they need), validated."""
    return _Acled(ctx).read(header, body)


def _acled_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ACLED_DATE_FORMATS:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(text, fmt).date()
    raise ValueError(f"{text!r} is not a date (expected e.g. 2021-01-20 or 20 January 2021)")


def _actor_names(name: str) -> list[str]:
    """Ways an ACLED actor name may be written in our lexicon: as is, without the period in
    brackets, either side of a colon ('SDF: Syrian Democratic Forces')."""
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    out = [name, bare, *(part.strip() for part in bare.split(":"))]
    return [n for n in dict.fromkeys(out) if n]


def _event_kind(c: dict[str, str], data: dict[str, Any], errs: Errors) -> dt.date | None:
    """Type, CAMEO code, date, precision and confidence of a row; its date when it has one."""
    mapped = acled_type(c["event_type"], c["sub_event_type"])
    if mapped is None:
        errs.append(("event_type", f"{c['event_type']!r} is not an ACLED event type; "
                     f"expected one of {', '.join(ACLED_EVENT_TYPES)}"))
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


class _Acled:
    """One ACLED export being read: the places and sources made so far, names resolved."""

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.places: dict[str, Place] = {}
        self.sources: dict[str, Source] = {}
        self._resolved: dict[tuple[str, str], Any] = {}  # (name, context) -> Resolution

    def read(self, header: list[str], body: list[list[str]]) -> ImportResult:
        ctx = self.ctx
        records: list[RawRecord] = []
        attrs: dict[str, dict[str, Any]] = {}
        total = len(body)
        for n, row in enumerate(body, 1):
            if len(row) != len(header):
                records.append(RawRecord(ctx.shown, n, {"_errors": [(
                    "(record)", f"has {len(row)} cells but the header has {len(header)}")]}))
                continue
            cells = {h: c.strip() for h, c in zip(header, row, strict=True)}
            data, errs = self.event(cells)
            errs += [(h, problem) for h, c in cells.items()
                     if (problem := text_problem(c, ctx.limits))]
            if errs:
                data["_errors"] = errs
            records.append(RawRecord(ctx.shown, n, data))
            if "id" in data:
                attrs[data["id"]] = {"external_id": cells["event_id_cnty"], "format": "acled",
                                     **{k: c for k, c in cells.items() if c}}
            ctx.tick(n, total)
        ctx.notes.append("ACLED export: event types mapped to Zonemap types and CAMEO codes; "
                         "ACLED's columns kept with each event")
        return validate(ctx, Batch("events", "acled", records, total, attrs,
                                   list(self.places.values())))

    def event(self, c: dict[str, str]) -> tuple[dict[str, Any], Errors]:
        errs: Errors = []
        ext = c["event_id_cnty"]
        data: dict[str, Any] = {"id": f"acled-{slug(ext, 60)}"} if ext else {}
        if not ext:
            errs.append(("event_id_cnty", "missing"))
        day = _event_kind(c, data, errs)
        for col, fld in (("actor1", "actor"), ("actor2", "target")):
            name = c.get(col, "")
            actor = self.actor(name, day) if name else None
            if actor is not None:
                data[fld] = actor.id
        where, err = point(c["latitude"], c["longitude"])
        if err:
            errs.append(("latitude", err))
        else:
            try:
                data["places"] = [self.place(c, where)]
            except FieldProblem as exc:
                errs.append((exc.field, exc.reason))
        _evidence(c, data)
        data["source"] = self.source(c.get("source", "")).model_dump(mode="json")
        return data, errs

    def actor(self, name: str, day: dt.date | None) -> Actor | None:
        ds = self.ctx.dataset
        if ds is None:
            return None
        for variant in _actor_names(name):
            actor = ds.lexicon.resolve(variant, day)
            if actor is not None:
                return actor
        return None

    def source(self, text: str) -> Source:
        outlet = text or "ACLED"
        sid = f"acled-{slug(outlet, 40)}-{hashlib.sha1(outlet.encode()).hexdigest()[:6]}"
        if sid not in self.sources:
            self.sources[sid] = Source(id=sid, outlet=outlet, lang="en",
                                       note="reported by these sources according to ACLED "
                                            "(acleddata.com)")
        return self.sources[sid]

    def _resolve(self, ds: Dataset, name: str, context: str) -> Any:
        if (name, context) not in self._resolved:
            self._resolved[(name, context)] = ds.gazetteer.resolve(name, context=context)
        return self._resolved[(name, context)]

    def place(self, c: dict[str, str], where: Point) -> str:
        """The id of the row's place: the gazetteer's when it knows one of that name near
        ACLED's coordinates, else a new point place (raises FieldProblem outside Syria)."""
        ds = self.ctx.dataset
        gp = c.get("geo_precision", "")
        name = c.get("location") or c.get("admin3") or c.get("admin2") or c.get("admin1") or ""
        if ds is not None and name:
            context = " ".join(x for x in (c.get("admin3"), c.get("admin2"), c.get("admin1")) if x)
            res = self._resolve(ds, name, context)
            if res is not None:
                p = res.place
                dist = 0.0 if p.geometry.geom_type != "Point" and p.geometry.buffer(0.01).contains(
                    where) else haversine_km(p.point, (where.y, where.x))
                if dist <= ACLED_NEAR_KM.get(gp, 25.0):
                    return p.id
        pid = (f"acled-{slug(name or 'location', 40)}-"
               f"{hashlib.sha1(f'{where.y:.4f},{where.x:.4f}'.encode()).hexdigest()[:6]}")
        if pid not in self.places:
            self.places[pid] = self.new_place(pid, name, c, where)
        return pid

    def new_place(self, pid: str, name: str, c: dict[str, str], where: Point) -> Place:
        ds = self.ctx.dataset
        governorate = self.governorate(c.get("admin1", ""), where)
        place = Place(
            id=pid, name_en=name or f"{where.y:.4f}, {where.x:.4f}",
            name_ar=name or f"{where.y:.4f}, {where.x:.4f}",
            kind=PlaceKind.TOWN, geometry=where, governorate=governorate, prior=0.5,
            sources=("ACLED",),
            note=f"ACLED location (geo_precision {c.get('geo_precision', '') or '?'}); "
                 "no Arabic name given",
        )
        outside = v.check_places([place], self.ctx.shown, ds.outline, known_ids=[
            x for x in (governorate,) if x]) if ds is not None else []
        if outside:
            raise FieldProblem("latitude", outside[0].reason)
        return place

    def governorate(self, admin1: str, where: Point) -> str | None:
        """The curated governorate ACLED's `admin1` names, when the point lies in it."""
        ds = self.ctx.dataset
        if ds is None or not admin1:
            return None
        res = self._resolve(ds, admin1, "governorate")
        gov = res.place if res is not None else None
        if gov is not None and gov.kind == PlaceKind.GOVERNORATE and gov.id in \
                ds.gazetteer.curated and gov.geometry.buffer(0.05).contains(where):
            return gov.id
        return None
