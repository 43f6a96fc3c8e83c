"""Write a realistic ACLED-style CSV of N events, for the benchmarks to push through the real import
path (`zonemap import FILE`).

Real event sets are not spread over a few curated places: they sit at thousands of distinct
locations, dense in a few towns and thin over many villages, over several years, of every type
and many actors. The mix here (documented, deterministic for a seed):

- locations: the gazetteer's settlements (the community gazetteer when it is shipped, else the
  GeoNames localities and the curated places) plus `villages` synthetic villages scattered
  inside Syria's outline, named like ACLED's own ("Tall Hamid", "Khirbet ...");
- weights: a Zipf law over locations (rank r weighted 1/r^0.9): the first dozen towns take a
  third of the events, half the locations have fewer than five;
- coordinates: the location's point, jittered by up to 300 m for geo_precision 1 rows (ACLED
  rounds to the place), precision 2 and 3 rows at 20% and 5%;
- dates: uniform over `years` years ending 2025-12-31; time_precision 1 (85%), 2, 3;
- types: ACLED's event and sub-event types in their Syrian proportions (battles and remote
  violence dominate), actors from a list of 60 names of which a third match the actor lexicon;
- notes: a sentence naming the actors and the location (the evidence quote).

    python benchmarks/generate_acled.py 100000 -o /tmp/acled-100k.csv [--seed 1] [--villages 6000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from geodata.formats.acled import ACLED_COLUMNS  # noqa: E402  (after the path: run as a script)

# (event_type, sub_event_type, weight): roughly ACLED's Syria mix 2017-2025.
TYPES = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 30),
    ("Explosions/Remote violence", "Air/drone strike", 14),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 6),
    ("Battles", "Armed clash", 18),
    ("Battles", "Government regains territory", 1),
    ("Battles", "Non-state actor overtakes territory", 1),
    ("Violence against civilians", "Attack", 8),
    ("Violence against civilians", "Abduction/forced disappearance", 3),
    ("Protests", "Peaceful protest", 8),
    ("Riots", "Violent demonstration", 1),
    ("Strategic developments", "Arrests", 4),
    ("Strategic developments", "Agreement", 1),
    ("Strategic developments", "Looting/property destruction", 2),
    ("Strategic developments", "Other", 3),
]
KNOWN_ACTORS = [
    "Military Forces of Syria (2000-2024)",
    "SDF: Syrian Democratic Forces",
    "Asayish",
    "HTS: Hayat Tahrir al Sham",
    "Syrian National Army",
    "Military Forces of Turkey (2016-)",
    "Military Forces of Russia (2000-)",
    "Islamic State (Syria)",
    "Military Forces of Israel",
    "Military Forces of the United States (2021-)",
    "NDF: National Defence Forces",
    "Protesters (Syria)",
    "Civilians (Syria)",
    "Unidentified Armed Group (Syria)",
    "YPG: Peoples Protection Units",
    "Military Forces of Iran (1989-)",
    "Hezbollah",
    "Police Forces of Syria (2000-2024)",
    "Jaish al Izza",
    "Ahrar al Sham",
]
OTHER_ACTORS = [
    f"Militia ({name})"
    for name in (
        "Bani Khalid",
        "al Baggara",
        "Shaitat",
        "al Akidat",
        "Tayy",
        "Sharabiyin",
        "al Jabbour",
        "al Fawara",
        "al Hadidiyin",
        "Mawali",
        "Bu Kamal Clan",
        "al Sabkha",
        "Tuwaimat",
        "Maadan",
        "al Busaraya",
        "Huwaydi",
        "al Shuhayl",
        "Dhiban",
        "Hajin",
        "al Kishma",
        "Qalaat al Madiq",
        "Kafr Nabl",
        "Saraqib",
        "Jisr al Shughur",
        "Tal Tamr",
        "Abu Rasin",
        "Darbasiyah",
        "Amuda",
        "Tal Hamis",
        "al Yarubiyah",
        "Shaddadi",
        "Markada",
        "al Hol",
        "Busayrah",
        "Diban",
        "Jadid",
        "Gharanij",
        "al Sousa",
        "Baghuz",
        "al Marashidah",
    )
]
VILLAGE_WORDS = ["Tall", "Khirbet", "Ain", "Kafr", "Deir", "Umm", "Abu", "Beit", "Jabal", "Wadi"]
VILLAGE_NAMES = [
    "Hamid",
    "al Ahmar",
    "Shaykh",
    "Hassan",
    "al Kabir",
    "Jamal",
    "Nasr",
    "Salim",
    "al Sharqi",
    "al Gharbi",
    "Ruman",
    "Zaytun",
    "al Hawa",
    "Karim",
    "Mansur",
]
SOURCES = [
    "SANA",
    "Syrian Observatory for Human Rights",
    "North Press Agency",
    "Enab Baladi",
    "Hawar News Agency",
    "Step News Agency",
    "Deir Ezzor 24",
    "Rudaw",
]


@dataclass(frozen=True)
class Location:
    name: str
    lat: float
    lon: float
    admin1: str


def _settlements() -> list[Location]:
    """Shipped settlements (towns, villages, cities), largest first where known."""
    from geodata.dataset import load_dataset
    from geodata.model import PlaceKind

    ds = load_dataset()
    kinds = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE)
    order = {PlaceKind.CITY: 0, PlaceKind.TOWN: 1, PlaceKind.VILLAGE: 2}
    places = sorted(
        (p for p in ds.gazetteer.places.values() if p.kind in kinds), key=lambda p: (order[p.kind], p.id)
    )
    govs = {p.id: p.name_en for p in ds.gazetteer.places.values() if p.kind == PlaceKind.GOVERNORATE}
    return [Location(p.name_en, p.point[0], p.point[1], govs.get(p.governorate or "", "")) for p in places]


def _villages(n: int, rng: random.Random) -> list[Location]:
    """`n` synthetic villages inside Syria's outline (rejection sampling in its bounding box)."""
    import shapely

    from geodata.dataset import read_outline

    outline = read_outline()
    shapely.prepare(outline)
    west, south, east, north = outline.bounds
    out: list[Location] = []
    while len(out) < n:
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if shapely.contains_xy(outline, lon, lat):
            name = f"{rng.choice(VILLAGE_WORDS)} {rng.choice(VILLAGE_NAMES)} {len(out) + 1}"
            out.append(Location(name, round(lat, 4), round(lon, 4), ""))
    return out


