"""Invariants of the extractor on arbitrary text (Hypothesis): it never fails on text it
accepts, and every offset it reports points at the words it quotes."""

from __future__ import annotations

from extraction_fixtures import extractor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.extract import ExtractionError
from geodata.extract.segmenting import clauses, sentences

X = extractor()
WORDS = [
    "طالبت",
    "قسد",
    "بفك",
    "الحصار",
    "عن",
    "حي",
    "الشيخ",
    "مقصود",
    "مقابل",
    "المربعين",
    "الأمنيين",
    "بمدينتي",
    "الحسكة",
    "والقامشلي",
    "لم",
    "وكانت",
    "2016",
    "دمشق",
    "الجزيرة",
    "The",
    "SDF",
    "demanded",
    "siege",
    "of",
    "Manbij",
    "in",
    "exchange",
    "for",
    "no",
    "clashes",
    "Damascus",
    "said",
    "ALEPPO",
    "—",
    "،",
    ".",
    ",",
    "\n",
    "“",
    "”",
    "(",
    ")",
    "؟",
    "…",
    " ",
]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join) | st.text(max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract__total_and_offsets_exact(text):
    try:
        result = X.extract(text)
    except ExtractionError:
        assert not text.strip() or "\x00" in text
        return
    for p in result.places:
        assert text[p.start : p.end] == p.text
    ids = {e.id for e in result.events}
    for e in result.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert set(e.linked_to) <= ids - {e.id}


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_sentences_and_clauses__cover_in_order(text):
    last = 0
    for s in sentences(text):
        assert s.start >= last and text[s.start : s.end] == s.text and s.text.strip()
        last = s.end
        inner = s.start
        for c in clauses(s):
            assert s.start <= c.start < c.end <= s.end and c.start >= inner
            assert text[c.start : c.end] == c.text
            inner = c.end
