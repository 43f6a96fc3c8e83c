"""The Import page's pieces that are not widgets: a progress bar fed by the core's
`progress(done, total)` callbacks, the summary line and the report of an import as a table, and
the places of an import that repeat places already held (`geodata.duplicates`), as a table and
resolved by the editor's choice. Texts in the page's language (`lang`); the notes and the reasons
of rejected records are the core's, in English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from geodata import duplicates
from geodata.dataset import Dataset
from geodata.duplicates import Duplicate
from geodata.formats import EXTENSIONS, MAX_BYTES, ImportResult
from geodata.formats.limits import shown

from . import i18n

UPLOAD_TYPES = sorted(ext.lstrip(".") for ext in EXTENSIONS)
MAX_MB = MAX_BYTES // (1024 * 1024)


def progress_to(bar: Any, key: str, lang: str) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback that moves `bar` (an st.progress), at most once per
    percent, so that a large file does not send thousands of updates to the browser; its text
    is message `key` ("import.read_progress", "import.written_progress")."""
    last = {"pct": -1}

    def progress(done: int, total: int) -> None:
        pct = 100 if total <= 0 else min(100, int(100 * done / total))
        if pct != last["pct"]:
            last["pct"] = pct
            bar.progress(pct / 100, text=i18n.text(lang, key, done=f"{done:,}", total=f"{total:,}"))

    return progress


def summary(result: ImportResult, lang: str) -> str:
    """What was read, in one line: `result.summary()` (the core's, in English) said in `lang`."""
    line = i18n.text(
        lang,
        "import.summary",
        file=result.file,
        total=result.total,
        kind=i18n.text(lang, f"import.kind_{result.kind}"),
        format=result.format,
        valid=len(result.records),
        rejected=result.rejected_records,
    )
    if result.places:
        line += i18n.text(lang, "import.summary_places", n=len(result.places))
    if result.as_of:
        line += i18n.text(lang, "import.summary_as_of", date=result.as_of.isoformat())
    return shown(line)


def headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` with its column names in `lang` (the tables of rejects and duplicates)."""
    return frame.rename(columns={c: i18n.text(lang, i18n.column_key(c)) for c in frame.columns})


def rejects_frame(result: ImportResult) -> pd.DataFrame:
    """Every problem of every rejected record: which record, which field, why."""
    rows = [{"record": p.record, "field": p.field, "reason": p.reason} for p in result.rejected]
    return pd.DataFrame(rows, columns=["record", "field", "reason"])


def preview_frame(result: ImportResult, limit: int = 200) -> pd.DataFrame:
    """The first valid records: id and the fields that tell them apart."""
    rows = []
    for r in result.records[:limit]:
        row: dict[str, Any] = {"id": getattr(r, "id", "")}
        for name in (
            "name_en",
            "name_ar",
            "kind",
            "faction",
            "valid_from",
            "type",
            "date",
            "actor",
            "target",
            "places",
        ):
            if hasattr(r, name):
                value = getattr(r, name)
                row[name] = (
                    ", ".join(value) if isinstance(value, tuple) else ("" if value is None else str(value))
                )
        rows.append(row)
    return pd.DataFrame(rows)


DUPLICATE_CHOICES = (duplicates.MERGE, duplicates.SKIP, duplicates.ADD)  # import.duplicate_<choice>


def duplicates_in(result: ImportResult, ds: Dataset) -> list[Duplicate]:
    """The imported places that repeat a place of `ds` (none for zones and events)."""
    if result.kind != "places":
        return []
    return duplicates.find_duplicates(result.records, ds.gazetteer.places)


def duplicates_frame(found: list[Duplicate]) -> pd.DataFrame:
    """Each imported place beside the place it repeats: names, how alike, how far apart."""
    rows = [
        {
            "imported": f"{d.new.id}: {d.new.name_en} · {d.new.name_ar}",
            "already held": f"{d.existing.id}: {d.existing.name_en} · {d.existing.name_ar}",
            "names compared": f"{d.names[0]} ~ {d.names[1]}",
            "similarity": d.score,
            "km apart": d.km,
        }
        for d in found
    ]
    return pd.DataFrame(
        rows, columns=["imported", "already held", "names compared", "similarity", "km apart"]
    )


def resolved(result: ImportResult, found: list[Duplicate], choice: str) -> ImportResult:
    """The import with every duplicate merged, skipped or added, as `choice` says."""
    if not found:
        return result
    places = duplicates.resolve(result.records, found, {d.new.id: choice for d in found})
    return duplicates.with_places(result, places)
