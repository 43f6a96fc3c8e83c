"""Geocoding of the labelled place mentions of a corpus (issue 11: "at least 95% of place
mentions within tolerance").

For every labelled place of every article (../shared/corpus/dev by default; read at run time,
never copied), each occurrence of its mention is given the place the extractor gives that span
(`Toponyms.find`), or, where the extractor names no place there, is resolved as the extractor
resolves a name (`Toponyms.resolve_mention`: the sentence as context when the name is
ambiguous, the place written right after it as parent hint, a name spelt as a candidate writes
it preferred). A
mention counts as geocoded when one of its occurrences resolves to a place whose point lies
within the tolerance of the label's `coord_confidence` (high 3 km, approx 12 km, low 40 km) of
the annotator's point, or whose polygon holds that point (the corpus README's rule).

Printed: the total, per language and per labelled kind (and the total by resolution alone,
without the extractor's spans); the mean time per resolution; the
misses grouped by cause:
- "not in gazetteer": no place within tolerance has a name like the mention;
- "wrong homonym": a candidate of the mention lies within tolerance, another one was chosen;
- "below threshold": a place within tolerance has a name like it, scored under MIN_SCORE;
- "spelling variant": a place within tolerance has a name like it that the keys and the fuzzy
  match do not reach;
- "point off": the place chosen has the mention's name but lies outside the tolerance (a
  community the lists locate only by its sub-district) and no candidate lies within it.

Run: `python benchmarks/bench_geocoding.py [CORPUS_DIR] [--write]`; `--write` also writes
docs/geocoding-scores.md and the README's geocoding line (between its markers).
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from report import write_readme_block
from shapely.geometry import Point

from geodata.dataset import load_dataset
from geodata.extract.evaluation import TOLERANCE_KM, read_corpus
from geodata.extract.segmenting import sentences
from geodata.extract.toponyms import PlaceHit, Toponyms, literal_choice
from geodata.gazetteer import MIN_SCORE, Gazetteer, Mention, haversine_km, key_of
from geodata.matching import spelling_score
from geodata.model import Place
from geodata.normalize import is_arabic

ROOT = Path(__file__).resolve().parents[1]


def within(place: Place | None, gold: dict[str, Any]) -> bool:
    """The place's point within the label's tolerance, or its polygon holding the label's point."""
    lat, lon = gold.get("approx_lat"), gold.get("approx_lon")
    if place is None or lat is None or lon is None:
        return False
    if not isinstance(place.geometry, Point) and place.geometry.contains(Point(lon, lat)):
        return True
    tol = TOLERANCE_KM.get(gold.get("coord_confidence") or "low", TOLERANCE_KM["low"])
    return haversine_km(place.point, (lat, lon)) <= tol


def resolve_all(top: Toponyms, text: str, mention: str, *, spans: bool = True) -> tuple[list[Place], float]:
    """The place each occurrence of `mention` resolves to, and the seconds its resolutions
    took: the place the extractor gives that very span (`Toponyms.find`: a city read as the
    governorate it locates a place in, a facility with its city ...), else the mention resolved
    as `Toponyms.find` resolves a name (only that when not `spans`)."""
    g = top.gazetteer
    sents = sentences(text)
    found = g.find_mentions(text)
    hits = {(h.start, h.end): h.place for h in _hits(top, text)} if spans else {}
    out: list[Place] = []
    spent = 0.0
    start = text.find(mention)
    while start >= 0:
        end = start + len(mention)
        if (start, end) in hits:
            out.append(hits[(start, end)])
            start = text.find(mention, end)
            continue
        m = Mention(start, end, mention, g.lookup(mention))
        t0 = time.perf_counter()
        res = top.resolve_mention(text, m, sents, [f for f in found if f.start >= end])
        spent += time.perf_counter() - t0
        if res is not None:
            out.append(literal_choice(m, res))
        start = text.find(mention, end)
    return out, spent


_HITS: dict[str, list[PlaceHit]] = {}


def _hits(top: Toponyms, text: str) -> list[PlaceHit]:
    if text not in _HITS:
        _HITS[text] = top.find(text, sentences(text))[0]
    return _HITS[text]


def miss_cause(g: Gazetteer, mention: str, gold: dict[str, Any], near: list[Place]) -> str:
    """Why a mention was not geocoded within tolerance (see the module docstring)."""
    if any(within(p, gold) for p, _, _ in g.candidates(mention)):
        return "wrong homonym"
    key = key_of(mention)
    res = g.resolve(mention)
    if res is not None and any(key_of(n.text) == key for n in res.place.all_names()):
        return "point off"
    best, best_score = 0.0, 0.0
    for p in near:
        names = [n.text for n in p.all_names() if is_arabic(n.text) == is_arabic(mention)]
        for name in names:
            sim = fuzz.ratio(key, key_of(name))
            best = max(best, sim)
            best_score = max(best_score, spelling_score(mention, [name], sim))
    if best < 60:
        return "not in gazetteer"
    return (
        "below threshold" if best_score >= MIN_SCORE - 20 and best_score < MIN_SCORE else "spelling variant"
    )


