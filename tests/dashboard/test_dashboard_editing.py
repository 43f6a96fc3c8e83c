"""Editing in the dashboard (AppTest, no browser): a viewer can reach no write path; an editor
signs in, edits through the forms, undoes, imports through the uploader, turns a pasted report
into reviewed events. Each test has its own seeded database in a temporary folder. And the pure
helpers of the Edit, Import and Events pages."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from dashboard_fixtures import make_dataset, use_db
from streamlit.testing.v1 import AppTest

from dashboard import audit, exports, form_values, importing, review
from dashboard.view_state import ViewState
from geodata.events import published
from geodata.formats import read_import_bytes
from geodata.model import ReviewStatus
from geodata.settings import get_settings
from geodata.store import AuditEntry, open_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SECRET = "correct horse battery staple"
DAY = "2021-01-20"
VIEWER_PAGES = ["app_pages/map.py", "app_pages/events.py", "app_pages/places.py", "app_pages/about.py"]
EDITOR_PAGES = ["app_pages/edit.py", "app_pages/imports.py", "app_pages/review.py"]
# Keys of the widgets that change data, and of the editor's own controls.
WRITE_KEYS = ("ev_", "pl_", "zv_", "undo", "import_", "review_", "queue_", "signout")
# The project's own example sentence (not from any corpus): the SDF demand that the government
# lift the siege of Sheikh Maqsoud, in Aleppo.
REPORT = "طالبت قوات سوريا الديمقراطية الحكومة السورية بفك الحصار عن حي الشيخ مقصود في مدينة حلب."


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    return use_db(monkeypatch, tmp_path, SECRET)


def snapshot(path: Path) -> tuple:
    """What a write would change: the store's revision, its audit log and its events."""
    store = open_store(get_settings())
    try:
        return (
            store.revision(),
            [a.id for a in store.audit_log(1000)],
            sorted(e.model_dump_json() for e in store.load_dataset().events),
        )
    finally:
        store.close()


def stored_events() -> dict:
    store = open_store(get_settings())
    try:
        return {e.id: e for e in store.load_dataset().events}
    finally:
        store.close()


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = DAY
    return at.run()


def sign_in(at: AppTest, secret: str = SECRET, user: str = "rana") -> AppTest:
    at.text_input(key="signin_user").set_value(user)
    at.text_input(key="signin_secret").set_value(secret)
    return at.button(key="signin_submit").click().run()


def pages(at: AppTest) -> set[str]:
    return {Path(str(p["script_path"])).name for p in at._registered_pages.values() if p.get("script_path")}


def widget_keys(at: AppTest) -> set[str]:
    keys = set()
    for kind in (
        "button",
        "text_input",
        "text_area",
        "selectbox",
        "multiselect",
        "date_input",
        "radio",
        "checkbox",
        "number_input",
        "file_uploader",
        "download_button",
    ):
        keys |= {w.key for w in at.get(kind) if getattr(w, "key", None)}
    return keys


def shown(markdown: str) -> str:
    """What a message escaped with `dashboard.markdown.md` shows."""
    return re.sub(r"\\(.)", r"\1", markdown)


def frame_with(at: AppTest, *columns: str):
    """The table that has these columns (AppTest does not expose a dataframe's key)."""
    (frame,) = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    return frame


def map_script(at: AppTest) -> str:
    """What the map sends the browser: the base map's script and its data layer (the marks
    and their popups travel as st_folium's feature groups)."""
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    args = json.loads(component.proto.json_args)
    return args["script"] + (args.get("feature_group") or "")


# -- viewers -----------------------------------------------------------------------------------


def test_viewer__no_editor_page_no_write_control_and_the_store_unchanged(db):
    before = snapshot(db)
    at = app()
    assert pages(at) == {"map.py", "events.py", "places.py", "about.py"}
    for page in VIEWER_PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert not at.get("file_uploader"), page
        written = {k for k in widget_keys(at) if k.startswith(WRITE_KEYS)}
        assert not written, (page, written)
        assert {"signin_user", "signin_secret", "signin_submit"} <= widget_keys(at), page
    for page in EDITOR_PAGES:
        with pytest.raises(ValueError, match="navigation page"):
            at.switch_page(page)
    assert snapshot(db) == before


