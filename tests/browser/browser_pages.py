"""What the browser tests do on a page: open the map and its popups, sign in as an editor, and
check that nothing from the data ran, loaded or was rendered as a template."""

from __future__ import annotations

import re
import time

import hostile_data
from playwright.sync_api import FrameLocator, Page, expect

TIMEOUT = 30_000


def open_map(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    return wait_map(page)


def wait_map(page: Page) -> FrameLocator:
    frame = page.frame_locator("iframe[title*='st_folium'], iframe").first
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=TIMEOUT)
    expect(frame.locator(".leaflet-marker-icon [data-place]").first).to_be_attached(timeout=TIMEOUT)
    return frame


def map_frame(page: Page):
    """The Frame object of the map (for evaluate)."""
    for fr in page.frames:
        if fr != page.main_frame and fr.locator(".leaflet-container").count():
            return fr
    raise AssertionError("no map frame")


def marker(frame: FrameLocator | Page, place_id: str):
    """A place's marker, in whichever pane the map puts it."""
    return frame.locator(f'.leaflet-marker-icon [data-place="{place_id}"]')


def click_place(frame: FrameLocator, place_id: str, *, settle: bool = True) -> None:
    """Click a place's mark and wait for its popup; with `settle`, also for the rerun the click
    asked for (it draws the map again, and a popup being read would be replaced under the
    test's next click)."""
    marker(frame, place_id).click()
    expect(frame.locator(".leaflet-popup-content")).to_be_visible(timeout=TIMEOUT)
    if settle:
        idle(frame.owner.page)


# True once no run has shown for 700 ms: a run that has only just begun shows its status a
# moment later, so a single look could see "idle" between a click and its run.
_SETTLED = """() => {
  const busy = document.querySelector('[data-testid=stStatusWidget]') !== null;
  const now = Date.now();
  if (busy || !window.__zmIdleSince) { window.__zmIdleSince = busy ? null : now; return false; }
  return now - window.__zmIdleSince > 700;
}"""


def idle(page: Page) -> None:
    """Wait until the app has finished its runs (a click during a run may be lost with it)."""
    page.evaluate("() => { window.__zmIdleSince = null; }")
    page.wait_for_function(_SETTLED, timeout=TIMEOUT, polling=100)


def reruns(page: Page) -> list[str]:
    """The reruns the page asks the server for (its `rerun_script` messages), as they are sent."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    asked: list[str] = []

    def sent(payload: bytes | str) -> None:
        msg = BackMsg()
        msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if msg.WhichOneof("type") == "rerun_script":
            asked.append(msg.rerun_script.fragment_id or "page")

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return asked


def sign_in(page: Page, secret: str) -> None:
    idle(page)
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


# In one document: what the data would have put there had it been taken for markup or code.
# Links (<a href>) are not requests and are looked at separately (`attacker_links`).
_INERT = """([host, rendered, pid]) => {
  const html = document.documentElement.outerHTML;
  const all = [...document.querySelectorAll('*')];
  const loads = ['src', 'srcset', 'poster', 'data', 'background', 'action', 'formaction'];
  return {
    loading: all.filter(e => loads.some(a => (e.getAttribute(a) || '').includes(host)))
                .map(e => e.outerHTML.slice(0, 160)),
    styled: all.filter(e => (e.getAttribute('style') || '').includes(host))
               .map(e => e.outerHTML.slice(0, 160)),
    handlers: all.filter(e => [...e.attributes].some(a => /^on/i.test(a.name)
                                                      && /alert/.test(a.value)))
                 .map(e => e.outerHTML.slice(0, 160)),
    scripts: [...document.scripts].filter(s => /^\\s*alert\\(/.test(s.textContent))
                                  .map(s => s.textContent.slice(0, 160)),
    javascript_links: [...document.querySelectorAll('a[href], area[href]')]
        .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:'))
        .map(a => a.outerHTML.slice(0, 160)),
    rendered: rendered.filter(r => html.includes(r)),
    pid: html.match(new RegExp(pid)) || [],
  };
}"""


def assert_inert(page: Page) -> None:
    """In every frame of the page: no element loading from the attacker's host, no event handler
    or script from the data, no `javascript:` link, no template of the data rendered (`ZZ49ZZ`,
    `City9`, the server's process id), and no dialog opened."""
    args = [hostile_data.ATTACKER.split(":")[0], list(hostile_data.RENDERED), hostile_data.PID_DONE.pattern]
    for fr in page.frames:
        found = {k: v for k, v in fr.evaluate(_INERT, args).items() if v}
        assert found == {}, f"frame {fr.url[:80]}: {found}"
    assert page.dialogs == []  # type: ignore[attr-defined]


def attacker_links(page: Page) -> list[str]:
    """Links to the attacker's host in the page's documents (not requests, but a place a
    viewer may be sent to)."""
    host = hostile_data.ATTACKER.split(":")[0]
    return [
        href
        for fr in page.frames
        for href in fr.eval_on_selector_all(
            "a[href]", "(l, host) => l.map(a => a.href).filter(h => h.includes(host))", host
        )
    ]
