"""The Edit page's forms as records, and back (pure, tested without Streamlit): the values of
an event's or a place's form widgets (by key) for a stored record or a new one, and the record a
form's values describe (`dashboard.editing` draws the forms)."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from shapely.geometry import Point

from geodata.model import (
    Confidence,
    Event,
    EventType,
    Evidence,
    Place,
    PlaceKind,
    ReviewStatus,
    Source,
    Status,
)
from geodata.normalize import is_arabic, slug

from . import i18n


class EmptyFields(ValueError):
    """Fields of a form that must not be empty, named by their labels' catalogue keys; the
    message is English, `text(lang)` says it in the page's language."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        super().__init__(self.text(i18n.DEFAULT))

    def text(self, lang: str) -> str:
        names = [i18n.template(lang, key) for key in self.labels]
        if len(names) == 1:
            return i18n.text(lang, "edit.empty_one", field=names[0])
        return i18n.text(lang, "edit.empty_two", first=names[0], second=names[1])


# -- events ------------------------------------------------------------------------------


def event_defaults(event: Event | None, day: dt.date) -> dict[str, Any]:
    """The values of the event form's widgets (by key) for `event`, or for a new event."""
    if event is None:
        return {
            "ev_id": "",
            "ev_type": EventType.DEMAND.value,
            "ev_date": day,
            "ev_actor": "",
            "ev_target": "",
            "ev_places": [],
            "ev_object_en": "",
            "ev_object_ar": "",
            "ev_status": "",
            "ev_review": ReviewStatus.ACCEPTED.value,
            "ev_confidence": Confidence.MEDIUM.value,
            "ev_outlet": "",
            "ev_url": "",
            "ev_quote": "",
        }
    return {
        "ev_id": event.id,
        "ev_type": event.type.value,
        "ev_date": event.date,
        "ev_actor": event.actor or "",
        "ev_target": event.target or "",
        "ev_places": list(event.places),
        "ev_object_en": event.object_en or "",
        "ev_object_ar": event.object_ar or "",
        "ev_status": event.status.value if event.status else "",
        "ev_review": event.review.value,
        "ev_confidence": event.confidence.value,
        "ev_outlet": event.source.outlet,
        "ev_url": event.source.url or "",
        "ev_quote": event.evidence.quote,
    }


def form_source(outlet: str, url: str, day: dt.date, lang: str, old: Source | None) -> Source:
    """The source an event form names: the event's own when outlet and URL are unchanged,
    else a new one (a source may be shared by other events; editing one event must not
    rewrite the others')."""
    outlet, url = outlet.strip(), url.strip()
    if old is not None and old.outlet == outlet and (old.url or "") == url:
        return old
    digest = hashlib.sha256(f"{outlet}\n{url}\n{day}".encode()).hexdigest()[:8]
    return Source(
        id=f"{slug(outlet) or 'source'}-{day.isoformat()}-{digest}",
        outlet=outlet,
        url=url or None,
        published=day,
        lang=lang,
    )


def event_from_form(values: Mapping[str, Any], old: Event | None) -> Event:
    """The event the form describes (raises ValueError naming what is missing or wrong)."""
    quote = str(values.get("ev_quote") or "").strip()
    outlet = str(values.get("ev_outlet") or "").strip()
    missing = [label for label, ok in (("edit.evidence", quote), ("edit.outlet", outlet)) if not ok]
    if missing:
        raise EmptyFields(missing)
    day = values["ev_date"]
    etype = EventType(values["ev_type"])
    lang = "ar" if is_arabic(quote) else "en"
    event_id = (
        old.id
        if old
        else (
            str(values.get("ev_id") or "").strip()
            or f"{etype.value}-{day.isoformat()}-{uuid.uuid4().hex[:6]}"
        )
    )
    if old is not None and old.evidence.quote == quote:
        evidence = old.evidence
    else:
        evidence = Evidence(quote=quote, start=0, end=len(quote), lang=lang)
    record: dict[str, Any] = {
        **(old.model_dump() if old else {}),
        "id": event_id,
        "type": etype,
        "cameo": old.cameo if old is not None and old.type == etype else "",
        "date": day,
        "actor": values.get("ev_actor") or None,
        "target": values.get("ev_target") or None,
        "places": tuple(values.get("ev_places") or ()),
        "object_en": str(values.get("ev_object_en") or "").strip() or None,
        "object_ar": str(values.get("ev_object_ar") or "").strip() or None,
        "status": Status(values["ev_status"]) if values.get("ev_status") else None,
        "review": ReviewStatus(values.get("ev_review") or ReviewStatus.ACCEPTED),
        "confidence": Confidence(values.get("ev_confidence") or Confidence.MEDIUM),
        "source": form_source(
            outlet, str(values.get("ev_url") or ""), day, lang, old.source if old else None
        ),
        "evidence": evidence,
    }
    return Event.model_validate(record)


# -- places ------------------------------------------------------------------------------


def place_defaults(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {
            "pl_id": "",
            "pl_name_en": "",
            "pl_name_ar": "",
            "pl_kind": PlaceKind.TOWN.value,
            "pl_lat": 35.0,
            "pl_lon": 38.5,
            "pl_parent": "",
            "pl_governorate": "",
        }
    lat, lon = place.point
    return {
        "pl_id": place.id,
        "pl_name_en": place.name_en,
        "pl_name_ar": place.name_ar,
        "pl_kind": place.kind.value,
        "pl_lat": round(lat, 6),
        "pl_lon": round(lon, 6),
        "pl_parent": place.parent or "",
        "pl_governorate": place.governorate or "",
    }


def place_from_form(values: Mapping[str, Any], old: Place | None) -> Place:
    """The place the form describes. A point place moves to the form's coordinates; a place
    drawn as an area keeps its outline (only its names, kind and parents are edited here)."""
    name_en = str(values.get("pl_name_en") or "").strip()
    place_id = old.id if old else (str(values.get("pl_id") or "").strip() or slug(name_en))
    geometry = (
        old.geometry
        if old is not None and old.geometry.geom_type != "Point"
        else Point(float(values["pl_lon"]), float(values["pl_lat"]))
    )
    record: dict[str, Any] = {
        **(old.model_dump() if old else {}),
        "id": place_id,
        "name_en": name_en,
        "name_ar": str(values.get("pl_name_ar") or "").strip(),
        "kind": PlaceKind(values["pl_kind"]),
        "parent": values.get("pl_parent") or None,
        "governorate": values.get("pl_governorate") or None,
        "geometry": geometry,
    }
    return Place.model_validate(record)
