"""Data never reaches Streamlit's Markdown as Markdown: `md` escapes it, and no page passes data
to a Markdown-rendering call any other way (checked on the sources, so a new page is covered)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.markdown import escape, md

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

# Streamlit calls whose first argument (or label/body/help) is rendered as Markdown.
MARKDOWN_CALLS = {
    "markdown",
    "write",
    "caption",
    "title",
    "header",
    "subheader",
    "error",
    "warning",
    "info",
    "success",
    "toast",
    "button",
    "download_button",
    "link_button",
    "page_link",
    "checkbox",
    "toggle",
    "radio",
    "selectbox",
    "multiselect",
    "slider",
    "select_slider",
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "time_input",
    "file_uploader",
    "expander",
    "popover",
    "tabs",
    "metric",
    "form_submit_button",
    "pills",
    "segmented_control",
    "status",
}
MARKDOWN_KEYWORDS = {"label", "body", "help"}


def _constant_name(node: ast.expr) -> bool:
    """A module constant: NAME, module.NAME, NAME[...]."""
    if isinstance(node, ast.Subscript):
        return _constant_name(node.value)
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return bool(name) and name.isupper()


def _is_text_we_wrote(node: ast.expr) -> bool:
    """A literal, a constant of ours, `md(...)`, or a join/sum/choice of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple):
        return all(_is_text_we_wrote(e) for e in node.elts)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("md", "tmd"):
            return True  # values escaped (dashboard.markdown, dashboard.i18n.tmd)
        if (
            isinstance(func, ast.Name)
            and func.id == "t"
            and not node.keywords
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant)
        ):
            return True  # a catalogue message without values (values go through tmd)
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "join"
            and isinstance(func.value, ast.Constant)
            and len(node.args) == 1
        ):
            arg = node.args[0]
            return isinstance(arg, ast.GeneratorExp | ast.ListComp) and _is_text_we_wrote(arg.elt)
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text_we_wrote(node.left) and _is_text_we_wrote(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text_we_wrote(node.body) and _is_text_we_wrote(node.orelse)
    return _constant_name(node)


def markdown_leaks(source: str) -> list[tuple[int, str]]:
    leaks = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MARKDOWN_CALLS
        ):
            continue
        args = [*node.args[:1], *(k.value for k in node.keywords if k.arg in MARKDOWN_KEYWORDS)]
        leaks += [(node.lineno, ast.unparse(a)) for a in args if not _is_text_we_wrote(a)]
    return leaks


def test_no_page_passes_data_to_markdown_except_through_md():
    found = [
        f"{path.relative_to(DASHBOARD.parent)}:{line}: {text[:90]}"
        for path in sorted(DASHBOARD.rglob("*.py"))
        for line, text in markdown_leaks(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "wrap data in dashboard.markdown.md():\n" + "\n".join(found)


@pytest.mark.parametrize(
    "bad",
    [
        'st.caption(f"{x}")',
        "st.button(name)",
        'sb.toggle("a %s" % x)',
        'st.error("{}".format(x))',
        'st.caption(t("k", n=x))',
        "st.caption(t(key))",
        "st.warning(str(exc))",
        'col.radio(label=f"{x}", options=[])',
        'st.markdown(md("{}", a) + b)',
    ],
)
def test_the_check_catches__data_in_a_markdown_call(bad):
    assert markdown_leaks(bad)


@pytest.mark.parametrize(
    "good",
    [
        'st.caption("plain")',
        'st.button(md("Only {}", x))',
        "st.markdown(about.INTRO)",
        'st.warning("a\\n" + "\\n".join(md("- {}", w) for w in ws))',
        'st.tabs(["a", "b"])',
        'st.caption(t("page.map"))',
        'st.error(tmd("error.data", reason=x))',
    ],
)
def test_the_check_accepts__our_own_text(good):
    assert not markdown_leaks(good)


PAYLOADS = [
    "![i](http://127.0.0.2/x.png)",
    "[click](javascript:alert(1))",
    "**bold** _it_",
    ":red[alarm] :material/home:",
    "$x^2$",
    "<img src=x>",
    "# title\n- item",
    "http://127.0.0.2/auto",
    "`code`",
    "a\\*b",
    "www.example.org",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_leaves_no_markdown_syntax(payload):
    out = escape(payload)
    for ch in "![]()*_`$<>#":
        assert f"\\{ch}" in out or ch not in payload
    assert "\\:\\/" not in out and "www\\." not in out  # no URL is left to make a link of
    assert "\n" not in out


@given(st.text())
def test_escape_shows_the_same_text(text):
    """CommonMark drops the backslash before any ASCII punctuation: what shows is the text
    itself (line breaks folded to spaces)."""
    shown = re.sub(r"\\(.)", r"\1", escape(text)).replace("\u2060", "")
    assert shown == re.sub(r"[\r\n\u2028\u2029]+", " ", text).replace("\u2060", "")


def test_md_escapes_values_not_the_template():
    assert md("**{}** at {}", "a_b", "[x](y)") == r"**a\_b** at \[x\]\(y\)"
    assert md("{}", "http://x.org") == "http\\:\u2060\\/\\/x\\.org"
