"""Reading records inside an open transaction: `Reads` holds a backend and a cursor and gives
documents (`rows.py`) and models back. A read transaction uses it as it is; the write
transaction (`transaction.Tx`) builds on it, to read what it is about to change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from . import rows
from .backend import Backend

CHUNK = 500  # ids per `IN (...)`, rows per executemany


class Reads:
    """The records visible to one transaction (cursor `cur` of `backend`)."""

    def __init__(self, backend: Backend, cur: Any) -> None:
        self.b, self.cur = backend, cur

    def _ex(self, sql: str, params: Sequence[Any] = ()) -> Any:
        self.cur.execute(self.b.q(sql), tuple(params))
        return self.cur

    def ids(self, table: str) -> set[str]:
        return {r[0] for r in self._ex(f"SELECT id FROM {table}").fetchall()}

    def _select(self, table: str) -> str:
        cols = ["id", "data"]
        if table in rows.SPATIAL:
            cols.append(f"{self.b.geom_select} AS geom")
        if table == "events":
            cols.append("attrs")
        return f"SELECT {', '.join(cols)} FROM {table}"

    def _doc(self, table: str, row: Sequence[Any]) -> dict[str, Any]:
        data = self.b.load_json(row[1])
        geom = self.b.load_geom(row[2]) if table in rows.SPATIAL else None
        attrs = self.b.load_json(row[2]) if table == "events" else None
        return rows.document_of_row(table, data, geom, attrs)

    def get_many(self, table: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            marks = ", ".join("?" * len(part))
            for row in self._ex(f"{self._select(table)} WHERE id IN ({marks})", part).fetchall():
                out[row[0]] = self._doc(table, row)
        return out

    def get(self, table: str, record_id: str) -> dict[str, Any] | None:
        return self.get_many(table, [record_id]).get(record_id)

    def all(self, table: str, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        sql = f"{self._select(table)} {where} ORDER BY id"
        return [self._doc(table, row) for row in self._ex(sql, params).fetchall()]

    def models(self, table: str, where: str = "", params: Sequence[Any] = ()) -> list[Any]:
        docs = self.all(table, where, params)
        sources = None
        if table == "events":
            sources = {s.id: s for s in self.models("sources")}
        return [
            rows.model_of(table, d, rows.geometry_of(d) if table in rows.SPATIAL else None, sources)
            for d in docs
        ]
