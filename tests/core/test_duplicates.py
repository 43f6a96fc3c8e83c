"""Duplicate places on import (issue 14): the same or a similar name within a distance is a
duplicate; another name, or the same name far away, is not; merge keeps the existing place and
adds the new names; skip leaves the record out; references follow."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from geodata.duplicates import (
    ADD,
    MERGE,
    SKIP,
    find_duplicates,
    merge,
    name_similarity,
    resolve,
)
from geodata.model import Name, Place, PlaceKind


def place(pid: str, en: str, ar: str, lon: float, lat: float, **kw) -> Place:
    return Place(
        id=pid, name_en=en, name_ar=ar, kind=kw.pop("kind", PlaceKind.TOWN), geometry=Point(lon, lat), **kw
    )


TELL_ABYAD = place("tell-abyad", "Tell Abyad", "تل أبيض", 38.955, 36.697, pcode="C1234", sources=("ocha",))
HASAKAH = place("hasakah", "Hasakah", "الحسكة", 40.75, 36.50, kind=PlaceKind.CITY)
EXISTING = {p.id: p for p in (TELL_ABYAD, HASAKAH)}


def test_find__same_name_another_spelling_nearby_is_a_duplicate():
    new = place("tal-abiad", "Tal Abiad", "تل ابيض", 38.96, 36.70)  # ~0.5 km away
    (dup,) = find_duplicates([new], EXISTING)
    assert dup.existing.id == "tell-abyad" and dup.score == 100.0 and dup.km < 1
    assert dup.names in {("Tal Abiad", "Tell Abyad"), ("تل ابيض", "تل أبيض")}


def test_find__a_misspelling_scores_below_100_but_over_the_threshold():
    new = place("hasakeh-city", "Al-Hasakeh City", "الحسكه", 40.76, 36.51)
    (dup,) = find_duplicates([new], EXISTING)
    assert dup.existing.id == "hasakah" and 90 <= dup.score <= 100


def test_find__same_name_far_away_is_not_a_duplicate():
    far = place("tell-abyad-2", "Tell Abyad", "تل أبيض", 36.0, 33.5)  # near Damascus
    assert find_duplicates([far], EXISTING) == []
    assert find_duplicates([far], EXISTING, max_km=500)[0].existing.id == "tell-abyad"


def test_find__another_name_nearby_is_not_a_duplicate():
    other = place("ain-issa", "Ain Issa", "عين عيسى", 38.96, 36.70)
    assert find_duplicates([other], EXISTING) == []


def test_find__a_held_id_is_an_update_not_a_duplicate():
    moved = place("tell-abyad", "Tell Abyad", "تل أبيض", 38.956, 36.698)
    assert find_duplicates([moved], EXISTING) == []


def test_find__bad_thresholds():
    with pytest.raises(ValueError, match="max_km"):
        find_duplicates([], EXISTING, max_km=0)


def test_name_similarity__compares_within_a_script_only():
    latin_only = place("x", "Hasakah", "مكان آخر", 0, 0)
    score, names = name_similarity(latin_only, HASAKAH)
    assert score == 100.0 and names == ("Hasakah", "Hasakah")


def test_merge__keeps_the_existing_place_and_adds_names_and_missing_fields():
    new = place(
        "tal-abiad",
        "Tal Abiad",
        "تل ابيض",
        38.96,
        36.70,
        geonames_id=170000,
        pcode="C9999",
        names=(Name(text="Girê Spî", lang="ku"),),
        sources=("import",),
    )
    merged = merge(TELL_ABYAD, new)
    assert (merged.id, merged.geometry, merged.kind) == (TELL_ABYAD.id, TELL_ABYAD.geometry, TELL_ABYAD.kind)
    assert merged.pcode == "C1234"  # its own kept
    assert merged.geonames_id == 170000  # the missing one added
    assert {(n.text, n.lang) for n in merged.names} == {
        ("Tal Abiad", "en"),
        ("تل ابيض", "ar"),
        ("Girê Spî", "ku"),
    }
    assert merged.sources == ("ocha", "import")
    assert TELL_ABYAD.names == ()  # the input is not changed


def test_resolve__merge_skip_add_and_references_follow():
    dup_town = place("tal-abiad", "Tal Abiad", "تل ابيض", 38.96, 36.70)
    village = place("village", "Some Village", "قرية ما", 38.97, 36.71, parent="tal-abiad")
    records = [dup_town, village]
    dups = find_duplicates(records, EXISTING)
    assert [d.new.id for d in dups] == ["tal-abiad"]

    merged = resolve(records, dups, {"tal-abiad": MERGE})
    assert [p.id for p in merged] == ["tell-abyad", "village"]
    assert merged[1].parent == "tell-abyad"

    skipped = resolve(records, dups, {"tal-abiad": SKIP})
    assert [p.id for p in skipped] == ["village"] and skipped[0].parent == "tell-abyad"
    assert resolve(records, dups, {}) == skipped  # no choice: skipped

    added = resolve(records, dups, {"tal-abiad": ADD})
    assert added == records


def test_resolve__two_records_merged_into_one_place_make_one_record():
    a = place("tal-abiad", "Tal Abiad", "تل ابيض", 38.96, 36.70)
    b = place("tell-abiad", "Tell Abiad", "تل أبيض", 38.95, 36.69, geonames_id=1)
    dups = find_duplicates([a, b], EXISTING)
    (one,) = resolve([a, b], dups, {"tal-abiad": MERGE, "tell-abiad": MERGE})
    assert one.id == "tell-abyad" and one.geonames_id == 1
    assert {"Tal Abiad", "Tell Abiad"} <= {n.text for n in one.names}


def test_resolve__unknown_choice():
    with pytest.raises(ValueError, match="merge, skip, add"):
        resolve([], [], {"x": "delete"})
