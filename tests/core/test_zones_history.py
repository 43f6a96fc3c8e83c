"""Documented facts at every turning point of the shipped snapshots (geodata/data/zones), one test
each: who held a town on the snapshot before a change and on the one after it. Points are the
towns' GeoNames coordinates (border towns 1 km inside Natural Earth's outline)."""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
from fixtures import place
from shapely.geometry import Point, shape

from geodata.dataset import DATA_DIR
from geodata.formats.geojson import read_features
from geodata.model import ControlZone
from geodata.zones import changed_places, changes, held_since, latest_snapshot, snapshot_on

D = dt.date.fromisoformat


@functools.cache
def all_zones() -> tuple[ControlZone, ...]:
    out: list[ControlZone] = []
    for path in sorted((DATA_DIR / "zones").glob("*.geojson")):
        out += [ControlZone(**rec.data) for rec in read_features(path)]
    return tuple(out)


def holder(day: str, lat: float, lon: float) -> str | None:
    snap = snapshot_on(all_zones(), D(day))
    assert snap is not None and snap.as_of == D(day), f"no snapshot of {day}"
    hits = [z.faction for z in snap.zones if z.geometry.contains(Point(lon, lat))]
    assert len(hits) <= 1, hits
    return hits[0] if hits else None


def enclave(pid: str):
    doc = json.loads((DATA_DIR / "places.geojson").read_text(encoding="utf-8"))
    geom = next(shape(f["geometry"]) for f in doc["features"] if f["properties"]["id"] == pid)
    return geom.representative_point()


RAS_AL_AIN = (36.840, 40.070)
TAL_ABYAD = (36.688, 38.957)
MAARAT_AL_NUMAN = (35.648, 36.677)
SARAQIB = (35.864, 36.806)
ALEPPO = (36.199, 37.163)  # the citadel
TAL_RIFAAT = (36.473, 37.097)
MANBIJ = (36.528, 37.955)
HAMA = (35.132, 36.757)
DAMASCUS = (33.513, 36.292)
DEIR_EZ_ZOR = (35.336, 40.140)
SUWAYDA = (32.709, 36.566)
HERMON = (33.405, 35.857)  # the Syrian slopes of Mount Hermon
AFRIN = (36.512, 36.869)
DEIR_HAFER = (36.157, 37.708)
RAQQA = (35.950, 39.010)
TABQA = (35.836, 38.548)
SHADDADI = (36.056, 40.730)
QAMISHLI_WEST = (37.055, 41.195)
KOBANI = (36.880, 38.354)


def test_peace_spring__ras_al_ain_and_tal_abyad_sdf_before_sna_after():
    assert holder("2019-10-01", *RAS_AL_AIN) == "sdf"
    assert holder("2019-11-01", *RAS_AL_AIN) == "sna"
    assert holder("2019-10-01", *TAL_ABYAD) == "sdf"
    assert holder("2019-11-01", *TAL_ABYAD) == "sna"


def test_october_2019_agreements__government_posts_on_the_sdf_fronts_are_shared():
    assert holder("2019-11-01", 36.3855, 38.8623) == "shared"  # Ain Issa
    assert holder("2019-11-01", 36.55, 37.86) == "shared"  # the Manbij front
    assert holder("2019-11-01", *KOBANI) == "sdf"  # the town itself stayed SDF-held


def test_idlib_ceasefire__maarat_al_numan_and_saraqib_hts_in_2019_government_in_march_2020():
    for town in (MAARAT_AL_NUMAN, SARAQIB):
        assert holder("2019-10-01", *town) == "hts"
        assert holder("2019-11-01", *town) == "hts"
        assert holder("2020-03-06", *town) == "government"


def test_stable_lines__2021_to_november_2024_unchanged():
    for town in (ALEPPO, TAL_RIFAAT, MANBIJ, RAQQA, AFRIN, MAARAT_AL_NUMAN):
        assert holder("2021-01-20", *town) == holder("2023-06-01", *town) == holder("2024-11-26", *town), town


def test_offensive__aleppo_government_on_26_november_hts_led_forces_on_30_november_and_5_december():
    assert holder("2024-11-26", *ALEPPO) == "government"
    assert holder("2024-11-30", *ALEPPO) == "hts"
    assert holder("2024-12-05", *ALEPPO) == "hts"


def test_dawn_of_freedom__tal_rifaat_sdf_pocket_then_sna_from_2_december():
    assert holder("2024-11-26", *TAL_RIFAAT) == "shared"
    assert holder("2024-12-02", *TAL_RIFAAT) == "sna"
    assert holder("2024-12-10", *TAL_RIFAAT) == "sna"


def test_hama__government_until_5_december_2024():
    assert holder("2024-12-02", *HAMA) == "government"
    assert holder("2024-12-05", *HAMA) == "hts"


def test_fall_of_assad__the_transitional_government_replaces_the_government_and_hts():
    assert holder("2024-12-05", *DAMASCUS) == "government"
    assert holder("2024-12-08", *DAMASCUS) == "transition"
    assert holder("2024-12-08", *ALEPPO) == "transition"
    assert holder("2024-12-08", *SUWAYDA) == "suwayda"
    assert holder("2024-12-05", *HERMON) == "government"
    assert holder("2024-12-08", *HERMON) == "israel"
    assert holder("2025-03-15", *HERMON) == "israel"


