"""The fuzz harness: hostile files of every category (`hostile_files`) through `zonemap import` as
a user would run it (`fuzz_run`), against a real SQLite database. Every run is a clean refusal
or an accepted import that `zonemap db undo` reverts; never a traceback; a refused run leaves
the database exactly as it was; the database passes `PRAGMA integrity_check` after each.

The CI run covers a few hundred files (each category equally); `make fuzz` runs ten thousand
through the same code with a wall-clock limit per file (benchmarks/fuzz_imports.py)."""

from __future__ import annotations

import pytest
from fuzz_run import run
from hostile_files import CATEGORIES, make
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_store_support import settings_for

from geodata.store import open_store

SLOW = ("large", "over the limits")  # seconds each: one file apiece below
HARNESS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("harness")
    with settings_for("sqlite", tmp) as s:
        open_store(s).close()
        folder = tmp / "files"
        folder.mkdir()
        yield s, folder


def check(db, category: str, seed: int) -> str:
    s, folder = db
    outcome = run(make(seed, category), folder, s)
    assert outcome.integrity, (category, seed, outcome)
    assert outcome.kind in ("refused", "accepted"), (category, seed, outcome)
    return outcome.kind


@HARNESS
@given(category=st.sampled_from(sorted(set(CATEGORIES) - set(SLOW))), seed=st.integers(0, 2**32 - 1))
def test_hostile_files_end_in_a_clean_refusal_or_an_undoable_import(db, category, seed):
    event(f"{category}: {check(db, category, seed)}")


@pytest.mark.parametrize(
    ("category", "seed"),
    [("large", 3), ("over the limits", 1), ("over the limits", 2), ("over the limits", 8)],
)
def test_hostile_files__large_and_over_the_limits(db, category, seed):
    check(db, category, seed)
