"""Generated one-line summaries of events, in English and Arabic, grammatical in both.

Summaries are generated from the structured fields (never stored), so that an edit to an
event's actor or object cannot leave a stale sentence behind. The language data (verbs in each
form, what makes an actor plural or feminine) lives here, in the core, not in the dashboard:
the CLI prints the same sentences.

Agreement with the actor, who comes first (subject-verb order):

- English: the third person singular ("Syrian Democratic Forces (SDF) demands"; an
  organisation's name takes a singular verb), the plural when the name's head is a plural of
  people ("Qamishli residents demand", "Iran and Iranian-backed militias threaten").
- Arabic: after its subject a verb agrees in gender and number. Masculine singular
  («الجيش الوطني السوري يطالب»); feminine singular for a feminine noun, a state, or a plural of
  things or groups («قوات سوريا الديمقراطية تطالب»، «تركيا تهدد»); masculine plural for a
  plural of people («أهالي القامشلي يطالبون»).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING

from .model import Event, EventType

if TYPE_CHECKING:
    from .dataset import Dataset

FSI, PDI = "\u2068", "\u2069"  # a date isolated inside Arabic text keeps its own direction


class Agreement(Enum):
    MASCULINE = "m"
    FEMININE = "f"
    PLURAL = "pl"  # a plural of people


# (singular, plural) English verbs; {target} and {object} are filled in.
_VERB_EN: dict[EventType, tuple[str, str]] = {
    EventType.DEMAND: ("demands that {target} {object}", "demand that {target} {object}"),
    EventType.BLOCKADE: ("blockades {target}: {object}", "blockade {target}: {object}"),
    EventType.LIFT_BLOCKADE: ("lifts a blockade: {object}", "lift a blockade: {object}"),
    EventType.MEETING: ("meets {target}: {object}", "meet {target}: {object}"),
    EventType.THREAT: ("threatens {target} with {object}", "threaten {target} with {object}"),
    EventType.ARREST: ("arrests: {object}", "arrest: {object}"),
    EventType.CLASH: ("clashes with {target}: {object}", "clash with {target}: {object}"),
    EventType.AGREEMENT: ("agrees with {target}: {object}", "agree with {target}: {object}"),
    EventType.OTHER: ("{object}", "{object}"),
}

# Arabic verbs: masculine singular, feminine singular, masculine plural.
_VERB_AR: dict[EventType, tuple[str, str, str]] = {
    EventType.DEMAND: (
        "يطالب {target} بـ{object}",
        "تطالب {target} بـ{object}",
        "يطالبون {target} بـ{object}",
    ),
    EventType.BLOCKADE: (
        "يحاصر {target}: {object}",
        "تحاصر {target}: {object}",
        "يحاصرون {target}: {object}",
    ),
    EventType.LIFT_BLOCKADE: ("يفك الحصار: {object}", "تفك الحصار: {object}", "يفكون الحصار: {object}"),
    EventType.MEETING: (
        "يجتمع مع {target}: {object}",
        "تجتمع مع {target}: {object}",
        "يجتمعون مع {target}: {object}",
    ),
    EventType.THREAT: ("يهدد {target} بـ{object}", "تهدد {target} بـ{object}", "يهددون {target} بـ{object}"),
    EventType.ARREST: ("يعتقل: {object}", "تعتقل: {object}", "يعتقلون: {object}"),
    EventType.CLASH: (
        "يشتبك مع {target}: {object}",
        "تشتبك مع {target}: {object}",
        "يشتبكون مع {target}: {object}",
    ),
    EventType.AGREEMENT: (
        "يتفق مع {target}: {object}",
        "تتفق مع {target}: {object}",
        "يتفقون مع {target}: {object}",
    ),
    EventType.OTHER: ("{object}", "{object}", "{object}"),
}

# What an event type is called when its object is unknown, in Arabic.
TYPE_AR: dict[EventType, str] = {
    EventType.DEMAND: "مطالبة",
    EventType.BLOCKADE: "حصار",
    EventType.LIFT_BLOCKADE: "فك حصار",
    EventType.MEETING: "اجتماع",
    EventType.THREAT: "تهديد",
    EventType.ARREST: "اعتقال",
    EventType.CLASH: "اشتباك",
    EventType.AGREEMENT: "اتفاق",
    EventType.OTHER: "حدث",
}

# English heads that are plurals of people: the verb is plural.
_PLURAL_HEADS_EN = {
    "residents",
    "people",
    "protesters",
    "militias",
    "families",
    "tribes",
    "elders",
    "fighters",
    "civilians",
    "locals",
    "inhabitants",
    "notables",
}
# Arabic heads that are plurals of people (أهالي، سكان، مقاتلون...): the verb is plural.
_PLURAL_HEADS_AR = {
    "أهالي",
    "أهل",
    "سكان",
    "مقاتلو",
    "مقاتلون",
    "متظاهرون",
    "المتظاهرون",
    "وجهاء",
    "شيوخ",
    "عشائر",
    "أبناء",
    "مدنيون",
    "المدنيون",
}
# Arabic subjects whose verb is feminine: a feminine head noun (…ة), a plural of things or
# groups (قوات، قوى، فصائل), a state (تركيا، روسيا).
_FEMININE_HEADS_AR = {
    "قوات",
    "قوى",
    "فصائل",
    "وحدات",
    "ميليشيات",
    "السلطات",
    "الأسايش",
    "تركيا",
    "روسيا",
    "إيران",
    "إسرائيل",
    "الولايات",
    "قسد",
}


def _bare(name: str) -> str:
    """A name without its bracketed abbreviation or gloss: 'SDF forces (SDF)' -> 'SDF forces'."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def plural_en(name: str) -> bool:
    """Whether an English actor name takes a plural verb ("Qamishli residents demand")."""
    words = _bare(name).lower().split()
    return bool(words) and words[-1] in _PLURAL_HEADS_EN


