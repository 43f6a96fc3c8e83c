"""Control zones as of the view's date: one toggleable layer per faction of the snapshot shown
(the factions of that date only), in its colour-blind-safe colour, each polygon with a tooltip
saying who, as of when, how sure, and from which source."""

from __future__ import annotations

import datetime as dt

import folium

from geodata.dataset import Dataset
from geodata.geometry import polygonal
from geodata.model import ControlZone, Faction
from geodata.zones import Snapshot

from .. import i18n
from .elements import Bind
from .geojson import feature
from .interaction import LayerId, zone_layer_id
from .popup import local_faction, zone_tooltip
from .rendering import macro

UNHELD_COLOUR = "#9e9e9e"


def zones_by_faction(snapshot: Snapshot | None) -> dict[str, list[ControlZone]]:
    out: dict[str, list[ControlZone]] = {}
    for zone in snapshot.zones if snapshot else ():
        out.setdefault(zone.faction, []).append(zone)
    return out


def faction_label(faction: Faction | None, fid: str, day: dt.date, lang: str = "en") -> str:
    """A faction's name, with its end or start when it did not exist on `day`."""
    if faction is None:
        return fid
    name = local_faction(faction, lang)
    if faction.valid_to is not None and day >= faction.valid_to:
        return i18n.text(lang, "legend.until", name=name, date=faction.valid_to)
    if faction.valid_from is not None and day < faction.valid_from:
        return i18n.text(lang, "legend.from", name=name, date=faction.valid_from)
    return name


def faction_order(dataset: Dataset, faction_ids: list[str] | dict[str, object]) -> list[str]:
    """Factions by name, as the legend and the layer control list them."""

    def name(fid: str) -> str:
        return dataset.factions[fid].name_en if fid in dataset.factions else fid

    return sorted(faction_ids, key=name)


def _zone_source(dataset: Dataset, zone: ControlZone) -> str:
    src = dataset.sources.get(zone.source)
    if src is None:
        return zone.source
    return src.title or src.outlet


def add_zone_layers(  # noqa: PLR0913 (and the language)
    m: folium.Map,
    dataset: Dataset,
    snapshot: Snapshot | None,
    day: dt.date,
    visible: set[str] | None,
    lang: str = "en",
) -> dict[str, list[ControlZone]]:
    """One layer per faction holding a zone on `day` (shown when in `visible`, or all when it
    is None); returns the zones by faction, for the legend."""
    by_faction = zones_by_faction(snapshot)
    as_of = snapshot.as_of if snapshot else day
    for fid in faction_order(dataset, by_faction):
        faction = dataset.factions.get(fid)
        colour = faction.colour if faction else UNHELD_COLOUR
        group = folium.FeatureGroup(
            name=str(macro("map.html", "swatch", colour, faction_label(faction, fid, day, lang))),
            show=visible is None or fid in visible,
        )
        LayerId(zone_layer_id(fid)).add_to(group)
        for zone in by_faction[fid]:
            geom = polygonal(zone.geometry)
            if geom is None:
                continue
            layer = folium.GeoJson(
                feature(geom, id=zone.id, faction=fid),
                style_function=lambda _f, c=colour: {
                    "color": c,
                    "weight": 1.2,
                    "fillColor": c,
                    "fillOpacity": 0.32,
                    "opacity": 0.9,
                },
                highlight_function=lambda _f: {"weight": 2.5, "fillOpacity": 0.45},
                control=False,
            )
            Bind(tooltip=zone_tooltip(faction, zone, as_of, day, _zone_source(dataset, zone), lang)).add_to(
                layer
            )
            layer.add_to(group)
        group.add_to(m)
    return by_faction
