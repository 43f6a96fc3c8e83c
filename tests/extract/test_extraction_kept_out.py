""" "X prevented Y from entering": Y, inside the trigger after the verb, is kept out (the
target), not the agent. English only: Arabic («منع X Y من دخول») is verb-subject-object, so
the words inside the trigger may name either."""

from __future__ import annotations

import datetime as dt

from extraction_fixtures import extractor

X = extractor()


def blockades(text: str) -> list[tuple[str | None, str | None]]:
    events = X.extract(text, published=dt.date(2021, 3, 1)).events
    return [(e.actor, e.target) for e in events if e.type.value == "blockade"]


def test_prevented_y_from_entering__y_is_the_target():
    text = "The Turkish army prevented SDF fighters from entering Manbij on Monday."
    assert blockades(text) == [("turkey", "sdf")]


def test_prevented_y_from_entering__without_a_named_subject():
    text = "On Monday, angry residents blocked a Russian forces convoy from entering Manbij."
    assert blockades(text) == [(None, "russia")]
