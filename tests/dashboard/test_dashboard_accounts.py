"""Signing in to the dashboard (AppTest, no browser): editor accounts (name and password,
throttled), OpenID Connect with an e-mail allow-list (a secrets `[auth]` section and a faked
logged-in `st.user`; no provider is contacted), and the shared-secret laptop fallback. Each
test has its own seeded database; the throttle runs on a fake clock."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from dashboard_fixtures import use_db
from streamlit.testing.v1 import AppTest

from geodata import accounts
from geodata.accounts import Throttle
from geodata.settings import get_settings
from geodata.store import SIGN_IN_REFUSED, open_admin, open_store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
SECRET = "correct horse battery staple"
PASSWORD = "rana's long password"
EDITOR_PAGES = {"edit.py", "imports.py", "review.py"}
VIEWER_PAGES = {"map.py", "events.py", "places.py", "about.py"}
WRITE_KEYS = ("ev_", "pl_", "zv_", "undo", "import_", "review_", "queue_", "signout")
AUTH = {  # what a deployment puts in .streamlit/secrets.toml; never contacted here
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a cookie secret only for these tests",
    "client_id": "zonemap-tests",
    "client_secret": "not a real one",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(accounts, "THROTTLE", Throttle(clock=c))
    return c


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    """A seeded database with the editor account `rana`; the shared secret is set too (it is
    not offered while an account exists)."""
    path = use_db(monkeypatch, tmp_path, SECRET)
    with open_admin(get_settings()) as admin:
        admin.add_editor("rana", PASSWORD, by="test")
    return path


def app(**setup) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["date"] = "2021-01-20"
    for name, value in setup.items():
        setattr(at, name, value)
    return at.run()


def pages(at: AppTest) -> set[str]:
    return {Path(str(p["script_path"])).name for p in at._registered_pages.values() if p.get("script_path")}


def keys(at: AppTest) -> set[str]:
    found = set()
    for kind in (
        "button",
        "text_input",
        "text_area",
        "selectbox",
        "multiselect",
        "date_input",
        "radio",
        "checkbox",
        "file_uploader",
        "form_submit_button",
    ):
        found |= {w.key for w in at.get(kind) if getattr(w, "key", None)}
    return found


def shown(markdown: str) -> str:
    """What Markdown escaped with `dashboard.markdown.md` shows (its word joiners, which keep a
    name from becoming a link, show nothing)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="signin_user").set_value(name)
    at.text_input(key="signin_password").set_value(password)
    return at.button(key="signin_submit").click().run()


def audit_users() -> list[str]:
    with open_store(get_settings()) as store:
        return [a.user for a in store.audit_log() if a.table == "events"]


def add_event_through_the_edit_page(at: AppTest, event_id: str) -> AppTest:
    at.switch_page("app_pages/edit.py").run()
    at.text_input(key="ev_id").set_value(event_id)
    at.selectbox(key="ev_type").set_value("blockade")
    at.date_input(key="ev_date").set_value(dt.date(2021, 1, 20))
    at.selectbox(key="ev_actor").set_value("asayish")
    at.multiselect(key="ev_places").set_value(["qamishli"])
    at.text_input(key="ev_outlet").set_value("Test desk")
    at.text_area(key="ev_quote").set_value("طوق أمني كتبه اختبار")
    at.button(key="ev_save").click().run()
    assert not at.exception and not at.error
    return at


# -- editor accounts ---------------------------------------------------------------------------


def test_accounts__the_form_asks_for_account_and_password_not_the_secret(db, clock):
    at = app()
    assert {"signin_user", "signin_password", "signin_submit"} <= keys(at)
    assert "signin_secret" not in keys(at)
    assert pages(at) == VIEWER_PAGES


def test_accounts__wrong_password_refused_then_delayed_then_signed_in(db, clock):
    at = sign_in(app(), "rana", "not rana's password")
    assert not at.exception
    assert [shown(e.value) for e in at.error] == [SIGN_IN_REFUSED]
    assert at.text_input(key="signin_password").value == ""  # not kept in the session
    assert not pages(at) & EDITOR_PAGES

    at = sign_in(at, "rana", PASSWORD)  # the right password, too soon
    assert any("too many failed sign-ins; try again in 1 s" in shown(e.value) for e in at.error)
    assert not pages(at) & EDITOR_PAGES

    clock.now += 1
    at = sign_in(at, "rana", PASSWORD)
    assert not at.error
    assert pages(at) >= EDITOR_PAGES
    assert any(shown(c.value) == "Signed in as **rana** (editor)" for c in at.caption)


def test_accounts__the_audit_row_names_the_signed_in_account(db, clock):
    at = sign_in(app(), "Rana", PASSWORD)
    add_event_through_the_edit_page(at, "account-blockade")
    assert audit_users() == ["rana"]
    at.button(key="signout").click().run()
    assert not pages(at) & EDITOR_PAGES
    assert "signin_password" in keys(at)


def test_accounts__a_removed_account_cannot_write_from_its_open_session(db, clock):
    at = sign_in(app(), "rana", PASSWORD).switch_page("app_pages/edit.py").run()
    with open_admin(get_settings()) as admin:
        admin.remove_editor("rana", by="test")
    at.switch_page("app_pages/edit.py").run()
    at.text_input(key="ev_outlet").set_value("Test desk")
    at.text_area(key="ev_quote").set_value("نص")
    at.button(key="ev_save").click().run()
    assert any("not valid any more" in shown(e.value) for e in at.error)
    assert audit_users() == []


