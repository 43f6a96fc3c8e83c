"""Issue 11's geocoding mechanisms as the extractor uses them, on the shipped gazetteer and the
project's own sentences (never corpus text)."""

from __future__ import annotations

import pytest
from extraction_fixtures import toponym_places as places

from geodata.extract import Extractor
from geodata.extract.segmenting import sentences
from geodata.gazetteer import Mention
from geodata.model import PlaceKind


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


@pytest.mark.parametrize(
    "text",
    [
        "قصفت طائرات مسيرة مواقع في شمال غرب سورية أمس.",
        "قصفت طائرات مسيرة مواقع في الشمال الغربي السوري أمس.",
        "Drones struck positions in northwest Syria on Monday.",
    ],
)
def test_find__a_side_of_the_country_is_a_region(extractor, text):
    assert [pid for _, pid in places(extractor, text)] == ["northwest-syria"]
    assert extractor.gazetteer.places["northwest-syria"].kind == PlaceKind.REGION


def test_find__a_crossing_named_after_a_place_written_without_its_article(extractor):
    hits, _ = extractor.toponyms.find(
        "أغلقت القوات معبر بوكمال أمام المدنيين.", sentences("أغلقت القوات معبر بوكمال أمام المدنيين.")
    )
    assert len(hits) == 1
    assert hits[0].place.point == extractor.gazetteer.places["albu-kamal"].point
    assert "Albu Kamal" in (hits[0].place.note or "")


def test_resolve_mention__a_span_the_finder_did_not_mark(extractor):
    text = "Shelling hit Deir Ezzour, the provincial capital, on Monday."
    start = text.index("Deir Ezzour")
    m = Mention(start, start + len("Deir Ezzour"), "Deir Ezzour", ())
    res = extractor.toponyms.resolve_mention(text, m, sentences(text), [])
    assert res is not None and res.place.id == "deir-ez-zor"


def test_find__nonsense_after_a_classifier_is_no_known_place(extractor):
    found = places(extractor, "Fighting near the village of Xyzzy on Monday.")
    assert all(pid.startswith("unlisted-") for text, pid in found if "Xyzzy" in text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("قصفت المدفعية قرى في ريف حمص، ثم امتدت الاشتباكات إلى الريف الشمالي.", "northern-homs-countryside"),
        (
            "Artillery hit villages near Hama city, and clashes spread to the western countryside.",
            "western-hama-countryside",
        ),
    ],
)
def test_find__a_bare_countryside_is_that_of_the_place_named_before_it(extractor, text, want):
    assert want in [pid for _, pid in places(extractor, text)]


def test_find__two_countrysides_of_one_city_are_the_gazetteers_regions(extractor):
    found = [pid for _, pid in places(extractor, "دارت اشتباكات في ريفي حماة الجنوبي والغربي مساء أمس.")]
    assert "southern-hama-countryside" in found and "western-hama-countryside" in found


def test_find__a_facility_named_after_a_village_of_the_reports_area(extractor):
    text = "أغلقت القوات التركية معبر الحمام في سوريا، ثم قصفت أطراف جنديرس."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    hit = next(h for h in hits if h.text == "معبر الحمام")
    assert hit.place.point == extractor.gazetteer.places["hamam-c1427"].point


def test_resolve__naming_the_country_speaks_for_no_candidate(extractor):
    g = extractor.gazetteer
    for name in ("الحمام", "الشيخ علي", "Daraa"):
        assert g.resolve(name, context=f"قصف في سوريا {name}").place.id == g.resolve(name).place.id


def test_find__a_headline_ending_with_a_city_is_no_parent_of_the_dateline(extractor):
    text = "Talks resume in Syria's Daraa\n\nDARAA, Syria (Agency) - Negotiators met on Monday."
    assert places(extractor, text)[:2] == [("Syria", "syria"), ("Daraa", "daraa")]


def test_find__an_unlisted_street_paragraphs_after_its_town_is_placed_there(extractor):
    filler = "وقال شهود إن الاشتباكات استمرت ساعات طويلة وسط إطلاق نار كثيف من الطرفين. " * 6
    text = f"اندلعت اشتباكات في مدينة الميادين صباح اليوم. {filler}\n\nوانتشرت حواجز في شارع الزنبقات مساء."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    street = next(h for h in hits if "الزنبقات" in h.text)
    assert street.place.id.startswith("unlisted-")
    assert street.place.point == extractor.gazetteer.places["mayadin"].point


