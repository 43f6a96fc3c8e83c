"""What bounds one import: the limits a file keeps to, the time budget of reading it, and the
check every value read from a file goes through before it may become a record.

A file over a limit of the whole (size, records, time) is refused with `ImportLimitError`
(`ImportTimeoutError` for the time), which names the limit and what to do; a value over a
limit of one value is a problem of its record and field, and the rest of the file is read on.

| limit | default | what it bounds |
|---|---|---|
| `bytes` | 50 MB | the file (what an archive unpacks to: `archive.MAX_UNZIPPED`) |
| `records` | 250,000 | records (rows, features) in one file |
| `seconds` | 20 | reading one file (CPU time), checked between records: every reader streams |
| `depth` | 16 | nesting of one value (lists in objects in lists ...) |
| `chars` | 100,000 | characters of one text value |
| `vertices` | 100,000 | vertices of one geometry |
| `crossings` | 1,000 | self-intersections a geometry repair may resolve (`repair`: beyond them
  `make_valid` takes minutes) |

Besides the sizes, a value is refused when it is not something every backend can store: text
holding a lone surrogate (JSON's `"\\ud800"`: not Unicode), a number that is not finite (JSON's
`NaN`, `Infinity`, `1e400`) or an integer past 64 bits. `shown` makes any text safe to print.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ImportLimitError, ImportTimeoutError

INT64 = 2**63 - 1


@dataclass(frozen=True)
class Limits:
    """The limits of one import (see the module docstring)."""

    bytes: int = 50 * 1024 * 1024
    records: int = 250_000
    seconds: float = 20.0
    depth: int = 16
    chars: int = 100_000
    vertices: int = 100_000
    crossings: int = 1_000


DEFAULT = Limits()


class Budget:
    """The time and the records one file may take to read; `tick` as each record is read.

    The time is the reading thread's CPU time (`time.thread_time`): what a file costs to read,
    the same on an idle laptop and on a busy server (where wall-clock time would refuse a good
    file), and what a runaway computation (a geometry repair, a parse) spends."""

    def __init__(
        self, shown: str, limits: Limits = DEFAULT, clock: Callable[[], float] = time.thread_time
    ) -> None:
        self.shown, self.limits, self.clock = shown, limits, clock
        self.start = clock()
        self._looked = time.monotonic()  # the CPU clock is slow to read: read it 10 times a second

    @property
    def elapsed(self) -> float:
        return self.clock() - self.start

    def tick(self, done: int, doing: str = "reading") -> None:
        """Raise ImportLimitError past the record limit, ImportTimeoutError past the time."""
        if done > self.limits.records:
            raise ImportLimitError(
                f"{self.shown}: more than {self.limits.records:,} records; at most "
                f"{self.limits.records:,} are imported from one file: split the file"
            )
        now = time.monotonic()
        if now - self._looked >= 0.1:
            self._looked = now
            if self.clock() - self.start > self.limits.seconds:
                self.check(f"{doing}, at record {done:,}")

    def check(self, where: str) -> None:
        """Raise ImportTimeoutError past the time, saying where the reading stopped."""
        elapsed = self.elapsed
        if elapsed > self.limits.seconds:
            raise ImportTimeoutError(
                f"{self.shown}: stopped after {elapsed:.0f} s of work ({where}): reading one "
                f"file may take {self.limits.seconds:.0f} s at most. Nothing was written; split "
                "the file, or simplify its geometries"
            )


def value_problem(value: Any, limits: Limits = DEFAULT) -> str | None:
    """Why a value read from a file cannot be kept (None when it can): see the module
    docstring. Walks the value without recursion, so any depth is safe to check."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item, limits)
        elif isinstance(item, bool) or item is None:
            problem = None
        elif isinstance(item, float):
            problem = None if math.isfinite(item) else f"{item} is not a finite number"
        elif isinstance(item, int):
            problem = None if -INT64 <= item <= INT64 else "a number too large (past 64 bits)"
        elif isinstance(item, dict | list | tuple):
            if depth >= limits.depth:
                return f"nested more than {limits.depth} levels deep"
            if isinstance(item, dict):
                stack.extend((k, depth + 1) for k in item)
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)
            problem = None
        else:
            problem = None
        if problem:
            return problem
    return None


def text_problem(text: str, limits: Limits = DEFAULT) -> str | None:
    """Why a text value cannot be kept: too long, or not Unicode (a lone surrogate)."""
    if len(text) > limits.chars:
        return f"text of {len(text):,} characters; at most {limits.chars:,} in one value"
    if text.isascii():
        return None
    try:
        text.encode("utf-8")  # fails on a lone surrogate, the only str that is not Unicode
    except UnicodeEncodeError as exc:
        return (
            f"holds a lone surrogate ({text[exc.start]!a} at character {exc.start}), "
            "which is not Unicode text: fix the file's encoding"
        )
    return None


def shown(text: str) -> str:
    """`text` safe to print, store or send anywhere: lone surrogates as `\\udXXX` escapes."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text
