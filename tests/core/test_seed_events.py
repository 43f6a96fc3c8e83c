"""The seed report's events: all present, linked, and every quote exactly at its offsets."""

from __future__ import annotations

import hashlib

from geodata.events import events_by_place, exchange_pairs, filter_events, summary_ar, summary_en
from geodata.model import EventType, LinkRel

SOURCE = "syria-tv-relay-2021-01-20-qamishli-meeting"


def test_every_quote_is_the_source_text_at_its_offsets(shipped, seed_text):
    seed = [e for e in shipped.events if e.source.id == SOURCE]
    assert seed
    assert hashlib.sha256(seed_text.encode()).hexdigest() == shipped.sources[SOURCE].text_sha256
    for e in seed:
        assert seed_text[e.evidence.start : e.evidence.end] == e.evidence.quote, e.id


def test_the_demands_blockades_meetings_and_threats_of_the_report(shipped):
    got = {(e.type.value, e.actor, pid) for e in shipped.events for pid in e.places}
    expected = {
        ("meeting", "sdf", "qamishli"),
        ("demand", "sdf", "shahba-region"),
        ("demand", "sdf", "sheikh-maqsoud"),
        ("blockade", "syrian-government", "shahba-region"),
        ("blockade", "syrian-government", "sheikh-maqsoud"),
        ("lift_blockade", "sdf", "hasakah-security-square"),
        ("lift_blockade", "sdf", "qamishli-security-square"),
        ("demand", "sdf", "qamishli-military-neighbourhood"),
        ("demand", "sdf", "qamishli-airport"),
        ("demand", "syrian-government", "qamishli"),
        ("threat", "sdf", "qamishli"),
        ("blockade", "asayish", "hasakah-security-square"),
        ("blockade", "asayish", "qamishli-security-square"),
        ("meeting", "russia", "ain-issa"),
    }
    assert expected <= got


def test_the_exchange_offer_links_both_ways(shipped):
    pairs = {(a.id, b.id) for a, b in exchange_pairs(shipped.events)}
    shahba = "seed-demand-lift-shahba"
    for square in ("seed-offer-lift-hasakah-square", "seed-offer-lift-qamishli-square"):
        assert (shahba, square) in pairs or (square, shahba) in pairs
    by_id = {e.id: e for e in shipped.events}
    offer = by_id["seed-offer-lift-hasakah-square"]
    assert shahba in offer.linked(LinkRel.IN_EXCHANGE_FOR)
    assert offer.status == "proposed"


def test_cameo_codes_fit_their_types(shipped):
    for e in shipped.events:
        if e.type == EventType.BLOCKADE:
            assert e.cameo == "191"
        if e.type == EventType.LIFT_BLOCKADE:
            assert e.cameo == "0872"
        if e.type == EventType.DEMAND:
            assert e.cameo.startswith("10")


def test_every_event_has_provenance(shipped):
    for e in shipped.events:
        assert e.source.outlet and e.source.published and e.evidence.quote


def test_summaries_are_generated_from_fields(shipped):
    by_id = {e.id: e for e in shipped.events}
    e = by_id["seed-demand-military-neighbourhood"]
    assert summary_en(e, shipped).startswith("Syrian Democratic Forces (SDF) demands that Syrian")
    assert "military neighbourhood" in summary_en(e, shipped)
    assert summary_ar(e, shipped).startswith("قوات سوريا الديمقراطية تطالب")  # feminine plural


def test_popup_grouping_lists_each_event_under_each_of_its_places(shipped):
    grouped = events_by_place(filter_events(shipped.events))
    assert {e.type for e in grouped["qamishli-security-square"]} >= {
        EventType.BLOCKADE,
        EventType.LIFT_BLOCKADE,
    }