def measure(corpus: Path) -> dict[str, Any]:
    ds = load_dataset()
    g = ds.gazetteer
    top = Toponyms(g)
    docs = read_corpus(corpus)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    spent, resolutions = 0.0, 0
    for doc in docs:
        for gold in doc["places"]:
            places, secs = resolve_all(top, doc["text"], gold["mention"])
            alone, secs = resolve_all(top, doc["text"], gold["mention"], spans=False)
            spent += secs
            resolutions += max(len(alone), 1)
            ok = any(within(p, gold) for p in places)
            counts[("resolution alone", doc["lang"])]["n"] += 1
            counts[("resolution alone", doc["lang"])]["ok"] += any(within(p, gold) for p in alone)
            for part in (
                ("all", "all"),
                ("lang", doc["lang"]),
                ("kind", gold.get("kind") or "?"),
                ("lang-kind", f"{doc['lang']} {gold.get('kind')}"),
            ):
                counts[part]["n"] += 1
                counts[part]["ok"] += ok
            if not ok:
                near = [p for p in g.places.values() if within(p, gold)]
                cause = miss_cause(g, gold["mention"], gold, near)
                got = ", ".join(dict.fromkeys(p.id for p in places)) or "no match"
                misses[cause].append(
                    f"{doc['id'][:5]} {gold['mention']!r} = "
                    f"{gold['canonical_en']} ({gold.get('kind')}, "
                    f"{gold.get('coord_confidence')}) -> {got}"
                )
    return {
        "counts": counts,
        "misses": misses,
        "ms": spent * 1000 / max(resolutions, 1),
        "docs": len(docs),
        "places": len(g),
    }


def pct(c: Counter[str]) -> str:
    return f"{100 * c['ok'] / c['n']:.1f}% ({c['ok']}/{c['n']})" if c["n"] else "-"


def summary_line(r: dict[str, Any]) -> str:
    c = r["counts"]
    alone = c[("resolution alone", "ar")] + c[("resolution alone", "en")]
    return (
        f"{pct(c[('all', 'all')])} of the labelled place mentions within tolerance "
        f"(Arabic {pct(c[('lang', 'ar')])}, English {pct(c[('lang', 'en')])}; by "
        f"resolution alone, without the extractor's spans, {pct(alone)})"
    )


def markdown(r: dict[str, Any], corpus: Path) -> str:
    c = r["counts"]
    kinds = sorted(k for part, k in c if part == "kind")
    lines = [
        "# Geocoding scores (generated)",
        "",
        "Written by `python benchmarks/bench_geocoding.py --write`; do not edit by hand. "
        f"The {r['docs']} labelled articles of `{corpus.name}/`: every labelled place "
        "mention given the place the extractor gives its span, else resolved as the "
        "extractor resolves a name, and counted when within the tolerance of its label "
        "(high 3 km, approx 12 km, low 40 km, or inside the place's polygon); "
        f"{r['places']:,} places in the gazetteer. The rules were written while "
        "reading this set's misses: expect less on unseen articles.",
        "",
        f"Total: {summary_line(r)}.",
        "",
        "| kind | Arabic | English | both |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {k} | {pct(c[('lang-kind', f'ar {k}')])} | "
        f"{pct(c[('lang-kind', f'en {k}')])} | {pct(c[('kind', k)])} |"
        for k in kinds
    ]
    lines += [
        "",
        "Misses by cause: "
        + ", ".join(f"{cause} {len(items)}" for cause, items in sorted(r["misses"].items()))
        + ".",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    write = "--write" in argv
    args = [a for a in argv if a != "--write"]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus" / "dev"
    r = measure(corpus)
    c = r["counts"]
    print(f"geocoding: {summary_line(r)}")
    for part in ("kind", "lang-kind"):
        for (p, k), counter in sorted(c.items()):
            if p == part:
                print(f"  {k:24} {pct(counter)}")
    print(f"resolution: {r['ms']:.3f} ms per mention (mean, in the extractor's way)")
    for cause, items in sorted(r["misses"].items()):
        print(f"\nmisses, {cause} ({len(items)}):")
        for item in items:
            print(f"  {item}")
    if write:
        out = ROOT / "docs" / "geocoding-scores.md"
        out.write_text(markdown(r, corpus), encoding="utf-8")
        line = (
            f"Geocoding of the labelled place mentions ({r['docs']} dev articles): "
            f"{summary_line(r)}, per kind in [docs/geocoding-scores.md]"
            "(docs/geocoding-scores.md)."
        )
        write_readme_block("geocoding", line)
        print(f"\nwrote {out} and the README's geocoding line")


if __name__ == "__main__":
    main(sys.argv[1:])
