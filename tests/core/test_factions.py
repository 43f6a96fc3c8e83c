"""Factions through time (geodata/data/factions.json): validity dates, and colours that stay
apart for colour-blind readers on every shipped map (Okabe-Ito, plus one colour of Paul Tol's
muted scheme for the as-Suwayda factions)."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json

import numpy as np
import pytest

from geodata.dataset import DATA_DIR
from geodata.model import Faction

OKABE_ITO = {
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
    "#000000",
}
EXTRAS = {"#882255"}  # Paul Tol's "wine": dark, apart from the transitional government's pink
# Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
VISION = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
MIN_DELTA_E = 10.0  # CIE76: well above "just noticeable" (about 2.3) for areas side by side


@functools.cache
def factions() -> dict[str, Faction]:
    doc = json.loads((DATA_DIR / "factions.json").read_text(encoding="utf-8"))
    return {f["id"]: Faction(**f) for f in doc}


def lab(hex_colour: str, vision: np.ndarray) -> np.ndarray:
    srgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ np.clip(
        vision @ linear, 0, 1
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 216 / 24389, np.cbrt(t), (24389 / 27 * t + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def snapshot_factions() -> dict[str, set[str]]:
    out = {}
    for path in sorted((DATA_DIR / "zones").glob("*.geojson")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = {f["properties"]["faction"] for f in doc["features"]}
    return out


def test_colours_are_unique_and_from_the_documented_palettes():
    colours = [f.colour.upper() for f in factions().values()]
    assert len(set(colours)) == len(colours)
    assert set(colours) <= OKABE_ITO | EXTRAS


@pytest.mark.parametrize("day", sorted(snapshot_factions()))
def test_the_factions_of_each_map_stay_apart_for_colour_blind_readers(day):
    ids = sorted(snapshot_factions()[day])
    for a, b in itertools.combinations(ids, 2):
        for name, vision in VISION.items():
            delta = np.linalg.norm(lab(factions()[a].colour, vision) - lab(factions()[b].colour, vision))
            assert delta >= MIN_DELTA_E, (day, a, b, name, round(float(delta), 1))


def test_the_government_ends_when_the_transitional_government_begins():
    fall = dt.date(2024, 12, 8)
    gov, new = factions()["government"], factions()["transition"]
    assert gov.valid_to == new.valid_from == fall
    assert gov.active_on(fall - dt.timedelta(days=1)) and not gov.active_on(fall)
    assert new.active_on(fall) and not new.active_on(fall - dt.timedelta(days=1))
    assert factions()["hts"].valid_to == dt.date(2025, 1, 29)
    assert factions()["sna"].valid_to is not None and factions()["sna"].valid_to.year == 2025


def test_a_faction_whose_end_is_before_its_start_is_refused():
    with pytest.raises(ValueError, match="not after valid_from"):
        Faction(
            id="x",
            name_en="X",
            name_ar="س",
            colour="#000000",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2024, 1, 1),
        )
