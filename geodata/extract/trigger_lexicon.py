"""The trigger lexicon: the words that state an event, per event type, in Arabic and English.

A trigger is a short sequence of word patterns. Arabic patterns are regular expressions over
the normalised word (`normalize.arabic_key`: أ/إ/آ -> ا, ة -> ه, ى -> ي) with its proclitics
(و ف ب ل ك) stripped, so «وحاصرت» and «بالحصار» both reach their stem; English patterns are
regular expressions over the lower-cased word (both: `segmenting.Tok.forms`). `GAP` between
two patterns lets up to three words stand between them ("prevented the entry", «منع حركة
السيارات»).

Matching is longest first: «فك الحصار» (lift_blockade) wins over «الحصار» (blockade).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import EventType

GAP = "…"
MAX_GAP = 3

T = EventType
# Types whose two parties are on an equal footing: a meeting of X and Y is one of Y and X.
SYMMETRIC = frozenset({EventType.MEETING, EventType.AGREEMENT, EventType.CLASH})


@dataclass(frozen=True)
class Trigger:
    type: EventType
    lang: str
    pattern: tuple[str, ...]
    subtype: str | None = None
    cameo: str | None = None
    # A trigger whose object is itself an event (a demand to withdraw, an agreement to deploy):
    # the triggers after it in the same clause are its object, not events of their own.
    governs: bool = False
    # Only an event when an actor is named in the clause (generic nouns such as "attacks").
    needs_actor: bool = False
    # Only an event when it governs one ("vowed to take back the area"; not "vowed to continue
    # their struggle").
    needs_object: bool = False

    @property
    def compiled(self) -> tuple[re.Pattern[str] | None, ...]:
        return _compile(self.pattern)


@cache
def _compile(pattern: tuple[str, ...]) -> tuple[re.Pattern[str] | None, ...]:
    return tuple(None if p == GAP else re.compile(p) for p in pattern)


def _ar(type_: EventType, *pattern: str, **kw) -> Trigger:
    return Trigger(type_, "ar", pattern, **kw)


def _en(type_: EventType, *pattern: str, **kw) -> Trigger:
    return Trigger(type_, "en", pattern, **kw)


# Arabic article and the forms of a word: `A` before a stem allows «ال».
A = "(?:ال)?"
SIEGE_AR = A + "(?:حصار|حصارا|محاصره|محاصرتها|محاصرته|محاصرتهم)"
SIEGE_EN = r"(?:siege|sieges|blockade|blockades|encirclement|cordon)"
LIFT_AR = (
    "(?:فك|فكت|فكوا|يفك|تفك|رفع|رفعت|رفعوا|يرفع|ترفع|كسر|كسرت|كسروا|يكسر|انهاء|انهت|ينهي|تنهي|ازاله|ازالت)"
)

TRIGGERS: tuple[Trigger, ...] = (
    # -- lift_blockade --------------------------------------------------------------------
    _ar(T.LIFT_BLOCKADE, A + "(?:فك|رفع|كسر|انهاء|فتح|ازاله)", SIEGE_AR, cameo="0872"),
    # With words between, the siege is definite: «فك الأخيرة الحصار», not «رفعت الأسد بحصار».
    _ar(T.LIFT_BLOCKADE, LIFT_AR, GAP, "ال(?:حصار|محاصره|طوق)", cameo="0872"),
    _ar(T.LIFT_BLOCKADE, A + "(?:فك|رفع|كسر|انهاء)", A + "(?:طوق)", cameo="0872"),
    _ar(
        T.LIFT_BLOCKADE,
        A + "(?:فتح|اعاده فتح)",
        A + "(?:الطرق|الطريق|طرق|طريق|المعابر|المعبر|معبر)",
        cameo="0872",
    ),
    _en(
        T.LIFT_BLOCKADE,
        r"(?:lift|lifts|lifted|lifting|end|ends|ended|ending|break|broke|ease|eased)",
        GAP,
        SIEGE_EN,
        cameo="0872",
    ),
    _en(
        T.LIFT_BLOCKADE,
        r"(?:reopen|reopens|reopened|reopening|open|opens|opened|opening)",
        GAP,
        GAP,  # a crossing's name runs long: "reopen the Bab al-Salama border crossing"
        r"(?:road|roads|crossing|crossings|route|routes)",
        cameo="0872",
    ),
    # Removing barriers or reopening is lifting (the corpus's convention), also when planned.
    _ar(
        T.LIFT_BLOCKADE,
        A + "(?:ازاله|رفع|ازالت|ازال)",
        GAP,
        A + "(?:السواتر|الحواجز|سواتر|حواجز)",
        cameo="0872",
    ),
    _ar(T.LIFT_BLOCKADE, A + "(?:اعاده)", A + "(?:فتح)", cameo="0872"),
    _en(
        T.LIFT_BLOCKADE,
        r"(?:remove|removed|removing|removes|lift|lifted|lifting)",
        GAP,
        r"(?:barriers|barricades|berms|checkpoints|curfew)",
        cameo="0872",
    ),
    # -- blockade -------------------------------------------------------------------------
    _ar(T.BLOCKADE, "(?:حاصر|حاصرت|حاصروا|يحاصر|تحاصر|يحاصرون|محاصره|محاصرتها|حصار|حصارا)"),
    _ar(T.BLOCKADE, A + "(?:طوق|طوقا)", A + "(?:امني|امنيا|عسكري|عسكريا)"),
    _ar(T.BLOCKADE, "(?:طوق|طوقا|طوقت|يطوق|تطوق|تطويق)"),
    _ar(
        T.BLOCKADE,
        A + "(?:قطع|اغلاق|اغلق|اغلقت|قطعت|يقطع|تقطع)",
        GAP,
        A + "(?:الطرق|الطريق|طرق|طريق|المعابر|المعبر|معبر|معابر|لمعابر|الامدادات|الانترنت|الاتصالات)",
    ),
    # The corpus's conventions: a curfew is a blockade.
    _ar(T.BLOCKADE, A + "(?:حظر)", A + "(?:تجوال|التجوال|التجول|تجول)"),
    _en(T.BLOCKADE, r"(?:curfew|curfews)"),
    _en(T.BLOCKADE, r"(?:sealed|seal|seals|cut)", r"off"),
    _ar(T.BLOCKADE, A + "(?:منع|يمنع|تمنع|منعت|منعوا)", GAP, A + "(?:دخول|ادخال|حركه|مرور|وصول|خروج)"),
    _ar(
        T.BLOCKADE,
        A + "(?:قطع|قطعت|يقطع|تقطع|منع|منعت|يمنع|تمنع)",
        GAP,
        A + "(?:المياه|مياه|الكهرباء|الطحين|المحروقات|الوقود|المساعدات|الغذاء|الامدادات)",
    ),
    _ar(
        T.BLOCKADE,
        "(?:ترفض|يرفض|رفضت|رفض)",
        GAP,
        "(?:السماح|ادخال|دخول)",
        GAP,
        A + "(?:مرور|دخول|بمرور|بدخول)",
    ),
    _ar(T.BLOCKADE, "(?:تعرقل|يعرقل|عرقله|عرقلت|تمنع)", GAP, A + "(?:مرور|دخول|وصول|حركه)"),
    # «منع أهالي البلدة وفداً عسكرياً من دخولها»: who and whom between, then «من دخول».
    _ar(
        T.BLOCKADE,
        A + "(?:منع|يمنع|تمنع|منعت|منعوا)",
        GAP,
        GAP,
        "من",
        A + "(?:دخول|دخولها|دخوله|وصول|عبور|مرور)",
    ),
    _en(T.BLOCKADE, r"(?:besiege|besieges|besieged|besieging|encircle|encircled|encircles)"),
    _en(T.BLOCKADE, r"(?:surround|surrounded|surrounds|surrounding)", needs_actor=True),
    _en(T.BLOCKADE, r"(?:siege|sieges|blockade|blockaded|blockades|blockading|cordon|cordoned)"),
    _en(
        T.BLOCKADE,
        r"(?:prevent|prevents|prevented|preventing|block|blocks|blocked|blocking|bar|barred|"
        r"barring|stop|stopped|halted|halt)",
        GAP,
        r"(?:entry|entrance|passage|delivery|deliveries|"
        r"access|movement|flow|supplies|shipments|convoys)",
    ),
    # "prevented a delegation of officers from entering the town": kept out.
    _en(
        T.BLOCKADE,
        r"(?:prevent|prevents|prevented|preventing|block|blocks|blocked|blocking|bar|barred|stop|stopped)",
        GAP,
        GAP,
        r"from",
        r"(?:entering|reaching|passing|crossing|accessing)",
    ),
    _en(
        T.BLOCKADE,
        r"(?:closed|close|closes|closing|cut|cuts|cutting|block|blocks|blocked|blocking)",
        GAP,
        GAP,
        r"(?:road|roads|crossing|crossings|route|routes|supply|supplies|water|electricity|aid|"
        r"food|fuel)",
    ),
    # -- demand ---------------------------------------------------------------------------
    _ar(
        T.DEMAND,
        "(?:طالب|طالبت|طالبوا|طالبا|يطالب|تطالب|يطالبون|مطالبه|مطالبتها|مطالبته|مطالبتهم|"
        "مطالبا|مطالبين|مطالبون)",
        governs=True,
    ),
    _ar(T.DEMAND, "(?:طلب|طلبت|طلبا|طلبوا|يطلب|تطلب)", governs=True),
    _ar(T.DEMAND, "(?:اشترط|اشترطت|يشترط|تشترط|تشترطان|يشترطان|اشترطا|شرط|شرطا)", governs=True),
    _ar(T.AGREEMENT, "(?:وافق|وافقت|وافقوا|يوافق|توافق)", GAP, "(?:علي|عليه|عليها)", governs=True),
    _ar(T.DEMAND, "(?:دعا|دعت|دعوا|يدعو|تدعو|يدعون|دعوه)", "(?:الي|ل.+)", governs=True),
    # VSO with the called between: «دعا ناشطون أهالي المدينة للخروج», «دعت الإدارة السكان إلى».
    _ar(T.DEMAND, "(?:دعا|دعت|دعوا|يدعو|تدعو|يدعون|ندعو)", GAP, "(?:الي|ل..+)", governs=True),
    _ar(T.DEMAND, "(?:دعا|دعت|دعوا|يدعو|تدعو|يدعون|ندعو)", GAP, GAP, "(?:الي|لل..+)", governs=True),
    _ar(T.DEMAND, "(?:ناشد|ناشدت|يناشد|تناشد|حث|حثت|يحث|تحث)", governs=True),
    _ar(T.DEMAND, A + "(?:مهله|انذار|انذارا)", governs=True),
    _en(T.DEMAND, r"(?:demand|demands|demanded|demanding)", governs=True),
    _en(T.DEMAND, r"(?:call|calls|called|calling)", r"(?:on|upon|for)", governs=True),
    _en(T.DEMAND, r"(?:urge|urges|urged|urging|insist|insists|insisted|ultimatum|conditioned)", governs=True),
    _en(T.DEMAND, r"(?:stipulate|stipulates|stipulated)", governs=True, needs_actor=True),
    _en(T.DEMAND, r"(?:asked|asks|requested|requests)", governs=True, needs_actor=True),
    _en(T.DEMAND, r"(?:deadline|deadlines)", governs=True),
    _en(T.DEMAND, r"on", r"the", r"condition", governs=True),
    # -- threat ---------------------------------------------------------------------------
    _ar(
        T.THREAT,
        "(?:هدد|هددت|يهدد|تهدد|هددوا|تهديد|تهديدا|تهديدات|توعد|توعدت|يتوعد)",
        needs_actor=True,
        governs=True,
    ),
    _ar(T.THREAT, "(?:لوح|لوحت|يلوح|تلوح|لوحوا|تلويح)", governs=True),
    _ar(T.THREAT, A + "(?:خيار)", A + "(?:العسكري)"),
    _ar(T.THREAT, A + "(?:عمل|عمليه|هجوم|اجتياح)", GAP, A + "(?:محتمل|محتمله|وشيك|وشيكه)"),
    _ar(
        T.THREAT,
        "(?:استعداده|استعدادها|استعدادهم|جاهزيته|جاهزيتها)",
        GAP,
        A + "(?:العمليه|عمليه|عسكريه|القوه|الاسلحه|للمشارکه|للمشاركه|هجوم|اقتحام)",
    ),
    _en(
        T.THREAT,
        r"(?:threaten|threatens|threatened|threatening|threat|threats)",
        needs_actor=True,
        governs=True,
    ),
    _en(T.THREAT, r"military", r"(?:option|action)"),
    # A refusal to let a force in is a threat: "we will not allow the army to enter the area".
    _en(T.THREAT, r"(?:not|never)", r"(?:allow|permit|tolerate)", governs=True),
    _en(T.THREAT, r"(?:vow|vowed|vows|vowing)", r"to", needs_actor=True, governs=True, needs_object=True),
    # An attack told in the future by its attacker is a threat: "Russian planes will target the
    # town", «ستقصف الطائرات الروسية البلدة».
    _en(
        T.THREAT,
        r"(?:will|would|shall)",
        r"(?:attack|shell|bomb|target|strike|storm|hit|invade)",
        needs_actor=True,
    ),
    _ar(T.THREAT, "(?:ستقصف|سيقصف|ستستهدف|سيستهدف|ستهاجم|سيهاجم|ستقتحم|سيقتحم)", needs_actor=True),
    _en(
        T.THREAT,
        r"(?:potential|possible|imminent|looming|new)",
        GAP,
        r"(?:attack|offensive|operation|incursion|invasion|assault)",
    ),
    # -- meeting --------------------------------------------------------------------------
    _ar(
        T.MEETING,
        A + "(?:اجتماع|اجتماعا|اجتمع|اجتمعت|اجتمعوا|يجتمع|تجتمع|لقاء|لقاءا|التقي|التقت|"
        "التقوا|يلتقي|تلتقي|مفاوضات|تفاوض|محادثات|مباحثات|حوار|نقاشات|مشاورات|قمه)",
    ),
    _ar(T.MEETING, A + "(?:قنوات|قناه)", A + "(?:تواصل|اتصال)"),
    _en(
        T.MEETING,
        r"(?:meeting|meetings|met|meet|meets|talks|negotiations|negotiation|negotiated|"
        r"negotiate|negotiating|discussions|summit)",
    ),
    # -- agreement ------------------------------------------------------------------------
    _ar(
        T.AGREEMENT,
        A + "(?:اتفاق|اتفاقا|اتفاقيه|اتفقت|اتفقا|اتفقوا|تفاهم|تفاهمات|هدنه|تسويه|المتفق)",
        governs=True,
    ),
    _ar(T.AGREEMENT, A + "(?:وقف)", A + "(?:اطلاق)", A + "(?:النار)", governs=True),
    _en(
        T.AGREEMENT,
        r"(?:agreement|agreements|deal|agreed|truce|ceasefire|ceasefires|accord|"
        r"understanding|understandings|settlement|memorandum|memorandums|memoranda)",
        governs=True,
    ),
    _en(T.AGREEMENT, r"cease", r"fire", governs=True),
    # -- arrest ---------------------------------------------------------------------------
    _ar(
        T.ARREST,
        A + "(?:اعتقال|اعتقالات|اعتقل|اعتقلت|اعتقلوا|يعتقل|تعتقل|احتجاز|احتجز|احتجزت|"
        "توقيف|اوقفت|ايقافهم|ايقافه|اختطاف|اختطف|اختطفت|خطف)",
    ),
    _en(
        T.ARREST,
        r"(?:arrest|arrests|arrested|arresting|detain|detains|detained|detaining|"
        r"detention|detentions|abduct|abducted|kidnapped|kidnap)",
    ),
    # -- clash ----------------------------------------------------------------------------
    _ar(T.CLASH, A + "(?:اشتباك|اشتباكات|اشتبك|اشتبكت|اشتبكوا|معارك|معركه|مواجهات|قتال|اقتتال)"),
    _ar(
        T.CLASH,
        A + "(?:قصف|قصفت|يقصف|تقصف|استهداف|استهدف|استهدفت|هجوم|هجمات|هاجم|هاجمت|مهاجمه|"
        "اقتحام|اقتحمت|غارات|غاره)",
        needs_actor=True,
    ),
    _en(T.CLASH, r"(?:clash|clashes|clashed|fighting|fought|battle|battles|hostilities)"),
    _en(
        T.CLASH,
        r"(?:attack|attacks|attacked|attacking|offensive|assault|shelling|shelled|"
        r"bombardment|bombarded|bombed|strike|strikes|struck|airstrike|airstrikes|drone|drones|"
        r"targeted|targeting)",
        needs_actor=True,
    ),
    _en(T.CLASH, r"military", r"operations"),
    _en(T.CLASH, r"(?:military|armed)", r"escalation"),
    _ar(T.CLASH, A + "(?:تصعيد)", A + "(?:العسكري|عسكري)"),
    # Repelling an attack or an infiltration, or an attempted advance, is fighting.
    _ar(
        T.CLASH,
        "(?:صد|صدت|صدوا|يصد|تصد|تصدت|تصدي|التصدي)",
        GAP,
        A + "(?:هجوم|هجوما|هجمات|تسلل|محاوله|تقدم|عمليه)",
    ),
    _ar(
        T.CLASH,
        A + "(?:محاوله|محاولات|حاولت|حاول|حاولوا)",
        A + "(?:تسلل|التسلل|تقدم|التقدم|اقتحام)",
        needs_actor=True,
    ),
    _en(
        T.CLASH,
        r"(?:launch|launched|launches|launching)",
        GAP,
        r"(?:operation|offensive|assault|attack|attacks|incursion)",
        needs_actor=True,
    ),
    _en(T.CLASH, r"(?:repelled|repulsed|thwarted)", GAP, r"(?:attack|attacks|infiltration|advance|assault)"),
    _en(T.CLASH, r"(?:killed|killing|wounded|injured)", needs_actor=True),
    _ar(T.CLASH, "(?:قتل|قتلت|قتلوا|يقتل|تقتل)", needs_actor=True),
    # -- other, with a subtype ------------------------------------------------------------
    _ar(
        T.OTHER,
        A + "(?:انسحاب|انسحبت|انسحب|انسحبوا|ينسحب|تنسحب|الانسحاب|انسحابه|انسحابها|انسحابهم)",
        subtype="withdrawal",
    ),
    _ar(T.OTHER, A + "(?:مغادره|مغادرتهم|غادر|غادرت|غادروا)", subtype="withdrawal"),
    # Retreating is withdrawing; «تراجع» alone is also "declined", so an actor must act.
    _ar(T.OTHER, "(?:تراجعت|تراجع|تراجعوا|يتراجع|تتراجع)", subtype="withdrawal", needs_actor=True),
    # Setting up posts, checkpoints or a base is a deployment.
    _ar(
        T.OTHER,
        A + "(?:اقامه|اقامت|اقام|تقيم|يقيم|انشاء|انشات|انشا)",
        GAP,
        A + "(?:نقاط|نقطه|حواجز|حاجز|قاعده|قواعد|مقرات|مقر|تحصينات)",
        subtype="deployment",
    ),
    # The entry of a convoy or reinforcements is a deployment, not a change of control.
    _ar(
        T.OTHER,
        "(?:دخلت|دخل|دخول|بالدخول|الدخول|وصول|وصلت|وصل)",
        "(?:ل)?(?:رتل|ارتال|الرتل|الارتال|تعزيزات|التعزيزات|دوريه|دوريات)",
        subtype="deployment",
    ),
    _ar(
        T.OTHER,
        "(?:دخلت|دخل|دخول|دخولها|دخوله|بالدخول|الدخول|سيطرت|سيطر|تسلمت|تسلم)",
        subtype="control_change",
        needs_actor=True,
    ),
    _ar(T.OTHER, A + "(?:ارسال|نشر|تعزيزات|ارسلت|ارسل|نشرت)", subtype="deployment", needs_actor=True),
    _ar(
        T.OTHER,
        A + "(?:افراج|الافراج|اطلاق|افرجت|افرج|يفرج|تفرج|اطلقت|اطلق)",
        GAP,
        "(?:سراح|عن)",
        subtype="prisoner_release",
    ),
    _ar(T.OTHER, A + "(?:مداهمه|مداهمات|داهمت|داهم|داهموا|تداهم)", subtype="raid"),
    _ar(T.OTHER, A + "(?:وساطه|توسط|توسطت)", subtype="mediation"),
    # A refusal or an accusation is a statement (the corpus's convention: a refused demand is
    # other/statement, the refused act no event: it is governed).
    _ar(
        T.OTHER,
        "(?:رفض|رفضت|رفضوا|رفضنا|يرفض|ترفض|يرفضون|نرفض)",
        subtype="statement",
        governs=True,
        needs_actor=True,
    ),
    _ar(T.OTHER, "(?:اتهم|اتهمت|اتهموا|يتهم|تتهم|نتهم)", subtype="statement", governs=True),
    _ar(
        T.OTHER,
        A + "(?:مظاهره|مظاهرات|تظاهر|تظاهرات|احتجاج|احتجاجات|وقفه|احتفال|احتفالات)",
        subtype="protest",
    ),
    _ar(T.OTHER, "(?:استعدادهم|استعداده|استعدادها)", GAP, "(?:لتسليم|تسليم)", subtype="proposal"),
    _ar(T.OTHER, A + "(?:انتشار|انتشرت|انتشر|تمركز|تمركزت|تمركزوا|دوريات|دوريه)", subtype="deployment"),
    _ar(T.OTHER, A + "(?:استعاد|استعادت|استعاده|استعادوا)", subtype="control_change", needs_actor=True),
    _ar(T.OTHER, A + "(?:اعتصام|اعتصامات|اعتصم|يعتصمون|معتصمين|المعتصمين|معتصمون)", subtype="protest"),
    _ar(T.OTHER, A + "(?:اغتيال|اغتال|اغتالت|اغتيالات)", subtype="attack"),
    _ar(T.OTHER, A + "(?:نزوح|تهجير|تهجر|نزح|نزحت)", subtype="displacement"),
    _ar(T.OTHER, A + "(?:ممر|ممرات)", A + "(?:انساني|انسانيه|امن|امنه)", subtype="humanitarian"),
    _ar(T.OTHER, A + "(?:اجلاء)", subtype="humanitarian"),
    _en(
        T.OTHER,
        r"(?:withdrew|withdraw|withdrawn|withdrawal|withdrawing|withdraws|pullout|retreated)",
        subtype="withdrawal",
    ),
    _en(T.OTHER, r"(?:deploy|deployed|deployment|deploying|reinforcements|dispatched)", subtype="deployment"),
    _en(T.OTHER, r"(?:make|made|making)", r"their", r"way", subtype="deployment"),
    _en(T.OTHER, r"(?:patrol|patrols|stationed)", subtype="deployment"),
    _en(T.OTHER, r"(?:pull|pulled|pulling|pulls)", r"(?:out|back)", subtype="withdrawal"),
    _en(
        T.OTHER,
        r"(?:leave|leaves|left|leaving|removed)",
        GAP,
        r"(?:area|areas|city|town|region|positions|posts)",
        subtype="withdrawal",
        needs_actor=True,
    ),
    # Forces that stay, or that set up headquarters, posts or checkpoints, are deployed.
    _en(
        T.OTHER,
        r"(?:remain|remains|remained|stay|stays|stayed)",
        r"(?:in|on|at)",
        subtype="deployment",
        needs_actor=True,
    ),
    _en(
        T.OTHER,
        r"(?:establish|established|establishing|set|setting|erected|erecting)",
        GAP,
        r"(?:headquarters|base|bases|positions|checkpoints|posts|outposts)",
        subtype="deployment",
    ),
    _en(
        T.OTHER,
        r"(?:entered|took|take|taken|seized|captured|capturing|gained|regained|retook|"
        r"assumed)",
        GAP,
        r"(?:control|city|cities|town|towns|village|villages|neighbourhood|neighborhood|area|areas)",
        subtype="control_change",
        needs_actor=True,
    ),
    # Forces that "will enter" a place are to be deployed there (a planned deployment).
    _en(T.OTHER, r"(?:will|would|shall)", r"enter", subtype="deployment", needs_actor=True),
    _ar(T.OTHER, "(?:ستدخل|سيدخل|ستنتشر|سينتشر)", subtype="deployment", needs_actor=True),
    _en(T.OTHER, r"(?:overran|overrun|recaptured|retook)", subtype="control_change", needs_actor=True),
    _en(T.OTHER, r"(?:take|takes|took|taking|taken)", r"back", subtype="control_change", needs_actor=True),
    _en(T.OTHER, r"(?:assassinated|assassination|assassinations)", subtype="attack"),
    _en(T.OTHER, r"(?:displacing|fled|fleeing|displacement)", subtype="displacement"),
    _en(T.OTHER, r"(?:humanitarian|aid|safe)", r"(?:corridor|corridors)", subtype="humanitarian"),
    _en(T.OTHER, r"(?:evacuation|evacuated|evacuate)", subtype="humanitarian"),
    _en(
        T.OTHER, r"(?:prisoner|prisoners)", r"(?:release|releases|exchange|swap)", subtype="prisoner_release"
    ),
    _en(T.OTHER, r"(?:released|freed)", subtype="prisoner_release"),
    _en(T.OTHER, r"(?:raid|raids|raided|raiding)", subtype="raid"),
    _en(T.OTHER, r"(?:mediated|mediation|brokered|mediating)", subtype="mediation"),
    # A power that guarantees a deal between others mediates it: "the Russian guarantor".
    _en(T.OTHER, r"(?:guarantor|guarantors)", subtype="mediation"),
    _ar(T.OTHER, A + "(?:ضامن|ضامنه|ضامنا|ضمانه|بضمانه)", subtype="mediation"),
    _en(
        T.OTHER,
        r"(?:rejected|rejects|refused|refuses|accuses|accusing)",
        subtype="statement",
        governs=True,
        needs_actor=True,
    ),
    _en(T.OTHER, r"accused", r"(?!of$)[a-z].*", subtype="statement", governs=True),
    _en(
        T.OTHER,
        r"(?:protest|protests|protested|demonstration|demonstrations|rally|rallies|sit-in)",
        subtype="protest",
    ),
)
