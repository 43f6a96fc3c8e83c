"""Kept sign-in in a real browser (issue 14): on the dashboard as `zonemap serve` runs it, an
editor who signed in is still signed in after a reload, by an HTTP-only cookie the page's
scripts cannot read; after "Sign out" and a reload they are signed out and the cookie is gone."""

from __future__ import annotations

import re

import pytest
from browser_pages import TIMEOUT, idle, sign_in_when_allowed
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
COOKIE = "zonemap_editor"


def _cookie(page) -> dict | None:
    found = [c for c in page.context.cookies() if c["name"] == COOKIE]
    return found[0] if found else None


def test_editor_stays_signed_in_across_a_reload_until_sign_out(served_app, new_page, editor_secret):
    page = new_page()
    page.goto(f"{served_app}/about")
    sidebar = page.locator("[data-testid=stSidebar]")
    signed_in = sidebar.get_by_text(re.compile("Signed in as"))
    expect(sidebar.get_by_text("Editor sign-in")).to_be_visible(timeout=TIMEOUT)
    sign_in_when_allowed(page, editor_secret)
    expect(signed_in).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function("() => document.body.dataset.zonemapSession === 'kept'", timeout=TIMEOUT)
    cookie = _cookie(page)
    assert cookie is not None
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert COOKIE not in page.evaluate("() => document.cookie")  # out of the scripts' reach

    page.reload()
    expect(signed_in).to_be_visible(timeout=TIMEOUT)
    expect(sidebar).to_contain_text("rana")
    nav = page.locator("[data-testid=stSidebarNav]")
    expect(nav.get_by_text("Edit", exact=True)).to_be_visible()

    idle(page)
    sidebar.get_by_role("button", name="Sign out").click()
    expect(sidebar.get_by_text("Editor sign-in")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function("() => document.body.dataset.zonemapSession === 'ended'", timeout=TIMEOUT)
    assert _cookie(page) is None
    page.reload()
    expect(sidebar.get_by_text("Editor sign-in")).to_be_visible(timeout=TIMEOUT)
    idle(page)
    expect(signed_in).to_have_count(0)
    expect(nav.get_by_text("Edit", exact=True)).to_have_count(0)


def test_a_tampered_cookie_signs_nobody_in(served_app, new_page):
    page = new_page()
    page.context.add_cookies([{"name": COOKIE, "value": "eyJ1c2VyIjoicmFuYSJ9.forged", "url": served_app}])
    page.goto(f"{served_app}/about")
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("Editor sign-in")).to_be_visible(timeout=TIMEOUT)
    idle(page)
    expect(sidebar.get_by_text(re.compile("Signed in as"))).to_have_count(0)
