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


# -- parts of a city named as areas (city_parts) -----------------------------------------------


def test_find__an_area_put_in_the_city_is_a_part_of_it_wherever_named(extractor):
    text = "دخلت القوات مدينة الميادين، وداهمت منازل في منطقة الكورنيش بالمدينة. "
    text += "وتستمر الحملة في منطقة الكورنيش."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    parts = [h.place for h in hits if h.text == "الكورنيش"]
    assert len(parts) == 2 and parts[0].id == parts[1].id
    assert parts[0].kind.value == "neighbourhood"
    assert parts[0].point == extractor.gazetteer.places["mayadin"].point
    assert found(extractor, "انتشرت الحواجز في منطقة الكورنيش صباح اليوم.") == []  # no city: no place


def test_find__a_quarter_of_another_city_is_not_the_one_meant(extractor):
    # «الصناعة» is a quarter of Hama in OCHA's list; here it is a part of Qamishli
    hits = found(extractor, "اندلعت اشتباكات في منطقة الصناعة بمدينة القامشلي.")
    part = next(pid for t, pid, _ in hits if t == "الصناعة")
    assert part.startswith("unlisted-")
    assert extractor.gazetteer.places["al-sinaha-n0300"].parent == "hama"


def test_find__a_foreign_post_named_again_by_what_happened_to_it_is_the_same_post(extractor):
    text = "حاصرت القوات نقطة المراقبة التركية في بلدة مورك. "
    text += "وقالت أنقرة إن جنودها باقون في نقطة المراقبة المحاصرة."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    posts = [h for h in hits if h.text.startswith("نقطة المراقبة")]
    assert [h.text for h in posts] == ["نقطة المراقبة التركية", "نقطة المراقبة المحاصرة"]
    assert posts[0].place.id == posts[1].place.id
    assert found(extractor, "جنودها باقون في نقطة المراقبة المحاصرة.") == []  # none named before


# -- a city's name and its governorate (governorate_names) ---------------------------------------


def test_find__a_dateline_names_the_city_even_where_the_bare_name_is_the_province(extractor):
    hits = found(extractor, "IDLIB, Syria (AFP) — Protests spread on Friday against the new taxes.")
    assert ("IDLIB", "idlib", False) in hits
    assert ("Idlib", "idlib-governorate", True) in found(extractor, "Protests spread in Idlib on Friday.")
