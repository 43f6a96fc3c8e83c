"""How each record becomes a row and back, the same for both backends.

A record's *document* is its JSON form (`model_dump(mode="json")`) with two changes: a spatial
record's geometry is GeoJSON under `geometry` (stored apart, as WKB / PostGIS geometry, and
put back on reading), and an event's `source` is the source's id (sources have their own table).
Imported events may carry `_attrs`: what the import kept that the model has no field for.
The audit table stores documents as `before` and `after`, so that undo can write them back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pydantic
import shapely
from pydantic import BaseModel
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from ..errors import ValidationError
from ..model import Actor, ControlZone, Event, Faction, Place, Source
from ..validation import pydantic_problems
from .errors import StoreError, UnknownRecordError

MODELS: dict[str, type[BaseModel]] = {
    "factions": Faction,
    "actors": Actor,
    "sources": Source,
    "places": Place,
    "zones": ControlZone,
    "events": Event,
}
SPATIAL = frozenset({"places", "zones"})
ATTRS = "_attrs"

# The columns of each table besides `id`, `data` and the geometry, and how a document fills them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "factions": (),
    "actors": (),
    "sources": (),
    "places": ("kind",),
    "zones": ("faction", "valid_from", "valid_to"),
    "events": ("type", "date", "review", "source_id", "attrs", "external_id"),
}
JSON_COLUMNS = frozenset({"data", "attrs"})


def document(model: BaseModel, attrs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document of a record (see the module docstring)."""
    doc = model.model_dump(mode="json")
    if isinstance(model, Event):
        doc["source"] = model.source.id
        if attrs:
            doc[ATTRS] = dict(attrs)
    elif hasattr(model, "geometry"):
        doc["geometry"] = json.loads(json.dumps(mapping(model.geometry)))
    return doc


def canonical(doc: Mapping[str, Any] | None) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def geometry_of(doc: Mapping[str, Any]) -> BaseGeometry:
    return shape(doc["geometry"])


def row_values(table: str, doc: Mapping[str, Any]) -> dict[str, Any]:
    """Column values (besides the geometry) of a document, JSON columns as Python objects."""
    data = {k: v for k, v in doc.items() if k not in ("geometry", ATTRS)}
    out: dict[str, Any] = {"id": doc["id"], "data": data}
    if table == "places":
        out["kind"] = doc["kind"]
    elif table == "zones":
        out |= {"faction": doc["faction"], "valid_from": doc["valid_from"], "valid_to": doc.get("valid_to")}
    elif table == "events":
        attrs = doc.get(ATTRS) or None
        out |= {
            "type": doc["type"],
            "date": doc["date"],
            "review": doc["review"],
            "source_id": doc["source"],
            "attrs": attrs,
            "external_id": (attrs or {}).get("external_id"),
        }
    return out


def document_of_row(
    table: str,
    data: Mapping[str, Any],
    geom: BaseGeometry | None = None,
    attrs: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    doc = dict(data)
    if table in SPATIAL:
        if geom is None:
            raise StoreError(f"a {table} row without geometry")
        doc["geometry"] = json.loads(json.dumps(mapping(geom)))
    if table == "events" and attrs:
        doc[ATTRS] = dict(attrs)
    return doc


def model_of(
    table: str,
    data: Mapping[str, Any],
    geom: BaseGeometry | None = None,
    sources: Mapping[str, Source] | None = None,
) -> Any:
    """The model of a stored row: `data` (the document without geometry) and its geometry."""
    values = dict(data)
    values.pop(ATTRS, None)
    if table in SPATIAL:
        values["geometry"] = geom
    if table == "events":
        sid = values["source"]
        if sources is None or sid not in sources:
            raise UnknownRecordError(
                "sources",
                sid,
                f"event {values.get('id')!r} refers to source {sid!r}, which is not in the database",
            )
        values["source"] = sources[sid]
    try:
        return MODELS[table].model_validate(values)
    except pydantic.ValidationError as exc:  # a row written by hand, or by an older Zonemap
        problems = pydantic_problems("database", str(values.get("id", "?")), exc)
        raise ValidationError(problems) from None


def wkb(geom: BaseGeometry) -> bytes:
    return shapely.to_wkb(geom, output_dimension=2)
