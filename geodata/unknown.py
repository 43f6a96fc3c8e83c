"""Places the gazetteer does not know: a village named with its classifier («قرية X», "the
village of X") is a place, even when no list has it. Rather than drop it, `place_unknown` puts
it at the nearest known place the report names, with ACLED's precision 2 ("near"):

    placement = gazetteer.place_unknown("تل الزيتون", near=["tal-tamr", "hasakah"])
    placement.place      # a new Place: the name, kind village, at Tal Tamr's point, precision 2
    placement.anchor     # Tal Tamr, the place it was put at
    placement.precision  # Precision.NEAR (2); REGION (3) when only a region was named

`near` lists the known places of the sentence, then of the report, nearest to the mention first
(ids or Places); the first that is a settlement, neighbourhood or facility is the anchor, else
the first of any kind (a region or governorate: precision 3). When a listed place of that name
(a community of the REACH/IOM lists under another spelling) lies within `NEAR_KM` of the
anchor, that place is the answer, with its own precision, and `known` is True.

An event placed this way carries the placement's precision as its `geo_precision`; the new
place can be stored with the event (its id is stable: the name's slug and the anchor's id).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shapely.geometry import Point

from .matching import haversine_km
from .model import Name, Place, PlaceKind, Precision
from .normalize import fold_latin, is_arabic

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

NEAR_KM = 30.0
POINTLIKE = frozenset(
    {PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD, PlaceKind.FACILITY}
)
SETTLEMENTS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE})
SOURCE = "placed at the nearest known place named in the same report (Gazetteer.place_unknown)"


@dataclass(frozen=True)
class Placement:
    """Where an unknown place named with its classifier was put."""

    name: str
    place: Place  # the new place (or the listed place of that name near the anchor)
    anchor: Place  # the known place of the report it was put at or found near
    precision: Precision
    known: bool = False  # True when `place` is a listed place found near the anchor


def _slug(name: str) -> str:
    latin = re.sub(r"[^a-z0-9]+", "-", fold_latin(name)).strip("-")
    if latin and not is_arabic(name):
        return latin[:40].strip("-")
    return hashlib.sha1(name.strip().encode()).hexdigest()[:8]


def _listed_near(gaz: Gazetteer, name: str, anchor: Place) -> Place | None:
    """A listed settlement of that name within NEAR_KM of the anchor, the closest."""
    found = [
        (haversine_km(p.point, anchor.point), p.id, p)
        for p, _score, _m in gaz.candidates(name)
        if p.kind in SETTLEMENTS and p.id != anchor.id
    ]
    found = [f for f in found if f[0] <= NEAR_KM]
    return min(found)[2] if found else None


def place_unknown(
    gaz: Gazetteer, name: str, near: Sequence[str | Place], kind: PlaceKind = PlaceKind.VILLAGE
) -> Placement | None:
    """See the module docstring. None when `name` is blank or `near` holds no known place."""
    name = name.strip()
    looked_up = [gaz.places.get(n) if isinstance(n, str) else n for n in near]
    anchors = [a for a in looked_up if a is not None]
    if not name or not anchors:
        return None
    anchor = next((a for a in anchors if a.kind in POINTLIKE), anchors[0])
    listed = _listed_near(gaz, name, anchor)
    if listed is not None:
        return Placement(name, listed, anchor, listed.precision, known=True)
    precision = Precision.NEAR if anchor.kind in POINTLIKE else Precision.REGION
    lat, lon = anchor.point
    governorate = anchor.id if anchor.kind == PlaceKind.GOVERNORATE else anchor.governorate
    place = Place(
        id=f"unknown-{_slug(name)}-near-{anchor.id}",
        name_en=name,
        name_ar=name,
        names=(Name(text=name, lang="ar" if is_arabic(name) else "en"),),
        kind=kind,
        parent=anchor.id,
        governorate=governorate,
        geometry=Point(lon, lat),
        prior=0.1,
        sources=(SOURCE,),
        precision=precision,
        note=f"not in the gazetteer: named with its classifier and placed at {anchor.name_en} "
        f"(precision {int(precision)}: {'near it' if precision == 2 else 'only the region'})",
    )
    return Placement(name, place, anchor, precision)