def test_find__a_capitalised_square_in_a_town_is_there_not_at_a_distant_namesake(extractor):
    text = "Protesters gathered in Salam Square in Amuda on Friday."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    square = next(h for h in hits if h.text == "Salam Square")
    assert square.place.point == extractor.gazetteer.places["amuda"].point  # not Salamiyah's


@pytest.mark.parametrize(
    "text",
    [
        "The ministry sent troops to the provinces of Quneitra, Daraa and Suwayda that week.",
        "أرسلت الوزارة قوات إلى محافظات القنيطرة ودرعا والسويداء أمس.",
    ],
)
def test_find__a_list_of_provinces_stays_provinces_after_a_governorate(extractor, text):
    assert [pid for _, pid in places(extractor, text)] == [
        "quneitra-governorate",
        "daraa-governorate",
        "suwayda-governorate",
    ]


def test_find__an_english_word_before_a_name_is_no_article(extractor):
    assert places(extractor, "The region, known as Rojava, voted on Monday.") == [("Rojava", "rojava")]


def test_find__a_short_word_that_only_sounds_like_a_name_is_no_place(extractor):
    assert places(extractor, "Dire warnings came from Homs on Monday.") == [("Homs", "homs")]


@pytest.mark.parametrize(
    "text",
    [
        "تظاهر الأهالي في قرى عدة منها صلخد، عرمان، والقريا أمس.",
        "تظاهر الأهالي في قرى “صلخد، عرمان، القريا” أمس.",
        "People rallied in the towns of Salkhad, Arman and Qarayya on Friday.",
    ],
)
def test_find__every_name_of_a_list_after_a_plural_classifier_is_a_place(extractor, text):
    found = {pid for _, pid in places(extractor, text)}
    assert {"salkhad-c6184", "arman-c6186", "qarayya-c6200"} <= found


def test_find__a_name_without_a_classifier_outside_any_list_stays_unvetted(extractor):
    found = {pid for _, pid in places(extractor, "قال صلخد إن الاجتماع انتهى أمس.")}
    assert "salkhad-c6184" not in found


def test_find__a_far_homonym_in_a_list_is_an_unknown_village_there(extractor):
    hits, _ = extractor.toponyms.find(
        "استهدف القصف قرى عرمان، الشيخ علي أمس.", sentences("استهدف القصف قرى عرمان، الشيخ علي أمس.")
    )
    sheikh = next(h for h in hits if h.text == "الشيخ علي")
    assert sheikh.place.id.startswith("unlisted-")
    assert sheikh.place.point == extractor.gazetteer.places["arman-c6186"].point


def test_find__a_list_opened_by_a_classifier_and_a_comma(extractor):
    text = "Troops took towns and villages, including Salkhad and Arman."
    found = {pid for _, pid in places(extractor, text)}
    assert {"salkhad-c6184", "arman-c6186"} <= found


def test_find__a_name_written_once_with_its_classifier_is_a_place_everywhere(extractor):
    text = "اجتمع الوجهاء في بلدة عرمان أمس. وقال سكان في عرمان إن الطريق مغلق."
    assert [t for t, pid in places(extractor, text) if pid == "arman-c6186"] == ["عرمان", "عرمان"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Shelling hit villages of eastern Aleppo governorate on Monday.", "eastern Aleppo governorate"),
        ("Power returned to the eastern Euphrates region on Monday.", "eastern Euphrates region"),
        ("Patrols stayed outside the area of Operation Peace Spring.", "area of Operation Peace Spring"),
    ],
)
def test_find__an_area_is_read_with_the_word_that_names_it(extractor, text, want):
    assert want in [t for t, _ in places(extractor, text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The Homs region saw protests on Monday.", ("Homs region", "homs-governorate")),
        ("Shells hit eastern Aleppo governorate.", ("Aleppo governorate", "aleppo-governorate")),
        ("قصفت الطائرات قرى جنوب محافظة إدلب أمس.", ("محافظة إدلب", "idlib-governorate")),
    ],
)
def test_find__a_governorate_named_as_an_area_or_inside_one(extractor, text, want):
    assert want in places(extractor, text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("سقطت قذائف على بلدة تل تمر شمال الحسكة أمس.", ("الحسكة", "hasakah")),
        ("Troops stormed Tafas, west of Daraa city, on Monday.", ("Daraa", "daraa")),
    ],
)
def test_find__a_direction_from_a_city_after_a_place_locates_it(extractor, text, want):
    hits, _ = extractor.toponyms.find(text, sentences(text))
    city = next(h for h in hits if (h.text, h.place.id) == want)
    assert not city.event_place
    assert all(h.place.kind != PlaceKind.REGION for h in hits)


