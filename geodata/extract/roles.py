"""Who did what to whom: the actors a report names, and which of them is the actor and which
the target of an event.

- `ActorFinder` finds the aliases of the actor lexicon in running text (acronyms match case and
  all) and the nationality adjectives that name a state («الجانب التركي», "a Turkish attack"),
  and resolves each for the report's date; when two meanings of one alias are current, the one
  that began last wins («قوى الأمن الداخلي» after December 2024).
- `assign_roles` takes them from the trigger's clause: the agent of a passive ("by X", «من قبل
  X»); the subject of a participle («مطالباً إياها»: the sentence's subject); the agent of a
  verbal noun («انسحاب قوات النظام», "the withdrawal of the SDF"); «الأخيرة»/"the latter" (the
  last actor named before); else the subject before the verb (coordinated subjects are each an
  actor: «قوات الأسايش و”قسد”»), else, in Arabic, the subject after it (verb-subject order);
  the target is the next actor after the trigger, up to what the event governs. An actor right
  next to a reporting verb ("X said", «قال X») is a source, not the actor. An actor inside the
  trigger ("a potential Turkish attack") is its agent; "X announced an agreement with Y" makes
  X (a reporter too) and Y the parties.
- Helpers that `extraction` uses when no target is named: the holder of the place
  (`ActorFinder.holder`: "government-held", "held by X", «الخاضعة لسيطرة X», «التابعة لـ X»),
  the accuser («X تتهم Y بـ…», "X accused Y of …": Y acted on X), and the people of a besieged
  town or neighbourhood (`residents_of`: the actor "<place id>-residents", when one exists).
- `ActorFinder.era` dates an undated report by a name that only meant actors that have ceased
  ("Fourth Division": before December 2024).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from ..actors import ActorLexicon
from ..model import Actor, EventType
from ..normalize import arabic_key
from .phrases import PhraseIndex
from .segmenting import Span, Tok, first_token, tokens
from .toponyms import PlaceHit
from .triggers import REPEL, REPORTING, SYMMETRIC, TriggerHit

_COMPLEMENTIZER = re.compile(r"\b(?:that)\b|(?:^|\s)(?:أن|إن|بأن|ان|بان)(?:\s|$)|:")
_IYYA = {"اياها", "اياه", "اياهم", "اياهما"}
# Verbal nouns whose agent follows them («انسحاب قوات النظام», «محاصرة ومنع قوات النظام»).
_MASDAR = {"انسحاب", "محاصره", "حصار", "دخول", "مغادره", "قصف", "استهداف", "ارسال", "نشر", "منع",
           "قطع", "اغلاق", "هجوم", "اقتحام", "سيطره", "تطويق"}
_AGENT_FILLERS = {"مجموعات", "مجموعه", "عناصر", "مقاتلي", "مسلحي", "من", "وحدات", "قوات"}
# Nationality adjectives that name a state actor: «الجانب التركي», "a Turkish attack".
_ADJECTIVE_ACTORS = {
    "التركي": "تركيا", "التركيه": "تركيا", "تركي": "تركيا", "تركيه": "تركيا", "turkish": "Turkey",
    "الروسي": "روسيا", "الروسيه": "روسيا", "روسي": "روسيا", "روسيه": "روسيا", "russian": "Russia",
    "الامريكي": "الولايات المتحدة", "الامريكيه": "الولايات المتحدة", "الاميركي": "الولايات المتحدة",
    "american": "United States",
}
_LATTER = {"الاخيره", "الاخير", "latter"}
# The people of a place as a descriptive group: actor id "<place id>-residents".
RESIDENTS_SUFFIX = "-residents"
# Words naming people (not armed actors) as those an arrest falls on.
_PEOPLE = {"شبان", "الشبان", "شباب", "الشباب", "مدنيين", "المدنيين", "اهالي", "الاهالي", "سكان",
           "السكان", "مواطنين", "المواطنين", "civilians", "residents", "people", "youths"}
# «الخاضعة لسيطرة X», «التابعة للإدارة الذاتية», "areas held by X": X holds the place.
_HOLDER_AR = ("الخاضعه لسيطره", "الخاضع لسيطره", "الخاضعه لسلطه", "تحت سيطره", "التابعين",
              "التابعه", "التابع", "التابعتين")
_HOLDER_EN = re.compile(r"(?:held|controlled|run)\s+by\s+(?:the\s+)?$", re.I)
# "government-held areas", "SDF-controlled": the word before the hyphen holds the place.
_HELD = re.compile(r"\b([A-Za-z][\w.]*)[-–](?:held|controlled|run)\b")
_HELD_WORDS = {"government": "government forces", "regime": "regime"}


_ACCUSE_AR = {"اتهم", "اتهمت", "تتهم", "يتهم", "اتهموا", "تتهمان", "اتهام", "اتهامات", "باتهام"}
_ACCUSE_EN = re.compile(r"\baccus(?:e|es|ed|ing|ation|ations)\b", re.I)


def accuser(text: str, h: TriggerHit, sent: Span, actors: Sequence[ActorHit]) -> str | None:
    """«X تتهم Y بدخول المدينة», "X accused Y of shelling": the accused acts on the accuser,
    the actor named just before the accusation (a reporter too)."""
    head = text[sent.start : h.start]
    at, verb_end = None, None
    m = _ACCUSE_EN.search(head)
    if m:
        at = sent.start + m.start()
    else:
        for w in re.finditer(r"\S+", head):
            key = arabic_key(w.group())
            key = key[1:] if key[:1] == "و" and key[1:] in _ACCUSE_AR else key
            if key in _ACCUSE_AR:
                at = sent.start + w.start()
                if not key.startswith(("اتهام", "باتهام")):  # a verb: «اتهمت قسد الجيش»
                    verb_end = sent.start + w.end()
                break
    if at is None:
        return None
    before = [a for a in actors if sent.start <= a.start and a.end <= at]
    if before:
        return before[-1].actor.id
    if verb_end is not None:  # verb-subject order: the accuser follows the verb, then the accused
        after = [a for a in actors if verb_end <= a.start < h.start]
        if len(after) >= 2 and not text[verb_end : after[0].start].strip():
            return after[0].actor.id
    return None


def residents_of(place_id: str) -> str:
    return f"{place_id}{RESIDENTS_SUFFIX}"


def is_residents(actor_id: str | None) -> bool:
    return bool(actor_id) and actor_id.endswith(RESIDENTS_SUFFIX)


def names_people(text: str) -> bool:
    """Whether `text` names people rather than forces («العشرات من الشبان», "civilians")."""
    words = {arabic_key(w) for w in text.split()} | {w.lower().strip(",.;") for w in text.split()}
    words |= {w[1:] for w in words if w[:1] in "وبل"}
    return bool(words & _PEOPLE)
_AGENT_AR = ("من قبل", "بقياده")
_AGENT_EN = {"by"}
# English nouns whose "of X" is the one acted on, not the agent ("the shelling of X").
_OBJECT_OF = {"shelling", "bombardment", "bombing", "targeting", "encirclement", "siege",
              "blockade", "arrest", "arrests", "detention", "capture"}
_WITH = re.compile(r"(?:\bwith|(?:^|\s)مع)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    text: str
    actor: Actor



@dataclass(frozen=True)
class Roles:
    actors: tuple[str | None, ...]  # one event per actor of coordinated subjects
    target: str | None
    in_clause: bool  # found in the trigger's clause (not guessed from the sentence)



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
        return sorted(out, key=lambda a: a.start)

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
        ends = []
        for h in hits:
            cands = self._actors_by_alias.get(PhraseIndex.key(h.text)) or [h.actor]
            if all(a.valid_to is not None for a in cands):
                ends.append(min(a.valid_to for a in cands))
        return min(ends) - dt.timedelta(days=1) if ends else None

    def holder(self, text: str, start: int, end: int, day: dt.date | None,
               actors: Sequence[ActorHit]) -> str | None:
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
            if words and (words[-1] in _HOLDER_AR or tail in _HOLDER_AR or any(
                    tail.endswith(w) for w in _HOLDER_AR if " " in w)):
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

    def _adjective_actors(self, text: str, day: dt.date | None,
                          found: Sequence[ActorHit]) -> list[ActorHit]:
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


def assign_roles(toks: Sequence[Tok], text: str, h: TriggerHit, clause: Span, seg: Span,
           sent: Span, actors: Sequence[ActorHit], etype: EventType, *,
           first_in_clause: bool, object_at: int = 10**9, sources: set[int] = frozenset(),
           prior: ActorHit | None = None) -> Roles:
    """Actor(s) and target of a trigger, from its clause (see the module doc)."""
    """`actors` are those of the sentence; `sources` the starts of those that report rather
    than act; `prior` the last actor named before the sentence (for «الأخيرة»)."""
    reporters = [a for a in actors if a.start in sources]
    usable = [a for a in actors if a.start not in sources]
    in_clause = [a for a in usable if clause.start <= a.start < clause.end]
    any_in_clause = bool(in_clause) or any(clause.start <= a.start < clause.end for a in reporters)
    if not in_clause:
        # «أعلنت السلطات رفع الحصار» (X announced lifting): X acts after all; but not in
        # "X said that Y ..." unless the event is X's too ("X announced that an agreement
        # was reached with Y").
        reported = [a for a in reporters if clause.start <= a.start < clause.end
                    and _COMPLEMENTIZER.search(text[a.end : h.start])]
        if etype == EventType.CLASH and reported and not any(
                clause.start <= a.start < clause.end for a in usable):
            # "X reported that the shelling ...": a side reports the fighting it suffers
            return Roles((None,), reported[0].actor.id, True)
        in_clause = [a for a in reporters if clause.start <= a.start < clause.end and (
            etype in SYMMETRIC or not _COMPLEMENTIZER.search(text[a.end : h.start]))]
    if _relative(toks, clause):  # ", who have been resisting attacks": the one before
        prev = [a for a in usable if a.end <= clause.start and sent.start <= a.start]
        in_clause = prev[-1:] + in_clause
        any_in_clause = any_in_clause or bool(prev)
    lower = clause.start if first_in_clause else seg.start
    if in_clause and in_clause[0].start < clause.start:
        lower = min(lower, in_clause[0].start)
    before = [a for a in in_clause if lower <= a.start and a.end <= h.start]
    after = [a for a in in_clause if a.start >= h.start and a.start < min(seg.end, object_at)]
    inside = [a for a in after if a.end <= h.end]
    if inside and etype not in SYMMETRIC:  # "a potential Turkish attack": the agent
        target = next((a.actor.id for a in after if a.start >= h.end
                       and a.actor.id != inside[0].actor.id), None)
        return Roles((inside[0].actor.id,), target, True)
    if etype in SYMMETRIC and not before and after and _WITH.search(
            text[max(h.end, after[0].start - 12) : after[0].start]):
        # "X announced that an agreement was reached with Y": X, the sentence's subject
        # (a reporter too), is the first party and Y the second.
        other = after[0].actor.id
        first = next((a.actor.id for a in actors if sent.start <= a.start and a.end <= h.start
                      and a.actor.id != other), None)
        if first is not None:
            return Roles((first,), other, True)
    roles = _roles_from(toks, text, h, clause, seg, sent, usable, in_clause, before, after,
                             etype, prior)
    if etype == EventType.CLASH and any(set(t.forms) & REPEL
                                        for t in toks[max(0, h.first - 3) : h.first]):
        roles = Roles((None,), roles.actors[0], roles.in_clause)  # "X repelling attacks"
    return replace(roles, in_clause=roles.in_clause or any_in_clause)

def _roles_from(toks: Sequence[Tok], text: str, h: TriggerHit, clause: Span,
                seg: Span, sent: Span, usable: Sequence[ActorHit], in_clause: list[ActorHit],
                before: list[ActorHit], after: list[ActorHit], etype: EventType,
                prior: ActorHit | None = None) -> Roles:
    # "the withdrawal of the SDF", "attacks by the SNA": the agent follows the noun.
    nxt = toks[h.last + 1] if h.last + 1 < len(toks) else None
    if (not toks[h.first].arabic and nxt is not None and nxt.norm == "of" and (
            etype in (EventType.BLOCKADE, EventType.ARREST) or toks[h.last].norm in _OBJECT_OF)):
        # "the siege of the SDF (by Y)", "the shelling of SNA positions": "of" names the one
        # it falls on; the agent is "by Y" after it, else the subject before.
        obj = next((a for a in after if a.start > h.end and a.start - h.end < 12), None)
        if obj is not None:
            by = next((a for a in after if a.start > obj.end and re.search(
                r"\bby\s+(?:the\s+)?$", text[max(obj.end, a.start - 9) : a.start])), None)
            actor = by.actor.id if by else (before[-1].actor.id if before else None)
            return Roles((actor,), obj.actor.id, True)
    if not toks[h.first].arabic and nxt is not None and nxt.norm in {"of", "by"}:
        agent = next((a for a in after if a.start > h.end and a.start - h.end < 12), None)
        if agent is not None:
            return Roles((agent.actor.id,), before[-1].actor.id if before else None, True)
    # «أثناء مغادرتهم المدينة»: a verbal noun with a pronoun names its agent; those after
    # it are others.
    first_tok = toks[h.first]
    if (first_tok.arabic and h.first == h.last and first_tok.norm not in _IYYA
            and re.search("(?:تهم|تها|ته|هم|ها)$", first_tok.norm)):
        return Roles((before[-1].actor.id if before else None,),
                      after[0].actor.id if after else None, True)
    # «انسحاب مجموعات من قسد»: the agent of a verbal noun follows it.
    if toks[h.first].forms[-1].removeprefix("ال") in _MASDAR or toks[h.first].norm in _MASDAR:
        k, j = 0, h.last + 1
        while j < len(toks) and k < 3 and toks[j].start < seg.end:
            agent = next((a for a in after if a.start == toks[j].start), None)
            if agent is not None:
                others = [a.actor.id for a in after
                          if a.start > agent.start and a.actor.id != agent.actor.id]
                target = before[-1].actor.id if before else (others[0] if others else None)
                return Roles((agent.actor.id,), target, True)
            if not (set(toks[j].forms) & _AGENT_FILLERS):
                break
            j, k = j + 1, k + 1
    # «مطالباً إياها ب...»: a participle whose subject is the sentence's subject.
    nxt = toks[h.last + 1] if h.last + 1 < len(toks) else None
    if nxt is not None and nxt.norm in _IYYA:
        sent_before = [a for a in usable if sent.start <= a.start and a.end <= h.start]
        if sent_before:
            actor = sent_before[0].actor.id
            target = next((a.actor.id for a in reversed(sent_before) if a.actor.id != actor), None)
            return Roles((actor,), target, True)
    # The agent of a passive: "by X", «من قبل X», when no subject precedes the trigger.
    for a in [] if before else after:
        pre = text[max(clause.start, a.start - 9) : a.start]
        pre_words = pre.split()
        if (pre_words and pre_words[-1].lower() in _AGENT_EN) or any(
                arabic_key(pre).endswith(arabic_key(w)) for w in _AGENT_AR):
            others = [b for b in in_clause if b is not a and b.actor.id != a.actor.id]
            return Roles((a.actor.id,), others[0].actor.id if others else None, True)
    latter = _latter(text, h, clause, usable, prior)
    if latter:
        target = next((a.actor.id for a in after if a.actor.id != latter), None)
        return Roles((latter,), target, True)
    if before:
        k = len(before) - 1
        while k > 0 and joined(text[before[k - 1].end : before[k].start]):
            k -= 1  # «قوات الأسايش و”قسد” بقطع»: coordinated subjects
        group = list(dict.fromkeys(a.actor.id for a in before[k:]))
        # "the Russians, the SDF, and the Syrian government reached": across commas
        earlier = [a for a in usable if sent.start <= a.start and a.end <= before[k].start]
        first = before[k]
        while earlier and joined(text[earlier[-1].end : first.start]):
            first = earlier.pop()
            group.insert(0, first.actor.id)
        group = list(dict.fromkeys(group))
        if etype in SYMMETRIC:
            if len(group) > 1:
                return Roles((group[0],), group[1], True)
            target = next((a.actor.id for a in after if a.actor.id != group[0]), None)
            return Roles((group[0],), target, True)
        target = next((a.actor.id for a in after if a.actor.id not in group), None)
        return Roles(tuple(group), target, True)
    if after and not toks[h.first].arabic and etype not in SYMMETRIC:
        return Roles((None,), after[0].actor.id, True)  # English: subject before the verb
    if after:
        k = 0
        while k + 1 < len(after) and joined(text[after[k].end : after[k + 1].start]):
            k += 1
        group = list(dict.fromkeys(a.actor.id for a in after[: k + 1]))
        rest = [a.actor.id for a in after[k + 1 :] if a.actor.id not in group]
        if etype in SYMMETRIC and len(group) > 1:
            return Roles((group[0],), group[1], True)
        return Roles(tuple(group) if etype not in SYMMETRIC else (group[0],),
                      rest[0] if rest else None, True)
    # Nothing in the clause: the subject of the sentence, before the trigger.
    sent_before = [a for a in usable if sent.start <= a.start and a.end <= h.start]
    if sent_before:
        return Roles((sent_before[0].actor.id,), None, False)
    return Roles((None,), None, False)

def _latter(text: str, h: TriggerHit, clause: Span, actors: Sequence[ActorHit],
            prior: ActorHit | None = None) -> str | None:
    """«لوحت الأخيرة» / "the latter": the last actor named before."""
    window = text[clause.start : min(clause.end, h.end + 25)]
    words = {arabic_key(w) for w in window.split()} | {w.lower() for w in window.split()}
    words |= {w[1:] for w in words if w.startswith(("و", "ف"))}
    if not words & _LATTER:
        return None
    before = [a for a in actors if a.end <= h.start]
    if before:
        return before[-1].actor.id
    return prior.actor.id if prior else None


def _relative(toks: Sequence[Tok], clause: Span) -> bool:
    i = first_token(toks, clause.start)
    return i < len(toks) and toks[i].norm in {"who", "which", "الذي", "التي", "الذين"}


def is_source(toks: Sequence[Tok], text: str, a: ActorHit) -> bool:
    """An actor next to a reporting verb ("X said", «قال X», «وجهت X اتهامات») is a source."""
    end = a.end
    paren = re.match(r"^\s*\([^)]{1,12}\)", text[end : end + 16])
    if paren:
        end += paren.end()  # "Syrian Democratic Forces (SDF) confirmed"
    i = first_token(toks, end)
    j = first_token(toks, a.start)
    after = toks[i : i + 1]
    before = toks[j - 1 : j] if j else []
    return any(set(t.forms) & REPORTING for t in [*after, *before])


def joined(gap: str) -> bool:
    """Two actors written as one coordinated group: "X and Y", «X و”Y”», "X, the Y, and Z"."""
    if not re.search(r"(?:^|\s|[”“\"'])(?:و|and|&)(?:\s|$|[”“\"'])|[,،\-–]", gap):
        return False
    words = re.sub(r"[”“\"',،\-–()]", " ", gap).split()
    return len(gap) < 20 and all(w in {"و", "and", "&", "the"} for w in words)


def and_only(gap: str) -> bool:
    words = re.sub(r"[”“\"']", " ", gap).split()
    return (len(words) == 1 and words[0] in {"و", "and", "&"}) or (
        not words and gap.startswith("و"))


