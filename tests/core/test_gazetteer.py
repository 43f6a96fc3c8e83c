import pytest
from fixtures import small_gazetteer

from geodata.errors import UnknownPlaceError

G = small_gazetteer()


def test_resolve__exact_arabic_with_proclitic():
    assert G.resolve("وبالمدينة الكبيرة").place.id == "bigcity"


def test_resolve__kurdish_name():
    assert G.resolve("Gire Bajar").place.id == "hilltown"


def test_resolve__ambiguous_without_context_uses_prior_and_lists_alternatives():
    res = G.resolve("الشهباء")
    assert res.place.id == "shahba-north"
    assert [p.id for p, _ in res.alternatives] == ["shahba-south"]


def test_resolve__context_overrides_prior():
    res = G.resolve("الشهباء", context="في الشهباء بمحافظة الجنوب")
    assert res.place.id == "shahba-south"


def test_resolve__security_square_by_the_city_named_in_context():
    assert G.resolve("المربع الأمني", context="بمدينة تل البلدة").place.id == "hilltown-square"
    assert G.resolve("المربع الأمني", context="في المدينة الكبيرة").place.id == "bigcity-square"


def test_resolve__parent_hint():
    assert G.resolve("المربع الأمني", parent="hilltown").place.id == "hilltown-square"


def test_resolve__fuzzy_fallback_has_lower_score():
    res = G.resolve("Hilltawn")
    assert res.place.id == "hilltown" and res.method == "fuzzy" and res.score < 100


def test_resolve__unknown_is_none():
    assert G.resolve("Atlantis") is None


def test_resolve__a_name_starting_with_a_proclitic_letter_is_kept():
    assert G.resolve("بانياس").place.id == "banias"


def test_find_mentions__offsets_skip_the_proclitic():
    text = "وصل الوفد وبالمدينة الكبيرة اجتماع"
    (m,) = G.find_mentions(text)
    assert m.place_ids == ("bigcity",)
    assert text[m.start : m.end] == "المدينة الكبيرة"


def test_find_mentions__latin_needs_a_capital():
    assert G.find_mentions("the hilltown road") == []
    assert [m.place_ids for m in G.find_mentions("near Hilltown.")] == [("hilltown",)]


def test_get__unknown_id_suggests_places_by_name():
    with pytest.raises(UnknownPlaceError, match=r"Hilltown \(city, hilltown\)"):
        G.get("hiltown")


def test_resolve__a_key_match_with_an_unlike_spelling_is_no_match():
    # 'Hilltown' and 'Hiltaun' share a key and read alike; 'xyzzy' shares none with anything.
    assert G.resolve("Hiltaun").place.id == "hilltown"
    assert G.resolve("xyzzy") is None
    assert G.candidates("xyzzy") == []


def test_place_unknown__at_the_nearest_known_place_with_precision_2():
    placed = G.place_unknown("قرية الزيتون", near=["shahba-north", "hilltown", "bigcity"])
    # The nearest settlement of the report, not the region named before it.
    assert placed.anchor.id == "hilltown" and placed.place.point == G.places["hilltown"].point
    assert placed.precision == 2 and placed.place.precision == 2 and not placed.known
    assert placed.place.id.startswith("unknown-") and placed.place.governorate == "north-gov"


def test_place_unknown__only_a_region_known_is_precision_3():
    placed = G.place_unknown("the village of Zaytun", near=["shahba-north"])
    assert placed.anchor.id == "shahba-north" and placed.precision == 3


def test_place_unknown__nothing_known_nearby_is_none():
    assert G.place_unknown("قرية الزيتون", near=[]) is None
    assert G.place_unknown("", near=["hilltown"]) is None


def test_suggest__names_places_not_ids():
    assert G.suggest("Hiltown") == ["Hilltown (city)", "Hilltown security square (neighbourhood)"]


def test_search__arabic_and_english_prefix():
    assert G.search("Hill")[0].place.id == "hilltown"
    assert G.search("بانيا")[0].place.id == "banias"


# -- properties ---------------------------------------------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NAMES = [(p, n.text) for p in G.places.values() for n in p.all_names()]


@given(st.sampled_from(NAMES), st.sampled_from(["", "و", "ب", "وب", "ل"]))
def test_resolve__every_name_with_any_proclitic_finds_a_place_bearing_that_name(pair, clitic):
    place, name = pair
    from geodata.normalize import is_arabic

    query = (clitic + name) if is_arabic(name) else name
    res = G.resolve(query)
    assert res is not None and res.method == "exact"
    bearers = set(G.lookup(name))
    assert place.id in bearers and res.place.id in bearers


@given(st.sampled_from(NAMES))
def test_resolve__the_parent_in_context_always_wins(pair):
    place, name = pair
    if not place.parent:
        return
    parent = G.places[place.parent]
    assert G.resolve(name, context=f"في {parent.name_ar}").place.id == place.id


@given(st.text(max_size=40), st.text(max_size=80))
def test_resolve_and_find_mentions__never_raise(mention, context):
    G.resolve(mention, context=context)
    for m in G.find_mentions(context):
        assert 0 <= m.start < m.end <= len(context)
