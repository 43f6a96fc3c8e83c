"""`zonemap validate`: check a data directory or one data file and list every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..dataset import read_dataset, read_dataset_with
from ..settings import get_settings
from .output import echo


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="SOURCE_ID=FILE",
    help="A source's text, to check that each quote is at its offsets. Repeatable.",
)
def validate(path: Path | None, texts: tuple[str, ...]) -> None:
    """Check a data directory or one data file (default: the shipped data); list every
    problem with file, record and field. Exit 0 when valid, 1 otherwise."""
    source_texts = _source_texts(texts)
    target = path or get_settings().data_dir
    if not target.exists():
        raise click.ClickException(f"{target}: no such file or directory")
    if target.is_dir():
        _, problems = read_dataset(target, source_texts)
    else:
        _, problems = read_dataset_with(target, source_texts)
    for p in problems:
        echo(str(p))
    if problems:
        echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    echo(f"{target}: valid.")


def _source_texts(texts: tuple[str, ...]) -> dict[str, str]:
    """The texts of `--text SOURCE_ID=FILE`, over those of ZONEMAP_SOURCES_DIR when it is set."""
    given = {}
    for item in texts:
        sid, sep, file = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: expected SOURCE_ID=FILE", param_hint="--text")
        try:
            given[sid] = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {file}: {exc}", param_hint="--text") from None
    settings = get_settings()
    if not settings.sources_dir:
        return given
    from ..validation import read_source_texts

    shipped, _ = read_dataset(settings.data_dir)
    return {**read_source_texts(settings.sources_dir, list(shipped.sources.values())), **given}


def register(group: click.Group) -> None:
    group.add_command(validate)
