"""An attack its attacker tells in the future ("Russian planes will bomb the town", «ستقصف
الطائرات الروسية البلدة»), also under a condition ("If the weapons are not handed over, ..."),
is a threat (the corpus's convention), not nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def events(text: str) -> list[tuple[str, str | None]]:
    return [
        (e.type.value, e.place.id if e.place else None)
        for e in X.extract(text, published=dt.date(2021, 3, 1)).events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "If the weapons are not handed over by Monday, Russian forces will shell Manbij.",
        "ستقصف القوات الروسية منبج إذا لم يتم تسليم السلاح يوم الاثنين.",
    ],
)
def test_future_attack__is_a_threat(text):
    assert ("threat", "manbij") in events(text)
