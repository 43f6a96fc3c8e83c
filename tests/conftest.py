"""Shared fixtures. The shipped data is loaded once per session; the seed report is read from
../shared when it is there (CI has it) and its tests are skipped on a clone without it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# No test is timed (speed lives in benchmarks/): Hypothesis' default 200 ms deadline per example
# only made property tests fail on a loaded 2-core machine.
settings.register_profile("zonemap", deadline=None)
settings.load_profile("zonemap")

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT.parent / "shared" / "seed" / "qamishli-meeting.ar.txt"


@pytest.fixture(scope="session")
def shipped():
    from geodata.dataset import load_dataset

    return load_dataset()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_TEXT.exists():
        pytest.skip("the seed report (../shared/seed) is not beside this checkout")
    return SEED_TEXT.read_text(encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    """No test may write into the user's real database (nor its cache): unless a test sets its own, every
    store opened during the run lives in a temporary folder. Under pytest-xdist each worker
    has its own (the workers inherit the controller's environment, and a test that writes the
    default database must not see another worker's writes)."""
    if "_ZONEMAP_TESTS_CACHE" not in os.environ:  # the columns kept for server databases, too
        os.environ["XDG_CACHE_HOME"] = os.environ["_ZONEMAP_TESTS_CACHE"] = tempfile.mkdtemp(
            prefix="zonemap-cache-"
        )
    inherited = os.environ.get("_ZONEMAP_TESTS_DB")
    if os.environ.get("PYTEST_XDIST_WORKER") and inherited == os.environ.get("ZONEMAP_DB"):
        del os.environ["ZONEMAP_DB"]  # the controller's: this worker makes its own
    if "ZONEMAP_DB" not in os.environ:
        folder = tempfile.mkdtemp(prefix="zonemap-tests-")
        os.environ["ZONEMAP_DB"] = os.environ["_ZONEMAP_TESTS_DB"] = str(Path(folder) / "zonemap.sqlite")
        # Opening a store never creates it (issue 16): the CLI's tests read this one, made as
        # `zonemap db init` makes it, once per run.
        from geodata.settings import get_settings
        from geodata.store import init_db

        init_db(get_settings())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files first. `make test` runs `--dist loadfile --no-loadscope-reorder`, so
    pytest-xdist hands out files in this order: the 200,000-row kill test and the browser files
    start at once, and the many short files fill the end, instead of xdist's default (files
    with most tests first) leaving one long file running alone on one core at the end."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}

    def rank(item: pytest.Item) -> int:
        return 0 if item.path in slow else 1 if "browser" in item.path.parts else 2

    items.sort(key=rank)  # stable: each file's tests stay together and in order
