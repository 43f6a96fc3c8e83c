"""Editing in a real browser: a viewer sees no editor page and cannot open one by its address;
the sign-in form refuses a wrong secret and, with the right one (once the throttle's second
after a failure has passed), brings the editor pages."""

from __future__ import annotations

import re

import pytest
from browser_pages import TIMEOUT, sign_in, sign_in_when_allowed
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
EDITOR_PAGES = ("Add report", "Edit", "Import")


def nav(page: Page):
    return page.locator("[data-testid=stSidebarNav]")


def test_viewer_has_no_editor_page_and_sign_in_brings_them(server, new_page, editor_secret):
    page = new_page()
    page.goto(f"{server}/edit")  # an editor page's address, as a viewer
    expect(nav(page).get_by_text("Map", exact=True)).to_be_visible(timeout=TIMEOUT)
    for title in EDITOR_PAGES:
        expect(nav(page).get_by_text(title, exact=True)).to_have_count(0)
    expect(page.get_by_text("Edit the data")).to_have_count(0)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Page not found", timeout=TIMEOUT)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    sign_in(page, "a wrong guess")
    expect(page.locator("[data-testid=stSidebar] [data-testid=stAlert]")).to_contain_text(
        "wrong editor secret", timeout=TIMEOUT
    )
    expect(nav(page).get_by_text("Edit", exact=True)).to_have_count(0)

    sign_in_when_allowed(page, editor_secret)
    expect(page.get_by_text(re.compile("Signed in as"))).to_be_visible(timeout=TIMEOUT)
    for title in EDITOR_PAGES:
        expect(nav(page).get_by_text(title, exact=True)).to_be_visible()
    nav(page).get_by_text("Edit", exact=True).click()
    expect(page.get_by_text("Edit the data")).to_be_visible(timeout=TIMEOUT)
    assert page.locator("[data-testid=stException]").count() == 0
