""" "since 2015, when the FSA withdrew", «منذ عام 2015 حين انسحب ...»: the relative clause tells
what happened that year (background), though "since 2015" alone is a state that still holds;
"alongside the withdrawal" points back to the withdrawal told before (as «بالتوازي مع»)."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()
DAY = dt.date(2025, 4, 5)


@pytest.mark.parametrize(
    "text",
    [
        "Manbij has been under SDF control since 2016, when the Syrian National Army withdrew.",
        "تسيطر قسد على منبج منذ عام 2015 حين انسحب الجيش الوطني السوري منها.",
    ],
)
def test_since_year_when__the_withdrawal_is_background(text):
    events = [e for e in X.extract(text, published=DAY).events if e.subtype == "withdrawal"]
    assert events and all(e.historical for e in events)


def test_alongside_the_withdrawal__points_back():
    text = (
        "SDF fighters withdrew from Manbij on Monday. Alongside that withdrawal of its fighters, the "
        "agreement provides for talks in Raqqa."
    )
    events = X.extract(text, published=DAY).events
    assert [e.place.id if e.place else None for e in events if e.subtype == "withdrawal"] == ["manbij"]
