"""What a purpose clause is to prevent ("checkpoints to prevent the protests", «لمنع
المظاهرات») did not happen there: no event of its own (a prevented offensive stays a threat)."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def types(text: str) -> set[str]:
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    return {e.type.value if e.subtype is None else f"{e.type.value}/{e.subtype}" for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "The SDF set up checkpoints around Manbij on Monday to prevent the protests.",
        "أقامت قسد حواجز حول منبج يوم الاثنين لمنع المظاهرات.",
    ],
)
def test_to_prevent_the_protests__is_no_protest(text):
    assert "other/protest" not in types(text)
