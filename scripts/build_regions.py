"""The countryside regions of every governorate, generated from one line of data each.

News places events in "the northern Idlib countryside", «ريف درعا الغربي», «جنوب إدلب» far more
often than in a named village. `scripts/data/curated_places.json` lists, under `countrysides`,
each governorate's city, its names and the directions to make; this module turns them into
curated place rows (the format of the table's `places`), which `build_places.py` appends:

- `<gov>-countryside`: the governorate without a disc of `radius` degrees around its city;
- `<direction>-<gov>-countryside` (northern, southern, eastern, western, and northwestern and
  the other three between them): that countryside on one side of the city (a half-plane, or a
  quadrant, through a point `overlap` degrees past the city, so that they overlap a little in
  the middle, as the words do).

The sides of the country are made the same way, from the `country_sides` list (a direction and
the box it covers): "northwest Syria", «شمال غرب سوريا», «الشمال الغربي السوري», "the Syrian
northwest" ... (`country_side_rows`; sides the table has, "northern Syria", are left alone).

Their names: «ريف X», «ريف X الشمالي», «الريف الشمالي لـX», «شمال X», «شمالي X»; "X countryside",
"rural X", "northern X countryside", "X's northern countryside", "northern rural X",
"northern X", "north of X". Each is precision 3 (only a region), derived from OCHA's polygons,
approximate; rows the table already has (a hand-drawn "northern Aleppo countryside") keep their
shape and names, and get the generated names they lack (`generated_names`). Not a script to
run: `build_places.py` imports it.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry.base import BaseGeometry

DIRECTIONS = {  # direction: (Arabic adjective, Arabic noun, English compass point)
    "northern": ("الشمالي", "شمال", "north"),
    "southern": ("الجنوبي", "جنوب", "south"),
    "eastern": ("الشرقي", "شرق", "east"),
    "western": ("الغربي", "غرب", "west"),
    "northwestern": ("الشمالي الغربي", "شمال غرب", "northwest"),
    "northeastern": ("الشمالي الشرقي", "شمال شرق", "northeast"),
    "southwestern": ("الجنوبي الغربي", "جنوب غرب", "southwest"),
    "southeastern": ("الجنوبي الشرقي", "جنوب شرق", "southeast"),
}
SOURCE = "derived from OCHA COD-AB governorates (geodata/data/syria_admin1.geojson)"
TOLERANCE = 0.01  # degrees (about 1 km): rough regions, kept small


def _half_plane(direction: str, lat: float, lon: float, overlap: float) -> list[list[float]]:
    """A box ([lat, lon] corners) covering Syria on one side of the city (a quadrant for
    "northwestern" and the like)."""
    south, north, west, east = 32.0, 37.6, 35.5, 42.5
    if direction.startswith("north"):
        south = lat - overlap
    if direction.startswith("south"):
        north = lat + overlap
    if direction.endswith("eastern"):
        west = lon - overlap
    if direction.endswith("western"):
        east = lon + overlap
    return [[south, west], [north, west], [north, east], [south, east]]


def _lam(ar: str) -> str:
    """«ل» + a name: «لإدلب», «للرقة» (the article's alef goes)."""
    return "ل" + (ar[1:] if ar.startswith("ال") else ar)


def _base_names(ens: list[str], ars: list[str]) -> dict[str, list[str]]:
    en = [f"{e} countryside" for e in ens[1:]]
    en += [t for e in ens for t in (f"rural {e}", f"countryside of {e}", f"{e} province countryside")]
    return {"ar": [f"أرياف {a}" for a in ars] + [f"ريف {a}" for a in ars[1:]], "en": en}


def _directional_names(direction: str, ens: list[str], ars: list[str]) -> dict[str, list[str]]:
    adj, noun, compass = DIRECTIONS[direction]
    ar = [f"ريف {a} {adj}" for a in ars[1:]] + [f"الريف {adj} {_lam(a)}" for a in ars]
    nouns = [noun, noun.replace(" ", "ي ") + "ي"]  # «شمال غرب», «شمالي غربي»
    ar += [f"{n} {a}" for n in nouns for a in ars] + [f"{noun}ي {a}" for a in ars]
    ar += [f"{n} محافظة {a}" for n in nouns for a in ars]
    en = [f"{direction} {e} countryside" for e in ens[1:]]
    en += [
        t
        for e in ens
        for t in (
            f"{e} {direction} countryside",
            f"{e}'s {direction} countryside",
            f"{direction} countryside of {e}",
            f"{direction} rural {e}",
            f"{compass} {e} countryside",
            f"{direction} {e}",
            f"{compass} of {e}",
        )
    ]
    return {"ar": ar, "en": en}


def generated_names(spec: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Place id -> the names this module gives it, for every countryside region of a
    governorate (also those the table has drawn by hand)."""
    gov, ens, ars = spec["gov"], spec["en"], spec["ar"]
    out = {f"{gov}-countryside": _base_names(ens, ars)}
    for direction in spec.get("directions", DIRECTIONS):
        out[f"{direction}-{gov}-countryside"] = _directional_names(direction, ens, ars)
    return out


def countryside_rows(spec: dict[str, Any], city: BaseGeometry, existing: set[str]) -> list[dict[str, Any]]:
    """The rows of one governorate's countryside regions (see the module docstring)."""
    gov, ens, ars = spec["gov"], spec["en"], spec["ar"]
    en = ens[0]
    lat, lon, radius = city.y, city.x, spec.get("radius", 0.06)
    km = round(radius * 111)
    base_id = f"{gov}-countryside"
    rows = []
    if base_id not in existing:
        rows.append(
            {
                "id": base_id,
                "name_en": f"{en} countryside",
                "name_ar": f"ريف {ars[0]}",
                "kind": "region",
                "gov": gov,
                "precision": 3,
                "simplify": TOLERANCE,
                "geometry": {"difference": [{"governorate": gov}, {"circle": [lat, lon, radius]}]},
                "names": _base_names(ens, ars),
                "source": SOURCE,
                "note": f"the {en} governorate without about {km} km around the city; derived, approximate",
            }
        )
    for direction in spec.get("directions", DIRECTIONS):
        pid = f"{direction}-{gov}-countryside"
        if pid in existing:
            continue
        box = _half_plane(direction, lat, lon, spec.get("overlap", 0.05))
        rows.append(
            {
                "id": pid,
                "name_en": f"{direction} {en} countryside",
                "name_ar": f"ريف {ars[0]} {DIRECTIONS[direction][0]}",
                "kind": "region",
                "gov": gov,
                "precision": 3,
                "simplify": TOLERANCE,
                "geometry": {"intersection": [{"place": base_id}, {"ring": box}]},
                "names": _directional_names(direction, ens, ars),
                "source": SOURCE,
                "note": f"the {en} countryside {DIRECTIONS[direction][2]} of about the city's "
                f"{'latitude' if direction in ('northern', 'southern') else 'longitude'}"
                f"{' and longitude' if len(DIRECTIONS[direction][1].split()) > 1 else ''}; "
                "derived, approximate",
            }
        )
    return rows


def _side_names(direction: str) -> dict[str, list[str]]:
    adj, noun, compass = DIRECTIONS[direction]
    first, *rest = adj.split()
    article = " ".join([first.removesuffix("ي"), *rest])  # «الشمال الغربي»
    ar = [f"{n} {s}" for n in (noun, noun.replace(" ", "ي ") + "ي", noun + "ي") for s in ("سوريا", "سورية")]
    ar += [f"{article} السوري", f"{article} من سوريا", f"{article} لسوريا"]
    # «المنطقة الشرقية», "the Eastern Province": what Syrian media call that side of the country
    ar.append("المنطقة " + " ".join(w + "ة" for w in adj.split()))
    hyphen = compass[:5] + "-" + compass[5:] if len(compass) > 5 else compass
    en = [
        f"{compass} Syria",
        f"{direction} Syria",
        f"{hyphen} Syria",
        f"the Syrian {compass}",
        f"{compass} of Syria",
        f"{compass}ern Syria" if len(compass) > 5 else f"{compass} Syria",
        f"{direction.capitalize()} Province",
    ]
    return {"ar": list(dict.fromkeys(ar)), "en": list(dict.fromkeys(en))}


def country_side_rows(sides: list[dict[str, Any]], existing: set[str]) -> list[dict[str, Any]]:
    """The rows of the country's sides (see the module docstring): each the country within its
    box ([south, west, north, east] in degrees)."""
    rows = []
    for side in sides:
        direction = side["direction"]
        compass = DIRECTIONS[direction][2]
        word = compass if len(compass) > 5 else direction  # Northwest Syria, Eastern Syria
        pid = f"{word}-syria"
        if pid in existing:
            continue
        south, west, north, east = side["box"]
        rows.append(
            {
                "id": pid,
                "name_en": f"{word.capitalize()} Syria",
                "name_ar": f"{DIRECTIONS[direction][1]} سوريا",
                "kind": "region",
                "gov": None,
                "parent": "syria",
                "precision": 3,
                "simplify": TOLERANCE,
                "geometry": {
                    "tidy": {
                        "intersection": [
                            {"country": True},
                            {"ring": [[south, west], [north, west], [north, east], [south, east]]},
                        ]
                    }
                },
                "names": _side_names(direction),
                "source": COUNTRY_SOURCE,
                "note": f"Syria within {south}-{north}°N, {west}-{east}°E; derived, approximate",
            }
        )
    return rows


COUNTRY_SOURCE = "derived from OCHA COD-AB's outline of Syria (geodata/data/syria_admin0.geojson)"