def test_viewer__no_editor_page_no_write_control_and_no_write_method(db, clock):
    at = app()
    for page in sorted(VIEWER_PAGES):
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception, page
        assert not {k for k in keys(at) if k.startswith(WRITE_KEYS)}, page
    for page in sorted(EDITOR_PAGES):
        with pytest.raises(ValueError, match="navigation page"):
            at.switch_page(f"app_pages/{page}")
    store = at.session_state["_store"][1]  # what the viewer's session holds
    for method in (
        "add_events",
        "set_review",
        "apply",
        "undo_last",
        "add_editor",
        "remove_editor",
        "set_editor_password",
    ):
        assert not hasattr(store, method), method
    assert "_editor" not in at.session_state


# -- OpenID Connect ----------------------------------------------------------------------------


@pytest.fixture
def oidc_db(tmp_path, monkeypatch) -> Path:
    """A seeded database without accounts or secret: only the identity provider signs in."""
    path = use_db(monkeypatch, tmp_path, secret=None)
    monkeypatch.setenv("ZONEMAP_EDITOR_EMAILS", "ed@example.org, _ed_@example.org")
    return path


def logged_in(email: str, **claims) -> dict:
    return {"is_logged_in": True, "email": email, "name": "Someone", **claims}


def test_oidc__an_allowed_email_is_an_editor_recorded_under_its_address(oidc_db):
    at = app(secrets={"auth": AUTH}, user=logged_in("Ed@Example.org"))
    assert not at.exception
    assert pages(at) >= EDITOR_PAGES
    assert any(shown(c.value) == "Signed in as **ed@example.org** (editor)" for c in at.caption)
    assert "signin_password" not in keys(at) and "signin_secret" not in keys(at)
    add_event_through_the_edit_page(at, "oidc-blockade")
    assert audit_users() == ["ed@example.org"]


def test_oidc__another_email_stays_a_viewer_and_is_told_why(oidc_db):
    at = app(secrets={"auth": AUTH}, user=logged_in("mallory@example.org"))
    assert not at.exception
    assert pages(at) == VIEWER_PAGES
    assert any("not on the editors' allow-list" in shown(e.value) for e in at.error)
    assert "signout" in keys(at)
    at.button(key="signout").click().run()
    assert at.user == {"is_logged_in": False}  # st.logout() was called


def test_oidc__an_unverified_address_is_refused(oidc_db):
    at = app(secrets={"auth": AUTH}, user=logged_in("ed@example.org", email_verified=False))
    assert pages(at) == VIEWER_PAGES
    assert any("not verified" in shown(e.value) for e in at.error)


def test_oidc__logged_out_sees_the_provider_button_and_no_password_form(oidc_db):
    at = app(secrets={"auth": AUTH}, user={"is_logged_in": False})
    assert "signin_oidc" in keys(at)
    assert not {"signin_user", "signin_password", "signin_secret"} & keys(at)
    assert pages(at) == VIEWER_PAGES


def test_oidc__the_allow_list_from_the_secrets_and_sign_out(tmp_path, monkeypatch):
    use_db(monkeypatch, tmp_path, secret=None)
    monkeypatch.delenv("ZONEMAP_EDITOR_EMAILS", raising=False)
    secrets = {"auth": AUTH, "zonemap": {"editor_emails": ["Ed@Example.org"]}}
    at = app(secrets=secrets, user=logged_in("ed@example.org"))
    assert pages(at) >= EDITOR_PAGES
    at.button(key="signout").click().run()
    assert at.user == {"is_logged_in": False}
    assert pages(at) == VIEWER_PAGES
    assert "signin_oidc" in keys(at)


def test_oidc__the_name_shown_is_not_markdown(oidc_db):
    at = app(secrets={"auth": AUTH}, user=logged_in("_ed_@example.org"))
    (caption,) = [c.value for c in at.caption if "Signed in as" in c.value]
    assert "\\_ed\\_\\@\u2060example\\.org" in caption  # escaped: shows as typed, not in italics


# -- the shared-secret fallback ----------------------------------------------------------------


@pytest.fixture
def secret_db(tmp_path, monkeypatch) -> Path:
    return use_db(monkeypatch, tmp_path, SECRET)


def sign_in_with_secret(at: AppTest, secret: str, name: str = "rana") -> AppTest:
    at.text_input(key="signin_user").set_value(name)
    at.text_input(key="signin_secret").set_value(secret)
    return at.button(key="signin_submit").click().run()


def test_secret__still_works_when_no_account_exists_and_is_throttled(secret_db, clock):
    at = app()
    assert {"signin_user", "signin_secret"} <= keys(at)
    at = sign_in_with_secret(at, "a wrong guess")
    assert any("wrong editor secret" in shown(e.value) for e in at.error)
    at = sign_in_with_secret(at, SECRET, name="omar")  # another name: the secret is throttled
    assert any("too many failed sign-ins" in shown(e.value) for e in at.error)
    assert not pages(at) & EDITOR_PAGES
    clock.now += 1
    at = sign_in_with_secret(at, SECRET)
    assert pages(at) >= EDITOR_PAGES
    add_event_through_the_edit_page(at, "secret-blockade")
    assert audit_users() == ["rana"]


@pytest.mark.parametrize("secret", ["s3cret", "eleven-char"])
def test_secret__a_short_one_disables_editing_with_a_message(tmp_path, monkeypatch, secret):
    use_db(monkeypatch, tmp_path, secret)
    at = app()
    assert not at.exception
    assert not {"signin_user", "signin_secret"} & keys(at)
    assert any("fewer than 12 characters" in shown(w.value) for w in at.warning)
    assert pages(at) == VIEWER_PAGES


def test_no_way_to_sign_in__no_panel(tmp_path, monkeypatch):
    use_db(monkeypatch, tmp_path, secret=None)
    at = app()
    assert not {"signin_user", "signin_oidc"} & keys(at)
    assert not at.get("expander") or all("sign-in" not in str(e.proto.label) for e in at.get("expander"))
