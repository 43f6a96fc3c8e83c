"""The data model: places, actors, factions, control zones, sources and events.

Pydantic models, because every record enters through a file, an import or a form, and pydantic
turns a malformed record into a list of field-level errors that `validation` can report with the
file, the record id and the field (a dataclass would need all of that written by hand).
Geometries are shapely 2 objects; they are (de)serialised as GeoJSON by `geodata.formats`.

Models are frozen: the core passes them around and never mutates its input.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum, StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

from .normalize import SLUG


def _to_geometry(value: Any) -> BaseGeometry:
    if isinstance(value, BaseGeometry):
        return value
    if isinstance(value, dict):
        return shape(value)
    raise ValueError("expected a GeoJSON geometry object")


Geometry = Annotated[
    BaseGeometry,
    BeforeValidator(_to_geometry),
    PlainSerializer(lambda g: mapping(g), return_type=dict),
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class PlaceKind(StrEnum):
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    NEIGHBOURHOOD = "neighbourhood"
    REGION = "region"
    FACILITY = "facility"
    SUBDISTRICT = "subdistrict"  # OCHA admin level 3 (ناحية)
    DISTRICT = "district"  # OCHA admin level 2 (منطقة)
    GOVERNORATE = "governorate"
    COUNTRY = "country"


class Precision(IntEnum):
    """How well a geometry locates what it stands for, in the sense of ACLED's `geo_precision`:
    1 the place itself; 2 near it or part of it (a village placed at its sub-district's centre,
    a point placed by hand within some kilometres); 3 only a region (a governorate, a region
    drawn by hand)."""

    PLACE = 1
    NEAR = 2
    REGION = 3


class Name(_Record):
    """One name of a place or actor.

    `lang` is a BCP-47-like tag: ar, en, ku (Kurmanji in Latin script), ku-Arab (Kurdish in
    Arabic script), syc (Syriac), tr, or `translit` for a romanisation variant.
    """

    text: str = Field(min_length=1)
    lang: str = Field(min_length=2)


class Place(_Record):
    id: str
    name_en: str = Field(min_length=1)
    name_ar: str = Field(min_length=1)
    names: tuple[Name, ...] = ()
    kind: PlaceKind
    parent: str | None = None
    governorate: str | None = None
    geometry: Geometry
    geonames_id: int | None = None
    # Weight used when a name is ambiguous and the text gives no context (see gazetteer.py).
    prior: float = Field(default=1.0, gt=0)
    sources: tuple[str, ...] = ()  # where the record and its geometry come from
    note: str | None = None
    pcode: str | None = None  # OCHA p-code: SY08 (governorate) ... C4564 (community), N0387
    precision: Precision = Precision.PLACE

    @field_validator("id", "parent", "governorate")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and not SLUG.match(value):
            raise ValueError(f"{value!r} is not a slug (lower-case words joined by '-')")
        return value

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon) of the place: the point itself, or a point inside a polygon."""
        p = self.geometry if isinstance(self.geometry, Point) else self.geometry.representative_point()
        return (p.y, p.x)

    def all_names(self) -> list[Name]:
        return [Name(text=self.name_en, lang="en"), Name(text=self.name_ar, lang="ar"), *self.names]


class Faction(_Record):
    """A side that holds territory: control zones belong to factions, actors to a faction.

    Time-aware: a faction exists from `valid_from` to `valid_to` (end exclusive; None: open).
    The Assad government ends on 8 December 2024, when the transitional government begins; HTS
    ends when it dissolved into the state, the SNA when it was folded into the new army."""

    id: str
    name_en: str
    name_ar: str
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    description: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Faction:
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is not after valid_from {self.valid_from}")
        return self

    def active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


class Actor(_Record):
    """Someone who demands, blockades or meets. Time-aware: the same words can name different
    actors in different years (the Syrian government before and after 8 December 2024)."""

    id: str
    name_en: str
    name_ar: str
    aliases: tuple[Name, ...] = ()
    faction: str | None = None
    colour: str = Field(default="#777777", pattern=r"^#[0-9a-fA-F]{6}$")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None

    def active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ControlZone(_Record):
    id: str
    faction: str
    geometry: Geometry
    valid_from: dt.date
    valid_to: dt.date | None = None
    source: str = Field(min_length=1)
    confidence: Confidence
    note: str | None = None

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Source(_Record):
    """Where an event comes from. The text itself is not shipped; its hash lets `validation`
    check evidence offsets against a copy of the text when one is at hand."""

    id: str
    outlet: str = Field(min_length=1)
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    lang: str = "ar"
    text_sha256: str | None = None
    note: str | None = None