@pytest.mark.parametrize("page", EDITOR_PAGES)
def test_viewer__an_editor_page_run_directly_refuses(db, page):
    """Defence in depth: an editor page that somehow runs without a signed-in editor stops
    before drawing any control."""
    before = snapshot(db)
    at = AppTest.from_file(
        str(Path(APP).with_name(page.split("/")[0]) / page.split("/")[1]), default_timeout=60
    ).run()
    assert not at.exception
    assert "signed-in editors" in at.warning[0].value
    assert not {k for k in widget_keys(at) if k.startswith(WRITE_KEYS)}
    assert snapshot(db) == before


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_viewer__exports_for_everyone(db):
    at = app().switch_page("app_pages/events.py").run()
    assert {f"export_{f}" for f in ("geojson", "csv", "kml", "gpkg", "html")} <= widget_keys(at)


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_sign_in__wrong_secret_is_refused_with_a_message(db):
    before = snapshot(db)
    at = sign_in(app(), secret="guess")
    assert not at.exception
    assert any("wrong editor secret" in e.value for e in at.error)
    assert "edit.py" not in pages(at)
    assert at.text_input(key="signin_secret").value == ""  # the secret is not kept
    assert snapshot(db) == before


def test_sign_in__none_without_an_editor_secret(tmp_path, monkeypatch):
    use_db(monkeypatch, tmp_path, secret=None)
    at = app()
    assert "signin_user" not in widget_keys(at)
    assert pages(at) == {"map.py", "events.py", "places.py", "about.py"}