def test_find__a_direction_alone_is_still_a_region(extractor):
    assert places(extractor, "قصفت المدفعية مواقع في شمال الحسكة أمس.") == [
        ("شمال الحسكة", "northern-hasakah-countryside")
    ]


def test_find__a_name_read_as_a_known_town_is_that_town_again(extractor):
    text = "دخل الجيش مدينة دير حافر أمس. وبقي المقاتلون وسط دير حافر حتى المساء."
    assert {pid for t, pid in places(extractor, text) if t == "دير حافر"} == {"deir-hafer"}


def test_find__the_towns_named_inside_a_road_or_a_bridge_are_places_too(extractor):
    text = "اعتصم الأهالي عند جسر أريحا على طريق اللاذقية – حلب الدولي أمس."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    inside = {(h.text, h.place.id) for h in hits if not h.event_place}
    assert {("حلب", "aleppo"), ("اللاذقية", "latakia")} <= inside
    assert any(h.text == "أريحا" and h.place.kind in (PlaceKind.CITY, PlaceKind.TOWN) for h in hits)


def test_find__a_name_inside_a_facility_that_only_sounds_like_a_town_is_none(extractor):
    assert places(extractor, "Protesters closed the Bab al-Salama crossing on Monday.") == [
        ("Bab al-Salama crossing", "bab-al-salama-crossing")
    ]


def test_find__parts_of_a_neighbourhood_is_no_place_of_a_list(extractor):
    text = "فرضت الحواجز حصاراً على حيي الهلك وأجزاء من حي الأشرفية في مدينة حلب."
    assert not any(t.startswith("أجزاء") for t, _ in places(extractor, text))


def test_word_lists__are_written_as_token_keys():
    from geodata import place_words
    from geodata.extract import gaps
    from geodata.extract import unlisted_words as words
    from geodata.normalize import arabic_key, is_arabic

    groups = (words.HEADS, words.NOT_NAMES, words.PLURALS_AR, place_words.CLASSIFIERS, gaps.LIST_CLASSIFIERS)
    for group in groups:
        assert all(arabic_key(w) == w for w in group if is_arabic(w))


def test_find__a_road_code_in_latin_letters_inside_an_arabic_name(extractor):
    assert places(extractor, "أغلق المحتجون طريق الـ M4 أمس.") == [("طريق الـ M4", "m4-highway")]


def test_find__a_locality_listed_after_a_known_town_is_a_place(extractor):
    found = {pid for _, pid in places(extractor, "Troops shelled Suwayda, Arman and the hills on Monday.")}
    assert "arman-c6186" in found


def test_find__a_far_homonym_listed_after_a_known_town_is_none(extractor):
    found = {pid for _, pid in places(extractor, "قصفت الطائرات القامشلي، وعرمان أمس.")}
    assert "arman-c6186" not in found


def test_find__the_bare_name_of_a_camp_the_report_names_is_the_camp(extractor):
    text = "Guards searched al-Hol camp on Monday. Many were taken to al-Hol last year."
    assert {pid for t, pid in places(extractor, text) if t == "al-Hol"} == {"al-hol-camp"}


def test_find__a_bare_name_without_its_camp_stays_the_town(extractor):
    assert ("al-Hol", "al-hawl") in places(extractor, "Shelling hit the town of al-Hol on Monday.")


def test_find__the_before_an_article_glued_to_a_name_is_no_name(extractor):
    assert ("Al-Mayadeen", "mayadin") in places(extractor, "Shells fell on the Al-Mayadeen market on Monday.")


def test_find__the_desert_of_a_town_is_an_area_around_it(extractor):
    hits, _ = extractor.toponyms.find("Militias camp in the Al-Mayadeen desert.", [])
    (desert,) = [h for h in hits if h.text == "Al-Mayadeen desert"]
    assert desert.place.kind == PlaceKind.REGION
    assert desert.place.point == extractor.gazetteer.places["mayadin"].point


def test_find__a_latin_name_followed_by_its_classifier_is_a_place(extractor):
    assert ("Arman", "arman-c6186") in places(extractor, "Protesters gathered in Arman town on Friday.")


