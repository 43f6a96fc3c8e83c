"""Event datasets read as a stream (ACLED, UCDP GED): a file of a million rows is read,
validated and set aside in batches, with bounded memory -- never a list of a million models.

`read_import` sends a CSV file whose header is an event dataset's (`event_format`) here rather
than to `csv`: the file is decoded as it is read (UTF-8, UTF-16 with its BOM, or the encoding
given), each row mapped by the format's `Mapper` (`acled.AcledMapper`, `ucdp.UcdpMapper`) to
an event's fields, validated (`records.parse`) `BATCH` rows at a time, and each valid event's
document (what the store writes: the record as JSON, its source as an id, the dataset's
columns as `_attrs`) is appended to a `Spool`: a temporary file of zlib-compressed batches.
The result is an ordinary `ImportResult`: the report holds every rejected row (file, record,
field, reason), `records` is a `SpooledEvents` -- a sequence read back from the spool as asked
(`len`, iteration, indexing; the store's `apply` takes its `documents()` batch by batch), and
`attrs` a mapping read from it the same way. A duplicated id rejects every row holding it, as
`records.validate` does, also when the first was read long before.

What stays in memory is bounded by the batch, plus one entry per event id (to find duplicates)
and the mappers' caches (names resolved, sources).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import pickle
import tempfile
import weakref
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast, overload

import pydantic

from ..errors import ImportFileError, Problem
from ..model import Event, Source
from ..validation import pydantic_problems
from .limits import text_problem
from .locate import outside_reason
from .records import ImportResult, RawRecord, ReadContext, shown_problem

BATCH = 5_000  # rows validated, and documents spooled, at a time
ATTRS = "_attrs"  # as `store.rows.ATTRS`
Errors = list[tuple[str, str]]


class Mapper(Protocol):
    """How one dataset's rows become events (see `acled.AcledMapper`)."""

    format: str
    sources: dict[str, Source]
    note: str

    def event(self, cells: dict[str, str]) -> tuple[dict[str, Any], Errors, dict[str, Any]]:
        """An event's fields, the row's problems (field, reason) and what is kept beside it."""
        ...


def mapper_for(ctx: ReadContext, header: Sequence[str]) -> Mapper | None:
    """The mapper of the event dataset a CSV header is (None: not one)."""
    from . import acled, ucdp

    if acled.is_acled(header):
        return acled.AcledMapper(ctx)
    if ucdp.is_ucdp(header):
        return ucdp.UcdpMapper(ctx)
    return None


# -- reading -----------------------------------------------------------------------------------


def open_text(path: Path, shown: str, encoding: str | None) -> io.TextIOWrapper:
    """A text file decoded as it is read (see `text.decode` for the encodings)."""
    raw = path.open("rb")
    bom = raw.read(2)
    raw.seek(0)
    chosen = encoding or ("utf-16" if bom in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    try:
        codecs.lookup(chosen)
        return io.TextIOWrapper(raw, encoding=chosen, errors="strict", newline="")
    except LookupError:  # no such codec, or not a text encoding ('hex', 'rot13')
        raw.close()
        raise ImportFileError(
            f"{shown}: unknown encoding {encoding!r}; e.g. utf-8, cp1256, iso-8859-6, utf-16"
        ) from None


def csv_rows(
    text: io.TextIOBase, shown: str, delimiter: str | None = None
) -> tuple[list[str], Iterator[list[str]]]:
    """The header and an iterator of the rows that are not blank."""
    first = text.readline()
    if delimiter is None:
        delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    if not any(header):
        raise ImportFileError(f"{shown}: no header row")
    if len(set(header)) != len(header):
        dupes = sorted({h for h in header if header.count(h) > 1})
        raise ImportFileError(f"{shown}: repeated column name(s) {', '.join(d[:40] for d in dupes[:10])}")

    def body() -> Iterator[list[str]]:
        try:
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield cells
        except csv.Error as exc:
            raise ImportFileError(
                f"{shown}: not a readable CSV file (line {reader.line_num}: {exc})"
            ) from None
        except UnicodeError as exc:  # UnicodeDecodeError, or a codec's own ('punycode')
            named = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}.get(text.encoding, text.encoding)
            reason = getattr(exc, "reason", None) or str(exc)[:120]
            raise ImportFileError(
                f"{shown}: not {named} text near line {reader.line_num} "
                f"({reason}); save it as UTF-8, or give its encoding "
                "(e.g. --encoding cp1256 for an Arabic Windows file)"
            ) from None

    return header, body()


def event_format(ctx: ReadContext, path: Path, delimiter: str | None = None) -> str | None:
    """The event dataset a CSV file holds, from its header (None: another CSV file)."""
    try:
        with open_text(path, ctx.shown, ctx.encoding) as text:
            header, _ = csv_rows(text, ctx.shown, delimiter)
    except (ImportFileError, UnicodeError, csv.Error):
        return None  # the CSV reader says what is wrong with it
    from . import acled, ucdp

    return "acled" if acled.is_acled(header) else "ucdp" if ucdp.is_ucdp(header) else None


