"""A whole corpus scored (`evaluate`), and its report as text, misses by cause, or Markdown
tables (what `zonemap eval` prints and benchmarks/eval_table.py writes to
docs/extraction-scores.md). Scoring one article is `evaluation.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .evaluation import WHAT, ArticleResult, Score, score_article
from .pipeline import Extractor


@dataclass
class Report:
    articles: list[ArticleResult]

    def totals(self) -> dict[str, dict[str, Score]]:
        """lang -> what (places, events, historical, actors) -> score."""
        out: dict[str, dict[str, Score]] = {}
        for r in self.articles:
            t = out.setdefault(r.lang, {k: Score() for k in WHAT})
            for what in WHAT:
                t[what] += getattr(r, what)
        return out

    def breakdown(self) -> dict[str, dict[str, dict[str, Score]]]:
        """lang -> what -> event type, place kind or role -> score."""
        out: dict[str, dict[str, dict[str, Score]]] = {}
        for r in self.articles:
            lang = out.setdefault(r.lang, {})
            for what, parts in r.parts.items():
                for part, score in parts.items():
                    lang.setdefault(what, {}).setdefault(part, Score()).__iadd__(score)
        return out

    def misses_by_cause(self) -> dict[str, dict[str, list[str]]]:
        """ "event FN" ... -> cause -> the misses ("article: what"), most frequent cause first."""
        out: dict[str, dict[str, list[str]]] = {}
        for r in self.articles:
            for m in r.miss_list:
                out.setdefault(m.kind, {}).setdefault(m.cause, []).append(f"{r.id}: {m.what}")
        return {
            kind: dict(sorted(causes.items(), key=lambda kv: -len(kv[1])))
            for kind, causes in sorted(out.items())
        }

    def as_dict(self) -> dict[str, Any]:
        parts = self.breakdown()
        return {
            lang: {
                **{k: s.as_dict() for k, s in scores.items()},
                "by": {
                    what: {part: s.as_dict() for part, s in sorted(p.items())}
                    for what, p in sorted(parts.get(lang, {}).items())
                },
            }
            for lang, scores in sorted(self.totals().items())
        }


def evaluate(docs: Sequence[dict[str, Any]], extractor: Extractor) -> Report:
    results = []
    for doc in docs:
        published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
        extraction = extractor.extract(doc["text"], lang=doc.get("lang"), published=published)
        results.append(score_article(doc, extraction, extractor))
    return Report(results)


def format_report(report: Report, *, details: bool = True) -> str:
    """The figures as a plain-text table: per language, then (`details`) per event type and
    per place kind."""
    lines = [f"{'lang':<5}{'what':<22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]

    def row(lang: str, what: str, s: Score) -> str:
        return (
            f"{lang:<5}{what:<22}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
        )

    parts = report.breakdown()
    for lang, scores in sorted(report.totals().items()):
        for what in WHAT:
            lines.append(row(lang, what, scores[what]))  # noqa: PERF401 (clearer as a loop)
        if not details:
            continue
        for what in ("events", "places"):
            for part, s in sorted(parts.get(lang, {}).get(what, {}).items()):
                lines.append(row(lang, f"  {what[:-1]} {part}", s))
    return "\n".join(lines)


def format_misses(report: Report) -> str:
    """Every miss, grouped by what was missed and why, most frequent cause first."""
    lines = []
    for kind, causes in report.misses_by_cause().items():
        total = sum(len(v) for v in causes.values())
        lines.append(f"\n{kind} ({total})")
        for cause, items in causes.items():
            lines.append(f"  {cause} ({len(items)})")
            lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)


def format_markdown(report: Report, *, source: str) -> str:
    """The figures as Markdown tables (what `benchmarks/eval_table.py` writes to
    docs/extraction-scores.md): per language, then per event type and per place kind.
    `source` says what was scored (the corpus directory, the number of articles)."""

    def cell(s: Score) -> str:
        return f"{s.f1:.3f} (P {s.precision:.3f}, R {s.recall:.3f}; {s.tp}/{s.fp}/{s.fn})"

    lines = [
        f"Scored: {source}. Each cell: F1 (precision, recall; true positives / false "
        "positives / false negatives), by the rules of `geodata/extract/evaluation.py`.",
        "",
        "| lang | places | events | historical events | actors |",
        "|---|---|---|---|---|",
    ]
    totals = report.totals()
    for lang, s in sorted(totals.items()):
        lines.append(f"| {lang} | {' | '.join(cell(s[w]) for w in WHAT)} |")
    parts = report.breakdown()
    for what, title in (("events", "event type"), ("places", "place kind")):
        lines += ["", f"Per {title}:", "", "| lang | " + title + " | F1 (P, R; tp/fp/fn) |", "|---|---|---|"]
        for lang in sorted(totals):
            for part, score in sorted(parts.get(lang, {}).get(what, {}).items()):
                lines.append(f"| {lang} | {part} | {cell(score)} |")
    return "\n".join(lines) + "\n"
