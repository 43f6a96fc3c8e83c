"""The Import page's pieces that are not widgets: a progress bar fed by the core's
`progress(done, total)` callbacks, and the report of an import as a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from geodata.formats import EXTENSIONS, MAX_BYTES, ImportResult

UPLOAD_TYPES = sorted(ext.lstrip(".") for ext in EXTENSIONS)
MAX_MB = MAX_BYTES // (1024 * 1024)


def progress_to(bar: Any, verb: str) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback that moves `bar` (an st.progress), at most once per
    percent, so that a large file does not send thousands of updates to the browser."""
    shown = {"pct": -1}

    def progress(done: int, total: int) -> None:
        pct = 100 if total <= 0 else min(100, int(100 * done / total))
        if pct != shown["pct"]:
            shown["pct"] = pct
            bar.progress(pct / 100, text=f"{verb}: {done:,} of {total:,} record(s)")

    return progress


def rejects_frame(result: ImportResult) -> pd.DataFrame:
    """Every problem of every rejected record: which record, which field, why."""
    rows = [{"record": p.record, "field": p.field, "reason": p.reason} for p in result.rejected]
    return pd.DataFrame(rows, columns=["record", "field", "reason"])


def preview_frame(result: ImportResult, limit: int = 200) -> pd.DataFrame:
    """The first valid records: id and the fields that tell them apart."""
    rows = []
    for r in result.records[:limit]:
        row: dict[str, Any] = {"id": getattr(r, "id", "")}
        for name in ("name_en", "name_ar", "kind", "faction", "valid_from", "type", "date",
                     "actor", "target", "places"):
            if hasattr(r, name):
                value = getattr(r, name)
                row[name] = ", ".join(value) if isinstance(value, tuple) else (
                    "" if value is None else str(value))
        rows.append(row)
    return pd.DataFrame(rows)
