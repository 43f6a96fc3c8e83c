"""The names the transitional government's forces share with the Assad government's
("Syrian government forces", «قوات الجيش السوري») name the Assad government before
8 December 2024, on the shipped actor lexicon."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.extract import Extractor


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


@pytest.mark.parametrize(
    ("text", "day", "actor"),
    [
        (
            "Syrian government forces shelled Tal Rifaat on Monday.",
            dt.date(2019, 12, 23),
            "syrian-government",
        ),
        (
            "Syrian government forces shelled Tal Rifaat on Monday.",
            dt.date(2025, 3, 1),
            "syrian-transitional-government",
        ),
        ("قصفت قوات الجيش السوري تل رفعت يوم الاثنين.", dt.date(2019, 12, 23), "syrian-government"),
        (
            "قصفت قوات الجيش السوري تل رفعت يوم الاثنين.",
            dt.date(2025, 3, 1),
            "syrian-transitional-government",
        ),
    ],
)
def test_shared_names__mean_the_government_of_the_day(extractor, text, day, actor):
    actors = {e.actor for e in extractor.extract(text, published=day).events}
    assert actors == {actor}
