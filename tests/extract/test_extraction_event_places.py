"""Where an event happened (issue 13), on the shipped gazetteer and the project's own sentences
(never corpus text): where people come from is not where the event happened, and a facility
named again by its kind alone («المعبرين», "the crossing") is the one named before."""

from __future__ import annotations

import pytest
from extraction_fixtures import event_places as places_of

from geodata.extract import Extractor


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


# -- origin: "<people> from X" says who they are, not where it happened -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Activists from the city of Manbij said that a meeting was held between the two sides.",
        "قال ناشطون من مدينة منبج إن اجتماعاً عُقد بين الطرفين.",
    ],
)
def test_origin__people_from_a_city_are_not_the_venue(extractor, text):
    assert places_of(extractor, text, "meeting") == {None}


@pytest.mark.parametrize(
    "text",
    [
        "The authorities closed the Tabqa crossing on Monday. "
        "Residents from the town of Manbij said the closure of the crossing stopped the trucks.",
        "أغلقت السلطات معبر الطبقة يوم الاثنين. وقال أهالٍ من مدينة منبج إن إغلاق المعبر أوقف الشاحنات.",
    ],
)
def test_origin__a_closure_reported_by_people_from_elsewhere(extractor, text):
    got = places_of(extractor, text, "blockade")
    assert "manbij" not in got


def test_origin__a_place_the_event_is_in_stays(extractor):
    text = "A meeting was held in Manbij between the two sides."
    assert places_of(extractor, text, "meeting") == {"manbij"}


# -- a facility named again by its kind ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Turkish forces closed the Bab al-Salama crossing on Monday. "
        "Activists from the city of Azaz said that a meeting was held near the crossing on Tuesday.",
        "أغلقت القوات التركية معبر باب السلامة يوم الاثنين. "
        "وقال ناشطون من مدينة اعزاز إن اجتماعاً عُقد قرب المعبر يوم الثلاثاء.",
    ],
)
def test_facility_anaphor__the_crossing_is_the_one_named_before(extractor, text):
    assert places_of(extractor, text, "meeting") == {"bab-al-salama-crossing"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "أغلقت السلطات معبر الطبقة ومعبر دير حافر صباحاً. واقتصر إغلاق المعبرين على الشاحنات.",
            "blockade",
        ),
        (
            "The authorities closed the Tabqa crossing and the Deir Hafer crossing. "
            "Talks on the two crossings were held at the crossings later.",
            "meeting",
        ),
    ],
)
def test_facility_anaphor__two_crossings(extractor, text, kind):
    got = places_of(extractor, text, kind)
    assert len(got) == 2 and None not in got


# -- where people went: a destination is not where a siege or a clash was -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Families from the besieged town of Tal Rifaat are leaving for Tabqa.",
        "The families in the besieged Tal Rifaat region have fled to Manbij.",
        "نزحت عائلات من مدينة تل رفعت المحاصرة إلى مدينة منبج.",
        "ووصلت عائلات من تل رفعت المحاصرة إلى منبج.",
    ],
)
def test_arrival__the_besieged_place_not_the_destination(extractor, text):
    assert places_of(extractor, text, "blockade") == {"tal-rifaat"}


def test_arrival__displaced_from_their_town(extractor):
    text = "نزحت عائلات من مدينة تل رفعت إلى مدينة منبج."
    got = places_of(extractor, text, "other")
    assert "manbij" not in got


@pytest.mark.parametrize(
    "text",
    ["Reinforcements arrived in Manbij on Monday.", "وصلت تعزيزات عسكرية إلى مدينة منبج يوم الاثنين."],
)
def test_arrival__a_deployment_is_where_it_arrived(extractor, text):
    assert places_of(extractor, text, "other") == {"manbij"}


# -- an institution's seat names the office, not where the event was -----------------------------