def test_find__the_towns_listed_after_a_plural_facility_word_name_facilities(extractor):
    text = "أغلقت السلطات معابر تل أبيض ومنبج أمام الشاحنات أمس."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    kinds = {h.text: h.place.kind for h in hits}
    assert kinds.get("منبج") == kinds.get("تل أبيض") == PlaceKind.FACILITY


@pytest.mark.parametrize(
    "text",
    [
        "قالت مصادر إن القصف طال قرى جنوب محافظة إدلب. وتستمر المعارك في إدلب منذ أسابيع.",
        "Shelling hit villages in Idlib province on Sunday. The fighting in Idlib has gone on for weeks.",
    ],
)
def test_find__a_report_that_calls_the_name_a_province_means_it_by_the_bare_name(extractor, text):
    bare = [pid for t, pid in places(extractor, text) if t in {"إدلب", "Idlib"}]
    assert bare == ["idlib-governorate"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Shelling hit villages in Idlib province. Two activists were arrested in Idlib city. "
            "Patrols spread in Idlib on Monday.",
            "Idlib",
        ),
        ("Clashes spread in Aleppo province. Fighters left neighborhoods in Aleppo on Monday.", "Aleppo"),
        ("دعت محافظة السويداء إلى التهدئة.\n\nالسويداء – تجمع المحتجون أمس.", "السويداء"),
    ],
)
def test_find__the_city_stays_the_city_where_the_text_says_so(extractor, text, name):
    found = [pid for t, pid in places(extractor, text) if t == name]
    assert found and all(not pid.endswith("-governorate") for pid in found)


@pytest.mark.parametrize(
    ("text", "name", "want"),
    [
        ("Protests spread in Bannash town in northern Idlib countryside on Friday.", "Bannash", "binnish"),
        ("Shells hit the city of Maarret al-Noman and Saraqib.", "Maarret al-Noman", "maarrat-al-numan"),
        ("Troops took villages, including Kafr Nabl and Sarmeen, south of Idlib.", "Sarmeen", "sarmin-c3953"),
    ],
)
def test_find__a_settlement_in_a_spelling_no_list_has_is_the_one_near_the_report(extractor, text, name, want):
    assert (name, want) in places(extractor, text)


def test_find__a_loose_spelling_far_from_the_report_is_no_place(extractor):
    # 'Bannash' sounds like Binnish (Idlib) and Banias (the coast): neither is near Qamishli
    found = places(extractor, "Protests spread in Bannash town near Qamishli on Friday.")
    assert [t for t, _ in found] == ["Qamishli"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("تظاهر المئات في إدلب ضد الضرائب الجديدة.", "idlib-governorate"),
        ("Hundreds protested in Idlib against the new taxes.", "idlib-governorate"),
        ("تظاهر المئات في إدلب. وجاب المحتجون شوارع مدينة إدلب مساء.", "idlib"),
        ("Hundreds protested in Idlib. Marchers crossed Idlib city at night.", "idlib"),
    ],
)
def test_find__bare_idlib_is_the_province_unless_the_report_calls_it_a_city(extractor, text, want):
    bare = {pid for t, pid in places(extractor, text) if t in {"إدلب", "Idlib"}}
    assert bare == {want}


@pytest.mark.parametrize(
    ("text", "facility", "town"),
    [
        ("انقطعت المياه بعد توقف محطة ضخ مياه عامودا عن العمل.", "محطة ضخ مياه عامودا", "amuda"),
        ("تجمع المحتجون عند قلعة منبج صباح اليوم.", "قلعة منبج", "manbij"),
    ],
)
def test_find__a_facility_named_by_its_use_and_its_town_is_located_there(extractor, text, facility, town):
    hits, _ = extractor.toponyms.find(text, sentences(text))
    fac = next(h for h in hits if h.text == facility)
    assert fac.place.kind == PlaceKind.FACILITY
    assert fac.place.point == extractor.gazetteer.places[town].point
    assert any(h.place.id == town and not h.event_place for h in hits)  # named inside it


def test_find__a_facility_word_then_a_preposition_names_no_facility_of_the_town(extractor):
    text = "أغلقت السلطات معبر الى عامودا أمس."
    assert all(pid == "amuda" for _, pid in places(extractor, text))


