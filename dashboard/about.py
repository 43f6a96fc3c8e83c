"""The About page's texts (Markdown files in `dashboard/content/`) and tables: sources,
approximations, attributions, licences."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from geodata.dataset import Dataset
from geodata.model import Source

from .assets import MANIFEST, TILES_DIR, VENDOR_DIR

CONTENT = Path(__file__).resolve().parent / "content"


def text(name: str, lang: str = "en") -> str:
    """One of the About page's Markdown texts, `dashboard/content/about_<name>.md` (in Arabic
    `dashboard/content/ar/about_<name>.md`: page-long texts are files per language rather than
    catalogue messages, so that a translator reads and writes them whole)."""
    folder = CONTENT if lang == "en" else CONTENT / lang
    return (folder / f"about_{name}.md").read_text(encoding="utf-8")


INTRO = text("intro")
APPROXIMATIONS = text("approximations")  # the README says the same (tests/dashboard/test_credits.py)
LICENCES = text("licences")
# The three texts per language: TEXTS["ar"]["intro"].
TEXTS = {
    lang: {name: text(name, lang) for name in ("intro", "approximations", "licences")}
    for lang in ("en", "ar")
}


def _by_date(source: Source) -> tuple[bool, dt.date, str]:
    """Dated sources first, oldest first, then the undated (an ACLED import's sources have no
    date: sorting a date against an id crashed the page)."""
    return (source.published is None, source.published or dt.date.min, source.id)


def sources_frame(ds: Dataset, counts: dict[str, int] | None = None) -> pd.DataFrame:
    """The sources and their events: `counts` by source id (the store's count query), or,
    without it, counted from the dataset's events."""
    if counts is None:
        counts = {}
        for e in ds.events:
            counts[e.source.id] = counts.get(e.source.id, 0) + 1
    rows = [
        {
            "outlet": s.outlet,
            "title": s.title or "",
            "published": s.published,
            "language": s.lang,
            "events": counts.get(s.id, 0),
            "url": s.url if s.url and s.url.startswith(("http://", "https://")) else None,
            "note": s.note or "",
        }
        for s in sorted(ds.sources.values(), key=_by_date)
    ]
    return pd.DataFrame(rows, columns=["outlet", "title", "published", "language", "events", "url", "note"])


def assets_frame() -> pd.DataFrame:
    """What `make assets` (or the xstatic fallback) put in dashboard/static/."""
    rows = []
    try:
        vendor = json.loads((VENDOR_DIR / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        vendor = {}
    for name, info in sorted(vendor.items()):
        rows.append({"asset": name, "from": info.get("source", ""), "version": info.get("version", "")})
    try:
        tiles = json.loads((TILES_DIR / MANIFEST).read_text("utf-8"))
        rows.append(
            {
                "asset": "basemap tiles",
                "from": tiles.get("source", ""),
                "version": f"{tiles.get('tiles', '?')} tiles, zoom {min(tiles['zooms'])}–"
                f"{max(tiles['zooms'])}",
            }
        )
    except (OSError, ValueError, KeyError):
        rows.append({"asset": "basemap tiles", "from": "not installed (run `make assets`)", "version": ""})
    return pd.DataFrame(rows, columns=["asset", "from", "version"])
