"""Scoring per the corpus README, on a labelled article the project wrote itself."""

from __future__ import annotations

import json

import pytest
from extraction_fixtures import extractor

from geodata.extract.eval_report import evaluate, format_report
from geodata.extract.evaluation import (
    CanonicalPlaces,
    CorpusError,
    Score,
    mention_key,
    read_corpus,
    score_article,
)

X = extractor()

TEXT = (
    "طالبت قسد السلطات السورية بفك الحصار عن حي الشيخ مقصود في مدينة حلب. "
    "وكانت قوات الأسايش قد حاصرت المربع الأمني في الحسكة عام 2016."
)


def doc(**over):
    base = {
        "id": "own01",
        "lang": "ar",
        "published": "2021-03-01",
        "text": TEXT,
        "places": [
            {
                "mention": "الشيخ مقصود",
                "canonical_en": "Sheikh Maqsoud",
                "approx_lat": 36.23,
                "approx_lon": 37.16,
                "coord_confidence": "high",
            },
            {
                "mention": "حلب",
                "canonical_en": "Aleppo",
                "approx_lat": 36.2,
                "approx_lon": 37.16,
                "coord_confidence": "high",
            },
            {
                "mention": "المربع الأمني",
                "canonical_en": "Hasakah security square",
                "approx_lat": 36.5,
                "approx_lon": 40.75,
                "coord_confidence": "approx",
            },
            {
                "mention": "الحسكة",
                "canonical_en": "Hasakah",
                "approx_lat": 36.5,
                "approx_lon": 40.75,
                "coord_confidence": "high",
            },
        ],
        "events": [
            {
                "type": "demand",
                "actor": "SDF",
                "target": "Syrian government",
                "place": "Sheikh Maqsoud",
                "evidence": "طالبت قسد السلطات السورية بفك الحصار",
            },
            {
                "type": "blockade",
                "actor": "Syrian government",
                "target": "SDF",
                "place": "Sheikh Maqsoud",
                "evidence": "بفك الحصار عن حي الشيخ مقصود",
            },
            {
                "type": "blockade",
                "actor": "Asayish",
                "target": None,
                "place": "Hasakah security square",
                "evidence": "حاصرت المربع الأمني في الحسكة",
                "note": "HISTORICAL (2016)",
            },
        ],
    }
    return {**base, **over}


def test_score__precision_recall_f1():
    s = Score(tp=3, fp=1, fn=2)
    assert (round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)) == (0.75, 0.6, 0.667)
    assert Score().f1 == 0.0


def test_mention_key__drops_classifiers_punctuation_and_spelling():
    assert mention_key("مطار مدينة القامشلي") == mention_key("مطار “القامشلي”")
    assert mention_key("حي الشيخ مقصود") == mention_key("الشيخ مقصود")
    assert mention_key("ALEPPO") != mention_key("Aleppo")  # listed apart in the corpus


def test_canonical__by_name_and_alias():
    canon = CanonicalPlaces(X.gazetteer)
    assert canon.ids("Sheikh Maqsoud") == {"sheikh-maqsoud"}
    assert canon.ids("northern Aleppo countryside") == {"northern-aleppo-countryside"}
    assert canon.ids("Hasakah") == {"hasakah"}
    assert canon.ids("Nowhere at all") == frozenset()


def test_article__perfect_extraction_scores_one():
    d = doc()
    r = score_article(d, X.extract(TEXT, lang="ar"), X)
    assert (r.places.tp, r.places.fp, r.places.fn) == (4, 0, 0)
    assert (r.events.tp, r.events.fn) == (2, 0)
    assert (r.historical.tp, r.historical.fn) == (1, 0)
    assert r.actors.tp >= 4


def test_article__another_place_far_away_is_a_miss():
    d = doc()
    d["places"][0] = {
        **d["places"][0],
        "canonical_en": "Sheikh Najjar (Aleppo)",
        "approx_lat": 35.0,
        "approx_lon": 38.5,
    }
    r = score_article(d, X.extract(TEXT, lang="ar"), X)
    assert r.places.fn == 1 and r.places.fp == 1


def test_article__a_qualified_canonical_name_matches_its_place():
    d = doc()
    d["places"][0] = {**d["places"][0], "canonical_en": "Sheikh Maqsoud (Aleppo)"}
    r = score_article(d, X.extract(TEXT, lang="ar"), X)
    assert r.places.fn == 0


def test_article__evidence_must_overlap():
    d = doc()
    d["events"][0] = {**d["events"][0], "evidence": "عام 2016"}
    r = score_article(d, X.extract(TEXT, lang="ar"), X)
    assert r.events.fn == 1


def test_article__non_place_extracted_is_a_false_positive():
    text = TEXT + " وقال تلفزيون دمشق إن الوضع هادئ."
    d = doc(text=text)
    r = score_article(d, X.extract(text, lang="ar"), X)
    assert r.places.fp == 0  # «تلفزيون دمشق» is an outlet, not a place


