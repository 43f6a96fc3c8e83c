"""The actors a report names.

- `ActorFinder.find`: the aliases of the actor lexicon in running text (acronyms match case and
  all: "IS" is never the word "is") and the nationality adjectives that name a state
  («الجانب التركي», "a Turkish attack"), each resolved for the report's date; when two meanings
  of one alias are current, the one that began last wins («قوى الأمن الداخلي» after December
  2024). A name inside a place's name ("talks in Damascus") is the place's.
- `ActorFinder.era` dates an undated report by a name that only meant actors that have ceased
  ("Fourth Division": before December 2024).
- `ActorFinder.holder`: the actor said to hold a place ("government-held", "held by X",
  «الخاضعة لسيطرة X», «التابعة لـ X»), a siege's target when none is named.
- `residents_of`: the people of a place as a descriptive group, the actor "<place id>-residents".
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from ..actors import ActorLexicon
from ..model import Actor
from ..normalize import arabic_key
from .phrases import PhraseIndex
from .segmenting import tokens
from .toponyms import PlaceHit

# Nationality adjectives that name a state actor: «الجانب التركي», "a Turkish attack".
_ADJECTIVE_ACTORS = {
    "التركي": "تركيا",
    "التركيه": "تركيا",
    "تركي": "تركيا",
    "تركيه": "تركيا",
    "turkish": "Turkey",
    "الروسي": "روسيا",
    "الروسيه": "روسيا",
    "روسي": "روسيا",
    "روسيه": "روسيا",
    "russian": "Russia",
    "الامريكي": "الولايات المتحدة",
    "الامريكيه": "الولايات المتحدة",
    "الاميركي": "الولايات المتحدة",
    "american": "United States",
}
# The people of a place as a descriptive group: actor id "<place id>-residents".
RESIDENTS_SUFFIX = "-residents"
# «الخاضعة لسيطرة X», «التابعة للإدارة الذاتية», "areas held by X": X holds the place.
_HOLDER_AR = (
    "الخاضعه لسيطره",
    "الخاضع لسيطره",
    "الخاضعه لسلطه",
    "تحت سيطره",
    "التابعين",
    "التابعه",
    "التابع",
    "التابعتين",
)
_HOLDER_EN = re.compile(r"(?:held|controlled|run)\s+by\s+(?:the\s+)?$", re.I)
# "government-held areas", "SDF-controlled": the word before the hyphen holds the place.
_HELD = re.compile(r"\b([A-Za-z][\w.]*)[-–](?:held|controlled|run)\b")
_HELD_WORDS = {"government": "government forces", "regime": "regime"}
# Armed groups named by their patron: "armed groups aligned with Ankara", "factions loyal to
# Turkey", «الفصائل المسلحة الموالية لها» (after «القوات التركية»): the patron's proxies, the
# actor the lexicon calls «الفصائل الموالية لـ<patron>».
_PROXY_EN = re.compile(
    r"\b(?i:armed\s+)?(?i:groups|factions|militias)\s+(?:(?:aligned|allied)\s+with|loyal\s+to|"
    r"(?:backed|supported)\s+by|affiliated\s+with)\s+(?:the\s+)?([A-Z][\w’'-]+)"
)
_PROXY_AR = re.compile(
    r"(?:ال)?(?:فصائل|ميليشيات|مليشيات|مجموعات)(?:\s+(?:ال)?مسلحة)?\s+(?:ال)?(?:موالية|مدعومة)\s+"
    r"(?:من\s+)?(\S+?)(?=[\s،,.\"”]|$)"
)
_PROXY_OF = "الفصائل الموالية ل"
_PRONOUNS_AR = {"لها", "له", "لهم"}


def residents_of(place_id: str) -> str:
    return f"{place_id}{RESIDENTS_SUFFIX}"


def is_residents(actor_id: str | None) -> bool:
    return actor_id is not None and actor_id.endswith(RESIDENTS_SUFFIX)


# "the General Security Service of HTS", «جهاز الأمن العام التابع لهيئة تحرير الشام».
_OF_OWNER = re.compile(r"^\s+of\s+(?:the\s+)?$|^\s+(?:ال)?تابع[ةه]?\s+ل\S*\s*$")


def _owned(text: str, hits: list[ActorHit]) -> list[ActorHit]:
    """A body named as another actor's ("the General Security Service of HTS") is that
    actor's, whatever its own name means on the report's date; so is the same name elsewhere
    in the report (a headline's "General Security Service arrests ...")."""
    owners = {}
    for a, b in itertools.pairwise(hits):
        if a.actor.id != b.actor.id and _OF_OWNER.match(text[a.end : b.start]):
            owners[a.text.lower()] = b.actor
    return [replace(a, actor=owners[a.text.lower()]) if a.text.lower() in owners else a for a in hits]


@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    text: str
    actor: Actor


class ActorFinder:
    """The actors of a lexicon, found in running text. Build once; `find` is pure."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        self.actors = actors

    @cached_property
    def lexicon(self) -> ActorLexicon:
        return ActorLexicon(self.actors.values())

    @cached_property
    def actor_index(self) -> PhraseIndex[str]:
        phrases = []
        for a in self.actors.values():
            for text in (a.name_en, a.name_ar, *(n.text for n in a.aliases)):
                phrases.append((text, text))
                bare = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # "Syrian Democratic Forces (SDF)"
                if bare != text:
                    phrases.append((bare, bare))
        return PhraseIndex(phrases)

    def find(self, text: str, day: dt.date | None, places: Sequence[PlaceHit]) -> list[ActorHit]:
        """The actors named in `text`, as of `day`, sorted by position; names inside a place
        name ("talks in Damascus") are the place's."""
        out = []
        place_starts = [p.start for p in places]
        for f in self.actor_index.find(text):
            k = bisect_right(place_starts, f.start) - 1
            if k >= 0 and places[k].start <= f.start and f.end <= places[k].end:
                continue  # "talks in Damascus": the venue, not the government
            if re.match(r"^[-–](?:backed|led|affiliated|supported|aligned|held)", text[f.end : f.end + 12]):
                continue  # "US-backed": describes someone else
            actor = self._resolve_actor(f.value, day)
            if actor is not None:
                out.append(ActorHit(f.start, f.end, f.text, actor))
        out += self._adjective_actors(text, day, out)
        out = _owned(text, sorted(out, key=lambda a: a.start))
        proxies = self._proxy_actors(text, day, out)
        out = [a for a in out if not any(p.start <= a.start and a.end <= p.end for p in proxies)]
        return sorted(out + proxies, key=lambda a: a.start)

    def _proxy_actors(self, text: str, day: dt.date | None, found: Sequence[ActorHit]) -> list[ActorHit]:
        """Armed groups named by their patron ("groups aligned with Ankara", «الفصائل الموالية
        لها» after «القوات التركية»): the lexicon's «الفصائل الموالية لـ<patron>», when it has
        one. A pronoun patron is the actor named last before."""
        out: list[ActorHit] = []
        for m in [*_PROXY_EN.finditer(text), *_PROXY_AR.finditer(text)]:
            if any(a.start < m.start(1) and m.start() < a.end for a in found):
                continue  # a name of its own ("the SNA factions loyal to ...")
            word = m.group(1)
            if word in _PRONOUNS_AR:
                before = [a for a in found if a.end <= m.start() and m.start() - a.end < 80]
                patron = before[-1].actor if before else None
            else:
                bare = word[1:] if word.startswith("ل") and len(word) > 3 else word
                inside = [a for a in found if m.start(1) <= a.start < m.end()]
                patron = inside[0].actor if inside else self._resolve_actor(bare, day)
            if patron is None:
                continue
            proxy = self._resolve_actor(_PROXY_OF + patron.name_ar, day)
            if proxy is not None and proxy.id != patron.id:
                out.append(ActorHit(m.start(), m.end(), m.group(), proxy))
        return out

    @cached_property
    def _actors_by_alias(self) -> dict[str, list[Actor]]:
        out: dict[str, list[Actor]] = {}
        for a in self.actors.values():
            for text in (a.name_en, a.name_ar, *(n.text for n in a.aliases)):
                for t in {text, re.sub(r"\s*\([^)]*\)\s*$", "", text)}:
                    bucket = out.setdefault(PhraseIndex.key(t), [])
                    if a not in bucket:
                        bucket.append(a)
        return out

    def era(self, hits: Sequence[ActorHit]) -> dt.date | None:
        """For an undated report, a day its actors place it on: a name that only ever meant
        actors that have ceased to exist ("the Fourth Division", "Assad regime") dates the
        report before their end (the day before the earliest end)."""
        ends: list[dt.date] = []
        for h in hits:
            cands = self._actors_by_alias.get(PhraseIndex.key(h.text)) or [h.actor]
            valid_to = [a.valid_to for a in cands if a.valid_to is not None]
            if len(valid_to) == len(cands):
                ends.append(min(valid_to))
        return min(ends) - dt.timedelta(days=1) if ends else None

    def holder(
        self, text: str, start: int, end: int, day: dt.date | None, actors: Sequence[ActorHit]
    ) -> str | None:
        """The actor said to hold a place in `text[start:end]`: "government-held areas", "areas
        held by X", «المناطق الخاضعة لسيطرة X», «التابعة للإدارة الذاتية»."""
        m = _HELD.search(text, start, end)
        if m:
            word = m.group(1)
            for alias in (word, _HELD_WORDS.get(word.lower(), word)):
                if PhraseIndex.key(alias) in self._actors_by_alias:
                    actor = self._resolve_actor(alias, day)
                    if actor is not None:
                        return actor.id
        for a in actors:
            if not (start <= a.start < end):
                continue
            pre = text[max(start, a.start - 30) : a.start]
            if _HOLDER_EN.search(pre):
                return a.actor.id
            words = arabic_key(pre).split()
            # «التابعين للإدارة»: the «ل» of the holder is part of its hit
            tail = " ".join(words[-2:])
            if words and (
                words[-1] in _HOLDER_AR
                or tail in _HOLDER_AR
                or any(tail.endswith(w) for w in _HOLDER_AR if " " in w)
            ):
                return a.actor.id
        return None

    def _resolve_actor(self, alias: str, day: dt.date | None) -> Actor | None:
        """The actor an alias means on `day`. When two meanings are current, the one that began
        last wins: «قوى الأمن الداخلي» after December 2024 is the transitional government's
        police, not the Asayish."""
        cands = self._actors_by_alias.get(PhraseIndex.key(alias)) or []
        if not cands:
            return self.lexicon.resolve(alias, day)
        if day is not None:
            cands = [a for a in cands if a.active_on(day)] or cands
        else:
            cands = [a for a in cands if a.valid_to is None] or cands
        return max(cands, key=lambda a: a.valid_from or dt.date.min)

    def _adjective_actors(self, text: str, day: dt.date | None, found: Sequence[ActorHit]) -> list[ActorHit]:
        """«الجانب التركي», «جندي روسي», "a Turkish attack"; «الروسي والسوري» adds the Syrian
        government of the day."""
        out: list[ActorHit] = []
        toks = tokens(text)
        found_starts = [a.start for a in found]
        for i, t in enumerate(toks):
            k = bisect_right(found_starts, t.start) - 1
            if k >= 0 and found[k].start <= t.start < found[k].end:
                continue
            key = t.norm
            alias = _ADJECTIVE_ACTORS.get(key)
            start = t.start
            joined = bool(out) and i > 0 and out[-1].end >= toks[i - 1].start
            if alias is None and t.arabic and key.startswith("و") and joined:
                start += 1  # «الروسي والسوري»: the «و» joins, it is not part of the name
                if key[1:] in {"السوري", "السوريه"}:
                    alias = "الحكومة السورية"
                else:
                    alias = _ADJECTIVE_ACTORS.get(key[1:])
            if alias is None:
                continue
            if re.match(r"^[-–](?:backed|affiliated|led|supported)", text[t.end : t.end + 12]):
                continue
            actor = self._resolve_actor(alias, day)
            if actor is not None:
                out.append(ActorHit(start, t.end, text[start : t.end], actor))
        return out
