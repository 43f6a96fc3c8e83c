"""What the pipeline gives: `Extracted` events and the `Extraction` of a report, as JSON (what
`zonemap extract` prints) or as draft `Event`s under review (what `zonemap ingest` and the "Add
report" page store, with their `Source` from `source_for`); and `check_text`, which refuses
what cannot be a report before any work is done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ExtractionError
from ..model import (
    Confidence,
    DatePrecision,
    Event,
    EventType,
    Evidence,
    Link,
    LinkRel,
    Place,
    ReviewStatus,
    Source,
    Status,
)
from .actor_mentions import ActorHit
from .segmenting import Span
from .toponyms import PlaceHit, Rejected
from .unlisted import is_unlisted

MAX_CHARS = 200_000


@dataclass(frozen=True)
class Extracted:
    """One event found in a report, before review."""

    id: str
    type: EventType
    evidence: Span
    actor: str | None = None
    target: str | None = None
    place: Place | None = None
    subtype: str | None = None
    cameo: str = ""
    date: dt.date | None = None
    year: int | None = None  # the past year a historical event is set in
    confidence: Confidence = Confidence.MEDIUM
    linked_to: tuple[str, ...] = ()
    historical: bool = False
    implied: bool = False  # stated only through another event (the siege a demand would lift)
    trigger: Span | None = None
    # How directly this statement gives the event: roles named in its own clause, and whether
    # its place is named there (2), in its sentence (1) or only earlier in the text (0).
    stated: tuple[int, int] = (0, 0)
    # Its clause says it has no place in Syria (talks abroad, a deal between named parties): it
    # is no placeless restatement of an event named elsewhere with its place.
    nowhere: bool = False


@dataclass(frozen=True)
class Extraction:
    lang: str
    text: str
    published: dt.date | None
    places: tuple[PlaceHit, ...]
    actors: tuple[ActorHit, ...]
    events: tuple[Extracted, ...]
    rejected: tuple[Rejected, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "places": [_place_json(h) for h in self.places],
            "events": [_event_json(e) for e in self.events],
        }

    def to_events(self, source: Source, *, prefix: str | None = None) -> list[Event]:
        """The events as drafts under review (`ReviewStatus.DRAFT`), tied to their source."""
        prefix = prefix or source.id
        ids = {e.id: f"{prefix}-{e.id}" for e in self.events}
        out: list[Event] = []
        day = self.published or source.published
        if day is None:
            if self.events:
                raise ExtractionError(
                    "the report's publication date is not known and the text "
                    "does not state it: give it (Published, --published "
                    "YYYY-MM-DD); events are never dated today by default"
                )
            return out
        for e in self.events:
            date, precision = e.date or day, DatePrecision.DAY
            if e.historical and e.year:
                date, precision = dt.date(e.year, 1, 1), DatePrecision.YEAR
            links = tuple(Link(rel=LinkRel.IN_EXCHANGE_FOR, event=ids[o]) for o in e.linked_to)
            listed = e.place is not None and not is_unlisted(e.place)
            notes = ["implied by another event"] if e.implied else []
            if e.place is not None and not listed:  # a place the gazetteer lacks: named only
                notes.append(f"place not in the gazetteer: {e.place.name_ar} ({e.place.note})")
            out.append(
                Event(
                    id=ids[e.id],
                    type=e.type,
                    cameo=e.cameo,
                    actor=e.actor,
                    target=e.target,
                    places=(e.place.id,) if listed and e.place is not None else (),
                    date=date,
                    date_precision=precision,
                    links=links,
                    status=_status(e),
                    source=source,
                    evidence=Evidence(
                        quote=e.evidence.text, start=e.evidence.start, end=e.evidence.end, lang=self.lang
                    ),
                    confidence=e.confidence,
                    historical=e.historical,
                    review=ReviewStatus.DRAFT,
                    object_en=e.subtype,
                    note="; ".join(notes) or None,
                )
            )
        return out


def _status(e: Extracted) -> Status | None:
    if e.type == EventType.BLOCKADE:
        return Status.ONGOING
    if e.type == EventType.LIFT_BLOCKADE and e.linked_to:
        return Status.PROPOSED
    if e.type == EventType.DEMAND:
        return Status.PROPOSED
    return None


def _place_json(h: PlaceHit) -> dict[str, Any]:
    lat, lon = h.place.point
    return {
        "mention": h.text,
        "start": h.start,
        "end": h.end,
        "id": h.place.id,
        "name_en": h.place.name_en,
        "kind": h.place.kind.value,
        "lat": round(lat, 5),
        "lon": round(lon, 5),
        "score": h.score,
        "event_place": h.event_place,
    }


def _event_json(e: Extracted) -> dict[str, Any]:
    lat, lon = e.place.point if e.place else (None, None)
    day = dt.date(e.year, 1, 1) if e.historical and e.year else e.date
    return {
        "id": e.id,
        "type": e.type.value,
        "subtype": e.subtype,
        "cameo": e.cameo,
        "actor": e.actor,
        "target": e.target,
        "place": e.place.id if e.place else None,
        "place_name_en": e.place.name_en if e.place else None,
        "lat": round(lat, 5) if lat is not None else None,
        "lon": round(lon, 5) if lon is not None else None,
        "date": day.isoformat() if day else None,
        "evidence": e.evidence.text,
        "start": e.evidence.start,
        "end": e.evidence.end,
        "confidence": e.confidence.value,
        "linked_to": list(e.linked_to),
        "historical": e.historical,
        "implied": e.implied,
    }


def check_text(text: str) -> str:
    """The text itself, or ExtractionError saying why it cannot be a report."""
    if not text.strip():
        raise ExtractionError("the text is empty; give the report's text")
    if "\x00" in text:
        raise ExtractionError("the text contains NUL bytes: this looks like a binary file, not a report")
    if len(text) > MAX_CHARS:
        raise ExtractionError(
            f"the text has {len(text):,} characters but at most {MAX_CHARS:,} are accepted; "
            "split it into articles"
        )
    return text


def source_for(text: str, *, outlet: str, url: str | None, published: dt.date | None, lang: str) -> Source:
    """The source record of a report: its outlet, URL, date, language and the SHA-256 of its
    text (the id ends with the digest's first characters, so one text is one source)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    slug = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "source"
    sid = f"{slug}-{published.isoformat() if published else 'undated'}-{digest[:8]}"
    return Source(
        id=sid, outlet=outlet, url=url, published=published, title=None, lang=lang, text_sha256=digest
    )
