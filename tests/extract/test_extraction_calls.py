"""Calls and reasons, on the project's own sentences (never corpus text): a call to protest is
a demand and a planned protest (the corpus's convention), also when the called stand between
the verb and what they are called to («دعا ناشطون أهالي الحسكة للخروج ...»); an adverbial of
reason («احتجاجاً على», «رفضاً لـ») says why something was done and is no protest of its own."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_fixtures import extractor

X = extractor()
D2021 = dt.date(2021, 3, 1)


def types(text: str) -> list[tuple[str, str | None]]:
    return [(e.type.value, e.subtype) for e in X.extract(text, published=D2021).events]


@pytest.mark.parametrize(
    "text",
    [
        "ودعا ناشطون أهالي الحسكة للخروج في مظاهرات تضامناً مع القامشلي.",
        "دعت قوات الأسايش سكان القامشلي إلى التظاهر أمام المربع الأمني.",
        "Activists called on the residents of Hasakah to join protests in solidarity with Qamishli.",
    ],
)
def test_call_to_protest__is_a_demand_and_a_protest(text):
    got = types(text)
    assert ("demand", None) in got
    assert ("other", "protest") in got


def test_call__to_withdraw_stays_one_demand():
    got = types("دعا وجهاء منبج القوات التركية للانسحاب من المدينة.")
    assert ("demand", None) in got
    assert ("other", "withdrawal") not in got


@pytest.mark.parametrize(
    "text",
    [
        "قطع أهالي القرية الطريق المؤدي إلى القامشلي احتجاجاً على انقطاع المياه.",
        "أغلق السكان الطريق في الحسكة استنكاراً لاعتقال شابين.",
    ],
)
def test_reason_adverbial__is_no_protest(text):
    got = types(text)
    assert ("blockade", None) in got
    assert ("other", "protest") not in got


def test_memorandum__is_an_agreement():
    text = "The memorandum signed by Russia and Turkey says the SDF will leave the city of Manbij."
    assert ("agreement", None) in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The SDF and the Syrian government met in Qamishli, accompanied by the Russian guarantor.",
        "توصلت قسد والحكومة السورية إلى اتفاق في القامشلي بضمانة روسية.",
    ],
)
def test_guarantor__mediates(text):
    assert ("other", "mediation") in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Manbij protested in the city in protest at the arrests by the Asayish.",
        "تظاهر أهالي منبج في المدينة رفضاً لاعتقال قوات الأسايش عدداً من الشبان.",
    ],
)
def test_what_a_protest_is_against__is_no_event_there(text):
    got = types(text)
    assert ("other", "protest") in got
    assert ("arrest", None) not in got
