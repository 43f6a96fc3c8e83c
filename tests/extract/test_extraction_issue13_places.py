"""Issue 13's constructions on the project's own sentences (never corpus text), continued:
city or governorate, areas named by a direction, lookalikes and provisional places, and the
triggers and roles measured with them."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

from geodata.extract.unlisted import is_unlisted

X = extractor()
D2021 = dt.date(2021, 3, 1)


def kinds(text: str) -> set[tuple[str, str | None]]:
    return {(e.type.value, e.place.id if e.place else None) for e in X.extract(text, published=D2021).events}


# -- city or governorate ---------------------------------------------------------------------


def _places(text: str) -> set[tuple[str, str]]:
    return {(p.text, p.place.id) for p in X.extract(text, published=D2021).places}


def test_governorate__a_city_named_like_its_governorate_that_locates_a_town():
    got = _places("اعتقلت قوات الأسايش شابين في مدينة القامشلي بالحسكة.")
    assert ("الحسكة", "hasakah-governorate") in got


def test_governorate__a_list_of_provinces():
    got = _places("Turkey demanded the withdrawal of the SDF from the provinces of Hasakah and Aleppo.")
    assert {("Hasakah", "hasakah-governorate"), ("Aleppo", "aleppo-governorate")} <= got


def test_governorate__a_city_on_its_own_stays_a_city():
    assert ("الحسكة", "hasakah") in _places("حاصرت قوات الأسايش مدينة الحسكة.")


def test_unlisted__classifiers_in_a_row_are_no_names():
    found = X.extract("اعتصام يعمّ مدن وبلدات وقرى الحسكة.", published=D2021)
    assert not any(is_unlisted(p.place) for p in found.places)


# -- areas named by a direction --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "north_of_anchor"),
    [
        ("قصف الجيش التركي ريف الرقة الشمالي.", "ريف الرقة الشمالي", True),
        ("Turkish drones struck the southern Raqqa countryside.", "southern Raqqa countryside", False),
        ("Turkish drones struck the northern countryside of Raqqa.", "northern countryside of Raqqa", True),
    ],
)
def test_area__countryside_in_a_direction(text, mention, north_of_anchor):
    found = X.extract(text, published=D2021)
    (area,) = [p for p in found.places if is_unlisted(p.place)]
    assert area.text == mention and area.place.kind.value == "region"
    raqqa = X.gazetteer.get("raqqa").point
    assert (area.place.point[0] > raqqa[0]) == north_of_anchor
    assert any(e.place is area.place for e in found.events)


def test_area__two_directions_of_one_countryside():
    found = X.extract("خرجت مظاهرات في ريفي الرقة الشرقي والشمالي.", published=D2021)
    areas = [p for p in found.places if is_unlisted(p.place)]
    assert len({p.place.id for p in areas}) == 2


def test_area__a_direction_that_only_locates_a_place_is_no_area():
    found = X.extract("قصف الجيش التركي قرى في محيط عين عيسى شمال الرقة.", published=D2021)
    assert not [p for p in found.places if is_unlisted(p.place) and p.text.startswith("شمال")]


def test_area__a_known_directional_region_stays_the_gazetteer_s():
    found = X.extract("قصفت المدفعية التركية ريف حلب الشمالي.", published=D2021)
    assert ("ريف حلب الشمالي", "northern-aleppo-countryside") in {(p.text, p.place.id) for p in found.places}


def test_lookalike__an_english_word_is_no_village():
    from extraction_fixtures import extraction_actors, extraction_gazetteer
    from shapely.geometry import Point

    from geodata.extract import Extractor
    from geodata.gazetteer import Gazetteer
    from geodata.model import Place

    villages = [
        Place(id="dire-village", name_en="Dire", name_ar="ديري", kind="village", geometry=Point(37.0, 36.0)),
        Place(id="these-village", name_en="These", name_ar="تيس", kind="village", geometry=Point(37.1, 36.1)),
    ]
    x = Extractor(Gazetteer.build([*extraction_gazetteer().places.values(), *villages]), extraction_actors())
    found = x.extract(
        "These clashes left a dire situation in Manbij. The village of Dire was shelled.", published=D2021
    )
    got = {(p.text, p.place.id) for p in found.places}
    assert ("These", "these-village") not in got and ("Dire", "dire-village") in got


@pytest.mark.parametrize(
    ("text", "kind", "subtype"),
    [
        ("The Syrian army surrounded Manbij on Monday.", "blockade", None),
        ("The Turkish army attacked civilians in Manbij.", "other", "attack"),
        ("استهدف الجيش التركي المدنيين في منبج.", "other", "attack"),
        ("The Syrian army launched a military escalation near Manbij.", "clash", None),
    ],
)
def test_trigger__surrounding_escalation_and_attacks_on_civilians(text, kind, subtype):
    found = X.extract(text, published=D2021).events
    assert (kind, subtype) in {(e.type.value, e.subtype) for e in found}


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("حاصرت قوات النظام نقطة المراقبة التركية في مدينة منبج.", "نقطة المراقبة التركية"),
        ("Syrian army forces surrounded a Turkish observation post near Manbij.", "Turkish observation post"),
        ("عقد الاجتماع في القاعدة العسكرية الأمريكية قرب الرقة.", "القاعدة العسكرية الأمريكية"),
    ],
)
def test_unlisted__a_foreign_post_or_base_is_a_facility_where_the_text_puts_it(text, mention):
    found = X.extract(text, published=D2021)
    (post,) = [p for p in found.places if is_unlisted(p.place)]
    assert post.text == mention and post.place.kind.value == "facility"
    assert any(e.place is post.place for e in found.events)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("قطع محتجون طريق حلب – الرقة أمام الدوريات.", "طريق حلب – الرقة"),
        ("قطع محتجون الطريق الواصل بين مدينتي منبج والرقة.", "الطريق الواصل بين مدينتي منبج والرقة"),
        ("Protesters blocked the Manbij road on Monday.", "Manbij road"),
    ],
)
def test_unlisted__a_road_between_two_places_is_at_their_middle(text, mention):
    found = X.extract(text, published=D2021)
    (road,) = [p for p in found.places if is_unlisted(p.place)]
    assert road.text == mention and road.place.kind.value == "facility"
    lats = sorted(
        X.gazetteer.get(i).point[0]
        for i in ("manbij", "raqqa", "aleppo")
        if X.gazetteer.get(i).name_ar in mention or X.gazetteer.get(i).name_en in mention
    )
    assert lats[0] <= road.place.point[0] <= lats[-1]
    assert any(e.place is road.place and e.type.value == "blockade" for e in found.events)


def test_roles__a_past_verb_states_its_event_without_a_known_actor():
    assert ("threat", "manbij") in kinds("A regime general threatened to storm Manbij.")
    assert not kinds("Attacks on Manbij are a worry.")  # a noun without an actor states nothing


def test_place__a_provisional_place_s_anchor_only_locates_it():
    got = kinds("أغلقت تركيا معبر الزيتون في منطقة منبج أمام الشاحنات.")
    assert ("blockade", "manbij") not in got
    assert any(k == "blockade" and p and p.startswith("unlisted-") for k, p in got)


def test_governorate__the_towns_of_a_governorate():
    assert ("الحسكة", "hasakah-governorate") in _places("اعتصام يعمّ مدن وبلدات الحسكة.")


def test_governorate__a_place_inside_the_city_is_located_by_the_city():
    """ "the security square in Hasakah": the square lies in Hasakah city, not the province."""
    got = _places("The Asayish besieged the security square in Hasakah on Tuesday.")
    assert ("Hasakah", "hasakah") in got
