"""The extractor on the project's own example sentences (never text from the corpus): each
trigger type in Arabic and English, clitics, the quid-pro-quo, negation, history, organisation
names and the words that look like places but are not."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

from geodata.extract import ExtractionError
from geodata.model import EventType

X = extractor()
D2021 = dt.date(2021, 3, 1)
D2025 = dt.date(2025, 3, 1)


def run(text: str, day: dt.date | None = D2021):
    return X.extract(text, published=day)


def events(text: str, day: dt.date | None = D2021) -> set[tuple]:
    return {(e.type.value, e.actor, e.target, e.place.id if e.place else None) for e in run(text, day).events}


def kinds(text: str, day: dt.date | None = D2021) -> set[tuple]:
    return {(e.type.value, e.place.id if e.place else None) for e in run(text, day).events}


def places(text: str) -> set[tuple[str, str]]:
    return {(p.text, p.place.id) for p in run(text).places}


# -- each trigger type, Arabic ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "طالبت قسد السلطات السورية بالإفراج عن المعتقلين في الحسكة.",
            ("demand", "sdf", "syrian-government", "hasakah"),
        ),
        (
            "وتحاصر قوات الأسايش المربع الأمني في مدينة القامشلي منذ ثلاثة أيام.",
            ("blockade", "asayish", None, "qamishli-security-square"),
        ),
        (
            "أعلنت السلطات السورية رفع الحصار عن حي الشيخ مقصود في حلب.",
            ("lift_blockade", "syrian-government", None, "sheikh-maqsoud"),
        ),
        ("عقد اجتماع بين القوات الروسية وقسد في مدينة منبج.", ("meeting", "russia", "sdf", "manbij")),
        ("هددت تركيا بشن عملية عسكرية على مدينة منبج.", ("threat", "turkey", None, "manbij")),
        ("اعتقلت الأسايش خمسة شبان في القامشلي.", ("arrest", "asayish", None, "qamishli")),
        (
            "اندلعت اشتباكات بين قسد والجيش الوطني في ريف حلب الشمالي.",
            ("clash", "sdf", "sna", "northern-aleppo-countryside"),
        ),
        (
            "وقعت قسد والسلطات السورية اتفاقاً في مدينة حلب.",
            ("agreement", "sdf", "syrian-government", "aleppo"),
        ),
    ],
)
def test_trigger__arabic(text, expected):
    assert expected in events(text)


# -- each trigger type, English --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The SDF demanded that the Syrian government release detainees in Qamishli.",
            ("demand", "sdf", "syrian-government", "qamishli"),
        ),
        (
            "Asayish forces besieged the security square in Hasakah on Tuesday.",
            ("blockade", "asayish", None, "hasakah-security-square"),
        ),
        (
            "The Syrian government lifted the siege on Sheikh Maqsoud.",
            ("lift_blockade", "syrian-government", None, "sheikh-maqsoud"),
        ),
        ("Russian officers met SDF commanders in Manbij.", ("meeting", "russia", "sdf", "manbij")),
        ("Turkey threatened a new offensive against Manbij.", ("threat", "turkey", None, "manbij")),
        ("The Asayish arrested three men in Qamishli on Monday.", ("arrest", "asayish", None, "qamishli")),
        (
            "Clashes broke out between the SDF and Turkish-backed factions near Manbij.",
            ("clash", "sdf", "sna", "manbij"),
        ),
        (
            "The SDF and the Syrian government signed an agreement in Aleppo.",
            ("agreement", "sdf", "syrian-government", "aleppo"),
        ),
    ],
)
def test_trigger__english(text, expected):
    assert expected in events(text)


def test_trigger__blockade_words_arabic():
    assert ("blockade", "hasakah-security-square") in kinds(
        "قطعت الأسايش كل الطرق إلى المربع الأمني في الحسكة."
    )
    assert ("blockade", "sheikh-maqsoud") in kinds("ومنعت الحواجز دخول الطحين إلى حي الشيخ مقصود.")
    assert ("blockade", "qamishli-security-square") in kinds(
        "وفرضت الأسايش طوقاً أمنياً حول المربع الأمني في القامشلي."
    )


def test_trigger__threat_military_option():
    assert ("threat", "sdf", None, "qamishli") in events("لوّحت قسد بالخيار العسكري في القامشلي.")


def test_trigger__demand_conditions_and_calls():
    assert ("demand", "manbij") in kinds("اشترطت تركيا انسحاب قسد من منبج.")
    assert ("demand", "manbij") in kinds("دعت روسيا إلى التهدئة في منبج.")
    assert ("demand", "manbij") in kinds("Turkey called on the SDF to leave Manbij.")


# -- clitics and spelling ------------------------------------------------------------------------


def test_clitics__fused_prepositions_and_conjunctions():
    found = places("وصلت التعزيزات وبالحسكة ولقامشلو وللمربع الأمني في القامشلي.")
    assert ("الحسكة", "hasakah") in found
    assert ("قامشلو", "qamishli") in found
    assert any(pid == "qamishli-security-square" for _, pid in found)


def test_clitics__offsets_point_at_the_bare_name():
    text = "وبالحسكة توتر."
    hit = run(text).places[0]
    assert text[hit.start : hit.end] == "الحسكة"


def test_clitics__fa_does_not_make_a_place():
    # «فرقة» (a division) is not «رقة» (Raqqa) with «ف» before it.
    assert not any(pid == "raqqa" for _, pid in places("وصلت فرقة من الجيش إلى المنطقة."))


# -- the dual and the plural ----------------------------------------------------------------


def test_dual__two_security_squares():
    text = "رفعت الأسايش الحصار عن المربعين الأمنيين بمدينتي الحسكة والقامشلي."
    assert {
        ("lift_blockade", "hasakah-security-square"),
        ("lift_blockade", "qamishli-security-square"),
    } <= kinds(text)


def test_dual__the_two_cities_named_before():
    text = "توتر في مدينتي القامشلي والحسكة، في حين تفرض الأسايش طوقاً حول المربعين الأمنيين في المدينتين."
    assert {("blockade", "hasakah-security-square"), ("blockade", "qamishli-security-square")} <= kinds(text)


def test_plural__english_security_squares():
    text = "The Asayish besieged the security squares in Hasakah and Qamishli."
    assert {("blockade", "hasakah-security-square"), ("blockade", "qamishli-security-square")} <= kinds(text)


def test_generic_name__resolved_by_the_city_after_it():
    found = places("دخلت قسد المربع الأمني بمدينة القامشلي.")
    assert ("المربع الأمني", "qamishli-security-square") in found


# -- the quid pro quo -------------------------------------------------------------------------


def test_exchange__arabic_two_linked_events():
    text = (
        "طالبت قسد السلطات السورية بفك الحصار عن حي الشيخ مقصود مقابل فك الحصار عن المربعين "
        "الأمنيين بمدينتي الحسكة والقامشلي."
    )
    result = run(text)
    by_key = {(e.type.value, e.place.id if e.place else None): e for e in result.events}
    demand = by_key[("demand", "sheikh-maqsoud")]
    lifts = [
        by_key[("lift_blockade", "hasakah-security-square")],
        by_key[("lift_blockade", "qamishli-security-square")],
    ]
    assert demand.actor == "sdf" and demand.target == "syrian-government"
    for lift in lifts:
        assert demand.id in lift.linked_to and lift.id in demand.linked_to
        assert lift.actor == "sdf"  # the offer is the demanding party's
    implied = by_key[("blockade", "sheikh-maqsoud")]
    assert implied.implied and implied.actor == "syrian-government"


def test_exchange__english():
    text = (
        "The SDF demanded that the Syrian government lift the siege of Sheikh Maqsoud in exchange "
        "for lifting its cordon around the security squares in Hasakah and Qamishli."
    )
    result = run(text)
    demand = next(e for e in result.events if e.type == EventType.DEMAND)
    lifts = [e for e in result.events if e.type == EventType.LIFT_BLOCKADE]
    assert demand.place.id == "sheikh-maqsoud"
    assert {e.place.id for e in lifts} == {"hasakah-security-square", "qamishli-security-square"}
    assert all(demand.id in e.linked_to for e in lifts)


# -- negation and denial --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "نفت قسد فرض أي حصار على حي الشيخ مقصود.",
        "لم تسجل أي اشتباكات في منبج.",
        "أكد المراسل عدم تسجيل أي اشتباكات في منبج.",
        "The SDF denied imposing a siege on Sheikh Maqsoud.",
        "No clashes were recorded in Manbij.",
        "No agreement was reached in Aleppo.",
    ],
)
def test_negation__yields_no_event(text):
    assert run(text).events == ()


def test_negation__still_is_not_a_negation():
    # «لا تزال» means "still": the siege goes on.
    assert ("blockade", "sheikh-maqsoud") in kinds("لا تزال الحواجز تحاصر حي الشيخ مقصود.")


def test_negation__prevented_attacks_are_no_clash():
    assert run("They agreed on observation points to prevent further attacks on Manbij.").events == () or all(
        e.type != EventType.CLASH
        for e in run("They agreed on observation points to prevent further attacks on Manbij.").events
    )


def test_hypothetical_attack_is_a_threat():
    assert ("threat", "manbij") in kinds("Russia warned of a potential Turkish attack on Manbij.")


# -- history ----------------------------------------------------------------------------------------


def test_history__past_year():
    result = run("In 2016, Turkey threatened an offensive on Manbij.")
    assert [e.historical for e in result.events] == [True]


def test_history__arabic_background_opener():
    result = run("وكانت قسد قد حاصرت المربع الأمني في الحسكة قبل سنوات.")
    assert result.events and all(e.historical for e in result.events)


def test_history__since_a_year_is_not_history():
    result = run("The checkpoints have besieged Sheikh Maqsoud since 2019.")
    assert result.events and not any(e.historical for e in result.events)


# -- organisation names, metonymy and look-alikes ---------------------------------------------------


def test_organisation__sdf_is_not_syria():
    assert not any(pid == "syria" for _, pid in places("قالت قوات سوريا الديمقراطية إن الوضع هادئ."))


def test_organisation__military_council_is_not_manbij():
    assert places("أعلن مجلس منبج العسكري التعبئة.") == set()
    assert places("The Manbij Military Council said it was ready.") == set()


def test_organisation__outlet_names():
    assert places("وقال تلفزيون سوريا إن المفاوضات مستمرة.") == set()
    assert places("وأصدر مجلس سوريا الديمقراطية بياناً.") == set()


def test_metonymy__damascus_as_government():
    assert places("رفضت حكومة دمشق الشروط.") == set()
    assert places("Damascus said the deal was final.") == set()
    assert places("The SDF-Damascus agreement holds.") == set()


def test_metonymy__damascus_as_a_venue():
    assert ("Damascus", "damascus") in places("Talks were held in Damascus on Sunday.")
    assert ("دمشق", "damascus") in places("عقد اجتماع في دمشق.")


def test_lookalike__al_jazeera_channel_vs_jazira_region():
    assert places("وقال مراسل الجزيرة إن القصف توقف.") == set()
    assert places("Al Jazeera reported heavy fighting.") == set()
    assert ("منطقة الجزيرة", "jazira-region") in places("توتر في منطقة الجزيرة.")


def test_lookalike__tishreen_the_month_vs_the_dam():
    assert places("في العاشر من تشرين الأول انسحبت القوات.") == set()
    assert ("سد تشرين", "tishreen-dam") in places("اشتباكات قرب سد تشرين.")


def test_lookalike__common_word_needs_a_classifier():
    assert places("أغلق الباب أمام المفاوضات.") == set()
    assert ("الباب", "al-bab") in places("دخلت القوات مدينة الباب.")


def test_lookalike__time_zone_after_a_clock_time():
    assert places("2023.09.11 | 18:14 دمشق") == set()


def test_dateline__a_place_but_not_an_event_place():
    text = "HASAKAH (North Press) – The Asayish arrested two men on Friday."
    result = run(text)
    assert [(p.text, p.event_place) for p in result.places] == [("HASAKAH", False)]
    assert all(e.place is None for e in result.events)


def test_country_joined_to_an_actor_is_not_a_place():
    assert not any(pid == "syria" for _, pid in places("روسيا وسوريا تشترطان انسحاب قسد من منبج."))


# -- actors -----------------------------------------------------------------------------------------


def test_actors__same_words_different_years():
    text = "طالبت السلطات السورية قسد بالانسحاب من منبج."
    assert ("demand", "syrian-government", "sdf", "manbij") in events(text, D2021)
    assert ("demand", "syrian-transitional-government", "sdf", "manbij") in events(text, D2025)


def test_actors__reporting_source_is_not_the_actor():
    text = "The SDF said that Turkish-backed factions attacked Manbij."
    assert ("clash", "sna", None, "manbij") in events(text)


def test_actors__the_latter():
    text = "طالبت السلطات السورية قسد بالتهدئة في القامشلي، فيما لوحت الأخيرة بالخيار العسكري."
    assert ("threat", "sdf", None, "qamishli") in events(text)


# -- structure, offsets and output ----------------------------------------------------------------


def test_one_event_per_statement_restated_in_the_body():
    text = (
        "الأسايش تحاصر المربع الأمني في الحسكة\n"
        "فرضت قوات الأسايش اليوم حصاراً على المربع الأمني في مدينة الحسكة."
    )
    result = run(text)
    blockades = [e for e in result.events if e.type == EventType.BLOCKADE]
    assert len(blockades) == 1
    assert blockades[0].evidence.start > text.index("\n")  # the body, not the headline


def test_offsets__evidence_and_mentions_are_exact_substrings():
    text = (
        "أفادت مصادر أن قسد طالبت السلطات السورية بفك الحصار عن منطقة الشهباء بريف حلب الشمالي. "
        "The Asayish besieged the security square in Hasakah."
    )
    result = run(text)
    assert result.events
    for e in result.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
    for p in result.places:
        assert text[p.start : p.end] == p.text


def test_locator__the_city_after_a_neighbourhood_is_not_an_event_place():
    assert kinds("تحاصر الحواجز حي الشيخ مقصود في مدينة حلب.") == {("blockade", "sheikh-maqsoud")}


def test_coordinated_places__both_are_event_places():
    assert {("blockade", "northern-aleppo-countryside"), ("blockade", "shahba-region")} <= kinds(
        "حاصرت قوات النظام ريف حلب الشمالي ومناطق الشهباء."
    )


def test_to_json__shape():
    out = run("The SDF demanded that the Syrian government release detainees in Qamishli.").to_json()
    assert out["lang"] == "en"
    assert set(out["places"][0]) >= {
        "mention",
        "start",
        "end",
        "id",
        "name_en",
        "kind",
        "lat",
        "lon",
        "score",
    }
    assert set(out["events"][0]) >= {
        "type",
        "cameo",
        "actor",
        "target",
        "place",
        "place_name_en",
        "lat",
        "lon",
        "date",
        "evidence",
        "start",
        "end",
        "confidence",
        "linked_to",
        "historical",
    }
    assert out["events"][0]["date"] == "2021-03-01"


def test_language__detected_from_the_script():
    assert run("طالبت قسد بالتهدئة.").lang == "ar"
    assert run("The SDF called for calm.").lang == "en"


@pytest.mark.parametrize("text", ["", "   \n", "a\x00b"])
def test_bad_text__raises_a_clear_error(text):
    with pytest.raises(ExtractionError):
        X.extract(text)


def test_pure__same_text_same_result():
    text = "هددت تركيا بشن عملية عسكرية على مدينة منبج."
    assert run(text).to_json() == run(text).to_json()


# -- more phrasing ------------------------------------------------------------------------------


def test_trigger__raid_and_release():
    assert ("other", "qamishli") in kinds("داهمت الأسايش منازل في القامشلي.")
    assert ("other", "qamishli") in kinds("The Asayish released twelve detainees in Qamishli.")


def test_trigger__supplies_cut_is_a_blockade():
    assert ("blockade", "sheikh-maqsoud") in kinds("قطعت الحواجز المياه عن حي الشيخ مقصود.")


def test_negation__refusal():
    assert all(
        e.type != EventType.LIFT_BLOCKADE
        for e in run("The Syrian government refused to lift the siege of Sheikh Maqsoud.").events
    )


def test_not_an_event_word():
    assert run("The council will deal with the crisis in Manbij.").events == ()
    assert all(
        e.type != EventType.MEETING
        for e in run("The SDF said Damascus must meet its demands in Manbij.").events
    )


def test_actors__newer_meaning_wins_once_it_has_begun():
    from extraction_fixtures import extraction_actors, extraction_gazetteer

    from geodata.extract import Extractor
    from geodata.model import Name

    actors = extraction_actors()
    police = Name(text="قوى الأمن الداخلي", lang="ar")
    actors["asayish"] = actors["asayish"].model_copy(update={"aliases": (*actors["asayish"].aliases, police)})
    stg = actors["syrian-transitional-government"]
    actors[stg.id] = stg.model_copy(update={"aliases": (*stg.aliases, police)})
    x = Extractor(extraction_gazetteer(), actors)
    text = "اعتقلت قوى الأمن الداخلي ثلاثة شبان في القامشلي."
    assert [e.actor for e in x.extract(text, published=D2021).events] == ["asayish"]
    assert [e.actor for e in x.extract(text, published=D2025).events] == [stg.id]


def test_history__arabic_indic_year():
    result = run("وكانت تركيا قد هددت مدينة منبج في عام ٢٠١٦.")
    assert result.events and all(e.historical and e.year == 2016 for e in result.events)


def test_dateline__arabic_dateline_is_no_event_place():
    text = "القامشلي – نورث برس\nاعتقلت الأسايش شابين أمس."
    result = run(text)
    assert [(p.text, p.event_place) for p in result.places] == [("القامشلي", False)]
