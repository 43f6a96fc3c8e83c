"""Who is actor and who is target, on the project's own example sentences (never text from the
corpus): the people of a besieged place, the holder of a place ("government-held"), coordinated
verbal nouns, an undated report dated by its actors, the agent inside a trigger ("a Turkish
attack"), the second party after "with", the accuser as the target, and the agent of what an
agreement provides for."""

from __future__ import annotations

import datetime as dt

from extraction_fixtures import CHANGE, _actor, extraction_actors, extraction_gazetteer

from geodata.extract import Extractor
from geodata.extract.actor_mentions import is_residents, residents_of
from geodata.extract.targets import names_people


def _extractor() -> Extractor:
    actors = extraction_actors()
    extra = [
        _actor(
            "sheikh-maqsoud-residents",
            "Sheikh Maqsoud residents",
            "أهالي حي الشيخ مقصود",
            ["سكان حي الشيخ مقصود", "residents of Sheikh Maqsoud"],
        ),
        _actor(
            "manbij-residents",
            "Manbij residents",
            "أهالي منبج",
            ["سكان منبج", "residents of Manbij", "Manbij residents"],
        ),
        _actor("fourth-division", "Fourth Division", "الفرقة الرابعة", ["4th Division"], valid_to=CHANGE),
    ]
    actors.update({a.id: a for a in extra})
    return Extractor(extraction_gazetteer(), actors)


X = _extractor()
D2021 = dt.date(2021, 3, 1)


def events(text: str, day: dt.date | None = D2021) -> set[tuple]:
    return {
        (e.type.value, e.actor, e.target, e.place.id if e.place else None)
        for e in X.extract(text, published=day).events
    }


def test_residents__helpers():
    assert residents_of("manbij") == "manbij-residents"
    assert is_residents("manbij-residents") and not is_residents("sdf") and not is_residents(None)
    assert names_people("اعتقال عدد من الشبان") and names_people("arrested dozens of civilians")
    assert not names_people("اعتقال عناصر من قسد")


def test_residents__the_people_of_a_besieged_neighbourhood_are_the_target():
    assert ("blockade", "syrian-government", "sheikh-maqsoud-residents", "sheikh-maqsoud") in events(
        "وتفرض قوات النظام حصاراً خانقاً على حي الشيخ مقصود منذ أشهر."
    )
    assert ("blockade", "sna", "manbij-residents", "manbij") in events(
        "The Turkish-backed factions imposed a siege on Manbij last week."
    )


def test_residents__only_where_a_residents_group_exists_and_no_one_else_is_named():
    # Raqqa has no residents group: the target stays unstated.
    assert ("blockade", "sna", None, "raqqa") in events(
        "The Turkish-backed factions imposed a siege on Raqqa last week."
    )
    # A besieged armed actor named in the clause stays the target.
    assert ("blockade", "asayish", "syrian-government", "qamishli-security-square") in events(
        "حاصرت قوات الأسايش المربع الأمني للنظام في مدينة القامشلي."
    )


def test_residents__arrests_of_people_fall_on_the_residents():
    assert ("arrest", "asayish", "sheikh-maqsoud-residents", "sheikh-maqsoud") in events(
        "اعتقلت قوات الأسايش عشرات الشبان في حي الشيخ مقصود."
    )
    assert ("arrest", "asayish", None, "sheikh-maqsoud") in events(
        "اعتقلت قوات الأسايش قيادياً في حي الشيخ مقصود."
    )


def test_residents__a_residents_name_keeps_its_place():
    found = {p.place.id for p in X.extract("خرج أهالي منبج في مظاهرة حاشدة.", published=D2021).places}
    assert "manbij" in found


def test_holder__government_held_areas_are_the_governments():
    assert ("blockade", "sdf", "syrian-government", "hasakah") in events(
        "The SDF has imposed a siege on the government-held districts of Hasakah."
    )


def test_holder__arabic_areas_under_the_control_of():
    assert ("blockade", "syrian-government", "sdf", "shahba-region") in events(
        "منعت قوات النظام دخول الوقود إلى منطقة الشهباء الخاضعة لسيطرة قسد."
    )


def test_coordinated_verbal_nouns_share_the_agent_named_after_the_second():
    found = events("وجاء ذلك على خلفية محاصرة ومنع الجيش الوطني دخول الطحين إلى منبج، بحسب مصادر محلية.")
    assert found and all(e[1] == "sna" for e in found if e[0] == "blockade")


def test_era__an_undated_report_is_dated_by_an_actor_that_has_ceased():
    # «الفرقة الرابعة» ended in December 2024: «الحكومة السورية» is then the Assad government.
    text = "طالبت قسد الحكومة السورية بسحب حواجز الفرقة الرابعة من محيط حي الشيخ مقصود."
    assert any(e[0] == "demand" and e[2] == "syrian-government" for e in events(text, None))


def test_agent_inside_the_trigger__a_turkish_attack():
    assert any(
        e[0] == "threat" and e[1] == "turkey"
        for e in events("Residents fear a potential Turkish attack on Ain Issa in the coming days.")
    )


def test_with__the_reporter_and_the_party_after_with():
    assert ("agreement", "sdf", "sna", "manbij") in events(
        "The SDF announced that a truce had been reached with the Turkish-backed factions in Manbij."
    )


def test_accuser__is_the_target_of_what_the_accused_did():
    found = events("اتهمت قسد الجيش الوطني بقصف قرى في محيط منبج.")
    assert any(e[1] == "sna" and e[2] == "sdf" for e in found), found


def test_agreement__the_agent_of_what_is_agreed_is_a_party():
    found = events("وكانت قسد قد وافقت على دخول القوات الروسية إلى مدينة منبج.")
    assert any(e[0] == "agreement" and e[1] == "sdf" and e[2] == "russia" for e in found), found


def test_reporter_of_fighting_is_its_target():
    found = events("The SDF said that heavy shelling hit villages near Manbij overnight.")
    assert any(e[0] == "clash" and e[1] is None and e[2] == "sdf" for e in found), found


def test_of__names_the_one_a_siege_falls_on_and_by_its_agent():
    found = events("Residents described the siege of the SDF by the Turkish-backed factions in Manbij.")
    assert any(e[0] == "blockade" and e[1] == "sna" and e[2] == "sdf" for e in found), found
    # "the withdrawal of X": X is still the agent.
    found = events("Residents watched the withdrawal of the SDF from Manbij.")
    assert any(e[1] == "sdf" for e in found), found
