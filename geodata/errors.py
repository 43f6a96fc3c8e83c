"""The exception family: builtins underneath, so callers may catch ValueError or LookupError,
and messages that say what was received, what is allowed and what to do."""

from __future__ import annotations

from dataclasses import dataclass


class ZonemapError(Exception):
    """Base of every error Zonemap raises on purpose; the CLI turns these into one line."""


class UnknownPlaceError(ZonemapError, LookupError):
    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no place named {name!r} in the gazetteer.{hint}")


class UnknownActorError(ZonemapError, LookupError):
    pass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one record: where it is and why."""

    file: str
    record: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: record {self.record}: field {self.field}: {self.reason}"


class ValidationError(ZonemapError, ValueError):
    """Raised once with every problem found, never at the first one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s) found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class ExtractionError(ZonemapError, ValueError):
    """A text that cannot be read as a report (empty, binary, too long)."""


class CorpusError(ZonemapError, ValueError):
    """A directory of labelled articles that cannot be scored (missing, unreadable, incomplete)."""


class DataFileError(ZonemapError, ValueError):
    """A data file cannot be read at all (missing, not JSON, not a FeatureCollection)."""


class ImportFileError(ZonemapError, ValueError):
    """The file cannot be imported at all (unreadable, unknown format, refused archive, ...)."""


class ImportLimitError(ImportFileError):
    """A file over one of the import limits (size, records, time): refused whole, with the limit
    named and what to do (split or simplify the file)."""


class ImportTimeoutError(ImportLimitError):
    """Reading a file took longer than its time budget: stopped, nothing written."""


class ExportError(ZonemapError, ValueError):
    """An export that cannot be made (nothing selected, a format that cannot hold it...)."""


class FieldProblem(ZonemapError, ValueError):
    """One field of one record is wrong: raised while a record is prepared for its model, and
    reported as a `Problem` of that record (see `geodata.formats.records.parse`)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field, self.reason = field, reason
