"""The change view's layer and tables: the areas that changed hands between two dates, drawn over
the later date's map in the colour of their new holder with a tooltip "from X to Y", the area
per faction at both dates and the places whose controller changed (no Streamlit here)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import folium
import pandas as pd

from geodata.dataset import Dataset
from geodata.model import ControlZone, Place
from geodata.zones import Changes, Handover

from .. import i18n
from .elements import Bind
from .geojson import feature
from .interaction import CHANGES_ID, LayerId
from .popup import local_faction
from .zone_layers import UNHELD_COLOUR

LAYER_NAME = "Changed hands"
DASH = "8 3 2 3"  # dash-dot: the outline of an area that changed hands (no other layer uses it)
CHANGES_PANE = ("zmChanges", 450)  # (name, z-index) of the areas that changed hands


def faction_name(dataset: Dataset, fid: str | None, lang: str = "en") -> str:
    if fid is None:
        return i18n.text(lang, "changes.no_zone")
    faction = dataset.factions.get(fid)
    return local_faction(faction, lang) if faction else fid


def change_tooltip(dataset: Dataset, changes: Changes, h: Handover, lang: str = "en") -> str:
    """Escaped HTML, in the page's language: from whom to whom, between which snapshots, how
    large (the names are data: escaped before they fill the catalogue's message)."""
    names = {
        k: html.escape(faction_name(dataset, f, lang)) for k, f in (("before", h.before), ("after", h.after))
    }
    meta = i18n.text(
        lang,
        "changes.tooltip_meta",
        start=changes.start.as_of.isoformat(),
        end=changes.end.as_of.isoformat(),
        km2=f"{h.km2:,.0f}",
    )
    return (
        f"<b>{i18n.text(lang, 'changes.tooltip_title', **names)}</b><br>"
        f"<span class='zm-tt-meta'>{meta}</span>"
    )


def add_change_layer(
    m: folium.Map, dataset: Dataset, changes: Changes, *, show: bool = True, lang: str = "en"
) -> folium.FeatureGroup:
    """One layer of every area that changed hands, coloured by its new holder and hatched by
    a dashed outline, over the zones of the later date (turned off in the layer control when
    not `show`)."""
    group = folium.FeatureGroup(name=LAYER_NAME, show=show)
    LayerId(CHANGES_ID).add_to(group)
    # Above the regions' outlines (Leaflet's overlay pane, 400), which cover most of the country
    # and would take every hover, below the places' marks (600): the change view is about these.
    folium.map.CustomPane(CHANGES_PANE[0], z_index=CHANGES_PANE[1], pointer_events=True).add_to(m)
    for h in changes.handovers:
        faction = dataset.factions.get(h.after)
        colour = faction.colour if faction else UNHELD_COLOUR
        layer = folium.GeoJson(
            feature(h.geometry, before=h.before, after=h.after, km2=round(h.km2)),
            style_function=lambda _f, c=colour: {
                "color": "#000000",
                "weight": 1.6,
                "dashArray": DASH,
                "fillColor": c,
                "fillOpacity": 0.6,
                "opacity": 0.9,
            },
            highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.75},
            control=False,
            pane=CHANGES_PANE[0],
        )
        Bind(tooltip=change_tooltip(dataset, changes, h, lang)).add_to(layer)
        layer.add_to(group)
    group.add_to(m)
    # The layer control lists the layers added before it: it must come after this one.
    for name, child in list(m._children.items()):
        if isinstance(child, folium.LayerControl):
            m._children.move_to_end(name)
    return group


def area_frame(dataset: Dataset, changes: Changes, lang: str = "en") -> pd.DataFrame:
    """Area per faction (km², equal-area projection) at both dates, largest holder first."""
    start, end = changes.start.as_of.isoformat(), changes.end.as_of.isoformat()
    factions = set(changes.km2_start) | set(changes.km2_end)
    rows = [
        {
            "faction": faction_name(dataset, f, lang),
            f"km² on {start}": round(changes.km2_start.get(f, 0.0)),
            f"km² on {end}": round(changes.km2_end.get(f, 0.0)),
        }
        for f in factions
    ]
    frame = pd.DataFrame(rows, columns=["faction", f"km² on {start}", f"km² on {end}"])
    frame["change"] = frame[f"km² on {end}"] - frame[f"km² on {start}"]
    return frame.sort_values(f"km² on {end}", ascending=False, ignore_index=True)


def handover_frame(dataset: Dataset, changes: Changes, lang: str = "en") -> pd.DataFrame:
    rows = [
        {
            "from": faction_name(dataset, h.before, lang),
            "to": faction_name(dataset, h.after, lang),
            "km²": round(h.km2),
        }
        for h in changes.handovers
    ]
    return pd.DataFrame(rows, columns=["from", "to", "km²"])


def places_frame(
    dataset: Dataset, moved: Sequence[tuple[Place, ControlZone | None, ControlZone | None]], lang: str = "en"
) -> pd.DataFrame:
    """The places whose controller changed, by name."""
    rows = [
        {
            "place": p.name_en,
            "الاسم": p.name_ar,
            "kind": i18n.text(lang, f"kind.{p.kind.value}"),
            "from": faction_name(dataset, a.faction if a else None, lang),
            "to": faction_name(dataset, b.faction if b else None, lang),
            "id": p.id,
        }
        for p, a, b in sorted(moved, key=lambda m: m[0].name_en)
    ]
    return pd.DataFrame(rows, columns=["place", "الاسم", "kind", "from", "to", "id"])
