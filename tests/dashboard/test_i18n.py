"""The interface's two languages (issue 14): the catalogues are complete and alike, every key
is used, every page runs in both languages, and the language travels in the URL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from dashboard import exports, i18n, importing, review
from dashboard.map.legend import LEGEND_WORDS
from dashboard.map.popup import WORDS, section_key
from dashboard.view_state import BASEMAPS, ViewState, from_query, to_query
from geodata.events import SECTIONS
from geodata.formats import FORMATS, KINDS, read_import_bytes
from geodata.model import Confidence, EventType, PlaceKind, ReviewStatus, Status
from geodata.settings import get_settings
from geodata.store import open_store

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard"
APP = str(DASHBOARD / "app.py")
SECRET = "correct horse battery staple"
VIEWER_PAGES = ["app_pages/map.py", "app_pages/events.py", "app_pages/places.py", "app_pages/about.py"]
EDITOR_PAGES = ["app_pages/review.py", "app_pages/edit.py", "app_pages/imports.py"]
# A catalogue key written in a source: t("x.y"), tmd("x.y"), text(lang, "x.y"), "x.y" anywhere.
LITERAL = re.compile(r"""["']([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']""")


def dynamic_keys() -> set[str]:
    """The keys built from a value rather than written out: one per enum member, section,
    template word and background."""
    keys = {f"type.{t.value}.{form}" for t in EventType for form in ("singular", "plural")}
    keys |= {f"kind.{k.value}" for k in PlaceKind}
    keys |= {f"status.{s.value}" for s in Status}
    keys |= {f"confidence.{c.value}" for c in Confidence}
    keys |= {f"review_status.{r.value}" for r in ReviewStatus}
    keys |= {section_key(title) for title in SECTIONS}
    keys |= {f"popup.{w}" for w in WORDS} | {f"legend.{w}" for w in LEGEND_WORDS}
    keys |= {f"sidebar.background_{b}" for b in BASEMAPS}
    keys |= {f"month.{m}" for m in range(1, 13)}
    keys |= {f"review.{d}" for d in review.DECISIONS}
    keys |= {f"review.lang_{c}" for c in ("auto", "ar", "en")}
    keys |= {f"review.flag_{f}" for f in ("historical", "implied", "linked")}
    keys |= {f"export.what_{w}" for w in exports.WHAT} | {f"export.format_{f}" for f in FORMATS}
    keys |= {f"import.duplicate_{c}" for c in importing.DUPLICATE_CHOICES}
    keys |= {f"import.kind_{k}" for k in ("auto", *KINDS)}
    return keys


def written_keys() -> set[str]:
    """Keys written in the sources, and the column keys of the column names they write."""
    found: set[str] = set()
    for path in [*DASHBOARD.rglob("*.py"), *DASHBOARD.rglob("*.html")]:
        source = path.read_text(encoding="utf-8")
        found |= set(LITERAL.findall(source))
        found |= {i18n.column_key(s) for s in re.findall(r"""["']([\w ()]+)["']""", source)}
    return found


def test_both_catalogues_have_the_same_keys():
    en, ar = set(i18n.catalogue("en")), set(i18n.catalogue("ar"))
    assert sorted(en - ar) == [], "missing in ar.toml"
    assert sorted(ar - en) == [], "missing in en.toml"


def test_placeholders_are_the_same_in_both_languages():
    en, ar = i18n.catalogue("en"), i18n.catalogue("ar")
    differ = {
        k: (i18n.placeholders(en[k]), i18n.placeholders(ar[k]))
        for k in en
        if i18n.placeholders(en[k]) != i18n.placeholders(ar[k])
    }
    assert differ == {}


def test_every_key_is_used_and_every_used_key_exists():
    keys = set(i18n.catalogue("en"))
    used = dynamic_keys() | (written_keys() & keys)
    assert sorted(keys - used) == [], "keys no code asks for"
    assert sorted(dynamic_keys() - keys) == [], "keys the code builds but the catalogue lacks"
    # Every t("...")/tmd("...")/text(lang, "...") of the sources names a key that exists.
    calls = re.compile(r"""\b(?:t|tmd|text|text_md)\((?:[\w.]+, )?["']([a-z_]+(?:\.[a-z_]+)+)["']""")
    asked = {k for p in DASHBOARD.rglob("*.py") for k in calls.findall(p.read_text("utf-8"))}
    assert sorted(asked - keys) == []


