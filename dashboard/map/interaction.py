"""How the map behaves in a page, beyond what it shows: the mouse wheel zooms only a map the
reader clicked or focused, popups fit a phone's screen, and the toggles of Leaflet's own layer
control and the open popup travel back to the dashboard, so that the shared link holds them.

Each is a branca macro element whose JavaScript is a template of `templates/leaflet/`:

- `WheelAfterFocus`: scroll-wheel zoom off until the map is clicked or focused, off again when
  the pointer leaves it or it loses the focus, so that the wheel scrolls the page over a map
  one only scrolls past.
- `FitPopups`: on a map narrower than `NARROW` pixels, a popup's maximum width and height come
  from the map's size and it pans to a small margin, so that its start and its close button
  stay on screen; a long popup scrolls inside.
- `LayerId`: gives an overlay of the layer control an id (`zone:<faction>` or `changes`).
- `ReportView`: reports through st_folium's `selected_layers` which overlays the reader turned
  on and off and whether the popup is open (`VIEW_REPORT`, read by `view_report`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..view_state import OVERLAYS, ViewState
from .elements import _Element
from .rendering import js_string

NARROW = 640  # px: below it the map is a phone's (the page's CSS uses the same breakpoint)
PHONE_PAD = 6  # px between a popup and the map's edge on a phone
PHONE_TOP = 100  # px above a popup on a phone: the zoom and layer controls it must not slip under
POPUP_CHROME = 56  # px a popup adds around its content on a phone (margins, close button: map.css)
VIEW_REPORT = "zm-view"  # the name of the `selected_layers` entry ReportView sends
ZONE_PREFIX = "zone:"
CHANGES_ID = "changes"  # view_state.OVERLAYS


class WheelAfterFocus(_Element):
    template_file = "wheel_after_focus.js"


class FitPopups(_Element):
    template_file = "fit_popups.js"

    def __init__(self) -> None:
        super().__init__()
        self.narrow, self.pad, self.top, self.chrome = NARROW, PHONE_PAD, PHONE_TOP, POPUP_CHROME


class LayerId(_Element):
    template_file = "layer_id.js"

    def __init__(self, layer_id: str) -> None:
        super().__init__()
        self.id = js_string(layer_id)


class ReportView(_Element):
    template_file = "report_view.js"


def zone_layer_id(faction_id: str) -> str:
    return ZONE_PREFIX + faction_id


def view_report(out: dict[str, Any]) -> dict[str, Any] | None:
    """The map's `ReportView` entry among what st_folium returned, or None. Only well-formed
    values are kept: ids are strings, `n` a number, `popup` a bool or None."""
    for entry in out.get("selected_layers") or []:
        if isinstance(entry, dict) and entry.get("name") == VIEW_REPORT:
            shown, hidden = entry.get("shown"), entry.get("hidden")
            popup = entry.get("popup")
            return {
                "key": (str(entry.get("map")), entry.get("n")),
                "shown": [s for s in shown if isinstance(s, str)] if isinstance(shown, list) else [],
                "hidden": [s for s in hidden if isinstance(s, str)] if isinstance(hidden, list) else [],
                "popup": popup if isinstance(popup, bool) else None,
            }
    return None


def toggled(view: ViewState, report: dict[str, Any], factions: Collection[str]) -> ViewState:
    """`view` with what the reader did in the map since it was drawn (a `view_report`): the
    zone layers turned on or off in Leaflet's control (`layers`, as the sidebar's select holds
    them: None for every faction), the other overlays (`hide`) and whether the popup is open
    (only with a selected place). Ids the view does not know are ignored."""
    layers = set(factions) if view.layers is None else set(view.layers)
    hide = set(view.hide)
    for ids, on in ((report["shown"], True), (report["hidden"], False)):
        for layer_id in ids:
            fid = layer_id.removeprefix(ZONE_PREFIX)
            if layer_id.startswith(ZONE_PREFIX) and fid in factions:
                (layers.add if on else layers.discard)(fid)
            elif layer_id in OVERLAYS:
                (hide.discard if on else hide.add)(layer_id)
    view = view.replace(
        layers=None if layers == set(factions) else tuple(sorted(layers)), hide=tuple(sorted(hide))
    )
    if report["popup"] is not None:
        view = view.replace(popup=report["popup"] and view.place is not None)
    return view
