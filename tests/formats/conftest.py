"""The `slow` marker of the format tests (the import of a 200,000-row file killed at random
moments takes about a minute): `pytest -m "not slow"` leaves it out."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes about a minute (deselect with -m 'not slow')")
