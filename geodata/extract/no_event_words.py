"""The cue words `cues` reads for what is no event of its own: conditions, an arrest's charge,
bodies named for what they do, land around a place, who holds a place, moves prevented or
waiting, goods and unarmed sending, aims, an agreement's content, a deadline run out, and what
sets a clause's time. Arabic words are folded as in `cue_words`.
"""

from __future__ import annotations

from .cue_words import fold

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
# The words of an accusation, whose charge may run long: up to the end of the clause.
ACCUSATION = fold({"accused", "charged", "accusing", "بتهمه", "بتهم", "تهمه", "لاتهامه", "لاتهامها"})
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
