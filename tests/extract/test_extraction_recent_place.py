"""A statement that names no place, on the project's own sentences (never corpus text): a report
goes on with the story of the sentence before, so the statement takes the places where the
previous sentence's last event was named, before the places the report names most; a meeting's
venue is still stated or unknown."""

from __future__ import annotations

import pytest
from extraction_fixtures import event_places, extractor

X = extractor()

EN = (
    "The SDF held talks with the Syrian government in Qamishli.\n"
    "The talks in Qamishli ended without an agreement.\n"
    "Turkish drones struck Manbij on Sunday.\n"
)
AR = (
    "عقدت قسد محادثات مع الحكومة السورية في القامشلي.\n"
    "وانتهت المحادثات في القامشلي دون نتيجة.\n"
    "وقصفت طائرات الجيش التركي منبج يوم الأحد.\n"
)


def places(text: str, kind: str) -> set[str | None]:
    return event_places(X, text, kind)


@pytest.mark.parametrize(
    "text",
    [EN + "The SDF demanded an end to the strikes.", AR + "وطالبت قسد بوقف القصف."],
)
def test_placeless_statement__goes_on_with_the_sentence_before(text):
    assert places(text, "demand") == {"manbij"}


def test_placeless_meeting__stays_placeless():
    text = EN + "SDF commanders met Russian officers on Monday."
    assert None in places(text, "meeting")


@pytest.mark.parametrize(
    "text",
    [
        "Turkish drones struck the northern Aleppo countryside on Saturday.\n"
        "Turkish drones struck Manbij on Sunday, and Russian forces deployed reinforcements to the area.",
        "قصفت طائرات الجيش التركي ريف حلب الشمالي يوم السبت.\n"
        "وقصفت طائرات الجيش التركي منبج يوم الأحد، وانتشرت القوات الروسية في المنطقة.",
    ],
)
def test_the_area__points_back_to_the_last_place_of_any_kind(text):
    assert places(text, "other") == {"manbij"}