def test_the_arabic_catalogue_is_arabic():
    """Each Arabic message holds Arabic letters (a message left in English is a missed
    translation)."""
    ar = i18n.catalogue("ar")
    words = {k: re.sub(r"\{\w+\}", "", v) for k, v in ar.items()}  # without placeholders
    names = {f"export.format_{f}" for f in ("geojson", "csv", "kml", "gpkg")}  # product names
    untranslated = [
        k
        for k, v in words.items()
        if k not in names and re.search(r"[A-Za-z]", v) and not re.search(r"[\u0600-\u06FF]", v)
    ]
    assert untranslated == []


def test_values_are_isolated_in_arabic_only():
    assert i18n.text("en", "summary.n_events", n=3) == "3 event(s)"
    ar = i18n.text("ar", "popup.before", date="2021-01-20")
    assert "\u20682021-01-20\u2069" in ar
    assert i18n.text_md("ar", "error.data", reason="*x*").count("\\*") == 2


def test_a_missing_key_raises():
    with pytest.raises(i18n.MissingMessage, match=r"no\.such"):
        i18n.text("ar", "no.such")


def test_lang_round_trips_in_the_shared_link():
    view = ViewState(lang="ar")
    assert to_query(view)["lang"] == "ar"
    assert from_query(to_query(view))[0].lang == "ar"
    assert "lang" not in to_query(ViewState())  # English: the default, left out
    state, warnings = from_query({"lang": "fr"})
    assert state.lang == "en" and "`lang`" in warnings[0]


def test_a_tampered_link_is_explained_in_the_pages_language():
    """A warning is its English text, and says the same in Arabic with the received value
    escaped (Markdown) and isolated."""
    _, warnings = from_query({"zoom": "<b>99", "popup": "1", "layers": "ghost"}, factions={"sdf"})
    assert [w.key for w in warnings] == ["link.bad_zoom", "link.unknown_layers", "link.popup_needs_place"]
    assert warnings[0] == "`zoom` was '<b>99'; expected a number 3-18."
    ar = [i18n.text_md("ar", w.key, **w.values) for w in warnings]
    assert all(re.search(r"[\u0600-\u06FF]{3}", m) for m in ar)
    assert "\u2068\\'\\<b\\>99\\'\u2069" in ar[0]


# -- the Import page's summary line and progress text (pure) ---------------------------------

VILLAGES = (
    "id,name_en,name_ar,kind,latitude,longitude\n"
    "test-village,Test Village,قرية الاختبار,village,36.5,40.1\n"
    "bad-village,Bad Village,قرية سيئة,castle,36.6,40.2\n"
).encode()


def test_the_import_summary_is_the_cores_in_english_and_arabic_in_arabic():
    read = read_import_bytes(VILLAGES, "villages.csv", "places", None)
    snapshot = dataclasses.replace(read, places=read.records, as_of=dt.date(2022, 5, 1))
    for result in (read, snapshot):
        assert importing.summary(result, "en") == result.summary()
    ar = importing.summary(snapshot, "ar")
    assert "record" not in ar and "snapshot" not in ar and "places" not in ar
    assert ar.startswith("\u2068villages.csv\u2069: \u2068أماكن\u2069 بصيغة \u2068csv\u2069؛")
    assert "الصالحة \u20681\u2069، المرفوضة \u20681\u2069" in ar and "\u20682022-05-01\u2069" in ar


