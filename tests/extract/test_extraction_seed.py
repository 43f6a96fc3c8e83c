"""The seed report end to end, on the shipped data: every demand and blockade with the right
places, and the two linked events of the exchange offer. Skipped where ../shared is absent."""

from __future__ import annotations

import datetime as dt

import pytest

from geodata.extract import Extractor
from geodata.model import EventType

DAY = dt.date(2021, 1, 20)


@pytest.fixture(scope="module")
def seed_result(shipped, seed_text):
    return Extractor.from_dataset(shipped).extract(seed_text, published=DAY)


def _by(result, etype: EventType) -> dict[str, list]:
    out: dict[str, list] = {}
    for e in result.events:
        if e.type == etype and e.place is not None:
            out.setdefault(e.place.id, []).append(e)
    return out


def test_seed__language_and_places(seed_result):
    assert seed_result.lang == "ar"
    ids = {p.place.id for p in seed_result.places}
    assert {
        "shahba-region",
        "sheikh-maqsoud",
        "hasakah-security-square",
        "qamishli-security-square",
        "qamishli-military-neighbourhood",
        "qamishli-airport",
        "qamishli",
        "hasakah",
        "ain-issa",
    } <= ids
    assert "syria" not in ids  # only inside «قوات سوريا الديمقراطية» and «تلفزيون سوريا»


def test_seed__every_demand_with_its_place(seed_result):
    demands = _by(seed_result, EventType.DEMAND)
    for pid in ("shahba-region", "sheikh-maqsoud", "qamishli-military-neighbourhood", "qamishli-airport"):
        assert pid in demands, pid
        assert any(e.actor == "sdf" and e.target == "syrian-government" for e in demands[pid]), pid
    assert any(
        e.actor == "syrian-government" and e.target == "sdf" for es in demands.values() for e in es
    )  # the call to calm down


def test_seed__every_blockade_with_its_place(seed_result):
    blockades = _by(seed_result, EventType.BLOCKADE)
    # The sieges the SDF asks to lift (the government's) ...
    for pid in ("shahba-region", "sheikh-maqsoud"):
        assert any(e.actor == "syrian-government" for e in blockades.get(pid, [])), pid
    # ... and the Asayish cordons of the two security squares.
    for pid in ("hasakah-security-square", "qamishli-security-square"):
        assert any(e.actor == "asayish" for e in blockades.get(pid, [])), pid


def test_seed__the_exchange_offer_links_two_events(seed_result):
    lifts = _by(seed_result, EventType.LIFT_BLOCKADE)
    assert set(lifts) == {"hasakah-security-square", "qamishli-security-square"}
    demands = {e.id: e for e in seed_result.events if e.type == EventType.DEMAND}
    for (lift,) in lifts.values():
        assert lift.actor == "sdf" and lift.target == "syrian-government"
        linked = [demands[i] for i in lift.linked_to if i in demands]
        assert {d.place.id for d in linked} == {"shahba-region", "sheikh-maqsoud"}
        assert all(lift.id in d.linked_to for d in linked)


def test_seed__threat_meeting_and_background(seed_result):
    kinds = {(e.type, e.place.id if e.place else None, e.historical) for e in seed_result.events}
    assert (EventType.MEETING, "qamishli", False) in kinds
    assert (EventType.THREAT, "qamishli", False) in kinds
    assert (EventType.MEETING, "ain-issa", True) in kinds  # the earlier Ain Issa talks


def test_seed__evidence_is_the_text(seed_result, seed_text):
    for e in seed_result.events:
        assert seed_text[e.evidence.start : e.evidence.end] == e.evidence.text


def test_seed__drafts_validate_as_events(seed_result, seed_text):
    from geodata.extract import source_for

    source = source_for(seed_text, outlet="Syria TV (relay)", url=None, published=DAY, lang="ar")
    events = seed_result.to_events(source)
    assert events and all(e.review == "draft" for e in events)
    ids = {e.id for e in events}
    assert all(link.event in ids for e in events for link in e.links)
