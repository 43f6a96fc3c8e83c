"""Values computed from an object and kept as long as the object is kept with them.

Places, footprints and columnar caches live as long as the dataset or store that holds them,
and a view asks the same things of them on every rerun (an outline's GeoJSON, a footprint's
sample points, the places holding events). `KeptFor` remembers such a value by the object's
identity, holding the object itself beside it so that its id cannot be reused while the entry
stands; an edited object is a new one, so nothing stale is ever returned. Bounded by count:
past `limit` entries it starts again."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class KeptFor(Generic[V]):
    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: dict[Hashable, tuple[object, V]] = {}

    def get(self, owner: object, make: Callable[[], V], *key: Hashable) -> V:
        """The value kept for `owner` (and `key`, what else it depends on), made by `make` the
        first time."""
        full = (id(owner), *key)
        hit = self._items.get(full)
        if hit is not None and hit[0] is owner:
            return hit[1]
        value = make()
        if len(self._items) >= self._limit:
            self._items.clear()
        self._items[full] = (owner, value)
        return value

    def clear(self) -> None:
        """Forget every value (a test's fresh start)."""
        self._items.clear()
