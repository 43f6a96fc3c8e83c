"""The words the role steps (`roles`) read: Arabic verbal nouns and their agents, passive
agents, "the latter", English nouns whose "of X" is acted on, verbs that keep someone out."""

from __future__ import annotations

IYYA = {"اياها", "اياه", "اياهم", "اياهما"}
# Verbal nouns whose agent follows them («انسحاب قوات النظام», «محاصرة ومنع قوات النظام»).
MASDAR = {
    "انسحاب",
    "محاصره",
    "حصار",
    "دخول",
    "مغادره",
    "قصف",
    "استهداف",
    "ارسال",
    "نشر",
    "منع",
    "قطع",
    "اغلاق",
    "هجوم",
    "اقتحام",
    "سيطره",
    "تطويق",
}
AGENT_FILLERS = {"مجموعات", "مجموعه", "عناصر", "مقاتلي", "مسلحي", "من", "وحدات", "قوات"}
LATTER = {"الاخيره", "الاخير", "latter"}
AGENT_AR = ("من قبل", "بقياده")
AGENT_EN = {"by"}
# English nouns whose "of X" is the one acted on, not the agent ("the shelling of X").
OBJECT_OF = {
    "shelling",
    "bombardment",
    "bombing",
    "targeting",
    "encirclement",
    "siege",
    "blockade",
    "arrest",
    "arrests",
    "detention",
    "capture",
}
# English verbs whose object a trigger spans ("prevented SDF fighters from entering").
OBJECT_VERBS = frozenset({"prevent", "block", "bar", "stop", "halt"})