def test_find__a_road_named_after_a_village_of_the_lists_names_the_village_too(extractor):
    text = "قطع المسلحون طريق آبل صباح اليوم."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    road = next(h for h in hits if h.text == "طريق آبل")
    village = next(h for h in hits if h.text == "آبل")
    assert road.place.kind == PlaceKind.FACILITY and road.place.parent == village.place.id == "aabel-c2518"
    assert not village.event_place
    assert places(extractor, "وصل المسلحون إلى آبل صباح اليوم.") == []  # no classifier: not vetted


def test_find__a_crossing_of_no_list_names_no_place_where_it_leads(extractor):
    # «معبر X» is named for where it leads, so X is not named as a place beside it
    assert [t for t, _ in places(extractor, "أغلقت القوات معبر آبل صباح اليوم.")] == ["معبر آبل"]


@pytest.mark.parametrize(
    "text",
    [
        "The Democratic Autonomous Administration of the Region of North and East Syria rejected the plan.",
        "Turkey launched Operation Peace Spring in October.",
        "أعلنت تركيا بدء عملية نبع السلام.",
        "نشر تجمع أحرار حوران صوراً للقتلى.",
    ],
)
def test_find__a_place_name_inside_an_organisations_or_operations_name_is_no_place(extractor, text):
    assert places(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Fighting in North and East Syria went on.", "northeast-syria"),
        ("Patrols run outside the area of Operation Peace Spring.", "peace-spring-area"),
        ("قصفت القوات قرى في حوران.", "hauran"),
    ],
)
def test_find__the_same_names_used_as_places_stay_places(extractor, text, want):
    assert [pid for _, pid in places(extractor, text)] == [want]


def test_find__the_capital_a_direction_is_measured_from_is_a_place(extractor):
    assert places(extractor, "No army may enter the area south of Damascus.") == [("Damascus", "damascus")]
    assert places(extractor, "Damascus said it rejects the plan.") == []  # the government


def test_find__a_village_of_no_list_named_twice_is_one_place_where_the_text_locates_it(extractor):
    text = "استهدفت المدفعية قرى “أم الكيف، الزنبقية” أمس. ثم قصفت قرية الزنبقية، شمالي الدرباسية، مساءً."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    village = [h.place for h in hits if h.text == "الزنبقية"]
    assert len(village) == 2 and village[0].id == village[1].id and village[0].id.startswith("unlisted-")
    assert village[0].point == extractor.gazetteer.places["darbasiyah"].point  # not the list's first item


def test_find__a_crossing_named_by_both_its_sides_is_one_mention(extractor):
    assert places(extractor, "وعبر التجار معبر سيمالكا – فيش خابور صباحاً.") == [
        ("معبر سيمالكا – فيش خابور", "semalka-crossing")
    ]
    two = places(extractor, "Shelling hit Tal Rifaat - Azaz on Monday.")  # two places: two mentions
    assert two == [("Tal Rifaat", "tal-rifaat"), ("Azaz", "azaz")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("زار الوجهاء القامشلي، ثم التقوا بضباط روس في قاعدة عسكرية روسية.", []),
        ("Notables visited Qamishli, then met Russian officers at a Russian military base.", []),
        ("زار الوجهاء القامشلي، ثم التقوا بضباط في القاعدة العسكرية الروسية.", ["القاعدة العسكرية الروسية"]),
        ("التقى الوجهاء بضباط روس في قاعدة عسكرية روسية قرب القامشلي.", ["قاعدة عسكرية روسية"]),
        ("Notables met officers at a Russian military base near Qamishli.", ["Russian military base"]),
    ],
)
def test_find__some_foreign_base_is_no_place_unless_the_text_says_where(extractor, text, want):
    assert [t for t, pid in places(extractor, text) if pid.startswith("unlisted-")] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("أعلن المجلس دعمه للحكومة السورية في دمشق.", []),
        ("The council backed the new authorities in Damascus.", []),
        ("عقد المجلس اجتماعه في دمشق.", [("دمشق", "damascus")]),
    ],
)
def test_find__the_capital_after_a_qualified_government_is_the_government(extractor, text, want):
    assert places(extractor, text) == want


def test_find__a_towns_canton_is_an_area_around_it(extractor):
    found = places(extractor, "Families moved to the Tal Abyad Canton last week.")
    assert [t for t, _ in found] == ["Tal Abyad Canton"]
    text = "Families moved to the Tal Abyad Canton."
    hits, _ = extractor.toponyms.find(text, sentences(text))
    assert hits[0].place.kind == PlaceKind.REGION