class Bar:
    """An st.progress stand-in that keeps what it was told."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def progress(self, value: float, text: str) -> None:
        self.texts.append(text)


def test_the_import_progress_speaks_the_pages_language():
    en, ar = Bar(), Bar()
    importing.progress_to(en, "import.read_progress", "en")(1000, 2000)
    importing.progress_to(ar, "import.written_progress", "ar")(1000, 2000)
    assert en.texts == ["Read: 1,000 of 2,000 record(s)"]
    assert ar.texts == ["السجلات المكتوبة: \u20681,000\u2069 من \u20682,000\u2069"]


# -- every page in both languages (AppTest) --------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        yield use_db(mp, tmp_path_factory.mktemp("db"), SECRET)


def _app(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    at.query_params["lang"] = lang
    return at.run()


def _shown(at: AppTest) -> str:
    """The texts of the page: labels, captions, Markdown, HTML, titles of the navigation."""
    parts = [
        str(e.proto)
        for kind in (
            "markdown",
            "caption",
            "html",
            "date_input",
            "text_input",
            "multiselect",
            "button",
            "radio",
            "selectbox",
            "tab",
            "text_area",
            "expander",
            "warning",
            "info",
            "error",
        )
        for e in at.get(kind)
    ]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_page_renders_in_both_languages(database, lang):
    at = _app(lang)
    assert not at.exception
    assert at.radio(key="lang").value == lang
    at.text_input(key="signin_user").set_value("rana")
    at.text_input(key="signin_secret").set_value(SECRET)
    at.button(key="signin_submit").click().run()
    for page in [*VIEWER_PAGES, *EDITOR_PAGES]:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        shown = _shown(at)
        rtl_css = "direction: rtl" in shown
        assert rtl_css == (lang == "ar"), page
        if lang == "ar":
            assert re.search(r"[\u0600-\u06FF]{3}", shown), page
        if page.endswith("edit.py"):  # the pick lists' words are the page's too
            assert at.selectbox(key="ev_pick").options[0] == i18n.text(lang, "edit.new_event")
        if page.endswith("review.py"):  # the report box reads in the direction of its text
            assert "unicode-bidi: plaintext" in shown


def test_the_review_queue_says_its_decision_in_arabic(database):
    with open_store(get_settings()) as store:
        first = min(store.load_dataset().events, key=lambda e: e.id)
        draft = first.model_copy(update={"id": "queued-for-arabic", "review": ReviewStatus.DRAFT})
        store.as_editor("rana", SECRET).add_events([draft])
    at = _app("ar")
    at.text_input(key="signin_user").set_value("rana")
    at.text_input(key="signin_secret").set_value(SECRET)
    at.button(key="signin_submit").click().run()
    at.switch_page("app_pages/review.py").run()
    at.button(key="queue_accept_queued-for-arabic").click().run()
    assert not at.exception
    said = [s.value.replace("\\", "").replace("\u2060", "") for s in at.success]  # as md writes it
    assert any("الحدث \u2068queued-for-arabic\u2069: \u2068مقبول\u2069." in s for s in said), said


def test_the_switch_changes_the_language_and_the_url(database):
    at = _app("en")
    assert at.date_input(key="date").label == "As of"
    at.radio(key="lang").set_value("ar").run()
    assert not at.exception
    assert at.date_input(key="date").label == i18n.text("ar", "sidebar.date")
    assert at.query_params["lang"] in ("ar", ["ar"])


@pytest.mark.parametrize("name", ["intro", "approximations", "licences"])
def test_the_about_texts_are_in_arabic_too(name):
    from dashboard import about

    ar = about.text(name, "ar")
    assert re.search(r"[\u0600-\u06FF]{3}", ar) and ar != about.text(name)
    # the same sections and list items: a translation, not a summary
    assert ar.count("\n- ") == about.text(name).count("\n- ")


# -- the map's popup in Arabic (pure: no Streamlit) -------------------------------------------


def _arabic_popup(place_id: str, quote_lang: str | None = None) -> str:
    from dashboard_fixtures import DAY, make_dataset

    from dashboard.map.popup import PopupContext, popup_html
    from dashboard.view_state import page_link
    from geodata.events import events_at

    ds = make_dataset()
    events = [e for e in events_at(ds.gazetteer, ds.events, [place_id])[place_id] if e.date <= DAY]
    if quote_lang == "en":  # a report in English quoted inside the Arabic page
        events = [
            e.model_copy(
                update={
                    "evidence": e.evidence.model_copy(
                        update={"quote": "The SDF demanded the handover", "lang": "en"}
                    )
                }
            )
            for e in events
        ]
    ctx = PopupContext(
        day=DAY,
        places=ds.gazetteer.places,
        actors={a.id: (a.name_en, a.name_ar) for a in ds.actors.values()},
        factions=ds.factions,
        events=ds.events,
        link=page_link(ViewState(date=DAY, lang="ar")),
        lang="ar",
    )
    return popup_html(ds.place(place_id), events, ctx)


def test_the_arabic_popup_runs_right_to_left_with_the_arabic_name_first():
    html = _arabic_popup("qamishli")
    assert html.startswith('<div class="zm-popup" data-place="qamishli" dir="rtl" lang="ar">')
    title = re.search(r'<div class="zm-title">(.*?)</div>', html, re.S).group(1)
    assert title.index('class="zm-ar"') < title.index('class="zm-en"')
    heads = re.findall(r"<h4>([^<(]+)", html)
    assert heads[0].strip() == i18n.text("ar", "section.demands")
    assert "Demands" not in html and "held by" not in html and "Source:" not in html
    # Dates are isolated beside Arabic words; the link reopens the page in Arabic.
    assert re.search(r"<bdi>\d{4}-\d{2}-\d{2}</bdi>", html)
    assert "lang=ar" in html


def test_an_english_quote_stays_left_to_right_in_the_arabic_popup():
    html = _arabic_popup("qamishli", quote_lang="en")
    quotes = re.findall(r'<blockquote class="zm-q" dir="(\w+)" lang="(\w+)">', html)
    assert quotes and all(q == ("ltr", "en") for q in quotes)
