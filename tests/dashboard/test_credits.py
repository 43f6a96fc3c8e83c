"""The README and the About page credit the sources of the gazetteer and the map, with their
licences, and say which places are approximate (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import about
from geodata.settings import DOCUMENTED

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
ABOUT = about.APPROXIMATIONS + about.LICENCES
CREDITS = [
    "OCHA",
    "CC BY-IGO",
    "Open-Syria",
    "CC BY 4.0",
    "OpenStreetMap",
    "ODbL",
    "REACH",
    "IOM",
    "GeoNames",
    "Natural Earth",
]


@pytest.mark.parametrize("text", [README, ABOUT], ids=["README", "About"])
def test_sources_and_licences_are_credited(text):
    assert [c for c in CREDITS if c not in text] == []


@pytest.mark.parametrize("text", [README, ABOUT], ids=["README", "About"])
def test_the_approximate_places_are_named(text):
    for words in ("sub-district", "drawn by hand", "military neighbourhood", "precision 2"):
        assert words in text, words


def test_every_setting_is_in_the_readme():
    assert [v for v in DOCUMENTED if f"`{v}`" not in README] == []


def test_about_texts__load_from_their_markdown_files():
    texts = [about.text(name) for name in ("intro", "approximations", "licences")]
    assert texts == [about.INTRO, about.APPROXIMATIONS, about.LICENCES]
    assert about.INTRO.startswith("# About Zonemap")
    assert all(t.strip() for t in texts)


def test_about_texts__do_not_tell_editors_the_app_is_read_only():
    assert "read-only" not in (about.INTRO + about.APPROXIMATIONS + about.LICENCES).lower()
