"""Promoting a coordinate to a gazetteer place: what an editor does when the events an import
left at a coordinate (a location no known place stands for) deserve a place of their own.

The place is inserted (or replaced) as any place is, and every event at that coordinate --
as `views.point_key` rounds it -- is given the place: its `places` become the place's id, its
other fields and what the import kept beside it stay. The events are written in bulk
(`bulk.py`: one audit row, exact undo), the place with its own audit row; one change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Place
from ..views import point_key
from . import rows
from .bulk import BATCH, BulkWriter
from .checks import check_places

if TYPE_CHECKING:
    from .transaction import Tx


def events_at_point(tx: Tx, lon: float, lat: float) -> list[str]:
    """The events located at a coordinate without place."""
    key, d = point_key(lon, lat), 1e-5
    found = tx._ex(
        "SELECT DISTINCT event_id, lon, lat FROM locations WHERE place_id IS NULL "
        "AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?",
        [lon - d, lon + d, lat - d, lat + d],
    ).fetchall()
    return sorted({e for e, x, y in found if point_key(x, y) == key})


def promote(tx: Tx, lon: float, lat: float, place: Place) -> int:
    """Inside a write transaction: the place, and the events at (lon, lat) moved to it;
    returns how many events were moved."""
    check_places(tx, [place])
    tx.put("places", rows.document(place))
    ids = events_at_point(tx, lon, lat)
    writer = BulkWriter(tx)
    for i in range(0, len(ids), BATCH):
        docs = tx.get_many("events", ids[i : i + BATCH])
        writer.put([{**docs[e], "places": [place.id]} for e in ids[i : i + BATCH]])
    writer.finish()
    return len(ids)