def read_event_file(ctx: ReadContext, path: Path, delimiter: str | None = None) -> ImportResult:
    """An event dataset's CSV file, streamed (see the module docstring)."""
    size = max(path.stat().st_size, 1)
    with open_text(path, ctx.shown, ctx.encoding) as text:
        header, body = csv_rows(text, ctx.shown, delimiter)
        mapper = mapper_for(ctx, header)
        if mapper is None:
            raise ImportFileError(f"{ctx.shown}: not an ACLED or UCDP GED export")
        raw: Any = text.buffer

        def where() -> tuple[int, int]:
            return min(raw.tell(), size), size

        return read_event_rows(ctx, header, body, mapper, where)


class _Reading:
    """The state of one streamed read: the spool, the ids seen, the problems."""

    def __init__(self, ctx: ReadContext, mapper: Mapper) -> None:
        self.ctx, self.mapper = ctx, mapper
        self.spool = Spool()
        self.seen: dict[str, int] = {}  # event id -> the row holding it (< 0: not valid)
        self.valid = 0
        self.dupes: dict[str, list[int]] = {}
        self.problems: list[Problem] = []
        self.pending: list[RawRecord] = []
        self.attrs: dict[str, dict[str, Any]] = {}

    def row(self, n: int, header: Sequence[str], row: Sequence[str]) -> None:
        if len(row) != len(header):
            self.problems.append(
                Problem(
                    self.ctx.shown,
                    f"#{n}",
                    "(record)",
                    f"has {len(row)} cells but the header has {len(header)}",
                )
            )
            return
        cells = {h: c.strip() for h, c in zip(header, row, strict=True)}
        data, errs, attrs = self.mapper.event(cells)
        chars = self.ctx.limits.chars  # (a short ASCII cell passes `text_problem`: skip it)
        errs += [
            (h, p)
            for h, c in cells.items()
            if (len(c) > chars or not c.isascii()) and (p := text_problem(c, self.ctx.limits))
        ]
        raw = RawRecord(self.ctx.shown, n, data)
        if errs:
            self.problems += [Problem(raw.file, raw.record_id, f, why) for f, why in errs]
            return
        self.pending.append(raw)
        self.attrs[str(data["id"])] = attrs
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        fresh = []
        for raw in self._inside(self.pending):
            rid = str(raw.data["id"])
            if rid in self.seen:
                self.dupes.setdefault(rid, []).append(raw.index)
            else:
                self.seen[rid] = -raw.index  # negative until the record proves valid
                fresh.append(raw)
        events = self._validated(fresh)
        for e in events:
            self.seen[e.id] = -self.seen[e.id]
        self.spool.add([document(e, self.attrs.get(e.id)) for e in events])
        self.valid += len(events)
        self.pending, self.attrs = [], {}

    def _inside(self, raws: list[RawRecord]) -> list[RawRecord]:
        """The records whose coordinates (`_where`) lie in the country, tested at once."""
        locator = getattr(self.mapper, "locator", None)
        where = [(i, r.data["_where"]) for i, r in enumerate(raws) if "_where" in r.data]
        if locator is None or not where:
            return raws
        inside = locator.inside_many([xy[0] for _, xy in where], [xy[1] for _, xy in where])
        bad = {i: xy for (i, xy), ok in zip(where, inside.tolist(), strict=True) if not ok}
        self.problems += [
            Problem(raws[i].file, raws[i].record_id, "latitude", outside_reason(*xy)) for i, xy in bad.items()
        ]
        return [r for i, r in enumerate(raws) if i not in bad]

    def _validated(self, raws: list[RawRecord]) -> list[Event]:
        """The events the records make, and the problems of the others (pydantic's; the
        cells' texts were checked as they were read)."""
        out = []
        for raw in raws:
            self.ctx.budget.tick(raw.index, "validating")
            data = {k: v for k, v in raw.data.items() if not k.startswith("_")}
            try:
                out.append(Event.model_validate(data))
            except pydantic.ValidationError as exc:
                self.problems += pydantic_problems(raw.file, raw.record_id, exc)
        return out

    def result(self, total: int) -> ImportResult:
        self.flush()
        for rid, later in self.dupes.items():
            where = [abs(self.seen[rid]), *later]
            marks = ", ".join(f"#{i}" for i in where)
            self.problems += [
                Problem(self.ctx.shown, f"{rid} (#{i})", "id", f"duplicate id {rid!r} (records {marks})")
                for i in where
            ]
        skip = frozenset(self.dupes)
        count = self.valid - sum(1 for rid in skip if self.seen[rid] > 0)
        records = SpooledEvents(self.spool, dict(self.mapper.sources), skip, count)
        return ImportResult(
            file=self.ctx.shown,
            kind="events",
            format=self.mapper.format,
            records=cast(tuple[Any, ...], records),
            rejected=tuple(shown_problem(p) for p in self.problems),
            attrs=SpooledAttrs(records),
            total=total,
            notes=(*self.ctx.notes, self.mapper.note),
        )


