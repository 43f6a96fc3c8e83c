"""Editing in a real browser: a viewer sees no editor page and cannot open one by its address;
the sign-in form refuses a wrong secret and, with the right one (once the throttle's second
after a failure has passed), brings the editor pages."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
TIMEOUT = 30_000
EDITOR_PAGES = ("Add report", "Edit", "Import")


def nav(page: Page):
    return page.locator("[data-testid=stSidebarNav]")


def sign_in(page: Page, secret: str) -> None:
    sidebar = page.locator("[data-testid=stSidebar]")
    if not sidebar.get_by_label("Your name").is_visible():
        sidebar.get_by_text("Editor sign-in").click()
    sidebar.get_by_label("Your name").fill("rana")
    sidebar.get_by_label("Editor secret").fill(secret)
    sidebar.get_by_role("button", name="Sign in").click()


# True once the server has answered a sign-in: signed in, or the form's secret emptied again.
ANSWERED = """() => {
  const sidebar = document.querySelector('[data-testid=stSidebar]');
  if (!sidebar) return false;
  if (sidebar.innerText.includes('Signed in as')) return true;
  const secret = sidebar.querySelector('input[type=password]');
  return secret !== null && secret.value === '';
}"""


def sign_in_when_allowed(page: Page, secret: str) -> bool:
    """Sign in, again while the throttle holds sign-ins back (a second after a failure); each
    answer is awaited on the page, no sleeping. Returns whether a try was throttled."""
    signed_in = page.get_by_text(re.compile("Signed in as"))
    throttled = False
    deadline = time.monotonic() + TIMEOUT / 1000
    while time.monotonic() < deadline:
        sign_in(page, secret)
        page.wait_for_function(ANSWERED, timeout=TIMEOUT)
        if signed_in.count():
            return throttled
        alerts = page.locator("[data-testid=stSidebar] [data-testid=stAlert]")
        expect(alerts).to_contain_text("too many failed sign-ins; try again in")
        throttled = True
    raise AssertionError("the sign-in stayed throttled")


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
        "wrong editor secret", timeout=TIMEOUT)
    expect(nav(page).get_by_text("Edit", exact=True)).to_have_count(0)

    sign_in_when_allowed(page, editor_secret)
    expect(page.get_by_text(re.compile("Signed in as"))).to_be_visible(timeout=TIMEOUT)
    for title in EDITOR_PAGES:
        expect(nav(page).get_by_text(title, exact=True)).to_be_visible()
    nav(page).get_by_text("Edit", exact=True).click()
    expect(page.get_by_text("Edit the data")).to_be_visible(timeout=TIMEOUT)
    assert page.locator("[data-testid=stException]").count() == 0
