"""The legend: the factions holding zones on the date (with the snapshot it comes from), the
marker shapes, and the traded-concessions line when there is one.

Only the factions of the snapshot shown are listed, so the Assad government and the transitional
government never share a legend. A faction that no longer existed on the chosen date (the SNA in
the summer of 2025, on a map still showing the snapshot of March 2025) is listed with its end."""

from __future__ import annotations

import datetime as dt

from geodata.dataset import Dataset
from geodata.model import ControlZone
from geodata.zones import Snapshot

from .. import i18n
from .rendering import macro
from .zone_layers import UNHELD_COLOUR, faction_label, faction_order

LEGEND_WORDS = (
    "control_as_of",
    "no_snapshot",
    "snapshot_of",
    "places",
    "city_town",
    "neighbourhood",
    "site",
    "region",
    "fill",
    "traded",
)


def legend_html(  # noqa: PLR0913 (and the language)
    dataset: Dataset,
    by_faction: dict[str, list[ControlZone]],
    snapshot: Snapshot | None,
    day: dt.date,
    has_trades: bool,
    lang: str = "en",
) -> str:
    factions = []
    for fid in faction_order(dataset, by_faction):
        f = dataset.factions.get(fid)
        factions.append(
            {"colour": f.colour if f else UNHELD_COLOUR, "name": faction_label(f, fid, day, lang)}
        )
    return str(
        macro(
            "map.html",
            "legend",
            {
                "day": day.isoformat(),
                "snapshot": snapshot.as_of.isoformat() if snapshot else None,
                "factions": factions,
                "trades": has_trades,
                "w": {
                    "dir": i18n.direction(lang),
                    **{w: i18n.text(lang, f"legend.{w}") for w in LEGEND_WORDS},
                },
            },
        )
    )
