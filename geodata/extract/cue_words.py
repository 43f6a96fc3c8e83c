"""The cue words that `cues` reads around a trigger: negation, background, habit, plans,
references, modality, reporting verbs. Arabic words are folded once here (`normalize.arabic_key`),
as the tokens' normalised forms are (`segmenting.Tok.forms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..normalize import arabic_key, is_arabic


def fold(words: Iterable[str]) -> frozenset[str]:
    """Arabic cue words in their normalised form (أ -> ا, ة -> ه, ئ -> ي ...)."""
    return frozenset(arabic_key(w) if is_arabic(w) else w for w in words)


# Cues in the few words before a trigger that deny or negate it.
NEGATION_AR = fold(
    {
        "لم",
        "لن",
        "ليس",
        "ليست",
        "نفي",
        "نفت",
        "ينفي",
        "تنفي",
        "نفوا",
        "عدم",
        "دون",
        "بدون",
        "غياب",
        "صحه",
        "انعدام",
        "رفض",
        "رفضت",
        "يرفض",
        "ترفض",
        "رفضوا",
    }
)
NEGATION_AR_LA = "لا"  # «لا» negates, but «لا يزال/تزال» means "still"
STILL_AR = fold({"يزال", "تزال", "زال", "زالت", "يزالون"})
NEGATION_EN = frozenset(
    {
        "no",
        "not",
        "never",
        "denied",
        "deny",
        "denies",
        "denying",
        "without",
        "refused",
        "refuses",
        "refusing",
        "neither",
        "nor",
        "rejected",
        "reject",
        "rejects",
        "rejecting",
        "refuted",
        "dismissed",
        "false",
        "didn't",
        "hasn't",
        "haven't",
        "wasn't",
        "weren't",
        "isn't",
        "aren't",
        "won't",
        "n't",
    }
)
NEGATION_WINDOW = 6
# How far back a prevention word keeps an arrest or a raid from happening.
PREVENTED_WINDOW = 10

# Background: a clause that names a year before the report's, also in a sentence that opens
# with «وكان/وكانت» (the Arabic narrative pluperfect), is history; so is one set years ago
# («قبل سنوات», "years ago"); «منذ»/"since" + year is a state that still holds.
HISTORY_OPENERS_AR = fold({"وكان", "وكانت", "كان", "كانت"})
SINCE_WORDS = frozenset({"منذ", "since"})
HISTORY_EN = frozenset({"previously", "formerly", "back"})

# Hypothetical hostilities are threats, not clashes.
HYPOTHETICAL = fold({"potential", "possible", "imminent", "محتمل", "محتمله", "وشيك", "وشيكه"})

# «مقابل» / "in exchange for": what follows is offered for what precedes.
EXCHANGE_AR = fold({"مقابل", "بمقابل"})
EXCHANGE_EN = (("in", "exchange", "for"), ("in", "return", "for"), ("in", "return"))

# Cues that make a trigger no event of its own, in the few words before it:
# preventing a clash is not one ("to prevent further attacks", «منع الهجمات»);
PREVENTION = fold(
    {
        "prevent",
        "preventing",
        "prevents",
        "stop",
        "stopping",
        "halt",
        "avert",
        "deter",
        "منع",
        "لمنع",
        "ايقاف",
        "وقف",
        "لوقف",
    }
)
# a habit is not an event («دائماً ما يشهد اشتباكات», "often sees clashes");
HABITUAL = fold(
    {
        "دائما",
        "عاده",
        "غالبا",
        "احيانا",
        "always",
        "often",
        "usually",
        "routinely",
        "sometimes",
        "occasionally",
        "times",
        "frequently",
    }
)
# A planned or prepared offensive is a threat («تستعد لشن هجوم», "preparing an offensive").
PLANNED = fold(
    {
        "تستعد",
        "يستعد",
        "تحضر",
        "يحضر",
        "تعتزم",
        "يعتزم",
        "تنوي",
        "ينوي",
        "ستشن",
        "سيشن",
        "لشن",
        "planned",
        "planning",
        "plans",
        "preparing",
        "prepares",
        "intends",
        "intend",
        "vowed",
        "vows",
        "looming",
        "upcoming",
    }
)
# "to broker a deal": the deal is not reached, the broker mediates.
BROKER = frozenset({"broker", "brokering", "mediate", "mediating"})
# «العام الماضي», "last year": background.
YEARS_AGO = ("قبل سنوات", "قبل اعوام", "قبل عامين", "قبل سنتين", "years ago", "a year ago")
LAST_YEAR = ("العام الماضي", "السنه الماضيه", "last year", "the previous year")
# a reference to an earlier or hypothetical one is not a new one ("previous agreements", «بنود
# الاتفاق», «نموذج اتفاق»);
REFERENCE = fold(
    {
        "previous",
        "earlier",
        "former",
        "past",
        "existing",
        "السابقه",
        "السابق",
        "بنود",
        "terms",
        "نموذج",
        "model",
        "violation",
        "violating",
        "breach",
        "خرق",
        "انتهاك",
        "anniversary",
        "ذكري",
        "قرار",
        "لقرار",
        "decision",
    }
)
# A demonstrative that determines the trigger ("this agreement", «هذا الاتفاق», «هذه الاشتباكات»)
# refers back; one that is a pronoun («وتلا ذلك حظر تجوال», "after this, clashes") does not:
# it must stand right before the trigger (one word between in English: "this new deal"), and in
# Arabic before a definite noun. English "that" only right before a singular noun ("that deal";
# "said that clashes ..." is a conjunction).
DEMONSTRATIVES = fold({"this", "these", "those", "هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"})
# what had not happened yet when the text says "before" («قبل انسحابها») is no withdrawal.
BEFORE = fold({"قبل", "before", "prior"})
BEFORE_TYPES = frozenset({"withdrawal", "control_change"})
# «بطلب تركي» (at Turkish request) describes another event; it is not a demand.
CIRCUMSTANTIAL_AR = fold({"بطلب", "بناء", "كشرط", "بشرط"})
# Modal words before an agreement: one that "could" or "would" come is not one reached.
MODAL = frozenset({"could", "would", "might", "may", "possible", "potential", "proposed"})
# Resisting an attack: the subject is the target, not the attacker.
REPEL = fold(
    {
        "repel",
        "repelled",
        "repelling",
        "repels",
        "resist",
        "resisted",
        "resisting",
        "تصدي",
        "تصدت",
        "تصدوا",
        "صد",
        "صدت",
        "صدوا",
    }
)
# An agreement that is the topic of talks («لبحث اتفاق», "to discuss a ceasefire") is not reached.
TOPIC = fold(
    {
        "discuss",
        "discussed",
        "discussing",
        "discusses",
        "about",
        "regarding",
        "negotiate",
        "negotiating",
        "بحث",
        "لبحث",
        "مناقشه",
        "لمناقشه",
        "بشان",
        "حول",
    }
)
# An agreement cited as the ground of something else («بموجب اتفاق», "under the terms of an
# agreement") is not reported as new.
AGREEMENT_REFERENCE = fold({"بموجب", "وفق", "وفقا", "under", "pursuant", "per"})
# Reporting verbs: an actor right before or after one is the source, not the actor.
REPORTING = fold(
    {
        "تتهم",
        "اتهم",
        "اتهمت",
        "يتهم",
        "قال",
        "قالت",
        "يقول",
        "تقول",
        "اعلن",
        "اعلنت",
        "اكد",
        "اكدت",
        "افاد",
        "افادت",
        "ذكر",
        "ذكرت",
        "وجهت",
        "وجه",
        "صرح",
        "اوضح",
        "نقل",
        "نقلت",
        "تحذر",
        "حذرت",
        "says",
        "said",
        "say",
        "reported",
        "reports",
        "confirmed",
        "confirms",
        "stated",
        "announced",
        "announce",
        "announces",
        "accused",
        "accuses",
        "accuse",
        "claimed",
        "claims",
        "told",
        "added",
    }
)

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# Arabic-Indic and Persian digits read as ASCII (same length: offsets are kept).
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Words that turn a background narrative («وكان ...») back to the present.
PRESENT_TURNS = ("حيث", "في حين", "بينما", "فيما", "لكن", "الا ان", "اليوم", "حاليا")
