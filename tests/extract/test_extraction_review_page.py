"""The "Add report" page (AppTest, no browser): editors only; a pasted report gives drafts with
their evidence highlighted; decisions are saved to the store; the queue lists ingested drafts.
And the page's pure helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from extraction_fixtures import extractor
from streamlit.testing.v1 import AppTest

from dashboard import review
from geodata.extract import source_for
from geodata.model import ReviewStatus

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
TEXT = "طالبت قسد السلطات السورية بفك الحصار عن حي الشيخ مقصود مقابل فك الحصار عن المربع الأمني في الحسكة."


@pytest.fixture
def editor_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONEMAP_DB", str(tmp_path / "z.sqlite"))
    monkeypatch.setenv("ZONEMAP_EDITOR_SECRET", "test-editor-secret")
    monkeypatch.delenv("ZONEMAP_DATABASE_URL", raising=False)
    from geodata.settings import get_settings
    from geodata.store import init_db

    init_db(get_settings())  # opening a store never creates one (`zonemap db init` does)
    return tmp_path


def page(secret: str = "test-editor-secret") -> AppTest:
    """The app, signed in through the sidebar (`dashboard.account`), on the Add report page."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="signin_user").set_value("rana")
    at.text_input(key="signin_secret").set_value(secret)
    at.button(key="signin_submit").click().run()
    return at.switch_page("app_pages/review.py").run()


def test_page__not_for_visitors(editor_env):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    with pytest.raises(ValueError, match="page"):
        at.switch_page("app_pages/review.py")  # not in a visitor's navigation


def test_page__paste_review_save(editor_env):
    at = page()
    assert not at.exception
    at.text_area(key="review_text").set_value(TEXT)
    at.text_input(key="review_outlet").set_value("Own example")
    at.date_input(key="review_published").set_value(dt.date(2021, 3, 1))
    at.button(key="review_find").click().run()
    assert not at.exception
    radios = [r for r in at.radio if r.key.startswith("review_decision_")]
    assert len(radios) >= 3
    assert any("<mark" in str(h.proto.body) for h in at.get("html"))
    for r in radios:
        r.set_value(review.ACCEPT)
    at.button(key="review_save").click().run()
    assert not at.exception
    assert any("saved" in s.value for s in at.success)
    assert not [r for r in at.radio if r.key.startswith("review_decision_")]  # cleared

    from geodata.settings import get_settings
    from geodata.store import open_store

    store = open_store(get_settings())
    try:
        mine = [e for e in store.load_dataset().events if e.source.outlet == "Own example"]
    finally:
        store.close()
    assert len(mine) == len(radios)
    assert all(e.review == ReviewStatus.ACCEPTED for e in mine)


def test_page__published_is_never_today_by_default(editor_env):
    at = page()
    assert at.date_input(key="review_published").value is None
    at.text_area(key="review_text").set_value(TEXT)
    at.button(key="review_find").click().run()
    assert not at.exception
    assert any("publication date" in e.value for e in at.error)
    assert not [r for r in at.radio if r.key.startswith("review_decision_")]


def test_page__queue_lists_and_accepts_ingested_drafts(editor_env):
    from geodata.settings import get_settings
    from geodata.store import open_store

    x = extractor()
    res = x.extract("اعتقلت الأسايش شابين في القامشلي.")
    source = source_for(res.text, outlet="Queue test", url=None, published=dt.date(2021, 3, 1), lang="ar")
    store = open_store(get_settings())
    try:
        store.as_editor("cli", "test-editor-secret").add_events(res.to_events(source), user="cli")
    finally:
        store.close()
    at = page()
    accept = [b for b in at.button if b.key.startswith("queue_accept_")]
    assert accept
    accept[0].click().run()
    assert not at.exception
    store = open_store(get_settings())
    try:
        assert len(store.drafts()) == len(accept) - 1
    finally:
        store.close()


# -- the pure helpers --------------------------------------------------------------------------


def test_evidence_html__escapes_and_marks():
    text = "before <b>x</b> the quote & after"
    out = review.evidence_html(text, text.index("the"), text.index("&"))
    assert "<mark" in out and "&lt;b&gt;" in out and "<b>" not in out


def test_decide__accept_edit_reject_later():
    x = extractor()
    res = x.extract(TEXT)
    source = source_for(TEXT, outlet="o", url=None, published=dt.date(2021, 3, 1), lang="ar")
    drafts = res.to_events(source)
    a, b, c = drafts[:3]
    out = review.decide(
        drafts,
        {a.id: review.ACCEPT, b.id: review.EDIT, c.id: review.REJECT},
        {b.id: {"type": "threat", "place": "manbij", "actor": "turkey"}},
    )
    by_id = {e.id: e for e in out}
    assert set(by_id) == {a.id, b.id, c.id}
    assert by_id[a.id].review == ReviewStatus.ACCEPTED
    assert by_id[b.id].type == "threat" and by_id[b.id].places == ("manbij",)
    assert by_id[b.id].cameo == "138" and by_id[b.id].actor == "turkey"
    assert by_id[c.id].review == ReviewStatus.REJECTED
    assert all(link.event in by_id for e in out for link in e.links)
