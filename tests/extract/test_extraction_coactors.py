"""Issue 13: who acts when several are named. Coordinated subjects of an attack are each an
actor (one event each, never merged into one clash between them); clashes between two sides stay
one event; armed groups named by their patron ("aligned with Ankara", «الموالية لها») are the
patron's proxies. The project's own sentences, on the shipped actor lexicon."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.extract import Extractor

DAY = dt.date(2021, 3, 1)


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


def clashes(extractor: Extractor, text: str) -> list[tuple[str | None, str | None]]:
    return sorted(
        (
            (e.actor, e.target)
            for e in extractor.extract(text, published=DAY).events
            if e.type.value == "clash"
        ),
        key=str,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Turkish forces and the Syrian National Army shelled three villages near Tal Tamr on Saturday.",
        "قصفت القوات التركية والجيش الوطني ثلاث قرى في ريف تل تمر يوم السبت.",
    ],
)
def test_coordinated_attackers__one_attack_each(extractor, text):
    actors = {actor for actor, _ in clashes(extractor, text)}
    assert actors == {"turkey", "sna"}


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out on Sunday between the SDF and the Syrian army near Tal Tamr.",
        "اندلعت يوم الأحد اشتباكات بين قسد والجيش السوري قرب تل تمر.",
    ],
)
def test_coordinated_sides__clashes_between_them_are_one(extractor, text):
    found = clashes(extractor, text)
    assert len(found) == 1
    assert {found[0][0], found[0][1]} == {"sdf", "syrian-government"}


def test_two_attackers__two_sentences_are_two_attacks(extractor):
    text = (
        "Turkish drones struck the Tishreen Dam on Monday. "
        "Armed groups aligned with Ankara also launched attacks around the Tishreen Dam."
    )
    actors = {actor for actor, _ in clashes(extractor, text)}
    assert actors == {"turkey", "sna"}


@pytest.mark.parametrize(
    "text",
    [
        "Armed groups aligned with Ankara attacked positions near Manbij on Monday.",
        "Factions loyal to Turkey shelled the outskirts of Ain Issa on Monday.",
        "قصفت القوات التركية والفصائل الموالية لها أطراف عين عيسى يوم الاثنين.",
    ],
)
def test_proxy__groups_named_by_their_patron(extractor, text):
    actors = {a.actor.id for a in extractor.extract(text, published=DAY).actors}
    assert "sna" in actors


def test_proxy__a_patron_without_proxies_names_none(extractor):
    text = "On Monday armed groups affiliated with the Syrian government shelled Kobani."
    actors = {a.actor.id for a in extractor.extract(text, published=DAY).actors}
    assert "sna" not in actors


@pytest.mark.parametrize(
    "text",
    [
        "Government forces attacked Kobani on Monday. "
        "In Kobani, SDF fighters fought fierce battles on Monday.",
        "هاجمت القوات الحكومية مدينة كوباني يوم الاثنين. "
        "وفي كوباني، خاضت قوات قسد اشتباكات عنيفة يوم الاثنين.",
    ],
)
def test_two_attackers__an_attack_and_the_fighting_it_met_are_one_clash(extractor, text):
    found = clashes(extractor, text)
    assert len(found) == 1
    assert {found[0][0], found[0][1]} == {"syrian-government", "sdf"}
