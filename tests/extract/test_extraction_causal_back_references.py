"""A definite event noun after a causal link ("in response to the siege", «رداً على الحصار»)
points back to the event stated before: it is the cause of something else, no event of its
own. A headline's siege of a city's residents is the body's siege of its neighbourhood."""

from __future__ import annotations

import datetime as dt

from extraction_fixtures import extraction_actors, extraction_gazetteer, extractor

from geodata.extract import Extractor
from geodata.model import Actor

X = extractor()
RESIDENTS = {
    pid: Actor(id=f"{pid}-residents", name_en=f"{pid} residents", name_ar=f"سكان {ar}")
    for pid, ar in (("aleppo", "حلب"), ("sheikh-maqsoud", "الشيخ مقصود"))
}
WITH_RESIDENTS = Extractor(
    extraction_gazetteer(), {**extraction_actors(), **{a.id: a for a in RESIDENTS.values()}}
)
D2021 = dt.date(2021, 3, 1)


def blockade_places(text: str, x: Extractor = X) -> list[str | None]:
    events = x.extract(text, published=D2021).events
    return sorted(e.place.id if e.place else None for e in events if e.type.value == "blockade")


def test_in_response_to_the_siege__is_the_siege_stated_before():
    text = (
        "The Syrian army besieged Sheikh Maqsoud in Aleppo on Monday.\n\n"
        "In response to the siege, which cut the neighbourhood off, the SDF closed the roads around "
        "government offices in Hasakah."
    )
    assert blockade_places(text) == ["hasakah", "sheikh-maqsoud"]


def test_arabic_radan_ala_al_hisar__is_the_siege_stated_before():
    text = (
        "حاصر الجيش السوري حي الشيخ مقصود في حلب يوم الاثنين.\n\n"
        "ورداً على الحصار في حلب، أغلقت قسد الطرق حول المؤسسات الحكومية في الحسكة."
    )
    assert blockade_places(text) == ["hasakah", "sheikh-maqsoud"]


def test_headline_siege_of_a_city__is_the_body_siege_of_its_neighbourhood():
    text = (
        "Residents of besieged neighbourhoods of Aleppo speak out\n\n"
        "ALEPPO, Syria (Agency) – The Syrian army has besieged Sheikh Maqsoud since Monday."
    )
    assert blockade_places(text, WITH_RESIDENTS) == ["sheikh-maqsoud"]
