"""Forces that "will enter" a place («ستدخل الشرطة العسكرية الروسية منبج») are to be deployed
there: a planned deployment, labelled as the corpus labels planned events."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


@pytest.mark.parametrize(
    "text",
    [
        "Under the deal, Russian forces will enter Manbij on Monday.",
        "وبموجب الاتفاق ستدخل القوات الروسية منبج يوم الاثنين.",
    ],
)
def test_will_enter__is_a_planned_deployment(text):
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    assert [(e.subtype, e.place.id if e.place else None) for e in events if e.subtype == "deployment"] == [
        ("deployment", "manbij")
    ]
