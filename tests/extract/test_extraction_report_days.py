"""The day of a report is not the day of its event, on the project's own sentences (never corpus
text): a day before a reporting verb ("on Saturday announced the arrest of", «أعلنت يوم السبت
اعتقال») dates the announcement, so it does not tell the announced arrest from the one stated
with its own day; two statements that give the event two days of its own are two rounds."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()
D2021 = dt.date(2021, 3, 1)


def arrests(text: str) -> int:
    return sum(e.type.value == "arrest" for e in X.extract(text, published=D2021).events)


@pytest.mark.parametrize(
    "text",
    [
        "The Asayish arrested twelve suspects in Qamishli on Thursday.\n"
        "The Asayish on Saturday announced the arrest of the twelve suspects in Qamishli.",
        "اعتقلت قوات الأسايش اثني عشر مشتبهاً بهم في القامشلي يوم الخميس.\n"
        "وأعلنت قوات الأسايش يوم السبت اعتقال المشتبه بهم في القامشلي.",
    ],
)
def test_announcement_day__does_not_split_one_arrest(text):
    assert arrests(text) == 1


def test_two_days_of_the_event__are_two_rounds():
    text = (
        "The Asayish arrested twelve suspects in Qamishli on Thursday.\n"
        "The Asayish arrested five more suspects in Qamishli on Saturday."
    )
    assert arrests(text) == 2
