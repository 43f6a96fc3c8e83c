"""Judging a predicted place against a labelled one (see `evaluation`): the labelled
`canonical_en` read as gazetteer place ids (`CanonicalPlaces`), mentions compared without
classifiers and punctuation (`mention_key`), and identity or distance within the label's
`coord_confidence` tolerance, of a compatible kind (`same_place`).
"""

from __future__ import annotations

import re
from typing import Any

from shapely.geometry import Point

from ..gazetteer import Gazetteer, haversine_km
from ..model import Place
from ..normalize import arabic_key, fold_latin

TOLERANCE_KM = {"high": 3.0, "approx": 12.0, "low": 40.0}

# Corpus names that differ from every name of the gazetteer place they mean.
CANONICAL_IDS: dict[str, str] = {
    "Syria": "syria",
    "Hasakah": "hasakah",
    "Aleppo": "aleppo",
    "Qamishli": "qamishli",
    "Raqqa governorate": "raqqa-governorate",
    "Deir ez-Zor governorate": "deir-ez-zor-governorate",
    "Aleppo governorate": "aleppo-governorate",
    "Hasakah governorate": "hasakah-governorate",
    "Rojava (Western Kurdistan)": "rojava",
    "Afrin region": "afrin-region",
    "Afrin": "afrin",
    "Hama": "hama",
    "Kobani": "kobani",
    "Manbij": "manbij",
    # The corpus README's own name for the border region (its point lies on the Turkish side).
    "Syria–Turkey border strip": "syria-turkey-border",
}

# Generic classifiers that the corpus leaves out of a mention (see its README).
CLASSIFIER_WORDS = {
    "مدينه",
    "مدينتي",
    "بلده",
    "قريه",
    "حي",
    "حيي",
    "منطقه",
    "مناطق",
    "معبر",
    "city",
    "town",
    "village",
    "neighbourhood",
    "neighborhood",
    "neighborhoods",
    "crossing",
    "border",
    "the",
    "of",
}


def mention_key(text: str) -> str:
    """A mention without punctuation, classifiers and spelling variants; case kept."""
    words = arabic_key(text).split()
    return " ".join(w for w in words if w not in CLASSIFIER_WORDS and w.lower() not in {"the"})


class CanonicalPlaces:
    """corpus `canonical_en` -> gazetteer place ids."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, frozenset[str]] = {}

    def ids(self, canonical: str | None) -> frozenset[str]:
        if canonical is None:
            return frozenset()
        if canonical not in self._cache:
            self._cache[canonical] = self._find(canonical)
        return self._cache[canonical]

    def _find(self, canonical: str) -> frozenset[str]:
        if canonical in CANONICAL_IDS and CANONICAL_IDS[canonical] in self.gazetteer:
            return frozenset({CANONICAL_IDS[canonical]})
        g = self.gazetteer
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", canonical)
        slug = re.sub(r"[^a-z0-9]+", "-", fold_latin(bare).lower()).strip("-")
        if slug in g.curated:  # "Suwayda governorate" -> suwayda-governorate
            return frozenset({slug})
        exact = {p.id for p in g.places.values() if p.name_en.casefold() == canonical.casefold()}
        if exact:
            return frozenset(exact)
        ids = set(g.lookup(canonical)) or set(g.lookup(bare))
        curated = {i for i in ids if i in g.curated}
        return frozenset(curated or ids)


def _coordinate_ok(place: Place, gold: dict[str, Any]) -> bool:
    """The predicted place lies within the label's tolerance of the annotator's point, or its
    polygon holds that point."""
    lat, lon = gold.get("approx_lat"), gold.get("approx_lon")
    if lat is None or lon is None:
        return False
    geom = place.geometry
    if not isinstance(geom, Point) and geom.contains(Point(lon, lat)):
        return True
    tol = TOLERANCE_KM.get(gold.get("coord_confidence") or "low", TOLERANCE_KM["low"])
    return haversine_km(place.point, (lat, lon)) <= tol


# Kinds that may stand for one another when a place is judged by distance: a town of GeoNames
# may be a village of the corpus; a city is never its security square, nor a governorate.
_KIND_GROUPS = {
    "city": "settlement",
    "town": "settlement",
    "village": "settlement",
    "neighbourhood": "neighbourhood",
    "facility": "facility",
    "region": "region",
    "governorate": "governorate",
    "country": "country",
}
_AREAS = frozenset({"region", "governorate", "country"})


def same_place(place: Place | None, gold: dict[str, Any] | None, canon: CanonicalPlaces) -> bool:
    """Whether a predicted place is the labelled place `gold` (a corpus place record): the
    gazetteer place of its `canonical_en`, or a place of the same kind group within the
    label's tolerance of its point (or whose polygon holds it); see the module docstring."""
    if place is None or gold is None:
        return False
    if place.id in canon.ids(gold.get("canonical_en")):
        return True
    kind = gold_kind(gold, canon)
    return (
        not kind or _KIND_GROUPS.get(place.kind.value) == _KIND_GROUPS.get(kind, kind)
    ) and _coordinate_ok(place, gold)


def gold_kind(gold: dict[str, Any], canon: CanonicalPlaces) -> str:
    """A labelled place's kind, else the kind of its gazetteer place ("" when unknown)."""
    ids = canon.ids(gold.get("canonical_en"))
    return gold.get("kind") or next((canon.gazetteer.places[i].kind.value for i in sorted(ids)), "")