def rows(n: int, *, seed: int = 1, villages: int = 6000, years: int = 8) -> Iterator[list[str]]:
    rng = random.Random(seed)
    locations = _settlements() + _villages(villages, rng)
    weights = [1 / (rank**0.9) for rank in range(1, len(locations) + 1)]
    types = [(t, s) for t, s, _ in TYPES]
    type_weights = [w for _, _, w in TYPES]
    actors = KNOWN_ACTORS + OTHER_ACTORS
    actor_weights = [8.0] * len(KNOWN_ACTORS) + [1.0] * len(OTHER_ACTORS)
    end = dt.date(2025, 12, 31)
    span = years * 365
    for i in range(n):
        loc = rng.choices(locations, weights)[0]
        event_type, sub = rng.choices(types, type_weights)[0]
        a1, a2 = rng.choices(actors, actor_weights, k=2)
        day = end - dt.timedelta(days=rng.randrange(span))
        precision = rng.choices(("1", "2", "3"), (75, 20, 5))[0]
        jitter = 0.003 if precision == "1" else 0.0
        lat = round(loc.lat + rng.uniform(-jitter, jitter), 4)
        lon = round(loc.lon + rng.uniform(-jitter, jitter), 4)
        notes = (
            f"On {day:%d %B %Y}, {a1} and {a2} were involved in {sub.lower()} in {loc.name}. [size=no report]"
        )
        yield [
            f"SYR{i + 1:07d}",
            day.isoformat(),
            str(day.year),
            rng.choices(("1", "2", "3"), (85, 10, 5))[0],
            "Political violence",
            event_type,
            sub,
            a1,
            "",
            "1",
            a2 if a2 != a1 else "",
            "",
            "8",
            "18",
            "",
            "760",
            "Middle East",
            "Syria",
            loc.admin1,
            "",
            "",
            loc.name,
            f"{lat}",
            f"{lon}",
            precision,
            rng.choice(SOURCES),
            "National",
            notes,
            str(rng.choices((0, 1, 2, 5), (70, 15, 10, 5))[0]),
            "",
            "1700000000",
        ]


def write(path: Path, n: int, **kwargs: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(rows(n, **kwargs))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many events")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--villages", type=int, default=6000)
    parser.add_argument("--years", type=int, default=8)
    args = parser.parse_args()
    write(args.output, args.n, seed=args.seed, villages=args.villages, years=args.years)
    print(f"{args.n} events -> {args.output}")


if __name__ == "__main__":
    main()
