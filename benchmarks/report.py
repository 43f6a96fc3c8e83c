"""Where a benchmark's figures go: printed as they come, then written to `docs/<name>.md` (a
generated file: its first line says so) and into the README's block of the same name, between
`<!-- name -->` and `<!-- /name -->`. The README never holds a figure typed by hand:
`tests/test_readme_figures.py` checks that every figure of a block is in the file it links and
that the README's "Measured" section has no figure outside a block."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores, load average {load:.1f} when the run began"


def write_readme_block(name: str, markdown: str) -> None:
    """Replace the README's block `name` (only the block; a README without it is left alone)."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start not in text:
        print(f"README.md has no {start} block: not written")
        return
    block = f"{start}{markdown.strip()}{end}"
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    readme.write_text(text, encoding="utf-8")


class Report:
    """The lines a benchmark prints; `write()` puts them in docs/<name>.md and the README."""

    def __init__(self, name: str, script: str, title: str) -> None:
        self.name, self.script, self.title = name, script, title
        self.lines: list[str] = [f"On {dt.date.today().isoformat()}, {machine()}:"]
        self.headline: list[str] = [self.lines[0]]  # what the README shows (all, if none chosen)
        print(self.lines[0])

    def line(self, text: str, *, headline: bool = False) -> None:
        """A figure line; `headline` ones alone go to the README when there are any."""
        print(text, flush=True)
        self.lines.append(text)
        if headline:
            self.headline.append(text)

    def write(self) -> Path:
        path = ROOT / "docs" / f"{self.name}.md"
        path.write_text(
            f"# {self.title} (generated)\n\nWritten by `{self.script}`; see that script for what "
            "is measured. Do not edit by hand.\n\n" + "\n".join(f"- {x}" for x in self.lines) + "\n",
            encoding="utf-8",
        )
        shown = self.headline if len(self.headline) > 1 else self.lines
        link = f"[docs/{self.name}.md](docs/{self.name}.md)"
        figures = "; ".join(x.rstrip(".") for x in shown[1:])
        write_readme_block(self.name, f"{shown[0]} {figures} (all figures: {link}).")
        print(f"wrote {path.relative_to(ROOT)} and the README's {self.name} block")
        return path
