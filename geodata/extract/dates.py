"""Dates in a report: the day it was published when the text states it, and the day an event
happened when a clause says it relative to that day.

- `published_in_text`: a date at the head of the report (its first 300 characters): ISO
  "2024-10-28", "19/08/2025", "Dec 05, 2020", "5 December 2020", «28 تشرين الأول 2024»,
  «5 كانون الأول 2020», «28 أكتوبر 2024». The first one found; None when there is none. A
  report without a date is never dated today.
- `event_day`: a clause's day relative to the report's: "yesterday" / «أمس» (one day
  before), «أول أمس» / "the day before yesterday" (two), a weekday ("on Sunday", «يوم الأحد»:
  the last such day on or before the report's), a day of a month ("October 27", «27 تشرين
  الأول»: in the report's year, or the year before when that would be after the report).
  Without such words, the report's day.
"""

from __future__ import annotations

import datetime as dt
import re

from ..normalize import arabic_key

_MONTHS_EN = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_MONTHS_EN.update({m[:3]: i for m, i in list(_MONTHS_EN.items())})
_MONTHS_EN["sept"] = 9
_MONTHS_AR = {
    arabic_key(m): i
    for m, i in {
        "كانون الثاني": 1,
        "شباط": 2,
        "آذار": 3,
        "نيسان": 4,
        "أيار": 5,
        "حزيران": 6,
        "تموز": 7,
        "آب": 8,
        "أيلول": 9,
        "تشرين الأول": 10,
        "تشرين الثاني": 11,
        "كانون الأول": 12,
        "يناير": 1,
        "فبراير": 2,
        "مارس": 3,
        "أبريل": 4,
        "ابريل": 4,
        "مايو": 5,
        "يونيو": 6,
        "يوليو": 7,
        "أغسطس": 8,
        "سبتمبر": 9,
        "أكتوبر": 10,
        "نوفمبر": 11,
        "ديسمبر": 12,
    }.items()
}
_AR_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS_AR), key=len, reverse=True))
_EN_MONTH = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

_ISO = re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(20\d\d|19\d\d)(?!\d)")
_EN_MDY = re.compile(rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_EN_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_EN_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_AR_DMY = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_AR_MONTH})\s+(\d{{4}})(?!\d)")

WEEKDAYS = {  # the day's name (English, Arabic folded) -> Monday 0 ... Sunday 6
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
_EN_DAY_MONTH = re.compile(rf"\b(?:({_EN_MONTH})\.?\s+(\d{{1,2}})|(\d{{1,2}})\s+({_EN_MONTH}))\b", re.I)
_AR_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_AR_MONTH})(?!\s*\d{{4}})")
HEAD = 300


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def published_in_text(text: str) -> dt.date | None:
    """The first date stated in the report's head, or None."""
    head = text[:HEAD].translate(_DIGITS)
    found: list[tuple[int, dt.date | None]] = []
    for m in _ISO.finditer(head):
        found.append((m.start(), _date(int(m[1]), int(m[2]), int(m[3]))))  # noqa: PERF401 (clearer as a loop)
    for m in _DMY.finditer(head):
        found.append((m.start(), _date(int(m[3]), int(m[2]), int(m[1]))))  # noqa: PERF401 (clearer as a loop)
    for m in _EN_MDY.finditer(head):
        found.append((m.start(), _date(int(m[3]), _MONTHS_EN[m[1].lower()], int(m[2]))))  # noqa: PERF401 (clearer as a loop)
    for m in _EN_DMY.finditer(head):
        found.append((m.start(), _date(int(m[3]), _MONTHS_EN[m[2].lower()], int(m[1]))))  # noqa: PERF401 (clearer as a loop)
    key_head = " ".join(arabic_key(w) for w in head.split())
    for m in _AR_DMY.finditer(key_head):
        found.append((m.start(), _date(int(m[3]), _MONTHS_AR[m[2]], int(m[1]))))  # noqa: PERF401 (clearer as a loop)
    days = [d for _, d in sorted(found, key=lambda x: x[0]) if d is not None]
    return days[0] if days else None


def event_day(clause: str, published: dt.date | None) -> dt.date | None:
    """The day a clause's event happened, relative to the report's day (see the module)."""
    if published is None:
        return None
    words = [arabic_key(w) for w in clause.split()]
    lower = [w.lower().strip(",.;:()") for w in clause.split()]
    joined = " ".join(words)
    if "اول امس" in joined or "day before yesterday" in clause.lower():
        return published - dt.timedelta(days=2)
    if "امس" in words or "yesterday" in lower or any(w in {"بالامس", "وامس"} for w in words):
        return published - dt.timedelta(days=1)
    for w in (*lower, *words):
        if w in WEEKDAYS:
            back = (published.weekday() - WEEKDAYS[w]) % 7
            return published - dt.timedelta(days=back)
    m = _EN_DAY_MONTH.search(clause)
    if m:
        month = _MONTHS_EN[(m[1] or m[4]).lower()]
        return _in_year_before(published, month, int(m[2] or m[3]))
    m = _AR_DAY_MONTH.search(joined.translate(_DIGITS))
    if m:
        return _in_year_before(published, _MONTHS_AR[m[2]], int(m[1]))
    return published


def _in_year_before(published: dt.date, month: int, day: int) -> dt.date:
    d = _date(published.year, month, day)
    if d is None:
        return published
    if d > published:
        d = _date(published.year - 1, month, day) or published
    return d
