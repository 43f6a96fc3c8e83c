"""Text is rendered once, escaped for where it lands, and never compiled as a template again.

Two rules make report text inert in the map, by construction rather than by filtering payloads:

1. **branca never re-compiles rendered output.** branca's `MacroElement.render` wraps the output
   of each element's macros in `Element(text)`, and `Element.__init__` compiles that text as a
   Jinja template: a place named `City{{ 3*3 }}` showed `City9`, and `{{ cycler.__init__...}}`
   ran Python on the server. `activate()` replaces `MacroElement.render` (process-wide, once)
   with `render_once`, which hands the finished text to the figure as a `Literal`, an element
   whose `render` returns its text as it is. Every folium element Zonemap draws (Map, TileLayer,
   FeatureGroup, GeoJson, Marker, DivIcon, PolyLine, CircleMarker, LayerControl and the macros
   in `dashboard.map`) renders through it, in `st_folium`, in the standalone HTML export and in
   `_repr_html_` alike. The one thing branca's second pass did on purpose -- folium's
   GeoJsonStyleMapper writes `{{'var'}}` for a style value that is itself an element -- is not
   used by Zonemap, so nothing replaces it. `tests/dashboard/test_rendering.py` proves the
   property with Hypothesis over every text field of every record.
2. **HTML comes from autoescaped Jinja templates** (`dashboard/map/templates/*.html`): a value
   is escaped unless a template marks it safe, and only templates (never data) are compiled.
   Values bound for JavaScript go through `js_string` (JSON, with `</`, U+2028 and U+2029
   escaped); the map's own scripts are the macros of `templates/leaflet/` (not autoescaped:
   JavaScript and CSS, given only `js_string`s, numbers and element names).

Markdown (Streamlit labels and messages) is the third context: see `dashboard.markdown`.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape
from jinja2.ext import Extension
from markupsafe import Markup

TEMPLATES_DIR = Path(__file__).parent / "templates"

_BRANCA_RENDER = MacroElement.render


class Literal(Element):
    """Finished text in a branca figure: rendered as it is, never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Literal"
        self.text = text

    def render(self, **_kwargs: Any) -> str:
        return self.text


def render_once(self: MacroElement, **kwargs: Any) -> None:
    """`MacroElement.render` without the second compilation (see the module docstring): the
    output of the element's `header`, `html` and `script` macros goes to the figure as a
    Literal, then the children render."""
    figure = self.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    module = self._template.module.__dict__
    for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
        macro = module.get(part)
        if macro is not None:
            target.add_child(Literal(str(macro(self, kwargs))), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)


def activate() -> None:
    """Make every branca/folium macro element render through `render_once` (idempotent)."""
    MacroElement.render = render_once  # type: ignore[method-assign]


def active() -> bool:
    return MacroElement.render is render_once


# Whoever imports a map element imports this module: the rule holds from then on, whichever
# entry point (the app, the HTML export, a notebook, a test) came first.
activate()


def js_string(text: str) -> str:
    """A JavaScript string literal that is also safe inside an HTML <script> block."""
    return (
        json.dumps(text, ensure_ascii=False)
        .replace("</", "<\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _OneLine(Extension):
    """Templates are laid out on lines for reading; their HTML is emitted on one line (a popup is
    a JavaScript string, and tests match items line by line). Only the template's source is
    joined -- a line break and the next line's indentation go -- never a value: a quote keeps
    its line breaks. A space that matters stands at the end of a line."""

    def preprocess(self, source: str, _name: str | None, _filename: str | None = None) -> str:
        return re.sub(r"\n[ \t]*", "", source)


def js_json(value: Any) -> str:
    """`value` as a JSON literal that is also safe inside an HTML <script> block (strings in it
    escaped as `js_string` escapes them)."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("</", "<\\/")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=[_OneLine],
        auto_reload=False,  # shipped files: no stat() of each template per use (per popup)
    )
    env.filters["js"] = lambda value: Markup(js_string(str(value)))
    return env


TEMPLATES = _environment()
SCRIPTS = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR / "leaflet"),
    autoescape=False,
    undefined=StrictUndefined,
    auto_reload=False,
)


def script_template(name: str) -> Template:
    """The macro template of one of the map's own elements (`header`/`script` macros, as
    branca expects), from `templates/leaflet/`."""
    return SCRIPTS.get_template(name)


def render(template: str, **values: Any) -> str:
    """One of `dashboard/map/templates/` rendered with `values` (escaped unless marked safe there)."""
    return TEMPLATES.get_template(template).render(**values)


@functools.cache
def _module(template: str) -> Any:
    """A template file's module (its macros), loaded once: the files ship with the code."""
    return TEMPLATES.get_template(template).module


def macro(template: str, name: str, *args: Any, **kwargs: Any) -> Markup:
    """One macro of a template file, called from Python (a piece of HTML shared by templates)."""
    return Markup(getattr(_module(template), name)(*args, **kwargs))
