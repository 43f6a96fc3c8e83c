"""A body named as another actor's ("the General Security Service of HTS", «جهاز الأمن العام
التابع لهيئة تحرير الشام») is that actor's, whatever its own name means on the report's date, and
so is the same name elsewhere in the report. On the shipped actor lexicon."""

from __future__ import annotations

import pytest

from geodata.extract import Extractor


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


@pytest.mark.parametrize(
    "text",
    [
        "General Security Service arrests a journalist in Idlib\n\n"
        "On Monday the General Security Service of HTS detained a journalist in Idlib.",
        "الأمن العام يعتقل صحفياً في إدلب\n\n"
        "اعتقل الأمن العام التابع لهيئة تحرير الشام صحفياً في إدلب يوم الاثنين.",
    ],
)
def test_a_body_of_hts__is_hts_in_the_whole_report(extractor, text):
    actors = {e.actor for e in extractor.extract(text).events if e.type.value == "arrest"}
    assert actors == {"hts"}
