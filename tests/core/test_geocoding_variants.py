"""Issue 11's spelling mechanisms on the shipped gazetteer, with the project's own spellings
(names of its curated places, never corpus text): each mechanism reaches a name the index does
not hold as written, and none turns nonsense into a place."""

from __future__ import annotations

import pytest

from geodata.matching import key_of, same_words, written_variants
from geodata.model import PlaceKind
from geodata.normalize import latin_key


@pytest.fixture(scope="module")
def gaz(shipped):
    return shipped.gazetteer


def resolved(gaz, mention: str) -> tuple[str, str] | None:
    res = gaz.resolve(mention)
    return (res.place.id, res.method) if res else None


# -- Latin transliterations -------------------------------------------------------------------


def test_latin_key__articles_inside_a_name_and_fused_ones_agree():
    assert len({latin_key(n) for n in ("Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Deir-ez-Zor")}) == 1
    assert latin_key("Abu ad-Duhur") == latin_key("Abu al-Duhur") == latin_key("Abu Duhur")
    assert latin_key("Ras el Ain") == latin_key("Ras al-Ain")


def test_latin_key__a_fused_article_needs_two_letters_after_it():
    assert latin_key("Ain Essa") == latin_key("Ain Issa")  # "Essa" is no article + "a"
    assert latin_key("Deir Ezzor") != latin_key("Deir")


def test_resolve__fused_article_in_a_transliteration(gaz):
    assert resolved(gaz, "Deir Ezzour") == ("deir-ez-zor", "exact")


# -- classifier words -------------------------------------------------------------------------


def test_written_variants__classifier_words_dropped_with_their_kinds():
    from geodata.gazetteer import CLASSIFIERS

    assert ("Manbij", 100.0, frozenset({PlaceKind.CITY, PlaceKind.TOWN})) in written_variants(
        "Manbij city", CLASSIFIERS
    )
    assert written_variants("the town of Tal Tamr", CLASSIFIERS)[0][0] == "Tal Tamr"
    assert [v[0] for v in written_variants("مطار مدينة القامشلي", CLASSIFIERS)] == [
        "مطار القامشلي"
    ]  # a facility word is part of the name: only the classifier goes
    # «ريف» names a region of its own: never dropped
    assert all(v[0] != "حلب" for v in written_variants("ريف حلب", CLASSIFIERS))


def test_resolve__a_name_with_its_classifier(gaz):
    assert resolved(gaz, "Manbij city") == ("manbij", "variant")
    assert resolved(gaz, "the town of Tal Tamr") == ("tal-tamr", "variant")
    assert resolved(gaz, "مطار مدينة القامشلي") == ("qamishli-airport", "variant")
    assert gaz.resolve("Tabqa canton").place.id in {"tabqa", "ath-thawrah-district"}


# -- Arabic spellings -------------------------------------------------------------------------


def test_resolve__a_space_lost_before_the_article(gaz):
    assert resolved(gaz, "رأسالعين") == ("ras-al-ain", "variant")


def test_resolve__the_article_added_or_dropped(gaz):
    assert resolved(gaz, "بوكمال") == ("albu-kamal", "variant")
    assert gaz.resolve("بوكمال").score == 90.0  # below a name written as the place writes it
    assert resolved(gaz, "راعي") == ("al-rai", "variant")


def test_resolve__a_short_word_never_gets_an_article(gaz):
    # «الهول» is al-Hol; «هول» ("horror") and «باب» ("door") are words, not places
    assert gaz.resolve("هول") is None
    assert gaz.resolve("باب") is None


def test_resolve__direction_with_or_without_its_ya_and_final_ya_or_ta_marbuta(gaz):
    assert gaz.resolve("شمالي غرب سوريا").place.id == "northwest-syria"
    assert gaz.resolve("شمال غرب سورية").place.id == "northwest-syria"
    assert gaz.resolve("الشرق السوري").place.id == "eastern-syria"


# -- directional regions ----------------------------------------------------------------------


def test_resolve__the_sides_of_the_country_are_regions(gaz):
    for name in (
        "northwest Syria",
        "the Syrian northwest",
        "north-west Syria",
        "شمال غرب سوريا",
        "الشمال الغربي السوري",
    ):
        res = gaz.resolve(name)
        assert res.place.id == "northwest-syria", name
        assert res.place.kind == PlaceKind.REGION and res.precision == 3
    assert gaz.resolve("eastern Syria").place.id == "eastern-syria"


