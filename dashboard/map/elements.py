"""The map's own Leaflet elements, each a branca macro element whose JavaScript (or CSS) is a
template of `templates/leaflet/`. Data goes in as JSON strings (`js_string`), never as markup."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from branca.element import MacroElement

from .rendering import js_string, script_template

CSS_FILE = Path(__file__).parent / "map.css"


@cache
def map_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


class _Element(MacroElement):
    template_file = ""

    def __init__(self) -> None:
        super().__init__()
        self._name = type(self).__name__
        self._template = script_template(self.template_file)


class Css(_Element):
    """The map's stylesheet (map.css) in the page's head."""

    template_file = "css.html"

    def __init__(self, css: str | None = None) -> None:
        super().__init__()
        self.css = map_css() if css is None else css


class Bind(_Element):
    """Binds a popup and/or a tooltip to its parent layer, and registers a place's layer under
    its id (for `PlaceLinks`)."""

    template_file = "bind.js"

    def __init__(
        self,
        popup: str | None = None,
        tooltip: str | None = None,
        *,
        sticky: bool = True,
        place: str | None = None,
    ) -> None:
        super().__init__()
        self.place = js_string(place) if place else None
        self.popup = js_string(popup) if popup else None
        self.tooltip = js_string(tooltip) if tooltip else None
        self.tooltip_options = json.dumps({"sticky": sticky, "direction": "top", "opacity": 0.95})


class DetailFromZoom(_Element):
    """Shows the elements of class `zm-detail` (neighbourhoods and sites of a city) only from
    `min_zoom` on, so that they do not pile up on the city's marker. They stay on the map (only
    hidden by CSS) so that st_folium, which listens to the layers present when the map starts,
    reports clicks on them."""

    template_file = "detail_from_zoom.js"

    def __init__(self, min_zoom: int) -> None:
        super().__init__()
        self.min_zoom = int(min_zoom)


class PlaceLinks(_Element):
    """A click on a link to a place inside a popup moves the map to that place and clicks it
    (opening its popup and selecting it), instead of following the link. Links to places not
    on the map are followed (they open the dashboard on that place in a new tab)."""

    template_file = "place_links.js"


class Legend(_Element):
    """The legend control; `html` is finished, escaped HTML."""

    template_file = "legend.js"

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html = js_string(html)