def test_fall_of_assad__the_sdf_takes_the_hasakah_security_square_on_7_8_december():
    square = enclave("hasakah-security-square")
    assert holder("2024-12-05", square.y, square.x) == "government"
    for day in ("2024-12-08", "2024-12-15", "2025-03-15", "2026-01-25"):
        assert holder(day, square.y, square.x) == "sdf", day


def test_deir_ez_zor__sdf_for_a_few_days_then_the_new_authorities():
    assert holder("2024-11-26", *DEIR_EZ_ZOR) == "government"
    assert holder("2024-12-08", *DEIR_EZ_ZOR) == "sdf"
    assert holder("2024-12-15", *DEIR_EZ_ZOR) == "transition"


def test_manbij__sdf_until_the_sna_took_it_on_9_10_december_2024():
    assert holder("2024-12-08", *MANBIJ) == "sdf"
    assert holder("2024-12-10", *MANBIJ) == "sna"
    assert holder("2024-12-15", *MANBIJ) == "sna"
    assert holder("2025-03-15", *MANBIJ) == "sna"


def test_march_2025__lines_kept_after_the_10_march_agreement():
    assert holder("2025-03-15", *RAQQA) == "sdf"
    assert holder("2025-03-15", *TABQA) == "sdf"
    assert holder("2025-03-15", *DEIR_HAFER) == "sdf"
    assert holder("2025-03-15", *AFRIN) == "sna"


def test_mid_2025__the_sna_folded_into_the_army():
    assert holder("2025-08-01", *AFRIN) == "transition"
    assert holder("2025-08-01", *RAS_AL_AIN) == "transition"
    assert holder("2025-08-01", *SUWAYDA) == "suwayda"


def test_january_2026__the_sdf_leaves_raqqa_deir_hafer_and_al_shaddadi_keeps_qamishli_and_kobani():
    for town in (RAQQA, TABQA, DEIR_HAFER, SHADDADI):
        assert holder("2025-08-01", *town) == "sdf", town
        assert holder("2026-01-25", *town) == "transition", town
    assert holder("2026-01-25", *QAMISHLI_WEST) == "sdf"
    assert holder("2026-01-25", *KOBANI) == "sdf"


def test_latest_snapshot_is_january_2026_and_stays_open():
    assert latest_snapshot(all_zones()) == D("2026-01-25")
    later = snapshot_on(all_zones(), D("2026-12-01"))
    assert later.as_of == D("2026-01-25")


ALEPPO_CITY = place("aleppo-test", "Aleppo", "حلب", "city", Point(ALEPPO[1], ALEPPO[0]))
RAS = place("ras-test", "Ras al-Ain", "رأس العين", "town", Point(RAS_AL_AIN[1], RAS_AL_AIN[0]))


def test_held_since__aleppo_transition_since_the_fall_after_hts():
    got = held_since(ALEPPO_CITY, D("2025-03-20"), all_zones())
    assert (got.faction, got.since, got.before) == ("transition", D("2024-12-08"), "hts")
    got = held_since(ALEPPO_CITY, D("2024-11-26"), all_zones())
    assert (got.faction, got.since, got.before) == ("government", D("2019-10-01"), None)


def test_held_since__ras_al_ain_sna_since_peace_spring():
    got = held_since(RAS, D("2024-11-26"), all_zones())
    assert (got.faction, got.since, got.before) == ("sna", D("2019-11-01"), "sdf")


def test_changes__between_26_november_and_15_december_2024():
    got = changes(all_zones(), D("2024-11-26"), D("2024-12-15"))
    pairs = {(h.before, h.after): h.km2 for h in got.handovers}
    assert pairs[("government", "transition")] > 100_000
    assert pairs[("shared", "sna")] > 300  # the Tal Rifaat pocket and Manbij
    assert ("sdf", "sdf") not in pairs
    total = sum(got.km2_start.values())
    assert 180_000 < total < 190_000
    assert abs(sum(got.km2_end.values()) - total) < 0.001 * total
    assert "government" not in got.km2_end and "transition" not in got.km2_start
    moved = {
        p.id: (a.faction, b.faction)
        for p, a, b in changed_places([ALEPPO_CITY, RAS], D("2024-11-26"), D("2024-12-15"), all_zones())
    }
    assert moved == {"aleppo-test": ("government", "transition")}


@pytest.mark.parametrize("day", ["2019-10-01", "2024-11-26", "2026-01-25"])
def test_changes__of_a_snapshot_with_itself_is_nothing(day):
    assert changes(all_zones(), D(day), D(day)).handovers == ()


def test_changed_places__looking_only_where_areas_changed_hands_finds_the_same():
    ds_places = [
        ALEPPO_CITY,
        RAS,
        place("manbij-test", "Manbij", "منبج", "city", Point(MANBIJ[1], MANBIJ[0])),
    ]
    start, end = D("2024-11-26"), D("2024-12-15")
    found = changes(all_zones(), start, end)
    fast = changed_places(ds_places, start, end, all_zones(), found)
    assert [(p.id, a.faction, b.faction) for p, a, b in fast] == [
        (p.id, a.faction, b.faction) for p, a, b in changed_places(ds_places, start, end, all_zones())
    ]
    assert [p.id for p, _, _ in fast] == ["aleppo-test", "manbij-test"]
