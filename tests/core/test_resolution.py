"""Resolution on the shipped gazetteer (curated places over ~8,800 reference places): no match
below the documented score, context by sub-district and governorate, unknown villages placed
near the known place of their report, and control that follows a neighbourhood's polygon."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from geodata.cli import main
from geodata.gazetteer import MIN_SCORE
from geodata.model import PlaceKind, Precision
from geodata.zones import controller

DAY = dt.date(2021, 1, 20)


@pytest.fixture(scope="module")
def gaz(shipped):
    return shipped.gazetteer


def test_resolve__nonsense_is_no_match(gaz):
    assert gaz.resolve("xyzzy") is None
    assert gaz.candidates("xyzzy") == []


def test_resolve__every_score_is_at_least_the_documented_minimum(gaz):
    for name in ("Kamishli", "Tel Rifat", "Hasakeh", "Serekaniye", "قامشلو", "Tall Abyad"):
        res = gaz.resolve(name)
        assert res is not None and res.score >= MIN_SCORE, name


def test_resolve__curated_towns_outrank_their_homonymous_villages(gaz):
    assert gaz.resolve("Tal Tamr").place.id == "tal-tamr"
    assert gaz.resolve("الحسكة").place.id == "hasakah"


def test_resolve__a_name_as_a_place_writes_it_beats_a_phonetic_homonym(gaz):
    assert gaz.resolve("Syria", context="clashes near Afrin and Azaz").place.id == "syria"
    assert gaz.resolve("Kobani").place.id == "kobani"


def test_resolve__short_words_are_not_fuzzy_matched(gaz):
    assert gaz.resolve("الدوار") is None  # "the roundabout", not the village «الدور»


def test_resolve__a_facility_named_after_a_place_is_near_that_place(gaz):
    res = gaz.resolve("Albu Kamal crossing")
    assert res.method == "near" and res.place.id == "albu-kamal" and res.precision == 2
    assert gaz.resolve("معبر البوكمال").place.id == "albu-kamal"
    assert gaz.resolve("Tabqa Dam").method == "exact"  # a curated facility is itself


def test_resolve__countryside_regions_of_every_governorate(gaz):
    for text, pid in (
        ("ريف درعا الغربي", "western-daraa-countryside"),
        ("northern Idlib countryside", "northern-idlib-countryside"),
        ("جنوب محافظة إدلب", "southern-idlib-countryside"),
        ("شمال غربي حلب", "northwestern-aleppo-countryside"),
        ("ريف حماة", "hama-countryside"),
    ):
        res = gaz.resolve(text)
        assert res.place.id == pid and res.place.precision == Precision.REGION, text
    assert gaz.places["northern-idlib-countryside"].geometry.covers(gaz.places["salqin"].geometry)


def test_resolve__a_community_of_the_lists(gaz):
    res = gaz.resolve("Safieh", context="in the Quamishli sub-district")
    assert res.place.pcode == "C4570" and res.place.kind == PlaceKind.VILLAGE
    assert res.place.precision == Precision.NEAR  # placed at its sub-district's centre


def test_resolve__the_sub_district_named_nearby_decides(gaz):
    """Two villages called «الجديدة» (Jdideh): the one in the sub-district the text names."""
    jdidehs = [p for p, _, _ in gaz.candidates("الجديدة") if p.kind == PlaceKind.VILLAGE]
    assert len(jdidehs) > 5
    assert gaz.resolve("الجديدة", context="قرية الجديدة في ناحية مركز الحسكة").place.pcode == "C4335"
    qamishli = gaz.resolve("الجديدة", context="قرية الجديدة قرب مدينة القامشلي").place
    assert gaz.subdistrict_of(qamishli) == "quamishli-subdistrict"


def test_place_unknown__a_village_named_only_with_its_classifier(gaz):
    placed = gaz.place_unknown("تل الزيتون الشمالي", near=["tal-tamr", "hasakah-governorate"])
    assert placed.anchor.id == "tal-tamr" and not placed.known
    assert placed.precision == Precision.NEAR == placed.place.precision
    assert placed.place.point == gaz.places["tal-tamr"].point
    assert placed.place.kind == PlaceKind.VILLAGE and placed.place.parent == "tal-tamr"


def test_place_unknown__a_listed_village_near_the_anchor_is_found(gaz):
    placed = gaz.place_unknown("Safieh", near=["qamishli"])
    assert placed.known and placed.place.pcode == "C4570"


def test_military_neighbourhood_is_government_held_on_2021_01_20(shipped):
    place = shipped.place("qamishli-military-neighbourhood")
    assert place.geometry.geom_type == "Polygon"
    assert controller(place, DAY, shipped.zones).faction == "government"
    assert controller(shipped.place("qamishli"), DAY, shipped.zones).faction == "sdf"
    assert controller(shipped.place("sheikh-maqsoud"), DAY, shipped.zones).faction == "sdf"


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONEMAP_DB", str(tmp_path / "zonemap.sqlite"))
    runner = CliRunner()
    assert runner.invoke(main, ["db", "init"]).exit_code == 0
    return runner


def test_cli_geocode__xyzzy_has_id_null_and_suggests_names(cli_env):
    res = cli_env.invoke(main, ["geocode", "xyzzy", "--json"])
    assert res.exit_code == 1
    (item,) = json.loads(res.output)
    assert item["id"] is None
    assert item["suggestions"] and all(" " in s or s[0].isupper() for s in item["suggestions"])
    assert not set(item["suggestions"]) & set(item["suggested_ids"])


def test_cli_db_status__counts_places_of_each_kind(cli_env):
    res = cli_env.invoke(main, ["db", "status"])
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("gazetteer:"))
    for kind in ("city", "district", "subdistrict", "neighbourhood", "village", "governorate 14"):
        assert kind in line
    data = json.loads(cli_env.invoke(main, ["db", "status", "--json"]).output)
    assert data["places_by_kind"]["subdistrict"] == 272