def test_resolve__hand_drawn_countrysides_have_the_generated_names(gaz):
    assert gaz.resolve("western countryside of Deir ez-Zor").place.id == "western-deir-ez-zor-countryside"


def test_same_words__a_misspelling_stays_within_words_and_directions():
    assert not same_words(key_of("northwest Syria"), key_of("northeast Syria"))
    assert not same_words(key_of("ريف حلب الغربي"), key_of("ريف حلب الشرقي"))
    assert not same_words(key_of("Mayadin desert"), key_of("Mayadin district"))
    assert same_words(key_of("Kamishly"), key_of("Qamishli"))


def test_resolve__a_misspelt_direction_word_is_still_that_direction(gaz):
    res = gaz.resolve("ريف حلب الغريي")  # «الغربي» with a letter wrong
    assert res is not None and (res.place.id, res.method) == ("western-aleppo-countryside", "fuzzy")
    assert same_words(key_of("ريف حلب الغريي"), key_of("ريف حلب الغربي"))
    assert not same_words(key_of("ريف حلب الغريي"), key_of("ريف حلب الشرقي"))


# -- facilities named after a place ---------------------------------------------------------


def test_resolve__a_road_citadel_or_station_named_after_a_place_is_near_it(gaz):
    for name, pid in (
        ("طريق منبج", "manbij"),
        ("Manbij road", "manbij"),
        ("قلعة حلب", "aleppo"),
        ("محطة تحويل كهرباء عامودا", "amuda"),
    ):
        res = gaz.resolve(name)
        assert (res.place.id, res.method, res.precision) == (pid, "near", 2), name


# -- nonsense stays nonsense ------------------------------------------------------------------


@pytest.mark.parametrize(
    "nonsense",
    ["xyzzy", "xyzzy city", "the town of xyzzy", "طريق xyzzy", "قرية xyzzy", "xyzzy road", "northwest xyzzy"],
)
def test_resolve__xyzzy_is_no_match_in_every_form(gaz, nonsense):
    assert gaz.resolve(nonsense) is None


# -- a part, a site or the surroundings of a place -------------------------------------------


@pytest.mark.parametrize(
    ("mention", "want"),
    [
        ("Manbij al-Balad", "manbij"),
        ("حمص البلد", "homs"),
        ("منبج العسكري", "manbij"),
        ("Tadmur desert", "palmyra"),
        ("بادية تدمر", "palmyra"),
    ],
)
def test_resolve__a_part_or_the_surroundings_of_a_place_is_near_it(gaz, mention, want):
    res = gaz.resolve(mention)
    assert res is not None and (res.place.id, res.method, res.precision) == (want, "near", 2)


def test_resolve__nonsense_with_a_part_word_is_no_place(gaz):
    assert gaz.resolve("xyzzy desert") is None
    assert gaz.resolve("بادية زززز") is None


# -- borders (scripts/build_borders.py) -------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "want"),
    [
        ("Lebanese-Syrian border", "syria-lebanon-border"),
        ("الحدود الأردنية السورية", "syria-jordan-border"),
        ("the border with Turkey", "syria-turkey-border"),
        ("مثلث الحدود التركية العراقية السورية", "syria-iraq-turkey-border-triangle"),
        ("Iraqi-Syrian-Jordanian border triangle", "syria-iraq-jordan-border-triangle"),
    ],
)
def test_resolve__a_border_in_any_order_of_its_countries(gaz, mention, want):
    res = gaz.resolve(mention)
    assert res is not None and res.place.id == want
    assert res.place.kind == PlaceKind.REGION and res.precision == 3 and res.place.sources


def test_latin_key__mount_abbreviated():
    assert latin_key("Mt. Abdulaziz") == latin_key("Mount Abdulaziz")


def test_resolve__mount_hermon_from_natural_earth(gaz):
    for mention in ("Mt Hermon", "جبل الشيخ", "Jebel esh-Sheikh"):
        res = gaz.resolve(mention)
        assert res is not None and res.place.id == "mount-hermon"
    assert any("Natural Earth" in s for s in gaz.places["mount-hermon"].sources)


