"""An event in many places the text does not name ("in several towns within SDF-held areas",
«في عدة مدن وبلدات في المناطق الخاضعة لسيطرة قسد») is at the governorate the story is in; "X-held
areas" says who holds them, it does not point back to the place named before."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def protest_places(text: str) -> list[str | None]:
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    return [e.place.id if e.place else None for e in events if e.subtype == "protest"]


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army besieged Manbij on Monday. On Tuesday, people in several towns within "
        "SDF-held areas went out in protests.",
        "حاصر الجيش السوري منبج يوم الاثنين. وخرجت مظاهرات يوم الثلاثاء في عدة مدن وبلدات في "
        "المناطق الخاضعة لسيطرة قسد.",
    ],
)
def test_protests_in_several_towns__at_the_governorate(text):
    assert protest_places(text) == ["aleppo-governorate"]


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian army besieged Manbij on Monday. On Tuesday, people in several towns within "
        "SDF-held areas went out in protests, despite the deployment of SDF fighters.",
        "حاصر الجيش السوري منبج يوم الاثنين. وخرجت مظاهرات يوم الثلاثاء في عدة مدن وبلدات في "
        "المناطق الخاضعة لسيطرة قسد رغم انتشار عناصر قسد.",
    ],
)
def test_the_rest_of_that_sentence__at_the_governorate_too(text):
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    assert {e.place.id if e.place else None for e in events if e.subtype == "deployment"} == {
        "aleppo-governorate"
    }
