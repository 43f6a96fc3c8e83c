"""The place of the sentence before carries over to a statement that names none while the story
goes on; after a named actor acted there, a party the lexicon does not know ("tribal notables",
«وجهاء العشائر») speaking takes the place the report is about instead."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def demand_places(text: str) -> list[str | None]:
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    return [e.place.id if e.place else None for e in events if e.type.value == "demand"]


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army besieged Sheikh Maqsoud on Monday. Flour ran out in Sheikh Maqsoud on "
        "Tuesday. The SDF closed the roads to government offices in Hasakah on Wednesday. "
        "Tribal notables called on the two sides to negotiate.",
        "حاصر الجيش السوري حي الشيخ مقصود يوم الاثنين. ونفد الطحين في الشيخ مقصود يوم الثلاثاء. "
        "وأغلقت قسد الطرق إلى المؤسسات الحكومية في الحسكة يوم الأربعاء. "
        "وطالب وجهاء العشائر الطرفين بالتفاوض.",
    ],
)
def test_an_unnamed_party_speaks__the_report_place_not_the_last_one(text):
    assert demand_places(text) == ["sheikh-maqsoud"]
