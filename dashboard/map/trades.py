"""Concessions traded for one another (a demand offered in exchange for another): one dashed line
per pair of places, its tooltip saying what is traded for what."""

from __future__ import annotations

from collections.abc import Sequence

import folium

from geodata.dataset import Dataset
from geodata.events import exchange_pairs
from geodata.model import Event

from .elements import Bind
from .popup import PopupContext, exchange_tooltip

EXCHANGE_COLOUR = "#222222"


def trade_lines(
    dataset: Dataset, events: Sequence[Event]
) -> dict[tuple[str, str], list[tuple[Event, Event]]]:
    """(place a, place b) -> the pairs of events traded between them."""
    places = dataset.gazetteer.places
    lines: dict[tuple[str, str], list[tuple[Event, Event]]] = {}
    for a, b in exchange_pairs(events):
        for pa in a.places:
            for pb in b.places:
                if pa in places and pb in places and pa != pb:
                    lines.setdefault((pa, pb), []).append((a, b))
    return lines


def add_trade_lines(m: folium.Map, dataset: Dataset, events: Sequence[Event], ctx: PopupContext) -> bool:
    """The lines, as one toggleable layer; whether there were any (for the legend)."""
    lines = trade_lines(dataset, events)
    if not lines:
        return False
    trades = folium.FeatureGroup(name="Traded concessions", show=True)
    for (pa, pb), pairs in sorted(lines.items()):
        a_pt = dataset.gazetteer.places[pa].point
        b_pt = dataset.gazetteer.places[pb].point
        line = folium.PolyLine(
            [list(a_pt), list(b_pt)], color=EXCHANGE_COLOUR, weight=2.5, opacity=0.75, dash_array="8 6"
        )
        Bind(tooltip=exchange_tooltip(pairs, ctx)).add_to(line)
        line.add_to(trades)
    trades.add_to(m)
    return True
