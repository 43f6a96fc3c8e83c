"""The README's measured figures cannot drift from the runs that produced them (issue 9).

Each benchmark or evaluation that measures writes a generated file in `docs/` and the block
between `<!-- name -->` and `<!-- /name -->` (or `name:begin`/`name:end`) of the README. These
tests hold the two together: every figure of a README block is in the file it links to, and
every generated file of `docs/` is linked from the README. A figure typed by hand, or left over
from an earlier run, fails here rather than misleading a reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(
    r"<!-- (?P<name>[\w-]+?)(?::begin)? -->(?P<body>.*?)<!-- (?:/(?P=name)|(?P=name):end) -->", re.S
)
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")  # 0.773, 86.9, 7,367, 2026-12-06 (as 2026, 12, 06)
LINK = re.compile(r"\((docs/[\w./-]+\.md)\)")


def _blocks() -> dict[str, str]:
    return {m["name"]: m["body"] for m in BLOCK.finditer(README)}


def _figures(text: str) -> set[str]:
    return {f.replace(",", "") for f in FIGURE.findall(text)}


def _generated_docs() -> list[Path]:
    return sorted(
        p for p in (ROOT / "docs").glob("*.md") if "(generated)" in p.read_text("utf-8").split("\n", 1)[0]
    )


def test_the_readme_has_generated_blocks():
    assert {"extraction", "geocoding", "fuzz"} <= set(_blocks())


@pytest.mark.parametrize("name", sorted(_blocks()))
def test_every_figure_of_a_readme_block_is_in_the_file_it_was_generated_with(name):
    body = _blocks()[name]
    linked = LINK.findall(body) or [f"docs/{name}.md"]
    source = "\n".join((ROOT / path).read_text(encoding="utf-8") for path in linked)
    missing = _figures(body) - _figures(source)
    assert not missing, f"README block {name!r}: figures not in {linked}: {sorted(missing)}"


@pytest.mark.parametrize("doc", [p.name for p in _generated_docs()])
def test_every_generated_file_is_linked_from_the_readme(doc):
    assert f"docs/{doc}" in README


def test_a_figure_typed_by_hand_is_caught():
    """The check itself: a block whose figure differs from its file's fails."""
    body = _blocks()["extraction"]
    figure = next(f for f in FIGURE.findall(body) if "." in f)
    tampered = body.replace(figure, f"{figure}9", 1)
    source = (ROOT / "docs/extraction-scores.md").read_text(encoding="utf-8")
    assert _figures(tampered) - _figures(source)


def _measured() -> str:
    """The README's "Measured" section, up to the next heading."""
    return README.split("\n## Measured\n", 1)[1].split("\n## ", 1)[0]


def test_the_measured_section_has_no_figure_outside_a_generated_block():
    """Prose between the blocks says what a script measures, never how much: a figure there
    could not be checked against a run (issue numbers and script options aside)."""
    prose = BLOCK.sub("", _measured())
    prose = re.sub(r"issues? \d+(?: and \d+)?|`[^`]*`|docs/[\w./-]+|\d-core|\bF1\b", "", prose)
    assert not FIGURE.findall(prose), FIGURE.findall(prose)


def test_every_block_of_the_measured_section_links_its_file():
    blocks = {m["name"]: m["body"] for m in BLOCK.finditer(_measured())}
    assert {"extraction", "geocoding", "bench-map", "bench-time", "bench-store"} <= set(blocks)
    for name, body in blocks.items():
        assert LINK.search(body) or (ROOT / f"docs/{name}.md").exists(), name