# -- editors -----------------------------------------------------------------------------------


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_editor__adds_an_event_it_shows_on_the_map_and_undo_removes_it(db):
    at = sign_in(app())
    assert {"edit.py", "imports.py", "review.py"} <= pages(at)
    at.switch_page("app_pages/edit.py").run()
    assert not at.exception
    at.text_input(key="ev_id").set_value("my-blockade")
    at.selectbox(key="ev_type").set_value("blockade")
    at.date_input(key="ev_date").set_value(dt.date(2021, 1, 20))
    at.selectbox(key="ev_actor").set_value("asayish")
    at.multiselect(key="ev_places").set_value(["qamishli"])
    at.text_input(key="ev_object_en").set_value("a cordon written in a test")
    at.text_input(key="ev_outlet").set_value("Test desk")
    at.text_area(key="ev_quote").set_value("طوق أمني كتبه اختبار")
    at.button(key="ev_save").click().run()
    assert not at.exception and not at.error
    assert any("my-blockade added" in shown(s.value) for s in at.success)
    event = stored_events()["my-blockade"]
    assert event.actor == "asayish" and event.places == ("qamishli",)
    assert event.review == ReviewStatus.ACCEPTED and event.source.outlet == "Test desk"
    audit = frame_with(at, "record", "fields", "before", "after")
    assert (audit["record"] == "my-blockade").any() and (audit["who"] == "rana").any()

    at.switch_page("app_pages/map.py").run()
    assert "my-blockade" in map_script(at)

    at.switch_page("app_pages/edit.py").run()
    at.button(key="undo_last").click().run()
    assert "my-blockade" in stored_events()  # asked first (issue 14)
    at.button(key="undo_confirm").click().run()
    assert not at.exception
    assert any("Undone" in s.value for s in at.success)
    assert "my-blockade" not in stored_events()
    at.switch_page("app_pages/map.py").run()
    assert "my-blockade" not in map_script(at)


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_editor__a_refused_edit_says_why_and_changes_nothing(db):
    at = sign_in(app()).switch_page("app_pages/edit.py").run()
    before = snapshot(db)
    at.text_input(key="ev_outlet").set_value("Test desk")
    at.button(key="ev_save").click().run()  # no evidence quote
    assert not at.exception
    assert any("Evidence" in e.value and "nothing was changed" in e.value for e in at.error)
    assert snapshot(db) == before


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_editor__sets_a_zones_dates(db):
    # A refused start of 2015-01-01 once left the picker ending in 2025 (Streamlit's default: ten
    # years after the date it holds), which dropped the zone's own start entered again: the save
    # wrote 2015-01-01 a second time and was refused with the older snapshots' overlaps.
    at = sign_in(app()).switch_page("app_pages/edit.py").run()
    zone = at.selectbox(key="zv_pick").value  # the newest snapshot's first zone: still in force
    assert at.checkbox(key="zv_open").value
    start = at.date_input(key="zv_from").value
    at.date_input(key="zv_from").set_value(dt.date(2015, 1, 1))  # would overlap older zones
    at.button(key="zv_save").click().run()
    assert any("nothing was changed" in e.value and "overlap" in e.value for e in at.error)
    at.date_input(key="zv_from").set_value(start)
    at.checkbox(key="zv_open").uncheck()
    end = start + dt.timedelta(days=30)  # the newest snapshot closes a month after it begins
    at.date_input(key="zv_to").set_value(end)
    at.button(key="zv_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    store = open_store(get_settings())
    try:
        (changed,) = [z for z in store.load_dataset().zones if z.id == zone]
    finally:
        store.close()
    assert changed.valid_to == end


PLACES_CSV = (
    "id,name_en,name_ar,kind,latitude,longitude\n"
    "test-village,Test Village,قرية الاختبار,village,36.5,40.1\n"
    "bad-village,Bad Village,قرية سيئة,castle,36.6,40.2\n"
).encode()


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_editor__import_shows_rejects_and_writes_nothing_until_apply(db):
    at = sign_in(app()).switch_page("app_pages/imports.py").run()
    before = snapshot(db)
    at.file_uploader(key="import_file").upload("villages.csv", PLACES_CSV, "text/csv")
    at.selectbox(key="import_kind").set_value("places")
    at.run()
    assert not at.exception
    rejects = frame_with(at, "record", "field", "reason")
    assert list(rejects["record"].unique()) == ["bad-village"] and rejects["reason"].str.len().all()
    assert at.button(key="import_apply").label == "Apply the 1 valid records"
    assert snapshot(db) == before  # read and reported, nothing written

    at.button(key="import_apply").click().run()
    assert not at.exception
    assert any("Imported villages.csv" in shown(s.value) for s in at.success)
    store = open_store(get_settings())
    try:
        places = store.load_dataset().gazetteer.places
    finally:
        store.close()
    assert "test-village" in places and "bad-village" not in places
    assert "import_apply" not in widget_keys(at)  # applied once, not twice


@pytest.mark.slow  # a whole AppTest flow: `pytest -m 'not slow'` for a quick loop
def test_add_report__evidence_highlighted_and_the_accepted_event_on_the_map(db):
    at = sign_in(app()).switch_page("app_pages/review.py").run()
    at.text_area(key="review_text").set_value(REPORT)
    at.text_input(key="review_outlet").set_value("Own example")
    at.date_input(key="review_published").set_value(dt.date(2021, 1, 20))
    at.button(key="review_find").click().run()
    assert not at.exception
    marked = [str(h.proto.body) for h in at.get("html") if "<mark" in str(h.proto.body)]
    assert marked and any("الشيخ مقصود" in m for m in marked)
    decisions = {
        r.key.removeprefix("review_decision_"): r for r in at.radio if r.key.startswith("review_decision_")
    }
    assert decisions
    for r in decisions.values():
        r.set_value(review.ACCEPT)
    at.button(key="review_save").click().run()
    assert not at.exception
    saved = {i: e for i, e in stored_events().items() if e.source.outlet == "Own example"}
    assert set(saved) == set(decisions)
    demand = next(e for e in saved.values() if e.type == "demand")
    assert demand.places == ("sheikh-maqsoud",) and demand.review == ReviewStatus.ACCEPTED
    assert REPORT[demand.evidence.start : demand.evidence.end] == demand.evidence.quote

    at.switch_page("app_pages/map.py").run()
    assert demand.id in map_script(at)


def open_files(path: Path) -> list[str]:
    """The files of the database this process holds open (Linux)."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc")
    found = []
    for fd in fds.iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


def test_runs_leave_no_database_connection_open(db):
    """Streamlit runs each rerun in a new thread and the store keeps a connection per thread:
    each run must close its own, or a server gathers one per click."""
    at = sign_in(app())
    for page in [*VIEWER_PAGES, *EDITOR_PAGES, "app_pages/map.py"]:
        at.switch_page(page).run()
        assert not at.exception, page
        assert open_files(db) == [], page


def test_sign_out__the_editor_pages_go(db):
    at = sign_in(app())
    at.button(key="signout").click().run()
    assert "edit.py" not in pages(at)
    assert "signin_user" in widget_keys(at)


# -- pure helpers ------------------------------------------------------------------------------


def test_published__hides_drafts_and_their_sources():
    ds = make_dataset()
    draft = ds.events[0].model_copy(
        update={
            "id": "a-draft",
            "review": ReviewStatus.DRAFT,
            "source": ds.events[0].source.model_copy(update={"id": "src-draft"}),
        }
    )
    shown = published(ds.with_events([*ds.events, draft]))
    assert "a-draft" not in {e.id for e in shown.events}
    assert "src-draft" not in shown.sources and "src-1" in shown.sources


def test_event_from_form__new_then_edited():
    values = form_values.event_defaults(None, dt.date(2021, 1, 20)) | {
        "ev_type": "threat",
        "ev_places": ["qamishli"],
        "ev_actor": "sdf",
        "ev_outlet": "Desk",
        "ev_quote": "hostile <b>quote</b>",
    }
    new = form_values.event_from_form(values, None)
    assert new.id.startswith("threat-2021-01-20-") and new.cameo == "138"
    assert new.evidence.lang == "en" and new.source.outlet == "Desk"
    edited = form_values.event_from_form(
        form_values.event_defaults(new, dt.date(2021, 1, 21)) | {"ev_type": "demand"}, new
    )
    assert edited.id == new.id and edited.cameo == "100" and edited.source == new.source
    with pytest.raises(ValueError, match="Evidence"):
        form_values.event_from_form(values | {"ev_quote": " "}, None)


def test_place_from_form__a_point_moves_an_area_keeps_its_outline():
    ds = make_dataset()
    town = form_values.place_from_form(
        form_values.place_defaults(None)
        | {"pl_name_en": "New Town", "pl_name_ar": "بلدة", "pl_lat": 36.0, "pl_lon": 40.0},
        None,
    )
    assert town.id == "new-town" and town.point == (36.0, 40.0)
    region = ds.place("shahba-region")
    kept = form_values.place_from_form(form_values.place_defaults(region) | {"pl_name_en": "Shahba"}, region)
    assert kept.geometry.equals(region.geometry) and kept.name_en == "Shahba"


def test_audit_frame__who_when_and_the_changed_fields():
    at = dt.datetime(2021, 1, 20, 12, tzinfo=dt.UTC)
    entry = AuditEntry(
        1,
        7,
        "rana",
        at,
        "update",
        "events",
        "e1",
        {"id": "e1", "type": "demand", "places": ["a"]},
        {"id": "e1", "type": "threat", "places": ["a"]},
    )
    row = audit.audit_frame([entry]).iloc[0]
    assert row["who"] == "rana" and row["fields"] == "type"
    assert json.loads(row["before"]) == {"type": "demand"}
    assert json.loads(row["after"]) == {"type": "threat"}


def test_decide__later_waits_in_the_queue():
    ds = make_dataset()
    a, b = ds.events[1], ds.events[3]  # the demand and the offer traded for it
    drafts = [e.model_copy(update={"review": ReviewStatus.DRAFT}) for e in (a, b)]
    out = {e.id: e for e in review.decide(drafts, {a.id: review.ACCEPT}, {}, keep_later=True)}
    assert out[a.id].review == ReviewStatus.ACCEPTED and out[b.id].review == ReviewStatus.DRAFT
    assert b.id in {link.event for link in out[a.id].links}  # the link to the waiting draft stays
    (alone,) = review.decide(drafts, {a.id: review.ACCEPT}, {})  # without keep_later
    assert alone.id == a.id and b.id not in {link.event for link in alone.links}


def test_import_report_frames():
    result = read_import_bytes(PLACES_CSV, "villages.csv", "places")
    assert list(importing.rejects_frame(result)["record"]) == ["bad-village"]
    assert list(importing.preview_frame(result)["id"]) == ["test-village"]


def test_export_maker__applies_the_views_filters():
    ds = make_dataset()
    view = ViewState(date=dt.date(2021, 1, 20), types=("blockade",), actors=("asayish",))
    geojson = json.loads(exports.maker(lambda: ds, view, "events", "geojson")())
    assert [f["properties"]["id"] for f in geojson["features"]] == ["blockade-qamishli-square"]
    assert exports.formats_for("zones") == ["geojson", "csv", "kml", "gpkg"]
