"""The command line, every error path included; shipped data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geodata.cli import main


def cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def test_validate__shipped_data_is_valid():
    result = cli("validate")
    assert result.exit_code == 0, result.output


def test_validate__shipped_events_against_the_seed_text(seed_text, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = cli("validate", "--text", f"syria-tv-relay-2021-01-20-qamishli-meeting={path}")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("القامشلي", "", "qamishli"),
        ("قامشلو", "", "qamishli"),
        ("Qamishlo", "", "qamishli"),
        ("Al-Qamishli", "", "qamishli"),
        ("الحسكة", "", "hasakah"),
        ("Hasakeh", "", "hasakah"),
        ("عين عيسى", "", "ain-issa"),
        ("Ayn Issa", "", "ain-issa"),
        ("الشهباء", "طالبت بفك الحصار عن منطقة الشهباء بريف حلب الشمالي", "shahba-region"),
        ("الشيخ مقصود", "", "sheikh-maqsoud"),
        ("Sheikh Maksoud", "", "sheikh-maqsoud"),
        ("كوباني", "", "kobani"),
        ("عين العرب", "", "kobani"),
        ("Kobane", "", "kobani"),
        ("سري كانيه", "", "ras-al-ain"),
        ("Serêkaniyê", "", "ras-al-ain"),
        ("رأس العين", "", "ras-al-ain"),
        ("كري سبي", "", "tal-abyad"),
        ("تل أبيض", "", "tal-abyad"),
        ("المربع الأمني", "بمدينة الحسكة", "hasakah-security-square"),
        ("المربع الأمني", "في مدينة القامشلي", "qamishli-security-square"),
    ],
)
def test_geocode__resolves_the_right_place(name, context, expected):
    args = ["geocode", name, "--json"] + (["--context", context] if context else [])
    result = cli(*args)
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.output)
    assert item["id"] == expected
    assert {"query", "id", "name_en", "name_ar", "kind", "lat", "lon", "score", "alternatives"} <= set(item)


def test_geocode__shahba_in_suwayda_context_is_the_town(shipped):
    result = cli("geocode", "شهبا", "--context", "في ريف السويداء", "--json")
    assert json.loads(result.output)[0]["id"] == "shahba-suwayda"


def test_geocode__polygon_places_give_a_point_inside():
    (item,) = json.loads(cli("geocode", "الشيخ مقصود", "--json").output)
    from shapely.geometry import Point

    from geodata.dataset import load_dataset

    poly = load_dataset().place("sheikh-maqsoud").geometry
    assert poly.contains(Point(item["lon"], item["lat"]))


def test_geocode__unknown_name_exit_1_with_suggestions():
    result = cli("geocode", "Qamishli", "Xyzzyville", "--json")
    assert result.exit_code == 1
    known, unknown = json.loads(result.output)
    assert known["id"] == "qamishli" and unknown["id"] is None and "suggestions" in unknown


@pytest.mark.parametrize(
    ("place", "faction"),
    [
        ("hasakah-security-square", "government"),
        ("hasakah", "sdf"),
        ("Afrin", "sna"),
        ("Idlib", "hts"),
        ("qamishli-airport", "government"),
        ("qamishli-security-square", "government"),
        ("Raqqa", "sdf"),
    ],
)
def test_controller__2021_01_20(place, faction):
    result = cli("controller", place, "--date", "2021-01-20", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["faction"] == faction
    assert {"place", "date", "faction", "faction_name", "zone_source", "confidence"} <= set(out)


def test_controller__tal_abyad_changed_hands_between_snapshots():
    before = json.loads(cli("controller", "tal-abyad", "--date", "2019-10-01", "--json").output)
    after = json.loads(cli("controller", "tal-abyad", "--date", "2021-01-20", "--json").output)
    assert (before["faction"], after["faction"]) == ("sdf", "sna")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["controller", "Atlantis"], "no place named 'Atlantis'"),
        (["controller", "qamishli", "--date", "20-01-2021"], "is not a date"),
        (["controller", "qamishli", "--date", "1990-01-01"], "no control-zone snapshot"),
        (["events", "--type", "picnic"], "Invalid value"),
        (["events", "--place", "Atlantis"], "no place named"),
        (["validate", "/nonexistent/path"], "no such file"),
    ],
)
def test_user_mistakes_get_one_line_and_no_traceback(args, message):
    result = cli(*args)
    assert result.exit_code in (1, 2)
    assert message in result.output


def test_events__by_place_includes_places_inside_it():
    result = cli("events", "--place", "qamishli", "--json")
    ids = {e["id"] for e in json.loads(result.output)}
    assert {"seed-demand-military-neighbourhood", "seed-demand-airport-post", "seed-meeting-qamishli"} <= ids


def test_events__by_type():
    result = cli("events", "--type", "blockade")
    assert result.exit_code == 0
    assert "seed-blockade-shahba" in result.output and "seed-meeting" not in result.output
