"""`zonemap extract`, `zonemap ingest` and `zonemap eval`: reports in, draft events out.

A user's mistake (no such file, an empty, binary or oversized file, a file that is not UTF-8, a
bad date) ends as one line and exit status 1 or 2, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..extract import MAX_CHARS, Extraction, Extractor, source_for
from ..settings import get_settings
from .errors import user_errors
from .output import echo, echo_json
from .params import DATE, collected, user_option
from .session import dataset, opened_store

MAX_BYTES = 4 * MAX_CHARS  # UTF-8 Arabic is 2 bytes a letter; leave room
LANG = click.Choice(["ar", "en", "auto"])


def read_report(path: Path) -> str:
    """The text of a report file, or a ClickException that says what is wrong with it."""
    if not path.exists():
        raise click.ClickException(f"{path}: no such file")
    if path.is_dir():
        raise click.ClickException(f"{path}: is a directory; give a text file with one report")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise click.ClickException(
                f"{path}: the file has {size:,} bytes but a report may have at most {MAX_BYTES:,}; "
                "split it into articles"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise click.ClickException(f"{path}: the file is empty; give the report's text")
    if b"\x00" in data:
        raise click.ClickException(f"{path}: this looks like a binary file, not a text report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded); convert it first, "
            f"e.g. `iconv -f WINDOWS-1256 -t UTF-8 {path.name}`"
        ) from None
    return text.replace("\r\n", "\n")


def _extract(path: Path, lang: str, published: dt.date | None) -> Extraction:
    text = read_report(path)
    extractor = Extractor.from_dataset(dataset())
    with user_errors(f"{path}: "):
        return extractor.extract(text, lang=None if lang == "auto" else lang, published=published)


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=LANG,
    default="auto",
    show_default=True,
    help="The report's language; auto detects it from the script.",
)
@click.option(
    "--published",
    type=DATE,
    help="The report's date, YYYY-MM-DD: decides which "
    "actor a name means (the Syrian government before or after December 2024).",
)
@click.option("--json", "as_json", is_flag=True, default=True, help="Print one JSON object (the default).")
@click.option("--summary", is_flag=True, help="Print a readable list instead of JSON.")
def extract(file: Path, lang: str, published: dt.date | None, as_json: bool, summary: bool) -> None:
    """Find the places and events of a report (Arabic or English); print them, write nothing."""
    result = _extract(file, lang, published)
    if as_json and not summary:
        echo_json(result.to_json())
        return
    echo(f"language: {result.lang}; {len(result.places)} place mention(s), {len(result.events)} event(s)")
    for e in result.events:
        where = e.place.name_en if e.place else "no place"
        flags = " (historical)" if e.historical else ""
        links = f" <-> {', '.join(e.linked_to)}" if e.linked_to else ""
        echo(
            f"{e.id}: {e.type.value}{'/' + e.subtype if e.subtype else ''} "
            f"{e.actor or '?'} -> {e.target or '?'} @ {where}{flags}{links}\n"
            f"    «{e.evidence.text}»"
        )


@dataclass(frozen=True)
class IngestRequest:
    """The arguments and options of `zonemap ingest`."""

    file: Path
    url: str
    outlet: str
    published: dt.date
    lang: str
    user: str


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--url", required=True, help="Where the report was published.")
@click.option("--outlet", required=True, help="The outlet's name, e.g. 'North Press'.")
@click.option("--published", required=True, type=DATE, help="The report's date, YYYY-MM-DD.")
@click.option(
    "--lang", type=LANG, default="auto", show_default=True, help="The report's language; auto detects it."
)
@user_option("The editor the drafts are recorded under.")
@collected(IngestRequest)
def ingest(request: IngestRequest) -> None:
    """Store the events of a report as drafts for review, with their source."""
    from ..store import DuplicateRecordError

    result = _extract(request.file, request.lang, request.published)
    source = source_for(
        result.text, outlet=request.outlet, url=request.url, published=request.published, lang=result.lang
    )
    events = result.to_events(source)
    if not events:
        echo(f"{request.file}: no events found; nothing stored.")
        return
    secret = get_settings().editor_secret
    if not secret:
        raise click.ClickException("no editor secret is set: set ZONEMAP_EDITOR_SECRET to store drafts")
    with user_errors("the drafts could not be stored: ", also=(ValueError, LookupError)):
        try:
            with opened_store() as store:
                store.as_editor(request.user, secret).add_events(events, user=request.user)
        except DuplicateRecordError:
            raise click.ClickException(
                f"{request.file}: this report was ingested before (source {source.id}); its "
                "drafts are already in the review queue"
            ) from None
    echo(
        f"{len(events)} draft event(s) stored from {request.file} (source {source.id}); "
        "review them in the dashboard."
    )


@click.command(name="eval")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the figures as Markdown tables (what docs/extraction-scores.md holds).",
)
@click.option(
    "--misses", is_flag=True, help="Also list every miss (false positive or negative), grouped by its cause."
)
def eval_(directory: Path, as_json: bool, markdown: bool, misses: bool) -> None:
    """Score the extractor on a directory of labelled articles: precision, recall and F1 for
    places, (type, place) events, historical events and actors, Arabic and English apart, and
    per event type and place kind."""
    from ..extract.eval_report import evaluate, format_markdown, format_misses, format_report
    from ..extract.evaluation import read_corpus

    docs = read_corpus(directory)
    extractor = Extractor.from_dataset(dataset())
    t0 = time.perf_counter()
    report = evaluate(docs, extractor)
    elapsed = time.perf_counter() - t0
    if as_json:
        out: dict[str, Any] = {
            "articles": len(docs),
            "seconds": round(elapsed, 3),
            "scores": report.as_dict(),
        }
        if misses:
            out["misses"] = report.misses_by_cause()
        echo_json(out)
        return
    if markdown:
        echo(format_markdown(report, source=f"{len(docs)} labelled articles of `{directory.name}/`"))
        return
    echo(f"{len(docs)} article(s) from {directory} in {elapsed:.2f} s")
    echo(format_report(report))
    if misses:
        echo(format_misses(report))


def register(group: click.Group) -> None:
    for command in (extract, ingest, eval_):
        group.add_command(command)
