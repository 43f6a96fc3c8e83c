"""Israel is an actor of the lexicon: its forces in southern Syria threaten, deploy and
strike ("Israeli forces", «الجيش الإسرائيلي»). The project's own sentences, on the shipped
actor lexicon."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.extract import Extractor


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


@pytest.mark.parametrize(
    "text",
    [
        "Israeli forces shelled the outskirts of Quneitra on Monday.",
        "قصف الجيش الإسرائيلي أطراف القنيطرة يوم الاثنين.",
    ],
)
def test_israeli_forces__are_an_actor(extractor, text):
    events = extractor.extract(text, published=dt.date(2025, 3, 1)).events
    assert {e.actor for e in events} == {"israel"}
