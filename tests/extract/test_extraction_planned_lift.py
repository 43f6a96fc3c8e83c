"""A lift still to come ("preparing to reopen the crossing", «تستعد لإعادة فتح المعبر») is a
lift (the corpus's convention) but states no siege going on until then, unlike a lift that
happened."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def types(text: str) -> set[str]:
    return {e.type.value for e in X.extract(text, published=dt.date(2021, 3, 1)).events}


@pytest.mark.parametrize(
    "text",
    [
        "Turkey is preparing to reopen the Bab al-Salama border crossing near Manbij.",
        "تستعد تركيا لإعادة فتح معبر باب السلامة الحدودي قرب منبج.",
    ],
)
def test_planned_reopening__is_a_lift_without_a_siege(text):
    assert types(text) == {"lift_blockade"}


def test_reopening_that_happened__still_states_the_siege():
    assert types("Turkey reopened the Bab al-Salama border crossing near Manbij.") == {
        "lift_blockade",
        "blockade",
    }


@pytest.mark.parametrize(
    "text",
    [
        "وصلت دورية تركية إلى منبج لإزالة السواتر الترابية عن الطريق.",
        "تواصل قسد العمل في منبج من أجل فتح الطرقات.",
    ],
)
def test_arabic_purpose__a_lift_to_come_without_a_siege(text):
    assert "blockade" not in types(text)
