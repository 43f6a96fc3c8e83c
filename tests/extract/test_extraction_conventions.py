"""Issue 13, third round: conventions and constructions measured on the whole dev corpus, each
tested on the project's own sentences (never corpus text), in both languages."""

from __future__ import annotations

import datetime as dt

from extraction_fixtures import extractor

X = extractor()
D2021 = dt.date(2021, 3, 1)


def kinds(text: str) -> list[tuple[str, str | None, str | None]]:
    return sorted(
        (e.type.value, e.subtype, e.place.id if e.place else None)
        for e in X.extract(text, published=D2021).events
    )


def types(text: str) -> set[str]:
    return {t if s is None else f"{t}/{s}" for t, s, _ in kinds(text)}


# -- a condition states no event ----------------------------------------------------------------


def test_condition__unless_clause_is_no_withdrawal():
    text = "The Syrian army threatened to storm Manbij on Monday unless the fighters withdrew from the town."
    assert "other/withdrawal" not in types(text)
    assert "threat" in types(text)


def test_condition__arabic_illa_idha_is_no_withdrawal():
    text = "هدد الجيش السوري باقتحام منبج يوم الاثنين إلا إذا انسحب المسلحون من المدينة."
    assert "other/withdrawal" not in types(text)


# -- the charge of an arrest -------------------------------------------------------------------


def test_charge__arrested_for_protesting_is_one_arrest():
    text = "The Asayish arrested a teacher in Qamishli on Sunday for organising protests against them."
    assert types(text) == {"arrest"}


def test_charge__accused_of_protest_is_one_arrest():
    text = "Asayish forces detained a young man in Hasakah accused of calling for demonstrations."
    assert types(text) == {"arrest"}


def test_charge__arabic_bi_tuhmat_is_one_arrest():
    text = "اعتقلت قوات الأسايش شاباً في القامشلي يوم الأحد بتهمة المشاركة في مظاهرات."
    assert types(text) == {"arrest"}


def test_charge__a_protest_of_its_own_after_an_arrest_stays():
    text = (
        "The Asayish arrested a teacher in Qamishli on Sunday. Residents of Hasakah held "
        "demonstrations on Monday."
    )
    assert types(text) == {"arrest", "other/protest"}


# -- words in another sense ------------------------------------------------------------------------


def test_body__negotiating_committee_is_no_meeting():
    text = "The negotiating committee of Manbij rejected the demands of the Syrian army."
    assert "meeting" not in types(text)


def test_body__arabic_committee_of_negotiation_is_no_meeting():
    text = "رفضت لجنة التفاوض في منبج شروط الجيش السوري يوم الأحد."
    assert "meeting" not in types(text)


def test_surrounding__land_around_a_town_is_no_siege():
    text = "The Syrian army shelled the plains surrounding Manbij with mortars on Sunday."
    assert "blockade" not in types(text)
    text = "Turkish-backed factions surrounding Manbij cut its roads on Sunday."
    assert "blockade" in types(text)


# -- a headline without a place sums up the body -------------------------------------------------


def test_headline__placeless_summary_joins_the_body_events():
    text = (
        "Russia and Turkey agree on joint patrols\n\n"
        "DAMASCUS — Russian forces and the Turkish army will hold joint patrols in Manbij from "
        "Monday. Russian forces and the Turkish army will also hold joint patrols in Raqqa next "
        "month."
    )
    got = [k for k in kinds(text) if k[:2] == ("other", "deployment")]
    assert None not in {p for _, _, p in got}
    assert {"manbij", "raqqa"} <= {p for _, _, p in got}


# -- a demand to stop hostilities ---------------------------------------------------------------


def test_demand_to_stop__targeting_is_the_demands_object_not_a_threat():
    text = "The SDF called on Turkey to stop targeting the villages of Manbij."
    assert types(text) == {"demand"}


def test_demand_to_stop__arabic_wakf_al_qasf():
    text = "طالبت قوات سوريا الديمقراطية تركيا بوقف قصف قرى منبج."
    assert types(text) == {"demand"}


# -- rejecting is negating -------------------------------------------------------------------------


def test_reject__present_tense_negates_the_deal():
    assert "agreement" not in types("Tribes of Raqqa reject secret deals with the SDF")


# -- who holds a place, and movements that did not happen --------------------------------------


def test_held_state__relative_clause_in_the_present_is_no_capture():
    text = "وصل الوفد إلى بلدة منبج التي تسيطر عليها قوات سوريا الديمقراطية يوم الأحد."
    assert "other/control_change" not in types(text)
    assert "other/control_change" in types("سيطرت قوات سوريا الديمقراطية على بلدة منبج يوم الأحد.")


def test_waiting_for_permission__arabic_entry_did_not_happen():
    text = (
        "ووقفت طوابير من السيارات بانتظار السماح لها بالدخول إلى منبج التي تسيطر عليها قوات "
        "سوريا الديمقراطية."
    )
    assert "other/control_change" not in types(text)


def test_prevented__entry_did_not_happen():
    text = "Residents prevented the Syrian army from entering Manbij on Sunday."
    assert "other/control_change" not in types(text)
    assert "other/control_change" in types("The Syrian army entered the town of Manbij on Sunday.")


