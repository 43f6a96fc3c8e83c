"""`zonemap changes` and the default date of `zonemap controller` (the latest snapshot), on the
shipped data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geodata.cli import main


def cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture(scope="module")
def fall() -> dict:
    result = cli("changes", "--from", "2024-11-26", "--to", "2024-12-15", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_changes__json_has_both_snapshots_areas_and_places(fall):
    assert (fall["from_snapshot"], fall["to_snapshot"]) == ("2024-11-26", "2024-12-15")
    areas = {row["faction"]: (row["from"], row["to"]) for row in fall["area_km2"]}
    assert areas["government"][1] == 0 and areas["transition"][0] == 0
    assert areas["transition"][1] > 100_000
    assert areas["coalition"][0] == areas["coalition"][1]
    hands = {(h["from"], h["to"]) for h in fall["changed_hands"]}
    assert {("government", "transition"), ("shared", "sna"), ("sdf", "sna")} <= hands
    places = {p["place"]: (p["from"], p["to"]) for p in fall["places"]}
    assert places["aleppo"] == ("government", "transition")
    assert places["tal-rifaat"] == ("shared", "sna")
    assert places["manbij"][1] == "sna"
    assert places["hasakah-security-square"] == ("government", "sdf")
    assert "qamishli" not in places and "kobani" not in places
    assert "aleppo-governorate" not in places  # areas: in the area per faction


def test_changes__text_names_the_snapshots_and_what_changed_hands():
    result = cli("changes", "--from", "2019-10-01", "--to", "2019-11-01")
    assert result.exit_code == 0, result.output
    assert "From 2019-10-01 (snapshot 2019-10-01) to 2019-11-01 (snapshot 2019-11-01)" in result.output
    assert "sdf → sna" in result.output
    assert "Ras al-Ain (ras-al-ain): sdf → sna" in result.output


def test_controller__defaults_to_the_latest_snapshot():
    result = cli("controller", "raqqa", "--json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    assert (got["date"], got["snapshot"], got["faction"]) == ("2026-01-25", "2026-01-25", "transition")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["changes", "--from", "2024-12-15", "--to", "2024-11-26"], "is before --from"),
        (["changes", "--from", "15-12-2024"], "is not a date"),
        (["changes", "--to", "2024-12-15"], "Missing option '--from'"),
        (["changes", "--from", "1990-01-01", "--to", "2019-10-01"], "no control-zone snapshot"),
    ],
)
def test_changes__errors_are_one_line(args, message):
    result = cli(*args)
    assert result.exit_code != 0
    assert message in result.output
