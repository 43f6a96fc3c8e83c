"""Issue 13, second round: constructions measured on the whole dev corpus, tested on the
project's own sentences (never corpus text), in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extraction_actors, extraction_gazetteer, extractor
from shapely.geometry import box

from geodata.extract import Extractor
from geodata.extract.lemmas import arabic_stems
from geodata.gazetteer import Gazetteer
from geodata.model import Place

X = extractor()
D2021 = dt.date(2021, 3, 1)


def kinds(text: str) -> set[tuple[str, str | None]]:
    return {(e.type.value, e.place.id if e.place else None) for e in X.extract(text, published=D2021).events}


def types(text: str) -> set[str]:
    return {k for k, _ in kinds(text)}


# -- attached pronouns and plurals on Arabic triggers -------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("اعتقلوهم", "اعتقلوا"),
        ("قصفها", "قصف"),
        ("مهاجمتها", "مهاجمه"),
        ("الاستهدافات", "الاستهداف"),
        ("المظاهرات", "المظاهره"),
    ],
)
def test_arabic_stems__pronoun_and_plural_endings(word, stem):
    assert stem in arabic_stems(word)


def test_arabic_stems__ta_marbuta_is_no_pronoun():
    assert "سيطر" not in arabic_stems("سيطره")  # «سيطرة», control, is no «سيطر» + pronoun
    assert arabic_stems("هدنه") == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("داهمت قوات الأسايش منازل في القامشلي واعتقلتهم.", "arrest"),
        ("قال الأهالي إن الجيش التركي قصفها بالمدفعية في عين عيسى.", "clash"),
        ("تتواصل الاستهدافات التركية لقوات قسد في عين عيسى.", "clash"),
    ],
)
def test_trigger__arabic_verb_with_a_pronoun_or_plural_counts(text, kind):
    assert kind in types(text)


def test_trigger__arabic_control_noun_is_no_take_over():
    assert not types("تخضع البلدة لسيطرة قسد منذ سنوات.")


# -- false friends of English triggers -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The siege of Sheikh Maqsoud goes on, according to local residents.",
        "The checkpoints were removed in accordance with the residents' wishes in Qamishli.",
    ],
)
def test_trigger__according_to_is_no_agreement(text):
    assert "agreement" not in types(text)


def test_trigger__an_agreement_is_still_one():
    assert "agreement" in types("The SDF and the Syrian government reached an agreement in Qamishli.")


# -- a refusal or an accusation is a statement (the corpus README's convention) ----------------


def subtypes(text: str) -> set[str | None]:
    return {e.subtype for e in X.extract(text, published=D2021).events}


@pytest.mark.parametrize(
    "text",
    [
        "رفضت قوات قسد تسليم مداخل عين عيسى للحكومة السورية.",
        "اتهمت قسد الجيش التركي بقصف القرى في ريف عين عيسى.",
        "The SDF rejected claims that it had handed Ain Issa over to the Syrian government.",
        "The SDF accused the Turkish army of shelling villages near Ain Issa.",
    ],
)
def test_statement__refusal_or_accusation(text):
    assert "statement" in subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "رفضت قوات قسد تسليم مداخل عين عيسى للحكومة السورية.",
        "The SDF rejected calls to withdraw from Ain Issa.",
    ],
)
def test_statement__the_refused_act_is_no_event(text):
    assert subtypes(text) == {"statement"}


@pytest.mark.parametrize(
    "text",
    [
        "خرج الأهالي في مظاهرة رفضاً لدخول قوات قسد إلى عين عيسى.",
        "The Asayish arrested a man accused of smuggling in Qamishli.",
    ],
)
def test_statement__reasons_and_participles_state_none(text):
    assert "statement" not in subtypes(text)


# -- a demonstrative refers back only when it determines the trigger ----------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("اعتقلت قوات الأسايش شبانا في القامشلي، وتلا ذلك حظر تجوال في المدينة.", "blockade"),
        ("Local sources said that clashes broke out between the SDF and the SNA near Ain Issa.", "clash"),
    ],
)
def test_reference__a_pronoun_demonstrative_cancels_nothing(text, kind):
    assert kind in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "ووفق هذا الاتفاق تنسحب قوات قسد من منبج.",
        "That deal led to the withdrawal of SDF fighters from Manbij.",
    ],
)
def test_reference__this_agreement_is_no_new_one(text):
    assert "agreement" not in types(text)


def test_reference__that_deal_leaves_what_it_led_to():
    assert "withdrawal" in subtypes("That deal led to the withdrawal of SDF fighters from Manbij.")


# -- deployment, withdrawal and capture vocabulary ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("Turkish forces will remain in the area near Tal Abyad.", "deployment"),
        ("The SNA set up new checkpoints around Afrin.", "deployment"),
        ("أقامت قوات الحكومة السورية حواجز جديدة حول منبج.", "deployment"),
        ("Syrian government forces pulled out of Maskanah.", "withdrawal"),
        ("تراجعت قوات الحكومة السورية من محيط مدينة منبج.", "withdrawal"),
        ("The SNA captured several villages near Ain Issa after heavy fighting.", "control_change"),
    ],
)
def test_trigger__deployment_withdrawal_capture(text, subtype):
    assert subtype in subtypes(text)


# -- fighting and reopening vocabulary --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("صدت قوات قسد هجوماً للجيش الوطني على قرية قرب عين عيسى.", "clash"),
        ("أحبطت قسد محاولة تسلل للجيش الوطني قرب عين عيسى.", "clash"),
        ("The SNA launched an offensive on villages near Ain Issa.", "clash"),
        ("The SDF repelled an attack by the SNA near Ain Issa.", "clash"),
        ("Russia and Turkey agreed to open the crossing near al-Bab.", "lift_blockade"),
    ],
)
def test_trigger__fighting_and_opening_vocabulary(text, kind):
    assert kind in types(text)


# -- a part of the country is not where a placeless statement happened --------------------------


def _with_northern_syria() -> Extractor:
    """The fixture's gazetteer and a region the size of a part of the country."""
    north = Place(
        id="northern-syria",
        name_en="Northern Syria",
        name_ar="شمال سوريا",
        kind="region",
        geometry=box(36.0, 35.8, 42.0, 37.3),
    )
    return Extractor(Gazetteer.build([*extraction_gazetteer().places.values(), north]), extraction_actors())


