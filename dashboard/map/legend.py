"""The legend: the factions holding zones on the date (with the snapshot it comes from), the
marker shapes, and the traded-concessions line when there is one."""

from __future__ import annotations

import datetime as dt

from geodata.dataset import Dataset
from geodata.model import ControlZone
from geodata.zones import Snapshot

from .rendering import macro
from .zone_layers import UNHELD_COLOUR, faction_order


def legend_html(dataset: Dataset, by_faction: dict[str, list[ControlZone]],
                snapshot: Snapshot | None, day: dt.date, has_trades: bool) -> str:
    factions = []
    for fid in faction_order(dataset, by_faction):
        f = dataset.factions.get(fid)
        factions.append({"colour": f.colour if f else UNHELD_COLOUR, "name": f.name_en if f else fid})
    return str(macro("map.html", "legend", {
        "day": day.isoformat(), "snapshot": snapshot.as_of.isoformat() if snapshot else None,
        "factions": factions, "trades": has_trades,
    }))
