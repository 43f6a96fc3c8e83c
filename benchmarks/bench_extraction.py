"""How fast the extractor reads a report: one 2,000-character article after warm-up (goals: a
median of at most 50 ms and a 95th percentile of at most 100 ms), and articles per second over
the labelled dev corpus when it is beside this checkout (../shared/corpus/dev; it is read at
run time, never copied).

Run: `python benchmarks/bench_extraction.py [ROUNDS]`. Prints figures; asserts nothing.
The article is the project's own text, written for this benchmark."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

from report import Report

from geodata.dataset import load_dataset
from geodata.extract import Extractor

PARAGRAPHS = [
    "قوات الأسايش تفرض طوقاً أمنياً حول المربع الأمني في مدينة الحسكة",
    "أفادت مصادر محلية أن قوات الأسايش فرضت اليوم طوقاً أمنياً حول المربع الأمني في مدينة "
    "الحسكة، ومنعت دخول الشاحنات إلى الحي، في حين لم تسجل أي اشتباكات بين الطرفين.",
    "وطالبت الإدارة الذاتية الحكومة السورية بفك الحصار عن حي الشيخ مقصود بمدينة حلب مقابل "
    "فك الحصار عن المربعين الأمنيين بمدينتي الحسكة والقامشلي.",
    "ومن جانبها هددت الحكومة السورية بقطع الرواتب عن الموظفين في القامشلي إذا استمر الحصار، "
    "فيما عقد اجتماع بين ضباط روس وقيادات من قسد في مطار القامشلي برعاية روسية.",
    "وكانت مفاوضات سابقة بين الطرفين في عام 2019 قد انتهت باتفاق على انسحاب القوات من منبج.",
    "ونفى مسؤول في قسد صحة الأنباء عن اعتقال عناصر من الجيش في الحسكة، مؤكداً أن الطرق "
    "إلى المربع الأمني لا تزال مغلقة أمام حركة السيارات.",
    "وذكر مراسل قناة الجزيرة أن وفداً من وجهاء عين العرب التقى بمسؤولين من التحالف الدولي "
    "في بلدة عين عيسى بريف الرقة الشمالي لبحث التهدئة.",
    "ودعت منظمات محلية إلى رفع الحصار عن حي الأشرفية وإدخال الطحين والمحروقات إلى الأهالي، "
    "بينما تواصل حواجز الفرقة الرابعة منع دخول المواد الغذائية إلى الحي منذ أسابيع.",
    "وفي ريف حلب الشمالي اندلعت اشتباكات بين فصائل الجيش الوطني وقوات سوريا الديمقراطية "
    "قرب تل رفعت، وقصفت المدفعية التركية قرى في منطقة الشهباء.",
]


def article(chars: int = 2000, variant: int = 0) -> str:
    """About `chars` characters of the paragraphs above; each variant starts at another
    paragraph, so that no cache sees the same text twice."""
    text, i = f"({variant})\n", variant
    while len(text) < chars:
        text += PARAGRAPHS[i % len(PARAGRAPHS)] + "\n"
        i += 1
    return text[:chars]


def main(rounds: int = 50) -> None:
    report = Report("bench-extraction", "benchmarks/bench_extraction.py", "Extraction speed benchmark")
    t0 = time.perf_counter()
    extractor = Extractor.from_dataset(load_dataset())
    text = article()
    extractor.extract(text, published=dt.date(2021, 1, 20))  # warm-up: indexes, caches, lemmas
    print(f"set-up (data + first extraction): {time.perf_counter() - t0:.2f} s")
    times, cpu = [], []
    for k in range(rounds):
        text = article(variant=k + 1)  # a text not seen before: caches do not help
        t0, c0 = time.perf_counter(), time.process_time()
        result = extractor.extract(text, published=dt.date(2021, 1, 20))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    report.line(
        f"one {len(text):,}-character article: median {statistics.median(times) * 1000:.1f} ms, "
        f"95th percentile {p95 * 1000:.1f} ms, max {max(times) * 1000:.1f} ms over {rounds} runs "
        "(goals: median <= 50 ms, 95th percentile <= 100 ms); "
        f"{len(result.places)} place mentions, {len(result.events)} events"
    )
    cpu95 = statistics.quantiles(cpu, n=20, method="inclusive")[-1]
    report.line(
        f"CPU time (less sensitive to a shared machine): median "
        f"{statistics.median(cpu) * 1000:.1f} ms, 95th percentile {cpu95 * 1000:.1f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.json"))]
    if not docs:
        print(f"{corpus}: no dev corpus here; skipping articles per second")
        report.write()
        return
    t0 = time.perf_counter()
    for doc in docs:  # one pass: each text is new to the caches
        extractor.extract(doc["text"], lang=doc.get("lang"))
    elapsed = time.perf_counter() - t0
    n = len(docs)
    chars = sum(len(d["text"]) for d in docs)
    report.line(
        f"dev corpus: {n} articles in {elapsed:.2f} s = {n / elapsed:.0f} articles/s "
        f"({chars / elapsed / 1000:.0f}k characters/s)."
    )
    report.write()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