def read_event_rows(
    ctx: ReadContext, header: Sequence[str], rows: Iterable[Sequence[str]], mapper: Mapper, where: Any = None
) -> ImportResult:
    """Rows of an event dataset, mapped, validated and spooled a batch at a time. `where()`
    says how far the reading is (done, total) for the progress callback."""
    if ctx.kind not in (None, "events"):
        raise ImportFileError(f"{ctx.shown}: an {mapper.format.upper()} export holds events, not {ctx.kind}")
    reading = _Reading(ctx, mapper)
    n = 0
    for n, row in enumerate(rows, 1):
        ctx.read(n)
        reading.row(n, header, row)
        if ctx.progress is not None and n % 2000 == 0:
            ctx.progress(*(where() if where else (n, n)))
    result = reading.result(n)
    if ctx.progress is not None:
        ctx.progress(n, n)
    return result


def document(event: Event, attrs: Mapping[str, Any] | None) -> dict[str, Any]:
    """An event's document as the store writes it (`store.rows.document`)."""
    doc = event.model_dump(mode="json")
    doc["source"] = event.source.id
    if attrs:
        doc[ATTRS] = dict(attrs)
    return doc


# -- the spool ---------------------------------------------------------------------------------


def _temporary_file() -> Any:
    return tempfile.TemporaryFile(prefix="zonemap-spool-")


class Spool:
    """Documents set aside in a temporary file (deleted when closed or collected), a batch
    per zlib-compressed pickle (a file this process wrote and no one else can open: pickle is
    safe here, and three times faster than JSON); read back with positional reads
    (thread-safe)."""

    def __init__(self) -> None:
        self.file = _temporary_file()  # outlives this call: weakref.finalize closes it
        weakref.finalize(self, self.file.close)  # the file goes with the last reference
        self.parts: list[tuple[int, int, int]] = []  # (offset, bytes, documents)
        self.end = 0

    def add(self, docs: list[dict[str, Any]]) -> None:
        if not docs:
            return
        data = zlib.compress(pickle.dumps(docs, protocol=5), 1)
        self.file.write(data)
        self.file.flush()
        self.parts.append((self.end, len(data), len(docs)))
        self.end += len(data)

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        for offset, size, _ in self.parts:
            yield pickle.loads(zlib.decompress(os.pread(self.file.fileno(), size, offset)))


class SpooledEvents(Sequence[Event]):
    """The valid events of a streamed import, read from its spool as asked."""

    def __init__(self, spool: Spool, sources: dict[str, Source], skip: frozenset[str], count: int) -> None:
        self.spool, self.sources, self.skip, self.size = spool, sources, skip, count

    def documents(self, size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
        """The events' documents (what the store writes), `size` at a time."""
        out: list[dict[str, Any]] = []
        for batch in self.spool.batches():
            out += [d for d in batch if d["id"] not in self.skip]
            while len(out) >= size:
                yield out[:size]
                out = out[size:]
        if out:
            yield out

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[Event]:
        for docs in self.documents():
            for doc in docs:
                yield self.model(doc)

    def model(self, doc: Mapping[str, Any]) -> Event:
        values = {k: v for k, v in doc.items() if k != ATTRS}
        values["source"] = self.sources[values["source"]]
        return Event.model_validate(values)

    @overload
    def __getitem__(self, i: int) -> Event: ...
    @overload
    def __getitem__(self, i: slice) -> list[Event]: ...

    def __getitem__(self, i: int | slice) -> Event | list[Event]:
        if isinstance(i, slice):
            return list(itertools.islice(iter(self), *i.indices(self.size)))
        j = i + self.size if i < 0 else i
        if not 0 <= j < self.size:
            raise IndexError(i)
        return next(itertools.islice(iter(self), j, None))


class SpooledAttrs(Mapping[str, Mapping[str, Any]]):
    """What an import keeps beside each event, by id, read from the spool (a lookup reads it
    through: the store takes the attrs from the documents instead)."""

    def __init__(self, events: SpooledEvents) -> None:
        self.events = events

    def _items(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        for docs in self.events.documents():
            for d in docs:
                if d.get(ATTRS):
                    yield d["id"], d[ATTRS]

    def __getitem__(self, key: str) -> Mapping[str, Any]:
        for rid, attrs in self._items():
            if rid == key:
                return attrs
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (rid for rid, _ in self._items())

    def __len__(self) -> int:
        return sum(1 for _ in self._items())
