"""Background, on the project's own sentences (never corpus text): a report dates its own news
by weekday or month, so an undated one that names a single year names it for what happened then
(background); one that names several years is dated by the latest. «وكان قد» + verb is the
news's own pluperfect, «وكانت» + an event noun the background."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()


def flags(text: str) -> dict[str, bool]:
    events = X.extract(text).events
    return {e.type.value + (f"/{e.subtype}" if e.subtype else ""): e.historical for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "The SDF, which took control of the security square in Hasakah in 2017, besieged the Qamishli"
        " airport on Saturday.",
        "سيطرت قوات سوريا الديمقراطية على المربع الأمني في الحسكة عام 2017.\n"
        "وحاصرت قوات الأسايش مطار القامشلي يوم السبت.",
    ],
)
def test_undated__a_single_year_is_background(text):
    got = flags(text)
    assert got["other/control_change"] is True
    assert got["blockade"] is False


def test_undated__the_latest_of_several_years_is_the_reports():
    text = (
        "The SDF took control of the security square in Hasakah in 2017.\n"
        "The Asayish besieged the Qamishli airport in 2021."
    )
    got = flags(text)
    assert got["other/control_change"] is True
    assert got["blockade"] is False


def test_pluperfect_verb__is_the_news_own_earlier_step():
    text = "وكان قد طلب ضابط في القوات الروسية من أهالي القامشلي تسليم السلاح الخفيف."
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    assert [e.historical for e in events if e.type.value == "demand"] == [False]


def test_event_noun_after_kana__is_background():
    text = "وكانت مفاوضات بين قسد والحكومة السورية في القامشلي قد وصلت إلى طريق مسدود."
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    assert [e.historical for e in events if e.type.value == "meeting"] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "قصف الجيش التركي مدينة منبج، في 4 من أيار 2019، بحسب مصادر محلية.",
        "The Turkish army shelled Manbij, in May 2019, according to local sources.",
    ],
)
def test_trailing_date__sets_its_clause_in_the_past(text):
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    assert [e.historical for e in events if e.type.value == "clash"] == [True]


def test_killed__by_a_named_actor_is_a_clash():
    text = "قتل الجيش التركي ثلاثة عناصر من قسد قرب منبج يوم السبت."
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    assert [(e.type.value, e.historical) for e in events] == [("clash", False)]
