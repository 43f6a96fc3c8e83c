"""How fast the gazetteer resolves a mention, at the shipped scale (curated places over OCHA's
units and neighbourhoods and ~8,000 communities: some 8,800 places and 16,000 name keys).

Mentions: every name of every place, as written (all their variants, both scripts); the same
names misspelt by one letter (the fuzzy path); words that name nothing ("xyzzy": the path that
must end in "no match"); and names in the context of a sentence (the path the extractor takes).
Also: building the gazetteer (once per dataset load) and finding mentions in a paragraph.

Run: `python benchmarks/bench_gazetteer.py [N]` (N mentions per kind, default 5,000). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from geodata.dataset import DATA_DIR, load_dataset
from geodata.gazetteer import Gazetteer
from geodata.reference import reference_places

CONTEXT = "قصفت القوات التركية قرى في ريف تل تمر شمال غرب مدينة الحسكة، بحسب مصادر محلية."
PARAGRAPH = (
    CONTEXT + " وقال مسؤول في الإدارة الذاتية إن قوات سوريا الديمقراطية ردت على مصادر "
    "النيران قرب رأس العين وعين عيسى، فيما وصلت تعزيزات إلى القامشلي ومطارها. "
    "Turkish drones struck near Tal Tamr and Ain Issa; the SDF said the road to "
    "Hasakah and Qamishli stayed open."
) * 3


def timed(fn: Callable[[str], object], mentions: Sequence[str]) -> tuple[float, float, float]:
    """Mean and 99th-percentile wall milliseconds per mention, and the mean CPU milliseconds
    of this process (what a shared, loaded machine does not inflate)."""
    times = []
    cpu0 = time.process_time()
    for m in mentions:
        t0 = time.perf_counter()
        fn(m)
        times.append(time.perf_counter() - t0)
    cpu = (time.process_time() - cpu0) / max(len(mentions), 1)
    times.sort()
    return statistics.fmean(times) * 1000, times[int(len(times) * 0.99)] * 1000, cpu * 1000


def misspelt(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1 :]


def main(n: int = 5000) -> None:
    ds = load_dataset()
    gaz = ds.gazetteer
    rng = random.Random(11)
    names = [text for p in gaz.places.values() for text in (p.name_en, p.name_ar, *(x.text for x in p.names))]
    sample = rng.sample(names, min(n, len(names)))
    curated = [gaz.places[i] for i in gaz.curated]
    fallback = reference_places(DATA_DIR)
    t0 = time.perf_counter()
    Gazetteer.build(curated, fallback)
    build_ms = (time.perf_counter() - t0) * 1000
    print(
        f"places: {len(gaz):,}, names: {len(names):,}, keys: {len(gaz._index):,}; "
        f"build {build_ms:.0f} ms (reference index cached)"
    )
    for label, fn, mentions in (
        ("every name as written", gaz.resolve, sample),
        ("misspelt by one letter (fuzzy)", gaz.resolve, [misspelt(s, rng) for s in sample]),
        ("nonsense (no match)", gaz.resolve, [f"xyz{rng.randrange(10**6)}q" for _ in sample]),
        ("in a sentence's context", lambda m: gaz.resolve(m, context=CONTEXT), sample),
    ):
        mean, p99, cpu = timed(fn, mentions)
        print(
            f"resolve, {label}: {mean:.3f} ms per mention (p99 {p99:.2f} ms; CPU {cpu:.3f} ms) "
            f"over {len(mentions):,}"
        )
    mean, _, cpu = timed(gaz.find_mentions, [PARAGRAPH] * 50)
    print(f"find_mentions in a {len(PARAGRAPH):,}-character paragraph: {mean:.2f} ms (CPU {cpu:.2f} ms)")
    print(
        f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