@pytest.mark.parametrize(
    ("text", "kind", "want"),
    [
        (
            "أعلنت العشيرة في مدينة الرقة دعمها للحكومة السورية في دمشق، مطالبة بخروج قسد.",
            "demand",
            {"raqqa"},
        ),
        (
            "The tribe in Raqqa declared its support for the government in Damascus, demanding an SDF exit.",
            "demand",
            {"raqqa"},
        ),
        ("The Security Committee in Manbij threatened to storm Tal Rifaat.", "threat", {"tal-rifaat"}),
        ("Manbij Governor Ahmed Ali called for calm in Tal Rifaat.", "demand", {"tal-rifaat"}),
        ("قال محافظ حلب إن اجتماعاً عقد في منبج.", "meeting", {"manbij"}),
    ],
)
def test_seat__the_office_is_not_the_place(extractor, text, kind, want):
    assert places_of(extractor, text, kind) == want


def test_seat__not_what_the_report_is_about(extractor):
    text = (
        "أعلنت عشيرة في الرقة دعمها للحكومة في دمشق. "
        "وطالبت العشيرة بخروج قوات سوريا الديمقراطية وتسليم الإدارة."
    )
    assert "damascus" not in places_of(extractor, text, "demand")


# -- «الواقعة», "located": the place after it says where the one before is ------------------------


def test_situated__the_direction_after_alwaqia_only_locates(extractor):
    text = "حاصرت قوات النظام نقطة المراقبة التركية في بلدة مورك بريف حماة الشمالي."
    got = places_of(extractor, text, "blockade")
    assert got and "southern-idlib-countryside" not in got and "idlib-governorate" not in got


@pytest.mark.parametrize(
    "text",
    [
        "Regime forces besieged the Turkish observation post in Morek, which lies south of Idlib province.",
        "حاصرت القوات بلدة تل رفعت الواقعة في ريف حلب الشمالي.",
        "Government forces besieged the town of Tal Rifaat, located in the northern Aleppo countryside.",
    ],
)
def test_situated__one_event_place(extractor, text):
    got = places_of(extractor, text, "blockade")
    assert len(got) == 1 and None not in got
    assert not {"northern-aleppo-countryside", "idlib-governorate"} & got


# -- a comma list in the clause before the trigger is kept whole ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "وخرج الأهالي يوم الجمعة في منبج، تل رفعت، القامشلي، وسط هتافات تطالب برحيل القوات.",
        "On Friday people marched in Manbij, Tal Rifaat, Qamishli, with chants demanding an end to raids.",
    ],
)
def test_list__the_whole_list_before_the_trigger(extractor, text):
    assert places_of(extractor, text, "demand") == {"manbij", "tal-rifaat", "qamishli"}


# -- a place in the possessive before its people or office -----------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "want"),
    [
        (
            "The agreement was reached between the SDF commander and Syria's interim president.",
            "agreement",
            {None},
        ),
        ("Talks between Manbij's notables and the army ended without a deal.", "meeting", {None}),
        ("Turkish drones struck Aleppo's countryside on Monday.", "clash", {"aleppo-countryside"}),
    ],
)
def test_possessive__the_people_or_office_of_a_place(extractor, text, kind, want):
    assert places_of(extractor, text, kind) == want


def test_situated__almujawir_only_locates(extractor):
    text = "حاصرت القوات بلدة مورك في ريف حماة الشمالي المجاور لإدلب."
    assert "idlib-governorate" not in places_of(extractor, text, "blockade")


def test_situated__the_neighbouring_place_of_a_list_stays(extractor):
    text = "Clashes broke out in Sheikh Maqsoud and the neighbouring Ashrafieh."
    assert places_of(extractor, text, "clash") == {"sheikh-maqsoud", "ashrafieh-aleppo"}


def test_arrival__a_delegation_went_to_the_venue(extractor):
    text = "توجه وفد من قسد إلى دمشق لإجراء مفاوضات مع الحكومة."
    assert places_of(extractor, text, "meeting") == {"damascus"}
