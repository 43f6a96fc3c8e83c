"""A noun pointed back to and described by an event's participle («تلك المناطق المحاصرة», "those
besieged areas") names the siege already told, not a new one where the sentence is; a bare
definite one («الجيب المحاصر») may be a new siege and stays. Arabic only: English already
states no event with "those besieged areas"."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def blockade_places(text: str) -> list[str | None]:
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    return sorted(e.place.id if e.place else None for e in events if e.type.value == "blockade")


@pytest.mark.parametrize(
    "text",
    [
        "حاصر الجيش السوري حي الشيخ مقصود في حلب يوم الاثنين. وعقدت قسد محادثات في الحسكة يوم "
        "الثلاثاء لإيصال المساعدات إلى تلك المناطق المحاصرة من قبل الجيش السوري.",
    ],
)
def test_those_besieged_areas__are_the_siege_told_before(text):
    assert blockade_places(text) == ["sheikh-maqsoud"]