def test_evaluate__reports_languages_apart(tmp_path):
    en = {
        "id": "own02",
        "lang": "en",
        "published": "2021-03-01",
        "text": "The Asayish arrested two men in Qamishli.",
        "places": [
            {
                "mention": "Qamishli",
                "canonical_en": "Qamishli",
                "approx_lat": 37.05,
                "approx_lon": 41.23,
                "coord_confidence": "high",
            }
        ],
        "events": [
            {
                "type": "arrest",
                "actor": "Asayish",
                "target": None,
                "place": "Qamishli",
                "evidence": "The Asayish arrested two men in Qamishli.",
            }
        ],
    }
    for d in (doc(), en):
        (tmp_path / f"{d['id']}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    report = evaluate(read_corpus(tmp_path), X)
    totals = report.as_dict()
    assert set(totals) == {"ar", "en"}
    assert totals["en"]["events"]["f1"] == 1.0
    assert "places" in format_report(report)


def test_read_corpus__errors(tmp_path):
    with pytest.raises(CorpusError, match="no labelled articles"):
        read_corpus(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError, match="cannot be read as JSON"):
        read_corpus(tmp_path)
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing field"):
        read_corpus(tmp_path)
    with pytest.raises(CorpusError, match="not a directory"):
        read_corpus(tmp_path / "nope")


def test_max_matching__not_greedy():
    from geodata.extract.bipartite import max_matching

    # label 0 could take 0 or 1, label 1 only 0: greedy would give one pair, maximum gives two
    assert sorted(max_matching(2, [[0, 1], [0]]).items()) == [(0, 1), (1, 0)]


def test_article__other_subtype_is_compared():
    text = "انسحبت قوات الأسايش من حي الشيخ مقصود في مدينة حلب."
    d = doc(
        text=text,
        events=[
            {
                "type": "other",
                "subtype": "deployment",
                "actor": "Asayish",
                "target": None,
                "place": "Sheikh Maqsoud",
                "evidence": text,
            }
        ],
    )
    r = score_article(d, X.extract(text, lang="ar"), X)
    assert r.events.tp == 0 and r.events.fn == 1
    assert any(m.cause == "other subtype differs" for m in r.miss_list)


def test_article__a_repeated_false_positive_counts_once():
    text = "حاصرت قوات الأسايش حي الشيخ مقصود. وقالت المصادر إن قوات الأسايش حاصرت الحي بالكامل منذ أيام."
    found = X.extract(text, lang="ar")
    d = doc(text=text, events=[])
    r = score_article(d, found, X)
    keys = {(e.type, e.place.id if e.place else None) for e in found.events}
    assert r.events.fp == len(keys)


def test_same_place__regions_by_identity_settlements_by_distance():
    from geodata.extract.evaluation import same_place

    canon = CanonicalPlaces(X.gazetteer)
    g = X.gazetteer
    region = {
        "canonical_en": "Shahba region",
        "kind": "region",
        "approx_lat": 30.0,
        "approx_lon": 30.0,
        "coord_confidence": "approx",
    }
    assert same_place(g.get("shahba-region"), region, canon)  # rough centroid: identity counts
    assert canon.ids("Hasakah governorate") == {"hasakah-governorate"}
    city = {
        "canonical_en": "Aleppo",
        "kind": "city",
        "approx_lat": 36.21,
        "approx_lon": 37.17,
        "coord_confidence": "high",
    }
    assert same_place(g.get("aleppo"), city, canon)
    assert not same_place(g.get("sheikh-maqsoud"), city, canon)  # within 3 km, but not a city


def test_report__per_type_per_kind_and_misses_by_cause(tmp_path):
    from geodata.extract.eval_report import format_misses

    d = doc()
    d["events"] = d["events"][:1]
    (tmp_path / "own01.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    report = evaluate(read_corpus(tmp_path), X)
    figures = report.as_dict()["ar"]
    assert figures["by"]["events"]["demand"]["tp"] == 1
    assert "neighbourhood" in figures["by"]["places"]
    assert "event FP" in format_misses(report)
    assert "wrong type" in report.misses_by_cause()["event FP"]  # the implied siege, in the demand's words


def test_format_markdown__figures_are_the_scorer_s(tmp_path):
    from geodata.extract.eval_report import format_markdown

    (tmp_path / "own01.json").write_text(json.dumps(doc(), ensure_ascii=False), encoding="utf-8")
    report = evaluate(read_corpus(tmp_path), X)
    table = format_markdown(report, source="1 own article")
    places = report.totals()["ar"]["places"]
    assert f"| ar | {places.f1:.3f} (P {places.precision:.3f}" in table
    assert "| ar | demand |" in table and "| ar | neighbourhood |" in table


def test_scores_doc__is_generated_and_linked():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "extraction-scores.md").read_text(encoding="utf-8")
    assert doc.startswith("# Extraction scores (generated)")
    assert "python benchmarks/eval_table.py" in doc and "| lang | places | events |" in doc
    assert "docs/extraction-scores.md" in (root / "README.md").read_text(encoding="utf-8")


def test_same_actor__vocabulary_and_qualified_labels():
    from geodata.extract.evaluation import same_actor

    assert same_actor("HTS", "HTS (General Security Service)")
    assert same_actor("SDF", "sdf")
    assert not same_actor("SDF", "SDF supporters") and not same_actor(None, "SDF")
