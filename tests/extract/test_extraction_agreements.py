"""Agreements named by their parties, on the project's own sentences (never corpus text): a deal
that builds on another names two agreements, not one and its object; an agreement named by its
parties ("between X and Y") with no place in its clause is a national deal, placeless, and no
restatement of the report's local one."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()
D2025 = dt.date(2025, 4, 10)


def agreements(text: str) -> list[str | None]:
    events = X.extract(text, published=D2025).events
    return [e.place.id if e.place else None for e in events if e.type.value == "agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "The SDF and the Syrian government agreed in Qamishli to share the management of the airport.\n"
        "The deal builds on a broader accord between the SDF and Damascus signed on March 10.",
        "وقّعت قسد والحكومة السورية اتفاقاً في القامشلي يوم الأحد.\n"
        "ويستند الاتفاق إلى تفاهم أوسع بين قسد والحكومة السورية تم التوصل إليه في العاشر من آذار.",
    ],
)
def test_deal_between_parties__is_a_placeless_agreement_of_its_own(text):
    got = agreements(text)
    assert "qamishli" in got
    assert None in got


def test_agreement_without_parties__takes_the_reports_place():
    text = (
        "The SDF and the Syrian government agreed in Qamishli to share the management of the airport.\n"
        "The agreement will be implemented within a month."
    )
    assert agreements(text) == ["qamishli"]


def history(text: str) -> list[bool]:
    events = X.extract(text, published=D2025).events
    return [e.historical for e in events if e.type.value == "agreement"]


@pytest.mark.parametrize(
    "text",
    [
        "The Turkish army set up its posts near Manbij as per a deal between Russia and Turkey.",
        "أقام الجيش التركي نقاطه قرب منبج بموجب اتفاق مع روسيا.",
    ],
)
def test_indefinite_agreement_cited_as_ground__is_background(text):
    assert history(text) == [True]


@pytest.mark.parametrize(
    "text",
    [
        "The Turkish army set up its posts near Manbij under the agreement.",
        "أقام الجيش التركي نقاطه قرب منبج بموجب الاتفاق.",
    ],
)
def test_definite_agreement_cited_as_ground__is_no_event(text):
    assert history(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The understanding came during the meeting between the SDF and the Syrian government in Damascus.",
        "جاء التفاهم خلال اجتماع بين قسد والحكومة السورية في دمشق.",
    ],
)
def test_meeting__is_no_object_of_an_agreement(text):
    events = X.extract(text, published=D2025).events
    assert "meeting" in {e.type.value for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "The SDF and the Syrian government reached an understanding regarding Manbij during talks in"
        " Damascus.",
        "توصلت قسد والحكومة السورية إلى تفاهم بشأن منبج خلال محادثات في دمشق.",
    ],
)
def test_what_an_agreement_is_about__is_where_it_applies(text):
    events = X.extract(text, published=D2025).events
    assert {e.place.id for e in events if e.type.value == "agreement" and e.place} == {"manbij"}


@pytest.mark.parametrize(
    "text",
    [
        "Turkish drones struck Qamishli on Sunday.\n"
        "The SDF made a deal with the Syrian government on Monday.",
        "قصفت طائرات الجيش التركي القامشلي يوم الأحد.\nوعقدت قسد اتفاقاً مع الحكومة السورية يوم الاثنين.",
    ],
)
def test_a_deal_with_a_party__is_a_placeless_agreement(text):
    assert agreements(text) == [None]
