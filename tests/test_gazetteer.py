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


def test_get__unknown_id_suggests():
    with pytest.raises(UnknownPlaceError, match="hilltown"):
        G.get("hiltown")


def test_search__arabic_and_english_prefix():
    assert G.search("Hill")[0].place.id == "hilltown"
    assert G.search("بانيا")[0].place.id == "banias"
