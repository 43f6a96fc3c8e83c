"""Where an event happened: the places of a statement, and the places a report is about.

`event_places` takes, in order: the event places named in the statement's stretch of clause,
else in its clause, else what an anaphor in the clause points back to («الحي», "the two
neighborhoods"), else the sentence's (the evidence then runs to the place), else where the
previous sentence's last event was named (`SentenceContext.recent`: a report goes on with
the story of the sentence before; not when a party the lexicon does not know ("tribal
notables") speaks after a named actor acted: the pipeline drops it, the story moved on; not
for meetings and agreements, whose venue or scope is stated or unknown), else the places the
report is about so far (`Focus`); an event of a sentence that tells of many places it does
not name ("in several towns") is at the governorate the story is in, and "X-held areas"
points back to nothing. A place that only says where another one of the list is
(«الشيخ مقصود في مدينة حلب», "southeast of Kobani", «الواقعة جنوب X») is dropped; a
withdrawal's destination («باتجاه», "towards"), and what `elsewhere` says is an origin, a
destination or an institution's seat, are not where it happened; a facility named again by
its kind («المعبرين», "the crossing") is the one named before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from shapely.geometry import Point

from ..gazetteer import Gazetteer, haversine_km
from ..model import EventType, Place, PlaceKind
from ..normalize import arabic_key
from .context import Statement
from .elsewhere import attached, away, seat
from .gaps import bare_gap
from .lookalikes import FOREIGN_CITIES
from .segmenting import Span, Tok, first_token, tokens
from .toponyms import PlaceHit
from .unlisted import is_unlisted

# Words that point back to a place named before, and the kinds they can point to.
_ANAPHORS: dict[str, frozenset[PlaceKind]] = {
    **dict.fromkeys(
        ["الحي", "الحيين", "neighbourhood", "neighborhood", "neighborhoods", "neighbourhoods"],
        frozenset({PlaceKind.NEIGHBOURHOOD}),
    ),
    **dict.fromkeys(
        ["المدينه", "المدينتين", "city", "town", "البلده"], frozenset({PlaceKind.CITY, PlaceKind.TOWN})
    ),
    **dict.fromkeys(["المنطقه", "المناطق", "area", "areas"], frozenset(PlaceKind) - {PlaceKind.COUNTRY}),
}
_DUAL_ANAPHORS = {"المدينتين", "الحيين", "neighborhoods", "neighbourhoods"}
_DESTINATION = {"باتجاه", "نحو", "towards", "toward", "الي", "to"}


@dataclass
class Focus:
    """The places a report is about so far: the event places named most often (countries and
    governorates aside). Fed sentence by sentence."""

    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, PlaceHit] = field(default_factory=dict)

    def add(self, places: Sequence[PlaceHit], toks: Sequence[Tok] = (), text: str = "") -> None:
        for p in places:
            if toks and seat(toks, p, text):  # «الحكومة في دمشق»: not what the report is about
                continue
            if p.place.kind not in (PlaceKind.COUNTRY, PlaceKind.GOVERNORATE) and not macro_region(p.place):
                self.counts[p.place.id] = self.counts.get(p.place.id, 0) + 1
                self.first.setdefault(p.place.id, p)

    def places(self) -> list[PlaceHit]:
        """The most named; a city yields to its neighbourhoods when they are named at least
        twice (a report on Sheikh Maqsoud names Aleppo to say where it is)."""
        counts, first = self.counts, self.first
        pool = {
            pid: n
            for pid, n in counts.items()
            if not any(o != pid and counts[o] >= 2 and first[o].place.parent == pid for o in counts)
        }
        if not pool:
            return []
        top = max(pool.values())
        return [first[pid] for pid in first if pool.get(pid) == top]


# A region wider than this (square degrees: northern, eastern or north-east Syria, east of the
# Euphrates) names a part of the country, not a place a report is about.
MACRO_REGION_DEG2 = 2.5


def macro_region(place: Place) -> bool:
    """A region wider than `MACRO_REGION_DEG2`: a part of the country, not a place."""
    return (
        place.kind == PlaceKind.REGION
        and not isinstance(place.geometry, Point)
        and place.geometry.area > MACRO_REGION_DEG2
    )


# `event_places`' directness when the clause itself says the event has no place in Syria.
NOWHERE = 3


def event_places(st: Statement, claimed: set[int], gazetteer: Gazetteer) -> tuple[list[Place], Span, int]:
    """The places of a statement's event, the evidence that names them, and how directly (2:
    in its clause, 1: through an anaphor or elsewhere in the sentence, 0: the report's focus;
    `NOWHERE`: its clause says it has none, talks abroad or a deal between named parties).
    `claimed`: starts of the sentence's places that other statements' segments hold."""
    ctx, it = st.ctx, st.item
    elsewhere = {
        p.place.id
        for p in ctx.places
        if (it.subtype == "withdrawal" and _destination(ctx.text, p, st)) or not_where(ctx.text, p, st)
    }
    usable = [
        p
        for p in ctx.places
        if p.place.id not in elsewhere
        and not seat(ctx.toks, p, ctx.text)
        and (attached(st, p) or not away(st, p))
    ]
    evidence, directness = it.clause, 2
    chosen = [p for p in usable if st.seg.start <= p.start < st.seg.end]
    if not chosen:
        chosen = [p for p in usable if it.clause.start <= p.start < it.clause.end]
        if chosen and not st.first_in_clause and _listed_after(ctx.text, st, usable):
            chosen = [p for p in chosen if p.start not in claimed]
    if chosen:
        chosen = _whole_list(ctx.text, chosen, usable)
        evidence = _over(ctx.text, evidence, chosen)
    if not chosen and st.type in _VENUE_TYPES and abroad(st):
        return [], evidence, NOWHERE  # «قمة طهران», "talks in Sochi": no place in Syria
    if not chosen:
        chosen, directness = anaphor(it.clause, ctx.report_places), 1
    if not chosen:
        chosen, evidence = _in_sentence(st, usable, claimed)
    if not chosen and st.type == EventType.AGREEMENT and _between_parties(st):
        return [], evidence, NOWHERE  # "the agreement between X and Y": no place of its own
    # Settlements and areas, not a facility the sentence before was at (the airport of a meeting).
    recent = [
        p for p in ctx.recent if not macro_region(p) and p.kind not in (PlaceKind.COUNTRY, PlaceKind.FACILITY)
    ]
    if not chosen and (recent or ctx.focus) and _many_places(ctx.span.text):
        wide = _governorates(gazetteer, [*recent, *(p.place for p in ctx.focus)])
        if wide:
            return wide[:1], evidence, 0  # "in several towns" of the area the story is in
    if not chosen and recent and st.type not in (EventType.MEETING, EventType.AGREEMENT):
        return recent, evidence, 0  # the story of the sentence before goes on
    if not chosen and st.type != EventType.MEETING:  # a meeting's venue is stated or unknown
        chosen, directness = [p for p in ctx.focus if p.place.id not in elsewhere], 0
    return [p.place for p in drop_locators(gazetteer, ctx.text, chosen)], evidence, directness


# Unnamed places in the plural: "several cities and towns", «عدة مدن», «مدن وبلدات».
_MANY_PLACES = re.compile(
    r"\b(?:several|many|various|numerous|multiple|dozens\s+of|a\s+number\s+of)\s+(?:\w+\s+)?"
    r"(?:cities|towns|villages|areas|locations|regions|neighbou?rhoods)\b"
    r"|(?:عده|عدد\s+من)\s+(?:ال)?(?:مدن|بلدات|قري|مناطق)|مدن\s+وبلدات|مناطق\s+متفرقه",
    re.IGNORECASE,
)


def _many_places(sentence: str) -> bool:
    """The sentence tells of many places it does not name (its events happened across them)."""
    return bool(_MANY_PLACES.search(arabic_key(sentence)))


def _governorates(gazetteer: Gazetteer, places: Sequence[Place]) -> list[Place]:
    """The governorates the places lie in, in order, each once."""
    out: dict[str, Place] = {}
    for p in places:
        gov = gazetteer.places.get(p.governorate or "")
        if p.kind == PlaceKind.GOVERNORATE:
            gov = p
        if gov is not None:
            out.setdefault(gov.id, gov)
    return list(out.values())


# Between two items of a list: commas, a conjunction or "as well as" («بالإضافة لـ»), an article
# and a classifier («، وبلدة الكفر», ", and the town of X").
_BETWEEN = {"between", "with", "بين", "بينهما", "بينهم", "مع"}


def _between_parties(st: Statement) -> bool:
    """An agreement named by its parties ("the accord between the SDF and Damascus signed in
    March", «الاتفاق المبرم بين ...»): a national deal, not one about the report's place."""
    toks = st.ctx.toks
    after = toks[st.hit.last + 1 : st.hit.last + 6]
    end = min(st.clause.end, st.seg.end)  # not the parties of the next agreement named
    return any(t.start < end and set(t.forms) & _BETWEEN for t in after)


_LIST_GAP = re.compile(
    r"^[\s,،\"“”«»'()]*(?:(?:و|and|or|أو)\s*)?"
    r"(?:(?:as\s+well\s+as|in\s+addition\s+to|(?:بال)?(?:إ|ا)ضافة\s*(?:ل|إلى|الى)|فضلا\s+عن|فضلاً\s+عن)\s*)?"
    r"(?:the\s+)?"
    r"(?:(?:town|village|city|neighbou?rhood)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:بلدة|بلده|قرية|قريه|مدينة|مدينه|حي|ناحية|ناحيه)\s+)?[\s\"“”«»']*$"
)
_LIST_GAP_CHARS = 30


def _whole_list(text: str, chosen: list[PlaceHit], usable: Sequence[PlaceHit]) -> list[PlaceHit]:
    """A comma list is kept whole: «قرى “أم الكيف، الدرادرة، وقبور القراجنة”», "Tafas, Jassim
    and al-Yadouda": the places that continue the list past the clause's end are its places
    too (the clause ends at the list's first comma)."""
    out = list(chosen)
    last = chosen[-1]
    for p in usable:
        if p.start <= last.start or p in out:
            continue
        if not _LIST_GAP.match(text[last.end : p.start]) or p.start - last.end > _LIST_GAP_CHARS:
            break
        out.append(p)
        last = p
    first = chosen[0]
    for p in reversed(usable):  # the list began before: «بينها المنيذرة، صلخد، والكفر، في تجمعات»
        if p.start >= first.start or p in out:
            continue
        if not _LIST_GAP.match(text[p.end : first.start]) or first.start - p.end > _LIST_GAP_CHARS:
            break
        out.insert(0, p)
        first = p
    return out


def _listed_after(text: str, st: Statement, usable: Sequence[PlaceHit]) -> bool:
    """ "surrounded the post after capturing several villages, including X and Y": the clause's
    second statement names its places in the list that opens the next clause, not in the first
    statement's stretch."""
    later = [p for p in usable if st.clause.end <= p.start < st.ctx.span.end]
    return bool(later) and bool(_INCLUDING.match(text[st.clause.end : later[0].start]))


_INCLUDING = re.compile(
    r"^[\s,،:–-]*(?:including|among\s+them|بينها|منها|من\s+بينها|ومنها)\s*$", re.IGNORECASE
)


def _over(text: str, evidence: Span, places: Sequence[PlaceHit]) -> Span:
    """The evidence stretched over a list that runs on past its clause's end (or began before)."""
    start, end = min(evidence.start, places[0].start), max(evidence.end, places[-1].end)
    return evidence if (start, end) == (evidence.start, evidence.end) else Span(start, end, text[start:end])


_VENUE_TYPES = frozenset({EventType.MEETING, EventType.AGREEMENT, EventType.DEMAND})


def abroad(st: Statement) -> bool:
    """Whether the statement's clause names a city abroad («قمة طهران», "in Sochi")."""
    toks, clause = st.ctx.toks, st.clause
    words = toks[first_token(toks, clause.start) : first_token(toks, clause.end)]
    keys = {t.key for t in words} | {f for t in words for f in t.forms}
    pairs = {f"{a.key} {b.key}" for a, b in itertools.pairwise(words)}
    return bool((keys | pairs) & FOREIGN_CITIES)


def _in_sentence(st: Statement, usable: Sequence[PlaceHit], claimed: set[int]) -> tuple[list[PlaceHit], Span]:
    """The places of the nearest clause that names any (the next, else the previous), with
    the evidence stretched over both clauses; places other segments claim only when no other
    place is left."""
    ctx, clause = st.ctx, st.clause
    usable = [p for p in usable if not macro_region(p.place) and p.place.kind != PlaceKind.COUNTRY]
    free = [p for p in usable if p.start not in claimed] or list(usable)
    later = [p for p in free if p.start >= clause.end]
    earlier = [p for p in free if p.end <= clause.start]
    pick = later[:1] or earlier[-1:]
    if not pick:
        return [], clause
    same = next((c for c in ctx.clauses if c.start <= pick[0].start < c.end), clause)
    start, end = min(clause.start, same.start), max(clause.end, same.end)
    found = _whole_list(ctx.text, [p for p in free if same.start <= p.start < same.end] or pick, free)
    start, end = min(start, found[0].start), max(end, found[-1].end)
    return found, Span(start, end, ctx.text[start:end])


# A facility named again by its kind alone: «المعبرين», "the crossing" -> the last one(s) named
# with that word («معبر الطبقة», "the Abu al-Zindeen crossing"). Word -> (stem in the name, how many).
_FACILITY_ANAPHORS: dict[str, tuple[str, int]] = {
    "المعبر": ("معبر", 1),
    "المعبرين": ("معبر", 2),
    "الجسر": ("جسر", 1),
    "السد": ("سد", 1),
    "المطار": ("مطار", 1),
    "المخيم": ("مخيم", 1),
    "crossing": ("crossing", 1),
    "crossings": ("crossing", 2),
    "bridge": ("bridge", 1),
    "dam": ("dam", 1),
    "airport": ("airport", 1),
    "camp": ("camp", 1),
}


def _facility_anaphor(clause: Span, words: list[str], places: Sequence[PlaceHit]) -> list[PlaceHit]:
    for k, word in enumerate(words):
        stem, n = _FACILITY_ANAPHORS.get(word, ("", 0))
        if not n or (word.isascii() and (k == 0 or words[k - 1] != "the")):
            continue
        seen: dict[str, PlaceHit] = {}
        for p in reversed([p for p in places if p.end <= clause.start and p.event_place]):
            if stem in arabic_key(p.text).lower():
                seen.setdefault(p.place.id, p)
                if len(seen) == n:
                    break
        if seen:
            return list(seen.values())
    return []


def anaphor(clause: Span, places: Sequence[PlaceHit]) -> list[PlaceHit]:
    """The places «الحي», «المدينتين», «المعبرين», "the area", "the two neighborhoods" point back to."""
    words = [t.norm for t in tokens(clause.text)]
    held = {w for k, w in enumerate(words) if _held_area(words, k)}
    bare = (set(words) | {w[1:] for w in words if w[:1] in "وبلف"}) - held
    facility = _facility_anaphor(clause, [w.lower() for w in words], places)
    if facility:
        return facility
    for word, kinds in _ANAPHORS.items():
        if word not in bare:
            continue
        earlier = _antecedents(clause, places, word, kinds)
        if earlier:
            n = 2 if word in _DUAL_ANAPHORS else 1
            seen: dict[str, PlaceHit] = {}
            for p in reversed(earlier):
                seen.setdefault(p.place.id, p)
                if len(seen) == n:
                    break
            return list(seen.values())
    return []


# "HTS-held area", "government-controlled areas", «المناطق الخاضعة لسيطرة X»: who holds an area
# the text does not name, not a pointer back to a place named before.
_HELD = {"held", "controlled", "run", "occupied"}
_HELD_AR = {"الخاضعه", "الواقعه"}


def _held_area(words: Sequence[str], k: int) -> bool:
    if words[k] not in ("area", "areas", "المنطقه", "المناطق"):
        return False
    return (k > 0 and words[k - 1] in _HELD) or (k + 1 < len(words) and words[k + 1] in _HELD_AR)


def _antecedents(
    clause: Span, places: Sequence[PlaceHit], word: str, kinds: frozenset[PlaceKind]
) -> list[PlaceHit]:
    earlier = [
        p
        for p in places
        if p.end <= clause.start
        and (p.event_place or p.note == "where people come from")
        and p.place.kind in kinds
    ]
    if not earlier and kinds == _ANAPHORS["area"]:  # "the area": any place
        earlier = [p for p in places if p.end <= clause.start and p.event_place]
    if not earlier and word in _DUAL_ANAPHORS:
        # "two neighborhoods ... Sheikh Maqsoud—one of the two": named just after
        later = [p for p in places if clause.end <= p.start < clause.end + 800 and p.place.kind in kinds]
        earlier = list(reversed(later))
    return earlier


# Words before a place that make it the topic or the goal of the event, not where it happened:
# «مصير», «حول», «بشأن», "the fate of", "about"; «بهدف», «لفك الحصار عن», "aiming to lift".
_TOPIC = {
    "مصير",
    "حول",
    "بشان",
    "بخصوص",
    "ملف",
    "مستقبل",
    "fate",
    "future",
    "about",
    "regarding",
    "concerning",
}
_GOAL = {"بهدف", "لفك", "لرفع", "لكسر", "لتحرير", "لاستعاده", "aiming", "aim", "aimed", "seeking", "order"}
# «الطريق إلى حلب», "the road to Aleppo": a road's destination is not where it was cut.
_ROAD = {"طريق", "الطريق", "road", "route", "highway"}
# What talks, a demand or a threat are about is not where they were; what an agreement is about
# is where it applies ("the understanding regarding Deir Ezzor oil", «تفاهم بشأن منبج»).
_TOPIC_TYPES = frozenset({EventType.MEETING, EventType.DEMAND, EventType.THREAT})


def not_where(text: str, p: PlaceHit, st: Statement) -> bool:  # noqa: ARG001 (the signature every step shares)
    """A place after a topic word of a meeting or demand («بحث مصير عفرين», "talks on the fate
    of Afrin"), after a goal word («بهدف فك الحصار عن الحي», "aiming to lift the siege of X"), or
    a road's destination ("the road to Aleppo", «الطريق إلى حلب»), in the statement's clause."""
    clause = st.clause
    if not (clause.start <= p.start < clause.end) or p.start < st.hit.start:
        return False
    toks = st.ctx.toks
    k = first_token(toks, p.start)
    between = toks[st.hit.last + 1 : k]
    if {f for t in between for f in t.forms} & _GOAL:
        return True
    near = [t for t in toks[max(0, k - 3) : k] if t.start >= clause.start]
    forms = {f for t in near for f in t.forms} | {t.key.lower() for t in near}
    if st.type in _TOPIC_TYPES and forms & _TOPIC:
        return True
    return bool(forms & _ROAD) and bool({"الي", "to", "towards"} & forms)


def _destination(text: str, p: PlaceHit, st: Statement) -> bool:
    """A place after «باتجاه»/«نحو»/"towards" following a withdrawal: where they went, not
    where they left."""
    if not (st.hit.end <= p.start < st.clause.end):
        return False
    before = text[max(st.hit.end, p.start - 30) : p.start].split()[-2:]
    return any(arabic_key(w) in _DESTINATION or w.lower() in _DESTINATION for w in before)


# «الواقعة جنوب X», "located in X", "which lies north of X": the place says where the one before is.
_SITUATED = re.compile(
    r"(?:\bال|\b)(?:واقع|مجاور|محاذي)(?:ة|ه|ين|تين|ان|تان)?\s+(?:\S+\s+){0,2}$"
    r"|(?:\bال|\b)(?:مجاور|محاذي)(?:ة|ه)?\s+ل$"
    r"|\b(?:located|situated|lying|lies|adjacent\s+to)\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)


def drop_locators(gazetteer: Gazetteer, text: str, hits: Sequence[PlaceHit]) -> list[PlaceHit]:
    """Places that only say where another place of the same list is: «الشيخ مقصود في مدينة
    حلب» -> Sheikh Maqsoud. Places joined by «و» / "and" stay («ريف حلب الشمالي ومناطق
    الشهباء»)."""
    unique: dict[str, PlaceHit] = {}
    for h in hits:
        unique.setdefault(h.place.id, h)
    if len(unique) > 1:  # «قرب سد تشرين جنوب شرقي منبج»: Manbij only says where
        unique = {pid: h for pid, h in unique.items() if h.note != "direction reference"} or unique
    items = list(unique.values())
    if len(items) > 1:  # «نقطة المراقبة في مورك الواقعة جنوب إدلب»: Idlib only says where
        items = [
            p
            for p in items
            if not (_SITUATED.search(text[max(0, p.start - 40) : p.start]) and p is not items[0])
        ]
    return [p for p in items if not any(_locates(gazetteer, text, p, q, hits) for q in items if q is not p)]


def _locates(
    gazetteer: Gazetteer, text: str, p: PlaceHit, q: PlaceHit, hits: Sequence[PlaceHit] = ()
) -> bool:
    """Whether p only says where q is: p contains q, and they are not joined by «و» / "and",
    nor items of one list: a place named before the one it contains, with another between
    them ("Tafas, Jassim and al-Yadouda"), is an item, not a locator (a locator follows:
    "the squares in Hasakah and Qamishli")."""
    if not contains(gazetteer, p.place, q.place):
        return False
    a, b = (q, p) if q.start < p.start else (p, q)
    if a is p and any(
        a.end <= h.start and h.end <= b.start and h.place.id not in (a.place.id, b.place.id) for h in hits
    ):
        return False
    gap = bare_gap(text[a.end : b.start]) if a.end <= b.start else None
    return gap != "and"


def contains(gazetteer: Gazetteer, outer: Place, inner: Place) -> bool:
    """`inner` lies in `outer`: an ancestor, a region's polygon around it, or a city within
    15 km of a village, neighbourhood or facility."""
    if outer.id in gazetteer.ancestors(inner):
        return True
    if is_unlisted(inner) and not is_unlisted(outer) and haversine_km(outer.point, inner.point) < 1:
        return True  # «معبر الحمام في منطقة جنديرس»: located at the place it lies in
    if outer.kind in (PlaceKind.REGION, PlaceKind.GOVERNORATE, PlaceKind.COUNTRY) and not isinstance(
        outer.geometry, Point
    ):
        lat, lon = inner.point
        if inner.kind == PlaceKind.COUNTRY:
            return False
        if outer.geometry.contains(Point(lon, lat)) and (
            isinstance(inner.geometry, Point) or inner.geometry.area < outer.geometry.area
        ):
            return True
    if outer.kind in (PlaceKind.CITY, PlaceKind.TOWN) and inner.kind in (
        PlaceKind.VILLAGE,
        PlaceKind.NEIGHBOURHOOD,
        PlaceKind.FACILITY,
    ):
        return haversine_km(outer.point, inner.point) < 15
    return False
