"""The pieces of the "Add report" page that are not widgets: the evidence shown in its text, the
label of a draft, and turning an editor's decisions into the events to store. Pure functions,
tested without Streamlit."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from geodata.dataset import Dataset
from geodata.events import summary
from geodata.model import Event, EventType, ReviewStatus
from geodata.normalize import is_arabic

ACCEPT, EDIT, REJECT, LATER = "accept", "edit", "reject", "later"
DECISIONS = (ACCEPT, EDIT, REJECT, LATER)


def evidence_html(text: str, start: int, end: int, context: int = 160) -> str:
    """The words an event rests on, highlighted inside the sentences around them (escaped)."""
    start, end = max(0, start), min(len(text), end)
    a, b = max(0, start - context), min(len(text), end + context)
    before, quote, after = text[a:start], text[start:end], text[end:b]
    rtl = is_arabic(quote)
    return (
        f'<div dir="{"rtl" if rtl else "ltr"}" style="line-height:1.7">'
        f"{'…' if a else ''}{html.escape(before)}"
        f'<mark style="background:#ffe08a">{html.escape(quote)}</mark>'
        f"{html.escape(after)}{'…' if b < len(text) else ''}</div>"
    )


def label(ds: Dataset, event: Event, lang: str = "en", flag_words: Mapping[str, str] | None = None) -> str:
    """A draft's summary in `lang`, with its flags (`flag_words`: their words in `lang`)."""
    flags = [
        (flag_words or {}).get(f, f)
        for f, on in (
            ("historical", event.historical),
            ("implied", bool(event.note)),
            ("linked", bool(event.links)),
        )
        if on
    ]
    sep = "، " if lang == "ar" else ", "
    return summary(event, ds, lang) + (f" ({sep.join(flags)})" if flags else "")


def decide(
    drafts: Sequence[Event],
    decisions: Mapping[str, str],
    edits: Mapping[str, Mapping[str, Any]],
    *,
    keep_later: bool = False,
) -> list[Event]:
    """The drafts an editor decided on, as they are to be stored: accepted (with their edits
    applied) or rejected; those left for later are returned as drafts with `keep_later` (for
    the review queue), else not at all. Links to an event that is not stored are dropped, so
    that nothing points at a missing event."""
    out: list[Event] = []
    for e in drafts:
        choice = decisions.get(e.id, LATER)
        if choice == LATER:
            if keep_later:
                out.append(e.model_copy(update={"review": ReviewStatus.DRAFT}))
            continue
        if choice == REJECT:
            out.append(e.model_copy(update={"review": ReviewStatus.REJECTED}))
            continue
        change: dict[str, Any] = {"review": ReviewStatus.ACCEPTED}
        if choice == EDIT:
            fields = edits.get(e.id, {})
            if "type" in fields and fields["type"] != e.type:
                change["type"], change["cameo"] = EventType(fields["type"]), ""
            if "place" in fields:
                change["places"] = (fields["place"],) if fields["place"] else ()
            for key in ("actor", "target"):
                if key in fields:
                    change[key] = fields[key] or None
        out.append(Event.model_validate({**e.model_dump(), **change}))
    kept = {e.id for e in out}
    return [
        e.model_copy(update={"links": tuple(link for link in e.links if link.event in kept)}) for e in out
    ]
