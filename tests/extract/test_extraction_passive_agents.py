"""The agents of a passive ("a siege imposed by X and Y", «حصار مفروض من قبل X و Y») are each
an actor, and the militias named by their patron Iran ("pro-Iranian factions", «الميليشيات
الموالية لإيران») are an actor of the lexicon (English; Arabic already named them through the patron).
The project's own sentences, on the shipped actor lexicon."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.extract import Extractor

DAY = dt.date(2021, 3, 1)


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


def blockade_actors(extractor: Extractor, text: str) -> list[str | None]:
    events = extractor.extract(text, published=DAY).events
    return sorted((e.actor for e in events if e.type.value == "blockade"), key=str)


@pytest.mark.parametrize(
    "text",
    [
        "For two months the people of Tafas have lived under a siege imposed by pro-Iranian "
        "militias and government forces.",
        "يعيش أهالي طفس منذ شهرين تحت حصار مفروض من قبل الميليشيات الموالية لإيران وقوات النظام.",
    ],
)
def test_passive_agents__each_coordinated_agent_besieges(extractor, text):
    assert blockade_actors(extractor, text) == ["iran", "syrian-government"]


@pytest.mark.parametrize(
    "text",
    [
        "Iran-backed militias besieged the village of Tafas on Monday.",
        "Pro-Iranian factions besieged the village of Tafas on Monday.",
    ],
)
def test_militias_named_by_their_patron_iran__are_an_actor(extractor, text):
    # Arabic names them by the patron already («الميليشيات الموالية لإيران»: `_proxy_actors`).
    assert blockade_actors(extractor, text) == ["iran"]
