"""Places of one list, on the project's own sentences (never corpus text): the items of a list
are all the event's places, even when one of them lies within another ("Qamishli, Hasakah and
the Qamishli airport"); a place right after another only says where that one is ("the airport
in Qamishli")."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import event_places, extractor

X = extractor()
D2021 = dt.date(2021, 3, 1)


def places(text: str, kind: str) -> set[str | None]:
    return event_places(X, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Turkish drones struck Qamishli, Manbij and the Qamishli airport on Sunday.",
        "قصفت طائرات الجيش التركي القامشلي ومنبج ومطار القامشلي يوم الأحد.",
    ],
)
def test_list__keeps_a_place_that_lies_within_another_item(text):
    assert {"qamishli", "manbij", "qamishli-airport"} <= places(text, "clash")


@pytest.mark.parametrize(
    "text",
    [
        "Turkish drones struck the Qamishli airport in Qamishli on Sunday.",
        "قصفت طائرات الجيش التركي مطار القامشلي في مدينة القامشلي يوم الأحد.",
    ],
)
def test_locator__right_after_a_place_is_dropped(text):
    assert places(text, "clash") == {"qamishli-airport"}


@pytest.mark.parametrize(
    "text",
    [
        "The Asayish besieged Qamishli, Hasakah and the town of Manbij.",
        "حاصرت قوات الأسايش القامشلي، والحسكة، وبلدة منبج.",
    ],
)
def test_list__goes_on_past_an_article_and_a_classifier(text):
    assert "manbij" in places(text, "blockade")


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("The Asayish besieged Qamishli and Hasakah, as well as Manbij, on Sunday.", "Manbij"),
        ("حاصرت قوات الأسايش القامشلي والحسكة، بالإضافة لمدينة منبج، يوم الأحد.", "منبج"),
    ],
)
def test_list__goes_on_past_as_well_as_and_its_evidence_with_it(text, last):
    events = [e for e in X.extract(text, published=D2021).events if e.type.value == "blockade"]
    assert "manbij" in {e.place.id for e in events if e.place}
    assert all(last in e.evidence.text for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army surrounded the Qamishli airport after capturing several towns, including Manbij"
        " and al-Bab.",
        "حاصر الجيش السوري مطار القامشلي بعد سيطرته على عدة بلدات، من بينها منبج ومدينة الباب.",
    ],
)
def test_including__lists_the_places_of_the_clauses_second_statement(text):
    assert places(text, "blockade") == {"qamishli-airport"}
    assert places(text, "other") == {"manbij", "al-bab"}