class EventType(StrEnum):
    DEMAND = "demand"
    BLOCKADE = "blockade"
    LIFT_BLOCKADE = "lift_blockade"
    MEETING = "meeting"
    THREAT = "threat"
    ARREST = "arrest"
    CLASH = "clash"
    AGREEMENT = "agreement"
    OTHER = "other"


# CAMEO codes: the default code of each type and the prefixes a more specific code may have.
CAMEO: dict[EventType, tuple[str, tuple[str, ...]]] = {
    EventType.DEMAND: ("100", ("10",)),
    EventType.BLOCKADE: ("191", ("191",)),
    EventType.LIFT_BLOCKADE: ("0872", ("0872",)),
    EventType.MEETING: ("040", ("04",)),
    EventType.THREAT: ("138", ("13",)),
    EventType.ARREST: ("173", ("173",)),
    EventType.CLASH: ("190", ("19", "18")),
    EventType.AGREEMENT: ("057", ("057", "03", "05")),
    EventType.OTHER: ("010", ("0", "1", "2")),
}

CAMEO_LABELS: dict[str, str] = {
    "100": "demand, not specified",
    "1053": "demand release of persons or property",
    "1056": "demand de-escalation of military engagement",
    "106": "demand withdrawal",
    "108": "demand meeting, negotiation",
    "191": "impose blockade, restrict movement",
    "0872": "ease military blockade",
    "040": "consult",
    "044": "meet at a third location",
    "045": "mediate",
    "046": "engage in negotiation",
    "138": "threaten with military force",
    "1381": "threaten blockade",
    "173": "arrest, detain",
    "190": "use conventional military force",
    "057": "sign formal agreement",
    "010": "make statement",
}


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Status(StrEnum):
    """State of a blockade (or of a lift): what the source says at its date."""

    ONGOING = "ongoing"
    LIFTED = "lifted"
    PROPOSED = "proposed"  # offered or demanded, not (yet) done


class LinkRel(StrEnum):
    IN_EXCHANGE_FOR = "in_exchange_for"
    RESPONDS_TO = "responds_to"
    CONCERNS = "concerns"  # e.g. a demand to lift a blockade points at that blockade


class Link(_Record):
    rel: LinkRel
    event: str


class Evidence(_Record):
    """The exact words an event rests on, in the source's language, with character offsets
    (Python str indices) into the source text."""

    quote: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    lang: str = "ar"

    @model_validator(mode="after")
    def _span(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError(
                f"end - start is {self.end - self.start} but the quote has {len(self.quote)} "
                "characters; offsets must span the quote exactly"
            )
        return self


class ReviewStatus(StrEnum):
    ACCEPTED = "accepted"
    DRAFT = "draft"
    REJECTED = "rejected"


class Event(_Record):
    id: str
    type: EventType
    cameo: str = ""
    actor: str | None = None
    target: str | None = None
    mediator: str | None = None
    places: tuple[str, ...] = ()
    # ACLED's geo_precision of where the event is placed (see `Precision`): the least precise
    # of its places, or 2 when the place was inferred (a village named only with its classifier
    # placed at the nearest known place, `Gazetteer.place_unknown`).
    geo_precision: Precision = Precision.PLACE
    date: dt.date
    date_precision: DatePrecision = DatePrecision.DAY
    object_en: str | None = None  # what is demanded / blockaded: "lift the blockade of Shahba"
    object_ar: str | None = None
    links: tuple[Link, ...] = ()
    status: Status | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source: Source
    evidence: Evidence
    confidence: Confidence = Confidence.MEDIUM
    historical: bool = False
    review: ReviewStatus = ReviewStatus.ACCEPTED
    note: str | None = None

    @model_validator(mode="after")
    def _cameo(self) -> Event:
        default, prefixes = CAMEO[self.type]
        if not self.cameo:
            object.__setattr__(self, "cameo", default)
        elif not self.cameo.isdigit() or not self.cameo.startswith(prefixes):
            raise ValueError(
                f"cameo {self.cameo!r} does not fit type {self.type.value!r} "
                f"(expected a code starting with {' or '.join(prefixes)})"
            )
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self

    def linked(self, rel: LinkRel) -> list[str]:
        return [link.event for link in self.links if link.rel == rel]

    def visible_on(self, day: dt.date) -> bool:
        """An event is shown as of `day` once it has happened (or, for a blockade, began)."""
        return (self.since or self.date) <= day