def test_reference__an_old_town_neighbourhood_also_answers_to_its_short_name(gaz):
    names = {n.text for n in gaz.places["kafr-souseh-al-balad-n0070"].all_names()}
    assert {"كفر سوسة", "Kafr Souseh"} <= names
    res = gaz.resolve("كفر سوسة", context="اشتباكات في حي كفر سوسة بدمشق")
    assert res is not None and res.place.id == "kafr-souseh-al-balad-n0070"


def test_keys__distances_written_any_way():
    from geodata.normalize import arabic_key

    assert (
        arabic_key("منطقة الـ 40 كيلومتر")
        == arabic_key("منطقة الـ40 كيلو متر")
        == arabic_key("منطقة الـ40 كم")
    )
    assert latin_key("40-kilometre zone") == latin_key("40 km zone")
    assert arabic_key(arabic_key("على بعد 5 كلم")) == arabic_key("على بعد 5 كلم")


def test_written_variants__the_area_of_a_named_area():
    from geodata.gazetteer import CLASSIFIERS

    assert "Euphrates Shield area" in [
        v[0] for v in written_variants("the area of Operation Euphrates Shield", CLASSIFIERS)
    ]
    assert written_variants("zone of", CLASSIFIERS) == []


def test_resolve__a_side_of_the_country_as_syrian_media_name_it(gaz):
    assert gaz.resolve("المنطقة الغربية").place.id == "western-syria"
    assert gaz.resolve("Southeastern Province").place.id == "southeast-syria"


def test_resolve__the_hauran_plain_and_the_syrian_desert(gaz):
    assert gaz.resolve("Hawran").place.id == "hauran"
    assert gaz.resolve("بادية الشام").place.id == "syrian-desert"
    assert gaz.places["syrian-desert"].precision == 3


def test_resolve__the_euphrates_sides_as_english_news_writes_them(gaz):
    assert gaz.resolve("the western Euphrates region").place.id == "west-of-the-euphrates"


def test_resolve__aleppo_by_its_epithet(gaz):
    assert gaz.resolve("Syria's second-largest city").place.id == "aleppo"


# -- a city's districts that the news names as places ------------------------------------------


@pytest.mark.parametrize("mention", ["درعا البلد", "درعا البـلد", "Daraa al-Balad", "Deraa al-Balad"])
def test_resolve__daraas_old_town_is_a_neighbourhood_of_daraa(gaz, mention):
    res = gaz.resolve(mention)
    assert res is not None and res.place.id == "daraa-al-balad"
    assert res.place.kind == PlaceKind.NEIGHBOURHOOD and res.place.parent == "daraa"
    assert res.place.sources  # hand-placed, and says so


def test_resolve__daraa_alone_stays_the_city(gaz):
    assert resolved(gaz, "درعا") == ("daraa", "exact")
    assert resolved(gaz, "درعا المحطة")[0] == "daraa-al-mahatta"


def test_consonant_key__looser_transliterations_share_their_consonants(gaz):
    from geodata.normalize import consonant_key

    assert consonant_key("Bannash") == consonant_key("Binnish") == "bns"
    assert consonant_key("Maarret al-Noman") == consonant_key("Maarrat al-Numan")
    assert consonant_key(consonant_key("Maarret al-Noman")) == consonant_key("Maarret al-Noman")
    assert "binnish" in gaz.spelled_alike("Bannash")
    assert gaz.spelled_alike("xyzzy") == ()


@pytest.mark.parametrize("mention", ["55-km zone", "55-kilometre zone", "the 55 km zone"])
def test_resolve__the_zone_around_al_tanf_is_a_region_holding_the_garrison(gaz, mention):
    from shapely.geometry import Point

    res = gaz.resolve(mention)
    assert res is not None and res.place.kind == PlaceKind.REGION
    lat, lon = gaz.places["al-tanf"].point
    assert res.place.geometry.contains(Point(lon, lat))
    assert resolved(gaz, "Tanf base")[0] == "al-tanf"  # the garrison stays a facility


@pytest.mark.parametrize(
    "text",
    ["فرّ النازحون إلى منطقة الـ 55 كيلومتر أمس.", "فرّ النازحون إلى منطقة الـ55 كيلو متر أمس."],
)
def test_find_mentions__a_number_and_its_unit_fold_across_words(gaz, text):
    found = [(m.text, m.place_ids) for m in gaz.find_mentions(text)]
    assert len(found) == 1 and found[0][1] == ("tanf-55-km-zone",)
    assert found[0][0].startswith("منطقة الـ") and found[0][0].endswith("متر")
