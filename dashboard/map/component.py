"""The live map's component: st_folium's frontend, fed a base map rendered once.

`st_folium(map, feature_group_to_add=...)` renders the whole folium map it is given on every
call (every element through branca's templates, then its own renaming pass) and adds the
feature groups to it, so a caller has to build a new map per run: on the shipped data that was
a third of a pan's or a click's server time, for a script that came out byte-identical each
time. Here the base map is rendered once per `key` (`base_map`: a small process-wide LRU, each
entry tied to the dataset object it was built from) into what st_folium would send (`BaseMap`),
and `show` calls st_folium's component with the same arguments `st_folium` would pass, the
feature groups rendered on a throwaway map. The frontend is st_folium's own: the same script
keeps the component's key, so the browser keeps its Leaflet map and only swaps the data layer.

This leans on private names of streamlit_folium (`_component_func`, `_get_html`, `_get_header`,
`_get_map_string`, `_get_feature_group_string`, `generate_js_hash`), pinned by its version:
`tests/dashboard/test_map_component.py` checks that `show` sends exactly what `st_folium` sends.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st
import streamlit_folium as sf

CACHE_SIZE = 16  # base maps kept (a date, a layer set, a change view, a language each)


@dataclass(frozen=True)
class BaseMap:
    """A base map as st_folium sends it: its script, header and html, the assets it loads,
    and what st_folium reports before the reader did anything."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    zoom: Any
    bounds: Any


def _links(m: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSS and JavaScript files of the map's elements, in st_folium's order."""
    css: list[str] = []
    js: list[str] = []

    def walk(element: Any) -> Iterable[Any]:
        if isinstance(element, folium.elements.JSCSSMixin):
            yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(m):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def render_base(m: folium.Map) -> BaseMap:
    """Render `m` as st_folium does (the same calls, in the same order). `m` is used up:
    st_folium's renaming pass changes its elements' ids."""
    m.get_root().render()
    m.render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)
    css, js = _links(m)
    try:
        bounds = m.get_bounds()
    except AttributeError:
        bounds = [[None, None], [None, None]]
    return BaseMap(
        script=script,
        header=header,
        html=html,
        map_id=sf.get_full_id(m),
        css_links=css,
        js_links=js,
        zoom=m.options.get("zoom"),
        bounds=bounds,
    )


_CACHE: OrderedDict[Hashable, tuple[object, BaseMap]] = OrderedDict()
_LOCK = threading.Lock()


def base_map(owner: object, key: Hashable, build: Callable[[], folium.Map]) -> BaseMap:
    """The base map of `key` over `owner` (the dataset: an entry counts only for the object it
    was built from), built by `build` and rendered on the first call, kept after."""
    full = (id(owner), key)
    with _LOCK:
        hit = _CACHE.get(full)
        if hit is not None and hit[0] is owner:
            _CACHE.move_to_end(full)
            return hit[1]
    built = render_base(build())
    with _LOCK:
        _CACHE[full] = (owner, built)
        _CACHE.move_to_end(full)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def layer_script(groups: Sequence[folium.FeatureGroup], start: int = 0) -> str:
    """The data layer as st_folium sends it (`feature_group`), the groups rendered on a
    throwaway map whose name st_folium replaces by the frontend's `map_div`. `start`: the
    index of the first group, so that a layer rendered in parts (`layer_script(a) +
    layer_script(b, start=len(a))`) is the same script as the whole."""
    if not groups:
        return ""
    scratch = folium.Map(tiles=None)
    return "".join(sf._get_feature_group_string(g, map=scratch, idx=start + i) for i, g in enumerate(groups))


def _bounds_dict(bounds: Any) -> dict[str, dict[str, Any]]:
    (south, west), (north, east) = bounds
    return {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}


def show(  # noqa: PLR0913 (st_folium's arguments)
    base: BaseMap,
    layer: str,
    *,
    key: str,
    height: int,
    returned_objects: Sequence[str],
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> Any:
    """What `st_folium(map, key=key, height=height, use_container_width=True,
    returned_objects=..., center=..., zoom=..., feature_group_to_add=groups)` does, over a
    base map rendered once; `layer` is `layer_script(groups)`."""
    defaults = {
        "last_object_clicked": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "bounds": _bounds_dict(base.bounds),
        "zoom": base.zoom,
        "selected_layers": None,
    }
    hash_key = sf.generate_js_hash(base.script, key, False)

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return sf._component_func(
        script=base.script,
        header=base.header,
        html=base.html,
        id=base.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=list(returned_objects),
        default={k: v for k, v in _st_folium_defaults(defaults).items() if k in returned_objects},
        zoom=zoom,
        center=center,
        feature_group=layer,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(base.css_links),
        js_links=list(base.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )


def _st_folium_defaults(known: dict[str, Any]) -> dict[str, Any]:
    """st_folium's default value, in its key order (the component's default is compared)."""
    order = (
        "last_clicked",
        "last_object_clicked",
        "last_object_clicked_count",
        "last_object_clicked_tooltip",
        "last_object_clicked_popup",
        "all_drawings",
        "last_active_drawing",
        "bounds",
        "zoom",
        "last_circle_radius",
        "last_circle_polygon",
        "selected_layers",
        "selected_tags",
        "last_geocoder_result",
    )
    return {k: known.get(k) for k in order}
