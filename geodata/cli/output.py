"""What the commands print: text and JSON on standard output, never a crash on text the
terminal's encoding cannot hold (a lone surrogate, from an argument or a file name that was
not valid UTF-8, is printed as a replacement character)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click


def printable(text: str, err: bool = False) -> str:
    """`text` with what standard output's (or error's) encoding cannot hold replaced."""
    encoding = getattr(sys.stderr if err else sys.stdout, "encoding", None) or "utf-8"
    return text.encode(encoding, "replace").decode(encoding)


def echo(text: str = "", err: bool = False) -> None:
    click.echo(printable(text, err), err=err)


def echo_json(data: Any) -> None:
    echo(json.dumps(data, ensure_ascii=False, indent=2))