# -- a dependent clause shares its sentence's year ------------------------------------------------


def _historical(text: str) -> set[tuple[str, bool]]:
    return {(f"{e.type.value}/{e.subtype}", e.historical) for e in X.extract(text, published=D2021).events}


def test_dependent_clause__shares_the_past_year_of_its_sentence():
    text = "The council of Manbij was founded in 2016, after the SDF took control of the city of Manbij."
    assert ("other/control_change", True) in _historical(text)


def test_dependent_clause__today_keeps_its_own_time():
    text = "The council of Manbij was founded in 2016, while the SDF took control of Raqqa today."
    assert ("other/control_change", False) in _historical(text)


# -- deployments: what enters, what is sent, who besieges --------------------------------------


def test_entry_of_a_convoy__is_a_deployment_not_a_capture():
    text = "احتج الأهالي في منبج على دخول رتل للجيش الوطني إلى المدينة يوم الأحد."
    assert "other/deployment" in types(text)
    assert "other/control_change" not in types(text)


def test_sending__reassurances_are_no_deployment():
    assert "other/deployment" not in types("أرسل الجيش السوري تطمينات إلى أهالي منبج.")
    assert "other/deployment" in types("أرسل الجيش السوري تعزيزات عسكرية إلى منبج.")


def test_attributive_participle__the_besieging_forces_fired():
    text = "Residents of Manbij said the besieging forces opened fire on a bakery on Sunday."
    assert "blockade" not in types(text)


def test_wakana_sentence__every_clause_shares_its_past_year():
    text = (
        "وكانت قوات سوريا الديمقراطية قد عقدت اتفاقاً في عام 2019 مع الجيش السوري، وافقت خلاله "
        "على الانسحاب من منبج."
    )
    got = _historical(text)
    assert got and all(h for _, h in got)


def test_goods_entering__are_no_capture():
    assert "other/control_change" not in types("Aid trucks entered the town of Manbij on Sunday.")
    assert "other/control_change" not in types("دخلت شاحنات المساعدات إلى مدينة منبج يوم الأحد.")


def test_headline__a_city_sums_up_the_body_events_in_its_parts():
    text = (
        "Asayish and Syrian government reach agreement in Qamishli\n\n"
        "QAMISHLI — Asayish forces and the Syrian government reached an agreement on Sunday on "
        "the security square of Qamishli and on Qamishli airport."
    )
    got = [p for t, _, p in kinds(text) if t == "agreement"]
    assert "qamishli" not in got
    assert got


# -- an aim is no threat ---------------------------------------------------------------------------


def test_to_prevent__an_aim_is_no_threat():
    text = (
        "Russia and the SDF reached an agreement on Sunday to set up posts in Manbij to prevent "
        "Turkish attacks."
    )
    assert "threat" not in types(text)
    assert "threat" in types("The Asayish prevented an attack by the SNA on Manbij.")


def test_to_prevent__arabic_hatta_yatasanna_man():
    text = "طالبت روسيا قوات سوريا الديمقراطية بتسليم منبج للجيش السوري حتى يتسنى منع الهجمات التركية."
    assert "threat" not in types(text)
    assert "demand" in types(text)


def test_crossing_with_a_long_name__reopened_and_closed():
    assert "lift_blockade" in types("Turkey reopened the Bab al-Salama border crossing near Manbij.")
    assert "blockade" in types("Turkey closed the Bab al-Salama border crossing near Manbij.")


# -- a definite event noun after a preposition of time points back -------------------------------


def test_back_reference__after_the_meeting_is_the_meeting_before():
    text = (
        "Asayish forces and the Syrian army held a meeting in Qamishli on Sunday. After the meeting, "
        "residents of Hasakah held demonstrations in Hasakah."
    )
    assert [p for t, _, p in kinds(text) if t == "meeting"] == ["qamishli"]


def test_back_reference__arabic_bi_tawazi_ma_al_ijtima():
    text = (
        "عقدت قوات الأسايش والجيش السوري اجتماعاً في القامشلي يوم الأحد. وبالتوازي مع الاجتماع "
        "خرجت مظاهرات في الحسكة."
    )
    assert [p for t, _, p in kinds(text) if t == "meeting"] == ["qamishli"]


def test_attack_on_a_civilian_object__is_no_clash():
    assert "other/attack" in types("The Turkish army attacked a bakery in Manbij on Sunday.")
    assert "other/attack" in types("قصف الجيش التركي مخبزاً في منبج يوم الأحد.")
    assert "clash" in types("The Turkish army attacked SDF positions in Manbij on Sunday.")


# -- what an agreement provides for, and a deadline run out ----------------------------------------


def test_stipulates__an_agreements_content_is_no_demand():
    text = (
        "The SDF and the Syrian army reached a deal in Manbij on Sunday. It stipulates the "
        "exchange of prisoners."
    )
    assert "demand" not in types(text)
    assert "demand" in types("The SDF stipulated that the Syrian army leave Manbij.")


def test_deadline_expired__is_no_new_demand():
    assert "demand" not in types("The deadline expired on Tuesday morning in Manbij.")
    assert "demand" not in types("انتهت المهلة في منبج صباح الثلاثاء.")
