"""A plural classifier («بلدات», «قرى», «مدن») names the places listed after it, and only those:
a comma right after it ends its clause, and a function or time word after it («رغم», «يوم»,
«منها») is no village. Such words used to become places of their own ("unlisted" villages
called «رغم» and «يوم») with the report's events on them. The project's own sentences, on the
shipped gazetteer."""

from __future__ import annotations

import pytest
from extraction_fixtures import toponym_places as found

from geodata.extract import Extractor


@pytest.fixture(scope="module")
def extractor(shipped):
    return Extractor.from_dataset(shipped)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "تظاهر الأهالي في عدة مدن وبلدات، رغم الحواجز المنتشرة في ريف دير الزور.",
            "deir-ez-zor-countryside",
        ),
        ("اندلعت اشتباكات في عدة بلدات يوم الخميس في ريف إدلب الجنوبي.", "southern-idlib-countryside"),
        ("شهدت بلدات، منها سراقب، اشتباكات عنيفة.", "saraqib"),
        ("قصفت المدفعية قرى منذ الصباح قرب تل تمر.", "tal-tamr"),
    ],
)
def test_a_word_after_a_plural_classifier_is_no_place(extractor, text, place):
    got = found(extractor, text)
    assert not [t for t, pid in got if pid.startswith("unlisted-")], got
    assert place in {pid for _, pid in got}


def test_the_names_listed_after_a_plural_classifier_are_still_places(extractor):
    """The guard of the rules above: a list after the classifier is still read, a known
    village found and an unknown one placed near the sentence's town."""
    got = dict(found(extractor, "قصفت المدفعية قرى الزيتونة والمنصورة قرب تل تمر يوم الخميس."))
    assert {"الزيتونة", "المنصورة", "تل تمر"} <= got.keys(), got
    assert got["المنصورة"].startswith("unlisted-")
