"""Trigger words in a sense that states no event, and acts that did not happen, on the project's
own sentences (never corpus text): a lemma is a dictionary word and has no proclitic to strip
(«تبحث» -> بحث, not «ب» + «حث», "urge"); "dealing with" is no deal; the charge of an arrest
runs to the end of its clause; an arrest someone is to be prevented from making was not made."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

from geodata.extract.segmenting import tokens

X = extractor()
D2021 = dt.date(2021, 3, 1)


def types(text: str) -> list[tuple[str, str | None]]:
    return [(e.type.value, e.subtype) for e in X.extract(text, published=D2021).events]


def test_lemma__is_not_stripped_of_a_proclitic():
    forms = tokens("تبحث")[0].lemma_forms
    assert "بحث" in forms
    assert "حث" not in forms


def test_lemma__still_reaches_the_stem_of_a_prefixed_word():
    assert "حاصر" in tokens("وحاصرت")[0].lemma_forms


def test_discuss__is_no_demand():
    text = "تعقد الحكومة السورية وقسد جلسة في القامشلي تبحث ملف المعابر."
    assert ("demand", None) not in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The SDF accused the Turkish-backed factions of dealing with smugglers near Manbij.",
        "The SDF deals with the Turkish-backed factions through intermediaries in Manbij.",
    ],
)
def test_dealing_with__is_no_agreement(text):
    assert ("agreement", None) not in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Asayish arrested a teacher in Qamishli accused of being one of the main organisers of the"
        " protests.",
        "اعتقلت قوات الأسايش معلماً في القامشلي بتهمة أنه كان واحداً من أبرز منظمي الاحتجاجات في المدينة.",
    ],
)
def test_charge__runs_to_the_end_of_its_clause(text):
    got = types(text)
    assert ("arrest", None) in got
    assert ("other", "protest") not in got


@pytest.mark.parametrize(
    "text",
    [
        "Russian officers said they would prevent the Syrian army from entering and carrying out arrests"
        " in Qamishli.",
        "قالت القوات الروسية إنها ستمنع الجيش السوري من دخول القامشلي وتنفيذ اعتقالات أو مداهمات فيها.",
    ],
)
def test_prevented_arrest__is_no_arrest(text):
    got = types(text)
    assert ("arrest", None) not in got
    assert ("other", "raid") not in got


def test_arrest__with_no_prevention_stays():
    text = "The Syrian army entered Qamishli and carried out arrests on Monday."
    assert ("arrest", None) in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday residents prevented a Russian delegation of officers from entering al-Bab.",
        "منع أهالي الباب وفداً عسكرياً روسياً من دخول المدينة يوم الثلاثاء.",
    ],
)
def test_kept_out__is_a_blockade(text):
    assert ("blockade", None) in types(text)


def test_vow__to_carry_on_is_no_threat():
    assert ("threat", None) not in types("The SDF vowed to continue its struggle in Manbij.")


def test_vow__to_take_a_place_is_a_threat():
    assert ("threat", None) in types("The Syrian army vowed to take back Manbij by force.")


def test_participle_after_a_determiner__is_no_verb():
    text = "Smoke rose from the targeted site near Manbij on Sunday."
    assert ("clash", None) not in types(text)


def test_past_verb_without_a_known_actor__still_states_an_event():
    text = "Unidentified gunmen targeted a checkpoint near Manbij on Sunday."
    assert ("clash", None) in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The SNA attacked Manbij as civilians fled the town.",
        "هاجم الجيش الوطني منبج فيما نزح المدنيون من المدينة.",
    ],
)
def test_civilians_of_the_next_clause__do_not_make_an_attack_on_civilians(text):
    got = types(text)
    assert ("clash", None) in got
    assert ("other", "attack") not in got


def test_will_not_allow_a_force_in__is_a_threat():
    got = types("The SDF said it will not allow the Syrian army to enter Manbij.")
    assert ("threat", None) in got
    assert not {s for t, s in got if t == "other"} & {"control_change", "deployment"}


def test_allowing_a_force_in__is_no_threat():
    assert ("threat", None) not in types("The SDF allowed a Russian convoy to enter Manbij.")
