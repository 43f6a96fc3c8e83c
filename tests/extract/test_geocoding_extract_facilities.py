"""Facilities named after a place, as the extractor reads them on the shipped gazetteer, with the
project's own sentences (never corpus text): which place a facility's name also names."""

from __future__ import annotations

import pytest

from geodata.extract import Extractor
from geodata.extract.segmenting import sentences


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


def found(extractor: Extractor, text: str) -> list[tuple[str, str, bool]]:
    hits, _ = extractor.toponyms.find(text, sentences(text))
    return [(h.text, h.place.id, h.event_place) for h in hits]


def test_find__a_border_crossing_names_the_border_town_it_is_at(extractor):
    hits = found(extractor, "Trucks queued at the Darbasiyah crossing on Monday.")
    assert ("Darbasiyah", "darbasiyah", False) in hits  # named inside it, no event place
    assert any(t == "Darbasiyah crossing" and pid.startswith("unlisted-") for t, pid, _ in hits)


@pytest.mark.parametrize("town", ["Salamiyah", "Manbij"])
def test_find__a_crossing_inside_the_country_names_where_it_leads_not_a_place(extractor, town):
    hits = found(extractor, f"Trucks queued at the {town} crossing on Monday.")
    assert [t for t, _, _ in hits] == [f"{town} crossing"]


def test_find__a_crossing_known_by_a_towns_name_is_one_place_at_that_town(extractor):
    text = 'أغلقت القوات معبر الجزرة المعروف بـ"منبج" صباح اليوم.'
    hits, _ = extractor.toponyms.find(text, sentences(text))
    crossing, alias = hits
    assert (crossing.text, alias.text) == ("معبر الجزرة", "منبج")
    assert crossing.place.id == alias.place.id and crossing.place.id.startswith("unlisted-")
    assert crossing.place.point == extractor.gazetteer.places["manbij"].point


def test_find__a_known_place_and_its_alias_are_one_place(extractor):
    hits = found(extractor, "Fighters entered Kobani, known as Ain al-Arab, on Monday.")
    assert [pid for _, pid, _ in hits] == ["kobani", "kobani"]
