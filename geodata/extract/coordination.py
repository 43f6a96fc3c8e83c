"""Actors written as one coordinated group ("X and Y", «X و”Y”», "X, the Y, and Z"): each is
an actor of the event, or a polity joined to one. Shared by the role steps (`roles`) and the
pipeline's test for a country named as an actor; kept apart so `roles` stays one concept."""

from __future__ import annotations

import re

from .no_event_words import FORCES


def joined(gap: str) -> bool:
    """Two actors written as one coordinated group: "X and Y", «X و”Y”», "X, the Y, and Z";
    the first named by an adjective before the word for its forces ("Turkish forces and the
    SNA", "the Russian army and the Syrian army": the mention is the adjective)."""
    if not re.search(r"(?:^|\s|[”“\"'])(?:و|and|&)(?:\s|$|[”“\"'])|[,،\-–]", gap):
        return False
    words = re.sub(r"[”“\"',،\-–()]", " ", gap).split()
    while len(words) > 1 and words[0].lower() in FORCES:
        words = words[1:]
    return len(" ".join(words)) < 20 and all(w in {"و", "and", "&", "the"} for w in words)


def and_only(gap: str) -> bool:
    words = re.sub(r"[”“\"']", " ", gap).split()
    return (len(words) == 1 and words[0] in {"و", "and", "&"}) or (not words and gap.startswith("و"))
