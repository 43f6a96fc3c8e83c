"""Actors and the words that name them, aware of time.

«السلطات السورية» named the Assad government until 8 December 2024 and the transitional
government after it; `resolve_actor` takes the date of the text and picks the actor whose
validity covers it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .model import Actor
from .normalize import name_key


class ActorLexicon:
    """Every alias of every actor, by matching key."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors = {a.id: a for a in actors}
        self._by_key: dict[str, list[Actor]] = {}
        for actor in self.actors.values():
            for text in (actor.name_en, actor.name_ar, *(n.text for n in actor.aliases)):
                bucket = self._by_key.setdefault(name_key(text), [])
                if actor not in bucket:
                    bucket.append(actor)

    def keys(self) -> list[str]:
        return list(self._by_key)

    def resolve(self, text: str, day: dt.date | None = None) -> Actor | None:
        """The actor a name means on `day` (today's meaning when no day is given)."""
        candidates = self._by_key.get(name_key(text), [])
        if day is not None:
            active = [a for a in candidates if a.active_on(day)]
            candidates = active or candidates
        elif len(candidates) > 1:
            candidates = [a for a in candidates if a.valid_to is None] or candidates
        return candidates[0] if candidates else None
