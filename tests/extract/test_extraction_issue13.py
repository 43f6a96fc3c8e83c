"""Issue 13's constructions on the project's own sentences (never corpus text): inflected
triggers through lemmas, places the gazetteer lacks named with a classifier, one event stated
in headline and body, and no place when the text names none."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

from geodata.extract.lemmas import lemma
from geodata.extract.segmenting import tokens
from geodata.extract.unlisted import is_unlisted

X = extractor()
D2021 = dt.date(2021, 3, 1)


def kinds(text: str) -> set[tuple[str, str | None]]:
    return {(e.type.value, e.place.id if e.place else None) for e in X.extract(text, published=D2021).events}


# -- inflections through lemmas ----------------------------------------------------------------


def test_lemma__ships_its_dictionaries():
    assert lemma("اجتماعات", True) == "اجتماع"
    assert lemma("besieged", False) == "besiege"


@pytest.mark.parametrize("word", ["حصارها", "اجتماعات", "المحاصرة", "اعتقلوا"])
def test_tok__lemma_forms_reach_the_stem(word):
    tok = tokens(word)[0]
    assert len(tok.lemma_forms) >= len(tok.forms)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("استمرت اجتماعات قسد والسلطات السورية في القامشلي.", "meeting"),
        ("شددت قوات الأسايش حصارها على المربع الأمني في الحسكة.", "blockade"),
        ("قالت المصادر إن قوات الأسايش يعتقلون الشبان في القامشلي.", "arrest"),
        ("The Asayish besieged the security square in Hasakah.", "blockade"),
        ("The SDF held meetings with the Syrian government in Qamishli.", "meeting"),
    ],
)
def test_trigger__inflected_forms_count(text, kind):
    assert kind in {k for k, _ in kinds(text)}


# -- places the gazetteer lacks --------------------------------------------------------------


def test_unlisted__village_after_classifier_located_by_its_anchor():
    found = X.extract("قصف الجيش التركي قرية أم الزيتون بريف الحسكة.", published=D2021)
    village = next(p for p in found.places if p.text == "أم الزيتون")
    assert is_unlisted(village.place) and village.place.kind.value == "village"
    assert village.place.point == X.gazetteer.get("hasakah").point
    assert any(e.place is village.place for e in found.events)


def test_unlisted__listed_villages_after_a_plural_classifier():
    found = X.extract(
        "قصف الجيش التركي قرى “أم الزيتون، الصفصافة، وتل النخيل” في ريف القامشلي.", published=D2021
    )
    names = {p.text for p in found.places if is_unlisted(p.place) and p.place.kind.value == "village"}
    assert names == {"أم الزيتون", "الصفصافة", "تل النخيل"}


def test_unlisted__facility_named_after_a_known_place():
    found = X.extract("أغلقت تركيا معبر منبج أمام الشاحنات.", published=D2021)
    (hit,) = [p for p in found.places if is_unlisted(p.place)]
    assert hit.text == "معبر منبج" and hit.place.kind.value == "facility"
    assert not any(p.place.id == "manbij" for p in found.places)  # inside the facility's name


def test_unlisted__english_camp_and_village_of():
    found = X.extract(
        "Regime forces besieged the Zeitoun camp near Raqqa. "
        "Turkish drones struck the village of Tal Zahra near Manbij.",
        published=D2021,
    )
    names = {p.text for p in found.places if is_unlisted(p.place)}
    assert names == {"Zeitoun camp", "Tal Zahra"}


def test_unlisted__no_classifier_no_place():
    found = X.extract("قصف الجيش التركي أم الزيتون.", published=D2021)
    assert not any(is_unlisted(p.place) for p in found.places)


def test_unlisted__never_stored_as_a_gazetteer_place():
    from geodata.extract import source_for

    text = "حاصرت قوات الأسايش قرية أم الزيتون بريف الحسكة."
    found = X.extract(text, published=D2021)
    source = source_for(text, outlet="Own", url=None, published=D2021, lang="ar")
    drafts = [e for e in found.to_events(source) if e.type.value == "blockade"]
    assert drafts and all(e.places == () for e in drafts)
    assert any("أم الزيتون" in (e.note or "") for e in drafts)


# -- dates -----------------------------------------------------------------------------------


def test_published__found_in_the_head_of_the_text():
    from geodata.extract.dates import published_in_text

    assert published_in_text("Raqqa\nDec 05, 2020\nThe SDF said ...") == dt.date(2020, 12, 5)
    assert published_in_text("الحسكة 19/08/2025 - قالت قسد ...") == dt.date(2025, 8, 19)
    assert published_in_text("القامشلي، 5 كانون الأول 2020 - ...") == dt.date(2020, 12, 5)
    assert published_in_text("No date at all in this head.") is None


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The Asayish arrested two men in Qamishli yesterday", dt.date(2021, 2, 28)),
        ("اعتقلت قوات الأسايش شابين في القامشلي أمس", dt.date(2021, 2, 28)),
        ("On Sunday, the SDF met Russian officers", dt.date(2021, 2, 28)),  # 1 March 2021: a Monday
        ("التقى وفد من قسد يوم السبت ضباطاً روساً", dt.date(2021, 2, 27)),
        ("the talks of December 20 ended", dt.date(2020, 12, 20)),
        ("The SDF met Russian officers in Qamishli", dt.date(2021, 3, 1)),
    ],
)
def test_event_day__relative_to_the_report(clause, expected):
    from geodata.extract.dates import event_day

    assert event_day(clause, D2021) == expected


def test_to_events__undated_report_is_refused_not_dated_today():
    from geodata.extract import ExtractionError, source_for

    text = "حاصرت قوات الأسايش المربع الأمني في الحسكة."
    found = X.extract(text)
    assert found.published is None
    source = source_for(text, outlet="Own", url=None, published=None, lang="ar")
    with pytest.raises(ExtractionError, match="publication date"):
        found.to_events(source)


def test_to_events__relative_day_becomes_the_event_date():
    from geodata.extract import source_for

    text = "اعتقلت قوات الأسايش شابين في القامشلي أمس."
    found = X.extract(text, published=D2021)
    source = source_for(text, outlet="Own", url=None, published=D2021, lang="ar")
    (event,) = found.to_events(source)
    assert event.date == dt.date(2021, 2, 28)


# -- where an event happened -----------------------------------------------------------------


def test_place__comma_list_kept_whole():
    text = "قصف الجيش التركي قرى “أم الزيتون، الصفصافة، وتل النخيل” في ريف القامشلي."
    found = X.extract(text, published=D2021)
    clash_places = {e.place.name_ar for e in found.events if e.type.value == "clash"}
    assert {"أم الزيتون", "الصفصافة", "تل النخيل"} <= clash_places


def test_place__english_list_kept_whole():
    found = X.extract("The Syrian army shelled Manbij, Raqqa and Al-Bab on Monday.", published=D2021)
    assert {e.place.id for e in found.events if e.type.value == "clash"} == {"manbij", "raqqa", "al-bab"}


@pytest.mark.parametrize(
    "text",
    [
        "عقدت تركيا وروسيا قمة في سوتشي لبحث الوضع.",
        "Turkey and Russia held talks in Sochi on the situation.",
    ],
)
def test_place__a_meeting_abroad_has_no_place(text):
    found = X.extract("قوات الأسايش تحاصر المربع الأمني في الحسكة. " + text, published=D2021)
    meetings = [e for e in found.events if e.type.value == "meeting"]
    assert meetings and all(e.place is None for e in meetings)
    assert not any(p.text in {"سوتشي", "Sochi"} for p in found.places)


@pytest.mark.parametrize(
    ("text", "kind", "not_at"),
    [
        ("اجتمع وفد من قسد مع ضباط روس في القامشلي لبحث مصير منبج.", "meeting", "manbij"),
        (
            "SDF officials met Russian officers in Qamishli to discuss the fate of Manbij.",
            "meeting",
            "manbij",
        ),
        ("هاجمت قسد مواقع الجيش التركي قرب الحسكة بهدف فك الحصار عن منبج.", "clash", "manbij"),
        (
            "The SDF attacked Turkish army positions near Raqqa aiming to lift the siege of Manbij.",
            "clash",
            "manbij",
        ),
    ],
)
def test_place__topic_and_goal_are_not_where(text, kind, not_at):
    got = kinds(text)
    assert any(k == kind for k, _ in got)
    assert (kind, not_at) not in got


def test_place__a_road_s_destination_is_not_where_it_was_cut():
    got = kinds("قطعت قوات الأسايش الطريق إلى منبج قرب الحسكة.")
    assert ("blockade", "manbij") not in got and ("blockade", "hasakah") in got


def test_place__a_meeting_without_a_stated_venue_has_none():
    text = "حاصرت قوات الأسايش المربع الأمني في الحسكة. واجتمع وفد من قسد مع ضباط روس لبحث التهدئة."
    assert ("meeting", None) in kinds(text)


def test_place__a_latin_name_cut_at_an_article_is_no_place():
    found = X.extract("Protesters gathered near Raqqa al-Jadida on Monday.", published=D2021)
    assert not any(p.text == "Raqqa al" for p in found.places)


# -- conventions -----------------------------------------------------------------------------


def events_of(text: str):
    return X.extract(text, published=D2021).events


@pytest.mark.parametrize(
    "text",
    [
        "The Asayish prevented an attack by the SNA on Manbij.",
        "قالت قسد إن الجيش التركي يستعد لشن هجوم على منبج.",
        "The Turkish army is preparing an offensive on Manbij.",
    ],
)
def test_convention__prevented_or_planned_offensive_is_a_threat(text):
    types = {e.type.value for e in events_of(text)}
    assert "threat" in types and "clash" not in types


@pytest.mark.parametrize(
    "text",
    [
        "Will the Asayish lift the siege of the security square in Hasakah?",
        "هل ستفك قوات الأسايش الحصار عن المربع الأمني في الحسكة؟",
    ],
)
def test_convention__a_question_states_nothing(text):
    assert not events_of(text)


def test_convention__to_broker_a_deal_is_no_deal():
    found = events_of(
        "Russian officers came to Qamishli to broker a deal between the SDF and the Syrian government."
    )
    assert "agreement" not in {e.type.value for e in found}


@pytest.mark.parametrize(
    "text",
    [
        "The road to Manbij is at times closed by the SNA.",
        "يشهد محيط منبج أحياناً اشتباكات بين الجيش الوطني وقسد.",
    ],
)
def test_convention__habitual_at_times_is_no_event(text):
    assert not [e for e in events_of(text) if e.type.value in {"blockade", "clash"}]


@pytest.mark.parametrize(
    "text",
    [
        "The Asayish besieged the security square in Hasakah last year.",
        "حاصرت قوات الأسايش المربع الأمني في الحسكة العام الماضي.",
    ],
)
def test_convention__last_year_is_background(text):
    (siege,) = [e for e in events_of(text) if e.type.value == "blockade"]
    assert siege.historical and siege.year == 2020


# -- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قالت المصادر إن الجيش التركي صعّد هجماته على ريف منبج. وقصفت قرى في محيط منبج بالمدفعية.",
        "The Turkish army escalated near Manbij on Monday. They shelled villages around Manbij.",
    ],
)
def test_roles__elided_or_pronoun_subject_takes_the_previous_sentence_s(text):
    found = X.extract(text, published=D2021)
    second = [e for e in found.events if e.type.value == "clash" and e.evidence.start > text.index(".")]
    assert second and all(e.actor == "turkey" for e in second)


# -- one event in headline and body ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قوات الأسايش تحاصر حلب\nحاصرت قوات الأسايش حي الشيخ مقصود في مدينة حلب منذ الصباح.",
        "Asayish forces besiege Aleppo\nAsayish forces besieged the Sheikh Maqsoud neighbourhood of "
        "Aleppo on Monday.",
    ],
)
def test_coreference__headline_and_body_merge_at_the_specific_place(text):
    sieges = [e for e in X.extract(text, published=D2021).events if e.type.value == "blockade"]
    assert [e.place.id for e in sieges] == ["sheikh-maqsoud"]
    assert sieges[0].actor == "asayish"


def test_coreference__two_places_in_the_body_stay_two_events():
    text = "حاصرت قوات الأسايش حي الشيخ مقصود في حلب. وفي اليوم التالي حاصرت قوات الأسايش مدينة منبج."
    places = {e.place.id for e in X.extract(text, published=D2021).events}
    assert {"sheikh-maqsoud", "manbij"} <= places


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("فرضت قوات الأسايش حظر التجوال في القامشلي.", "blockade"),
        ("The Asayish imposed a curfew on Qamishli.", "blockade"),
        ("بدأت الحكومة السورية بإزالة السواتر الترابية عن طريق منبج.", "lift_blockade"),
        ("Syrian government forces removed the barriers on the road near Manbij.", "lift_blockade"),
    ],
)
def test_convention__curfew_blocks_and_removing_barriers_lifts(text, kind):
    assert kind in {k for k, _ in kinds(text)}


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        ("افتتحت الحكومة السورية ممراً إنسانياً إلى منبج.", "humanitarian"),
        ("The SDF opened a humanitarian corridor from Manbij.", "humanitarian"),
        ("انتشرت دوريات روسية في منبج.", "deployment"),
        ("Russian forces stationed near Manbij began joint patrols.", "deployment"),
    ],
)
def test_trigger__other_subtypes(text, subtype):
    found = X.extract(text, published=D2021).events
    assert subtype in {e.subtype for e in found}


@pytest.mark.parametrize(
    "text",
    [
        "فكت قوات الأسايش الحصار عن المربع الأمني في الحسكة.",
        "The Asayish lifted the siege of the security square in Hasakah.",
    ],
)
def test_convention__a_lift_implies_an_ongoing_blockade(text):
    found = X.extract(text, published=D2021).events
    sieges = [e for e in found if e.type.value == "blockade"]
    assert [e.place.id for e in sieges] == ["hasakah-security-square"]
    assert sieges[0].implied and sieges[0].actor == "asayish"