def agreement_ar(name: str) -> Agreement:
    """How an Arabic verb agrees with the actor named `name`, which comes before it."""
    head = name.split()[0] if name.split() else ""
    if head in _PLURAL_HEADS_AR:
        return Agreement.PLURAL
    if head in _FEMININE_HEADS_AR or head.endswith(("ة", "ات")):
        return Agreement.FEMININE
    return Agreement.MASCULINE


def feminine_ar(name: str) -> bool:
    """Whether an Arabic actor name takes a feminine verb («قوات سوريا الديمقراطية تطالب»)."""
    return agreement_ar(name) is Agreement.FEMININE


def _name(dataset: Dataset, actor_id: str | None, lang: str) -> str:
    if actor_id is None:
        return "unknown actor" if lang == "en" else "جهة غير معروفة"
    actor = dataset.actors.get(actor_id)
    if actor is None:
        return actor_id
    return actor.name_en if lang == "en" else actor.name_ar


def _places(dataset: Dataset, event: Event, lang: str) -> str:
    names = []
    for pid in event.places:
        place = dataset.gazetteer.places.get(pid)
        names.append((place.name_en if lang == "en" else place.name_ar) if place else pid)
    return ", ".join(names) if lang == "en" else "، ".join(names)


def summary_en(event: Event, dataset: Dataset) -> str:
    actor = _name(dataset, event.actor, "en")
    verb = _VERB_EN[event.type][1 if event.actor is not None and plural_en(actor) else 0]
    text = verb.format(target=_name(dataset, event.target, "en"), object=event.object_en or event.type.value)
    where = _places(dataset, event, "en")
    status = f" ({event.status.value})" if event.status else ""
    when = (
        event.date.isoformat()
        if event.date_precision == "day"
        else (f"{event.date:%B %Y}" if event.date_precision in ("month", "week") else f"{event.date:%Y}")
    )
    return f"{actor} {text}{status} — {where}, {when}."


_FORM = {Agreement.MASCULINE: 0, Agreement.FEMININE: 1, Agreement.PLURAL: 2}


def summary_ar(event: Event, dataset: Dataset) -> str:
    actor = _name(dataset, event.actor, "ar")
    form = _FORM[agreement_ar(actor)] if event.actor is not None else 1  # جهة: feminine
    text = _VERB_AR[event.type][form].format(
        target=_name(dataset, event.target, "ar"),
        object=event.object_ar or event.object_en or TYPE_AR[event.type],
    )
    where = _places(dataset, event, "ar")
    when = (
        event.date.isoformat()
        if event.date_precision in ("day", None)
        else (f"{event.date:%Y-%m}" if event.date_precision in ("month", "week") else f"{event.date:%Y}")
    )
    return f"{actor} {text} — {where}، {FSI}{when}{PDI}."


def summary(event: Event, dataset: Dataset, lang: str) -> str:
    """The summary in `lang` ("ar" or "en")."""
    return summary_ar(event, dataset) if lang == "ar" else summary_en(event, dataset)
