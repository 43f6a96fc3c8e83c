"""Data in Streamlit's Markdown: shown as the characters it is, never as Markdown.

Streamlit renders widget labels, button texts, radio options, captions, messages (`st.error`,
`st.warning`...), `st.markdown` and `st.write` strings as Markdown: an imported place named
`![i](http://host/x.png)` made every viewer's browser fetch that URL, and `:red[...]`, `$...$`,
`**...**` or a link restyle the page. Every such call that shows data builds its text with `md`:
the template is Zonemap's own text (Markdown allowed), each value is escaped with `escape`.
`tests/dashboard/test_markdown.py` checks the sources: no Streamlit call that renders Markdown
is given an f-string, a `%` or `.format()`, so data can only arrive through `md`.
"""

from __future__ import annotations

import re
import string

# Every ASCII punctuation character can be backslash-escaped in CommonMark (and so in GitHub
# Markdown, which Streamlit renders): escaped, each stands for itself. That covers emphasis,
# links and images, code, headings, lists, tables, HTML, Streamlit's `:colour[...]` and
# `:material/...:` directives and LaTeX (`$`). Streamlit also turns any URL, `www.` name or
# e-mail address left in the rendered text into a link, after escapes and character references
# are decoded (a browser test showed `http\://host` become a link): an invisible WORD JOINER
# (U+2060) after each `:`, after `www` and after `@` leaves no URL for it to find, and shows
# nothing.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINKABLE = re.compile(r"(\\:|\\@|(?i:www))")
_JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape(value: object) -> str:
    """`value` as Markdown text that renders as its own characters, on one line, and makes
    no link."""
    text = _PUNCTUATION.sub(r"\\\1", _LINE_BREAKS.sub(" ", "" if value is None else str(value)))
    return _LINKABLE.sub(lambda m: m.group(0) + _JOINER, text)


def md(template: str, /, *args: object, **kwargs: object) -> str:
    """`template.format(...)` with every value escaped: `md("Only {} and the places inside it",
    place.name_en)`. The template is Zonemap's own text and may use Markdown."""
    return template.format(*(escape(a) for a in args), **{k: escape(v) for k, v in kwargs.items()})
