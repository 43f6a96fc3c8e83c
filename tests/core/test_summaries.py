"""Generated summaries agree with their actor in both languages (issue 14): the shipped actors
of each kind -- an organisation, a state, a plural of people -- with each event type."""

from __future__ import annotations

import pytest

from geodata.model import EventType
from geodata.summaries import Agreement, agreement_ar, plural_en, summary, summary_ar, summary_en


def _event_of(shipped, actor: str, type_: EventType = EventType.DEMAND):
    base = next(e for e in shipped.events if e.type == EventType.DEMAND)
    return base.model_copy(update={"actor": actor, "type": type_})


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("قوات سوريا الديمقراطية", Agreement.FEMININE),  # a plural of groups
        ("تركيا", Agreement.FEMININE),  # a state
        ("الإدارة الذاتية لشمال وشرق سوريا", Agreement.FEMININE),  # a feminine noun
        ("الجيش الوطني السوري", Agreement.MASCULINE),
        ("حزب الله", Agreement.MASCULINE),
        ("أهالي القامشلي", Agreement.PLURAL),  # people
    ],
)
def test_arabic_agreement(name, form):
    assert agreement_ar(name) is form


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        ("Syrian Democratic Forces (SDF)", False),
        ("Turkey", False),
        ("Qamishli residents", True),
        ("Iran and Iranian-backed militias", True),
        ("Asayish (internal security forces)", False),
    ],
)
def test_english_number(name, plural):
    assert plural_en(name) is plural


def test_summaries_agree_with_the_shipped_actors(shipped):
    assert summary_en(_event_of(shipped, "sdf"), shipped).startswith(
        "Syrian Democratic Forces (SDF) demands that"
    )
    assert summary_en(_event_of(shipped, "qamishli-residents"), shipped).startswith(
        "Qamishli residents demand that"
    )
    assert summary_ar(_event_of(shipped, "sdf"), shipped).startswith("قوات سوريا الديمقراطية تطالب")
    assert summary_ar(_event_of(shipped, "sna"), shipped).startswith("الجيش الوطني السوري يطالب")
    assert summary_ar(_event_of(shipped, "qamishli-residents"), shipped).startswith("أهالي القامشلي يطالبون")
    meeting = summary_ar(_event_of(shipped, "turkey", EventType.MEETING), shipped)
    assert meeting.startswith("تركيا تجتمع مع")  # a verb, not the noun «اجتماع»


@pytest.mark.parametrize("type_", list(EventType))
def test_every_type_has_a_sentence_in_both_languages(shipped, type_):
    for actor in ("sdf", "sna", "qamishli-residents"):
        event = _event_of(shipped, actor, type_)
        en, ar = summary(event, shipped, "en"), summary(event, shipped, "ar")
        assert "{" not in en and "{" not in ar
        # The date is isolated in the Arabic sentence: never shown reversed beside Arabic text.
        assert f"\u2068{event.date.isoformat()}\u2069" in ar
