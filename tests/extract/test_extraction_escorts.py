"""A patrol named as the escort of another event ("accompanied by a Turkish patrol", «برفقة
دورية تركية») or by its vehicles ("the patrol cars", «سيارات الدورية») is no deployment of its
own."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def subtypes(text: str) -> set[str | None]:
    return {e.subtype for e in X.extract(text, published=dt.date(2021, 3, 1)).events}


@pytest.mark.parametrize(
    "text",
    [
        "On Monday residents stopped a Russian convoy near Manbij, accompanied by a Turkish patrol.",
        "أوقف الأهالي يوم الاثنين رتلاً روسياً قرب منبج برفقة دورية تركية.",
    ],
)
def test_accompanied_by_a_patrol__is_no_deployment(text):
    assert "deployment" not in subtypes(text)


def test_the_patrol_cars__are_no_deployment():
    # Arabic («سيارات الدورية التركية») states no deployment already.
    assert "deployment" not in subtypes(
        "On Monday the protesters in Manbij searched the Turkish patrol cars."
    )
