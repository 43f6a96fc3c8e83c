"""A file's cells as Python values: plain values out of numpy and pandas, points from
latitude/longitude, lists and objects from JSON text, column names matched to model fields (the
ids an import makes up are `geodata.normalize.slug`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
from typing import Any

from shapely.geometry import Point

from .limits import DEFAULT, Limits, shown, value_problem


def plain(value: Any) -> Any:
    """A cell as plain Python: NaN/NaT -> None, numpy scalars -> Python, timestamps -> dates."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, list | dict | str | bytes):
        with contextlib.suppress(ValueError, TypeError):
            value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def point(lat: Any, lon: Any) -> tuple[Any, str | None]:
    """A point from latitude and longitude cells, or why they make none."""
    xy, err = lon_lat(lat, lon)
    return (Point(*xy), None) if xy is not None else (None, err)


def lon_lat(lat: Any, lon: Any) -> tuple[tuple[float, float] | None, str | None]:
    """Longitude and latitude from their cells, or why they are none."""
    try:
        y, x = float(str(lat).strip()), float(str(lon).strip())
    except ValueError:
        return None, (
            f"latitude {shown(str(lat))[:40]!r} / longitude {shown(str(lon))[:40]!r} are not numbers"
        )
    if not (math.isfinite(x) and math.isfinite(y)) or not (-90 <= y <= 90 and -180 <= x <= 180):
        return None, (
            f"latitude {y} / longitude {x} are out of range (latitude -90..90, "
            "longitude -180..180); check the order of the columns"
        )
    return (x, y), None


def field_of(key: str, fields: frozenset[str]) -> str | None:
    """The model field a column holds: same name, any case, or as dBase truncated it."""
    if key in fields:
        return key
    lower = key.lower()
    for f in fields:
        if f.lower() == lower:
            return f
    if len(key) == 10:  # a Shapefile (dBase) truncates field names to 10 characters
        for f in sorted(fields):
            if f.lower().startswith(lower):
                return f
    return None


def loads(text: str) -> tuple[Any, str | None]:
    """JSON text as a value, or why it is none: a syntax error, nesting deeper than Python's
    decoder goes (RecursionError), a number too long to convert (ValueError)."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at character {exc.pos})"
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        return None, f"not JSON ({str(exc)[:80]})"


def nested(name: str, text: str, limits: Limits = DEFAULT) -> tuple[Any, str | None]:
    """A list or object given as text: JSON, or for a few fields a plain list or an id; or why
    it is none (`limits.value_problem` included)."""
    value, err = loads(text)
    if err is None:
        return value, value_problem(value, limits)
    if err.startswith("not JSON"):
        if name in ("places", "sources"):  # a plain list: "qamishli; hasakah"
            return [t.strip() for t in re.split(r"[;|]", text) if t.strip()], None
        if name == "source":  # a source id
            return text, None
    return text, f"{err}: {shown(text[:40])!r}..." if len(text) > 40 else f"{err}: {text!r}"


def attrs_of(value: Any, limits: Limits = DEFAULT) -> tuple[dict[str, Any] | None, str | None]:
    """The `attrs` column an export wrote beside an event, or why it is none."""
    got, err = loads(value) if isinstance(value, str) else (value, None)
    if err is not None:
        return None, err
    if not isinstance(got, dict):
        return None, "not a JSON object"
    problem = value_problem(got, limits)
    return (None, problem) if problem else (got, None)