WIDE = _with_northern_syria()


def places_of(text: str, kind: str) -> set[str | None]:
    return {
        e.place.id if e.place else None
        for e in WIDE.extract(text, published=D2021).events
        if e.type.value == kind
    }


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out in northern Syria. The fighting in northern Syria went on. "
        "The SNA later arrested two men.",
        "اندلعت اشتباكات في شمال سوريا. واستمر القتال في شمال سوريا. واعتقل الجيش الوطني شابين لاحقاً.",
    ],
)
def test_place__a_wide_region_is_no_focus(text):
    assert places_of(text, "arrest") == {None}


@pytest.mark.parametrize(
    "text",
    [
        "The SNA arrested two men, a monitor in northern Syria said.",
        "The SNA arrested two men, a monitor in Syria said.",
    ],
)
def test_place__a_wide_region_in_another_clause_is_not_where(text):
    assert places_of(text, "arrest") == {None}


# -- «وكان» is the news's own pluperfect unless a past year or "years ago" sets it back -----------


def historical_flags(text: str) -> set[bool]:
    return {e.historical for e in X.extract(text, published=D2021).events}


@pytest.mark.parametrize(
    "text",
    [
        "وكانت قوات الأسايش قد اعتقلت شابين في القامشلي.",
        "وكانت قوات الحكومة السورية انسحبت من محيط مدينة منبج، وذلك بعد اجتماع مع قسد.",
    ],
)
def test_history__arabic_pluperfect_alone_is_news(text):
    assert historical_flags(text) == {False}


@pytest.mark.parametrize(
    "text",
    [
        "وكانت قوات الأسايش قد اعتقلت شابين في القامشلي عام 2016.",
        "وكانت قوات الأسايش قد اعتقلت شابين في القامشلي قبل سنوات.",
        "The Asayish arrested two young men in Qamishli years ago.",
        "وكانت مفاوضات بين قسد والحكومة السورية في منبج وصلت إلى طريق مسدود.",
    ],
)
def test_history__a_past_year_or_years_ago_is_background(text):
    assert historical_flags(text) == {True}
