"""The interface's languages: English and Arabic, one message catalogue per language.

The catalogues are two TOML files, `dashboard/locales/en.toml` and `ar.toml`: one table of
`key = "text"` per language (TOML sections give the keys' prefixes: `[sidebar] date` is
`sidebar.date`), the keys the same in both, placeholders written `{name}` (filled
with `str.format`). We chose one typed table over gettext/Babel catalogues because the app has
two languages and a few hundred messages: a TOML table is read by the standard library
(`tomllib`), needs no compile step (`.po` -> `.mo`) nor a new dependency, and a translator edits
it as text; its completeness is checked by a plain test (`tests/dashboard/test_i18n.py`: every
key in both files, no key unused, the same placeholders in both). Plurals that English or Arabic
need are separate keys (`..._one`, `..._other`) chosen by the caller.

Which language a page speaks is `lang` in the URL (`?lang=ar`; English when absent), kept in the
view (`dashboard.view_state`) so that a shared link reopens the page in its language.

- `t(key, **values)`: the text in the session's language, as plain text (for HTML, which is
  escaped where it is written, for tables, option labels). In Arabic every value is wrapped in
  Unicode isolates (FSI U+2068 ... PDI U+2069): a date or a number beside Arabic text keeps its
  own direction (2021-01-20 is never shown as 20-01-2021).
- `tmd(key, **values)`: the same for Streamlit's Markdown: values escaped (`dashboard.markdown`).
- `text(lang, key, **values)`: the same as `t` for a given language, without Streamlit (the map
  modules, which are pure).
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from pathlib import Path

from .markdown import escape

LOCALES = Path(__file__).resolve().parent / "locales"
LANGS = ("en", "ar")
DEFAULT = "en"
RTL = frozenset({"ar"})
NAMES = {"en": "English", "ar": "العربية"}
FSI, PDI = "\u2068", "\u2069"
KEY = "lang"  # the session state key (the sidebar's language switch) and the URL key


class MissingMessage(KeyError):
    """A key that a catalogue lacks: a bug of ours, raised so that tests find it."""


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The messages of `lang` (read once per process)."""
    with (LOCALES / f"{lang}.toml").open("rb") as f:
        table = tomllib.load(f)
    return dict(_flat(table))


def _flat(table: dict, prefix: str = "") -> list[tuple[str, str]]:
    """`[sidebar] date = "As of"` as ("sidebar.date", "As of")."""
    out: list[tuple[str, str]] = []
    for k, v in table.items():
        out += _flat(v, f"{prefix}{k}.") if isinstance(v, dict) else [(f"{prefix}{k}", str(v))]
    return out


def placeholders(template: str) -> set[str]:
    """The `{name}` fields of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def isolate(value: object) -> str:
    """A value as a run of its own direction inside text of either direction."""
    return f"{FSI}{value}{PDI}"


def template(lang: str, key: str) -> str:
    """The raw message `key` of `lang`; English when `lang` is unknown."""
    messages = catalogue(lang if lang in LANGS else DEFAULT)
    try:
        return messages[key]
    except KeyError:
        raise MissingMessage(
            f"no message {key!r} in the {lang!r} catalogue (dashboard/locales/{lang}.toml)"
        ) from None


def text(lang: str, key: str, /, **values: object) -> str:
    """Message `key` in `lang` with `values` filled in (isolated in a right-to-left language)."""
    if lang in RTL:
        values = {k: isolate(v) for k, v in values.items()}
    return template(lang, key).format(**values)


def text_md(lang: str, key: str, /, **values: object) -> str:
    """Message `key` for Streamlit's Markdown: each value escaped, then isolated."""
    return text(lang, key, **{k: escape(v) for k, v in values.items()})


def column_key(name: str) -> str:
    """The catalogue key of a table's column: "quote (Arabic)" -> "column.quote_Arabic"."""
    return "column." + re.sub(r"\W+", "_", name).strip("_")


def is_rtl(lang: str) -> bool:
    return lang in RTL


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def current() -> str:
    """The session's language: the language switch's value, at first the URL's `lang`."""
    import streamlit as st  # here: the map modules use this module without Streamlit

    lang = st.session_state.get(KEY)
    if lang not in LANGS:
        raw = st.query_params.get(KEY)
        lang = raw if raw in LANGS else DEFAULT
        st.session_state[KEY] = lang
    return lang


def t(key: str, /, **values: object) -> str:
    """Message `key` in the session's language, as plain text."""
    return text(current(), key, **values)


def tmd(key: str, /, **values: object) -> str:
    """Message `key` in the session's language, for Markdown: values escaped."""
    return text_md(current(), key, **values)
