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

# A condition is no event: "unless they left the area", «إلا إذا انسحبوا» states what would
# avert a threat or meet a demand, not what happened.
CONDITION_EN = frozenset({"unless"})
CONDITION_AR = (("الا", "اذا"), ("الا", "في", "حال"))
CONDITION_WINDOW = 10
# The charge of an arrest is no event of its own: "arrested a man for protesting", "detained
# a woman accused of organising protests", «اعتقل شاباً بتهمة التظاهر».
CHARGE = fold(
    {
        "for",
        "accused",
        "charged",
        "charges",
        "charge",
        "accusing",
        "بتهمه",
        "بتهم",
        "تهمه",
        "بسبب",
        "لاتهامه",
        "لاتهامها",
        "المتهم",
        "متهم",
        "متهما",
        "المتهمين",
    }
)
CHARGE_WINDOW = 8
# A body named for what it does is no event: "the negotiating committee", «لجنة التفاوض».
BODIES = fold(
    {
        "committee",
        "committees",
        "team",
        "teams",
        "delegation",
        "delegations",
        "body",
        "لجنه",
        "اللجنه",
        "لجان",
        "اللجان",
        "وفد",
        "الوفد",
        "فريق",
        "الفريق",
    }
)
# Land around a place: "the plains surrounding the town", "the town and surrounding villages".
LANDSCAPE = frozenset(
    {
        "area",
        "areas",
        "villages",
        "village",
        "plains",
        "plain",
        "countryside",
        "towns",
        "hills",
        "hill",
        "region",
        "regions",
        "neighbourhoods",
        "neighborhoods",
        "farms",
        "fields",
        "lands",
        "land",
        "roads",
        "mountains",
        "desert",
        "camps",
        "countries",
        "and",
        "the",
        "its",
        "their",
    }
)

# Relative pronouns: what follows describes the noun before ("the town which X controls").
RELATIVES = fold({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "which", "that", "who"})

# A movement prevented or waiting for permission did not happen: "prevented a delegation from
# entering", "waiting for permission to enter", «بانتظار السماح لها بالدخول».
UNDONE_MOVES = frozenset({"deployment", "control_change", "withdrawal"})
PERMISSION = fold(
    {
        "السماح",
        "يسمح",
        "تسمح",
        "سماح",
        "انتظار",
        "بانتظار",
        "permission",
        "allowed",
        "allow",
        "waiting",
        "awaiting",
    }
)

# Words that open a clause hanging on the one before it, and words that set a clause in the
# report's present (it then keeps its own time).
SUBORDINATORS = fold(
    {
        "which",
        "who",
        "as",
        "following",
        "after",
        "when",
        "while",
        "حيث",
        "اثر",
        "بعد",
        "عندما",
        "حين",
        "الذي",
        "التي",
        "الذين",
    }
)
NOW_WORDS = fold({"today", "yesterday", "now", "currently", "tonight", "اليوم", "امس", "حاليا", "الان"})

# Sending is a deployment only when what is sent is armed: «أرسلت الهيئة تطمينات» is not.
SEND = fold({"ارسال", "ارسلت", "ارسل", "sent", "send", "sends", "sending", "dispatched"})
ARMED = fold(
    {
        "قوات",
        "تعزيزات",
        "رتل",
        "ارتال",
        "عناصر",
        "مقاتلين",
        "جنود",
        "جنديا",
        "جندي",
        "اليات",
        "اسلحه",
        "دبابات",
        "مدرعات",
        "عسكريه",
        "عسكري",
        "troops",
        "forces",
        "soldiers",
        "reinforcements",
        "convoy",
        "convoys",
        "fighters",
        "tanks",
        "units",
        "military",
        "armored",
        "armoured",
        "weapons",
    }
)
# Attributive participles: "the besieging forces" names the forces, it states no new event.
FORCES = frozenset({"forces", "troops", "army", "factions", "militias", "militia", "units", "groups"})

# Goods and people that enter or leave: their entry is no change of control nor deployment
# ("the materials entered to the neighbourhoods", «دخول الشاحنات»).
GOODS = fold(
    {
        "materials",
        "goods",
        "aid",
        "trucks",
        "food",
        "products",
        "supplies",
        "vehicles",
        "cars",
        "shipments",
        "fuel",
        "flour",
        "medicine",
        "medicines",
        "المواد",
        "مواد",
        "الشاحنات",
        "شاحنات",
        "البضائع",
        "بضائع",
        "السيارات",
        "سيارات",
        "المساعدات",
        "مساعدات",
        "شحنات",
        "الطحين",
        "المحروقات",
        "الادويه",
        "الاغذيه",
    }
)

# Words before «منع» / "prevent" that make it an aim: "to prevent", «حتى يتسنى منع», «بهدف منع».
PURPOSE = fold({"to", "يتسني", "بهدف", "اجل", "بغيه", "كي", "لكي"})

# What an agreement "stipulates" is its content, not a demand; a deadline that "expired" is a
# demand made before.
PROVIDERS = frozenset(
    {
        "agreement",
        "deal",
        "memorandum",
        "accord",
        "understanding",
        "truce",
        "it",
        "which",
        "that",
        "ceasefire",
        "text",
    }
)
LAPSED = fold(
    {"expired", "expires", "ended", "lapsed", "passed", "انتهت", "انقضت", "انتهاء", "انقضاء", "انتهي"}
)
