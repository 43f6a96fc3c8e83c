"""An event told "in northeast Syria" and again at its town is one event at the town: a part of
the country only says roughly where it was (also in the body, not only in a headline). An area
inside it (a region) may be a scope of its own and stays. On the shipped gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.extract import Extractor


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


def clash_places(extractor: Extractor, text: str) -> list[str | None]:
    events = extractor.extract(text, published=dt.date(2023, 11, 20)).events
    return sorted(e.place.id if e.place else None for e in events if e.type.value == "clash")


@pytest.mark.parametrize(
    "text",
    [
        "An SDF officer was killed by a Turkish drone in northeast Syria on Friday.\n\n"
        "The Turkish drone struck his car in Qamishli on Friday, the SDF said.",
        "قتلت طائرة مسيرة تركية قيادياً في قسد يوم الجمعة في شمال شرق سوريا.\n\n"
        "واستهدفت الطائرة المسيرة التركية سيارته في القامشلي يوم الجمعة، بحسب قسد.",
    ],
)
def test_event_in_a_part_of_the_country__is_the_one_named_at_its_town(extractor, text):
    assert clash_places(extractor, text) == ["qamishli"]
