"""The audit log on the Edit page: the changes (newest first) and the records each changed,
with the changed fields before and after. The tables are built purely (tested without
Streamlit); `audit_log` draws them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from geodata.store import AuditEntry, Change

from . import i18n, session
from .i18n import t

AUDIT_LIMIT = 200
SHOWN_CHARS = 400


# -- pure: the audit log -----------------------------------------------------------------------


def _shown(value: Any) -> Any:
    if isinstance(value, dict) and "type" in value and "coordinates" in value:
        return f"<{value['type']}>"  # a geometry: its type says enough here
    return value


def changed_fields(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[str]:
    before, after = before or {}, after or {}
    return sorted(k for k in {*before, *after} if before.get(k) != after.get(k))


def _compact(doc: Mapping[str, Any] | None, keys: Sequence[str]) -> str:
    if doc is None:
        return ""
    text = json.dumps({k: _shown(doc[k]) for k in keys if k in doc}, ensure_ascii=False, default=str)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def audit_frame(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    """Who changed which record when, and the changed fields before and after."""
    rows = []
    for a in entries:
        keys = changed_fields(a.before, a.after)
        rows.append(
            {
                "change": a.change_id,
                "when": a.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                "who": a.user,
                "action": a.action,
                "table": a.table,
                "record": a.record_id,
                "fields": ", ".join(keys),
                "before": _compact(a.before, keys),
                "after": _compact(a.after, keys),
            }
        )
    return pd.DataFrame(
        rows, columns=["change", "when", "who", "action", "table", "record", "fields", "before", "after"]
    )


def history_frame(changes: Sequence[Change], lang: str = i18n.DEFAULT) -> pd.DataFrame:
    """The changes: who made which when, what it did, and whether it was undone (or undoes)."""
    rows = [
        {
            "change": c.id,
            "when": c.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            "who": c.user,
            "what": c.summary,
            "state": (
                i18n.text(lang, "audit.undone_by", change=c.undone_by)
                if c.undone_by
                else i18n.text(lang, "audit.undoes", change=c.undoes)
                if c.undoes
                else ""
            ),
        }
        for c in changes
    ]
    return pd.DataFrame(rows, columns=["change", "when", "who", "what", "state"])


# -- the audit log -----------------------------------------------------------------------------


def headers(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """The columns' headers in `lang` (the change's number is "audit.change": the change view's
    "change" is a change of area)."""
    return {
        c: i18n.text(lang, "audit.change" if c == "change" else i18n.column_key(c)) for c in frame.columns
    }


def audit_log() -> None:
    store, lang = session.store(), i18n.current()
    history = history_frame(store.history(50), lang)
    records = audit_frame(store.audit_log(AUDIT_LIMIT))
    if lang != i18n.DEFAULT:
        history = history.rename(columns=headers(history, lang))
        records = records.rename(columns=headers(records, lang))
    st.markdown(t("audit.changes"))
    st.dataframe(history, hide_index=True, width="stretch", key="history_table")
    st.markdown(t("audit.records"))
    st.dataframe(
        records,
        hide_index=True,
        width="stretch",
        key="audit_table",
        height=420,
    )
