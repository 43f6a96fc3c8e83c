"""The command line's own machinery: the package's import graph, the error translator, the place
resolver, the date type, printing text the terminal cannot encode, help on every command."""

from __future__ import annotations

import ast
import errno
import graphlib
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

from geodata.cli import main
from geodata.cli.errors import CommandGroup, user_errors
from geodata.cli.params import DATE, resolve_place
from geodata.errors import ZonemapError
from geodata.normalize import is_arabic

PACKAGE = "geodata.cli"
CLI_DIR = Path(__file__).resolve().parents[2] / "geodata" / "cli"


def _module_level_imports(path: Path, package: str) -> set[str]:
    """The geodata.cli modules that `path` imports when it is imported: module-level import
    statements, including those under a top-level `if`/`try`, but not `if TYPE_CHECKING:` blocks
    or imports inside functions (those run later, when the module is complete)."""
    own = package + "." + path.stem if path.stem != "__init__" else package
    base = own if path.stem == "__init__" else package
    found: set[str] = set()
    todo = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody
            todo += [n for h in node.handlers for n in h.body]
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            parts = base.split(".")
            root = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
            target = ".".join(p for p in (root, node.module or "") if p)
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}
    return {m for m in found if m == package or m.startswith(package + ".")} - {own}


def test_no_import_cycle_between_cli_modules():
    package = PACKAGE
    modules = {package + ("" if p.stem == "__init__" else "." + p.stem): p for p in CLI_DIR.glob("*.py")}
    graph = {name: _module_level_imports(path, package) & set(modules) for name, path in modules.items()}
    assert graph[package] >= {f"{package}.{m}" for m in ("places", "transfer", "extract")}
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle
    # and no command module reaches back into the package that registers it
    assert [m for m, deps in graph.items() if package in deps] == [f"{package}.__main__"]


def test_help_on_every_command():
    runner = CliRunner()

    def paths(group: click.Group, prefix: list[str]):
        for name, command in group.commands.items():
            yield [*prefix, name]
            if isinstance(command, click.Group):
                yield from paths(command, [*prefix, name])

    found = list(paths(main, []))
    assert len(found) >= 20
    for path in found:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, (path, result.output)


# -- printing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_geocode__a_name_that_cannot_be_encoded_is_printed_replaced(extra):
    """An argument that was not valid UTF-8 reaches Python as lone surrogates."""
    result = CliRunner().invoke(main, ["geocode", "Qamishli\udcff", *extra])
    assert result.exception is None, repr(result.exception)
    assert result.exit_code == 0 and "qamishli" in result.output
    assert "Qamishli?" in result.output
    result = CliRunner().invoke(main, ["geocode", "Xy\udcffzzyville", *extra])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)


def test_an_error_message_that_cannot_be_encoded_is_printed_replaced(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "r\udcff.txt")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "r?.txt: no such file" in result.output


# -- the place resolver ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tal-abyad", "tal-abyad"),
        ("Qamishlo", "qamishli"),
        ("قامشلو", "qamishli"),
        ("Serêkaniyê", "ras-al-ain"),
        ("كري سبي", "tal-abyad"),
        ("Hasakeh", "hasakah"),
    ],
)
def test_resolve_place__an_id_or_a_name_in_any_script(shipped, value, expected):
    assert resolve_place(shipped.gazetteer, value).id == expected


@pytest.mark.parametrize("value", ["Atlantis", "أتلانتس"])
def test_resolve_place__unknown_names_the_closest_places_by_name(shipped, value):
    with pytest.raises(click.ClickException) as caught:
        resolve_place(shipped.gazetteer, value)
    message = caught.value.message
    assert message.startswith(f"no place named {value!r}. Did you mean: ")
    close = message.split("Did you mean: ")[1].rstrip("?").split(", ")
    assert len(close) == 3
    assert all(is_arabic(name) == is_arabic(value) for name in close), close
    assert not any(name in shipped.gazetteer.places for name in close), close  # names, not ids


def test_date_type():
    assert DATE.convert("2021-01-20", None, None).isoformat() == "2021-01-20"
    with pytest.raises(click.BadParameter, match="is not a date; use YYYY-MM-DD"):
        DATE.convert("20/01/2021", None, None)


# -- the error translator ----------------------------------------------------------------------


class _Record(BaseModel):
    name: str
    size: int


def _translated(exc: Exception, **kwargs) -> str:
    with pytest.raises(click.ClickException) as caught, user_errors(**kwargs):
        raise exc
    return caught.value.message


def test_user_errors__each_kind_becomes_one_line():
    with pytest.raises(ValidationError) as refused:
        _Record.model_validate({"size": "big"})
    assert _translated(refused.value) == (
        "_Record: name: Field required; size: Input should be a valid integer, unable to parse "
        "string as an integer"
    )
    assert (
        _translated(FileNotFoundError(errno.ENOENT, "No such file or directory", "x.csv"))
        == "No such file or directory: x.csv"
    )
    assert (
        _translated(PermissionError("editing is disabled"), doing="writing needs an editor: ")
        == "writing needs an editor: editing is disabled"
    )
    assert _translated(ZonemapError("no such thing")) == "no such thing"
    assert _translated(LookupError("gone"), also=(LookupError,)) == "gone"


def test_user_errors__leaves_programming_errors_and_broken_pipes_alone():
    for exc in (ValueError("a bug"), KeyError("k"), BrokenPipeError(errno.EPIPE, "Broken pipe")):
        with pytest.raises(type(exc)), user_errors():
            raise exc


def test_command_group__every_command_runs_inside_the_translator():
    @click.group(cls=CommandGroup)
    def group() -> None:
        pass

    @group.group()
    def sub() -> None:
        pass

    @sub.command()
    def fails() -> None:
        raise ZonemapError("the record 'x' is wrong; fix it")

    result = CliRunner().invoke(group, ["sub", "fails"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output == "Error: the record 'x' is wrong; fix it\n"


def test_json_output_keeps_arabic_readable():
    result = CliRunner().invoke(main, ["geocode", "القامشلي", "--json"])
    assert json.loads(result.output)[0]["name_ar"] in result.output
