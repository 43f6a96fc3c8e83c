"""The live map in a real browser (issues 10 and 14): for the shipped data alone and for 10k, 100k
and 1M generated ACLED events (benchmarks/generate_acled.py: thousands of distinct locations,
dense around towns, most of them coordinates no gazetteer place stands for) imported through the
real import path (`bench_import.py`'s child: `read_import` then `Editor.apply`; the databases it
leaves are reused), the dashboard is served by `streamlit run` on that store and driven by Debian
Chromium (Playwright), one fresh page per size and backend:

- first load: navigation to the map drawn with its marks, for the first reader after the server
  started (the columnar cache comes from its snapshot on disk when an earlier run left one, as
  for a restarted server; a database never read before reads every row first, ~7 s at 1M);
  next reader: the same for each of `READERS` fresh pages after it on that server, the median
  reported with the fastest and the slowest;
- pan: a 300-pixel drag held still before the release, from the mouse released to the new data
  layer drawn; `REPEATS` pans, left and back in turn, the median reported;
- zoom: a click on Leaflet's "+" (the mouse at its centre), to the new data layer and the
  background's labels at the new zoom drawn; `REPEATS` zooms, in and out in turn, the median
  reported;
- click: a click on a place's mark (else on any mark), to its popup open and to the place's panel
  under the map shown (the panel only for a gazetteer place); `CLICKS` marks in turn, the median
  click reported;
- filter: a click on an event type in the sidebar, to the new data layer drawn; `REPEATS` types
  added in turn, the median reported.

For each: the wall time (Python's clock around the action and a requestAnimationFrame poll:
a few ms of Playwright overhead included), the WebSocket bytes the server sent (Streamlit's
messages as Playwright sees them, uncompressed) until the app was idle again, the marks drawn,
and the size of st_folium's data layer (`feature_group`). The server's resident memory after the
first load and its peak (VmHWM) at the end. Targets: click to panel <= 300 ms and filter to map
<= 500 ms (issue 14, shipped data); at 1M, pan/zoom/click/filter <= 0.5 s, <= 1.5 MB sent per
view, map drawn <= 1.5 s, server memory <= 1 GB (issue 10).

Writes docs/bench-map.md (generated). Asserts nothing.

    .venv/bin/python benchmarks/bench_map.py [--sizes 0,10000,100000] [--backends sqlite]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # a test extra (`make test` installs it): main() says it is skipped
    PlaywrightTimeout = None  # type: ignore[assignment,misc]
from report import machine, write_readme_block
from storebench import DIR, PG_URL, ROOT, child, exists, fresh, settings_of
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geodata.cli.serve import streamlit_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TABLE = ROOT / "docs" / "bench-map.md"
TIMEOUT = 300_000  # ms: a loaded 2-core machine may take minutes to draw a first page
SIZES = (0, 10_000, 100_000, 1_000_000)
ACTIONS = ("load", "pan", "zoom", "click", "filter")
TARGETS = (
    "Targets: click → place panel ≤ 300 ms and filter → map ≤ 500 ms on the shipped data "
    "(issue 14); at 1,000,000 events pan, zoom, click and filter ≤ 0.5 s, ≤ 1.5 MB sent per view, "
    "the map drawn ≤ 1.5 s and server memory ≤ 1 GB (issue 10)."
)
CLICKS = 5  # marks clicked per page: the median one is reported (3 left it to the noise)
READERS = 5  # next readers' fresh pages per server: the median one is reported
REPEATS = 3  # pans, zooms and filter changes per page: the median one is reported
GRACE = 5.0  # s after a run's end for its layer to be drawn, else it sent the same layer
NO_RUN_S = 10.0  # s after an action that reruns the map with no run begun: the action missed

# The map's document (the st_folium iframe, same origin), from the main page.
_DOC = """const doc = (() => {
  for (const f of document.querySelectorAll('iframe')) {
    try { if (f.contentDocument && f.contentDocument.querySelector('.leaflet-container'))
      return f.contentDocument; } catch (e) {}
  }
  return null; })();"""

# The data layer's marks, and the background's labels (background.js: markers of class zm-bgl,
# laid out again after every move, which a filter does not change).
MARK = ".leaflet-marker-icon:not(.zm-bgl)"
TAG_OLD = (
    "() => {" + _DOC + f" doc.querySelectorAll('{MARK}')"
    ".forEach(e => e.setAttribute('data-zm-old', '1'));"
    " doc.querySelectorAll('.zm-bgl').forEach(e => e.setAttribute('data-zm-old-label', '1')); }"
)
# The data layer replaced: st_folium removes the old feature groups and draws the new ones in
# one task, so no tagged mark left means the new layer is on the map; and the map is still (a
# layer that came during a zoom's animation is not the zoom done).
REDRAWN = (
    "() => {" + _DOC + " return !!doc && !!doc.querySelector('.leaflet-container') && "
    "!doc.querySelector('[data-zm-old]') && !doc.defaultView.map._animatingZoom; }"
)
DRAWN = "() => {" + _DOC + f" return !!doc && !!doc.querySelector('{MARK}'); }}"
# Notes when the browser received the next input event of a kind (its timeStamp, as epoch ms), in
# the page and in the map's frame.
INPUT = """(want) => {
  window.__zmInput = null; window.__zmWant = want;
  const wins = [window, ...[...document.querySelectorAll('iframe')].map(f => f.contentWindow)];
  for (const w of wins) {
    if (!w || w.__zmInputHook) continue;
    w.__zmInputHook = true;
    for (const type of ['mousedown', 'mouseup']) {
      w.addEventListener(type, e => {
        if (window.__zmWant === type && window.__zmInput === null)
          window.__zmInput = w.performance.timeOrigin + e.timeStamp;
      }, true);
    }
  } }"""
LABELLED = "() => {" + _DOC + " return !!doc && !doc.querySelector('[data-zm-old-label]'); }"
POPUP = "() => {" + _DOC + " return !!doc && !!doc.querySelector('.leaflet-popup-content'); }"
COUNTS = (
    """() => {"""
    + _DOC
    + """ if (!doc) return {marks: -1, layer: -1};
  const g = doc.defaultView.__GLOBAL_DATA__ || {};
  return {marks: doc.querySelectorAll('.leaflet-marker-icon:not(.zm-bgl)').length,
          layer: (g.last_feature_group || '').length}; }"""
)
# A mark to click: a gazetteer place's first (a key without a colon), whose centre is inside the
# map and not covered by another mark; its centre in the iframe's coordinates.
TARGET = (
    """(skip) => {"""
    + _DOC
    + """ if (!doc) return null;
  const map = doc.querySelector('.leaflet-container').getBoundingClientRect();
  const icons = [...doc.querySelectorAll('.leaflet-marker-icon:not(.zm-bgl)')];
  const key = i => (i.querySelector('[data-place]') || i).getAttribute('data-place') || '';
  icons.sort((a, b) => (key(a).includes(':') ? 1 : 0) - (key(b).includes(':') ? 1 : 0));
  for (const icon of icons) {
    if (skip.includes(key(icon))) continue;
    const r = icon.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < map.left + 40 || x > map.right - 40 || y < map.top + 60 || y > map.bottom - 40)
      continue;
    const hit = doc.elementFromPoint(x, y);
    if (hit && icon.contains(hit)) return {key: key(icon), x: x, y: y};
  }
  return null; }"""
)
# True once no run has shown for 700 ms (as tests/browser/browser_pages.idle).
SETTLED = """() => {
  const busy = document.querySelector('[data-testid=stStatusWidget]') !== null;
  const now = Date.now();
  if (busy || !window.__zmIdleSince) { window.__zmIdleSince = busy ? null : now; return false; }
  return now - window.__zmIdleSince > 700; }"""


def database(backend: str, n: int) -> Any:
    """The store of `n` generated events (0: the shipped data alone), made when missing."""
    if not exists(backend, n):
        if n == 0:
            from geodata.store import init_db

            init_db(fresh(backend, 0))
        else:
            print(f"  importing {n:,} events ({backend}) ...", flush=True)
            child(str(ROOT / "benchmarks" / "bench_import.py"), backend, n)
    return settings_of(backend, n)


def snapshot(ref: str) -> Path:
    """A clean copy of the commit `ref` (`git archive`), with the working tree's fetched assets
    (dashboard/static/vendor and tiles, not in git) copied in: what the dashboard is served
    from with --ref, so that edits in progress in the checkout are not what is measured."""
    sha = subprocess.run(
        ["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    dest = DIR / f"tree-{sha[:12]}"
    if not dest.exists():
        tmp = dest.with_suffix(".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        for name in ("vendor", "tiles"):  # copied: Streamlit serves no link out of static/
            shutil.copytree(ROOT / "dashboard" / "static" / name, tmp / "dashboard" / "static" / name)
        tmp.rename(dest)
    return dest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(settings: Any, log: Path, tree: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard/server.py` of `tree` on that store, as `zonemap serve` runs it
    (app.py with its routes and the server's warm-up, `dashboard/warm_up.py`)."""
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "ZONEMAP_DB": str(settings.db_path),
        "PYTHONPATH": str(tree),
    }
    env.pop("ZONEMAP_EDITOR_SECRET", None)
    env.pop("ZONEMAP_DATABASE_URL", None)
    if settings.database_url:
        env["ZONEMAP_DATABASE_URL"] = settings.database_url
    return _started(streamlit_command("dashboard/server.py", port), env, log, tree, port)


def _started(
    cmd: list[str], env: dict[str, str], log: Path, tree: Path, port: int
) -> tuple[subprocess.Popen, str]:
    """Run `cmd` (a `streamlit run` on `port`) in `tree`; returns once it answers."""
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


def _at_rest(pid: int, limit_s: float = 10.0) -> None:
    """Wait until the server used under 2 % of a core over half a second (at most `limit_s`)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        before = cpu_s(pid)
        time.sleep(0.5)
        if cpu_s(pid) - before < 0.01:
            return


def cpu_s(pid: int) -> float:
    """The process's CPU time so far (user + system), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int) -> tuple[float, float]:
    """The process's resident memory now and its peak (VmRSS, VmHWM), in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


class NoRun(RuntimeError):
    """The action asked for no run: the click missed (a list still opening)."""


class Session:
    """One page of the app in Chromium, counting the WebSocket bytes the server sends and noting
    when each run's `script_finished` message arrives."""

    def __init__(self, browser: Any, url: str, pid: int, *, listen: bool = True) -> None:
        self.pid = pid
        context = browser.new_context(
            viewport={"width": 1400, "height": 950}, locale="en-GB", timezone_id="UTC"
        )
        self.page = context.new_page()
        self.page.set_default_timeout(TIMEOUT)
        self.url = url
        self.received = 0
        self.finished: list[float] = []
        self.started: list[float] = []
        if listen:  # each frame then goes to Playwright too: ~0.1 s more for a page to draw
            self.page.on("websocket", self._watch)

    def _watch(self, ws: Any) -> None:
        ws.on("framereceived", lambda payload: self._count(payload))

    def _count(self, payload: bytes | str) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode()
        self.received += len(data)
        msg = ForwardMsg()
        try:
            msg.ParseFromString(data)
        except Exception:  # not a ForwardMsg: only counted
            return
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            self.finished.append(time.time())
        elif kind == "session_status_changed" and msg.session_status_changed.script_is_running:
            self.started.append(time.time())

    def settle(self) -> None:
        self.page.evaluate("() => { window.__zmIdleSince = null; }")
        self.page.wait_for_function(SETTLED, timeout=TIMEOUT, polling=100)

    def _until(self, cond: str, t0: float, *, run_ends: bool) -> tuple[float, bool]:
        """Seconds from `t0` (epoch) until `cond` holds, as the page's clock says in the frame
        where it first held; with `run_ends`, a run that began after `t0` and ended without
        `cond` holding within `GRACE` seconds of its end sent the same layer (nothing to
        redraw): timed to its end. Returns the time and whether `cond` held."""
        guarded = (
            "() => document.querySelector('[data-testid=stException]') ? 'error' : "
            f"(({cond})() ? performance.timeOrigin + performance.now() : false)"
        )
        deadline = time.time() + TIMEOUT / 1000
        while time.time() < deadline:
            try:
                done = self.page.wait_for_function(guarded, timeout=100, polling="raf")
            except PlaywrightTimeout:
                began = [t for t in self.started if t > t0]  # not a run still ending
                ended = [t for t in self.finished if began and t > began[0]]
                if run_ends and ended and time.time() > ended[0] + GRACE:
                    return ended[0] - t0, False
                if run_ends and not began and time.time() > t0 + NO_RUN_S:
                    raise NoRun(f"no run {NO_RUN_S:.0f} s after the action: it missed") from None
                continue
            held = done.json_value()
            if held == "error":
                shown = self.page.locator("[data-testid=stException]").all_inner_texts()
                raise RuntimeError(f"the app shows an exception: {shown}")
            return held / 1000 - t0, True
        raise RuntimeError(f"nothing happened in {TIMEOUT / 1000:.0f} s")

    def timed(
        self, act: Any, *conditions: str, run_ends: bool = False, start: str | None = None
    ) -> dict[str, Any]:
        """Run `act`, time each of `conditions` (JS predicates polled every frame) from the
        input event `start` ('mousedown', 'mouseup': when the browser received it, its
        timeStamp) or, without one, from when `act` began; wait until the app is idle, and
        count what was sent and drawn. Timed from the input event, Playwright's own checks
        before it sends the mouse (50-400 ms on this machine for a locator's click) are not
        the app's time."""
        if self.page.url.startswith("http"):
            self.page.evaluate(TAG_OLD)
            self.page.evaluate(INPUT, start)
        sent, cpu, t0 = self.received, cpu_s(self.pid), time.time()
        act()
        got = self.page.evaluate("() => window.__zmInput") if start is not None else None
        if got is None and start is not None:
            print(f"  (no {start} event seen: timed from the action's start)", flush=True)
        t0 = got / 1000 if got is not None else t0
        times, redrawn = [], True
        for cond in conditions:
            seconds, held = self._until(cond, t0, run_ends=run_ends)
            times.append(seconds)
            redrawn = redrawn and held
        self.settle()
        counts = self.page.evaluate(COUNTS)
        return {
            "s": times,
            "redrawn": redrawn,
            "bytes": self.received - sent,
            "cpu": cpu_s(self.pid) - cpu,
            **counts,
        }


def _frame_box(page: Any) -> dict[str, float]:
    for el in page.query_selector_all("iframe"):
        frame = el.content_frame()
        if frame is not None and frame.query_selector(".leaflet-container"):
            return el.bounding_box()
    raise RuntimeError("no map frame")


def _pan(s: Session) -> dict[str, Any]:
    """`REPEATS` pans, to the left and back in turn: the median one."""
    return _median([_pan_once(s, -1 if i % 2 == 0 else 1) for i in range(REPEATS)])


def _pan_once(s: Session, way: int) -> dict[str, Any]:
    box = _frame_box(s.page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    s.page.mouse.move(x, y)
    s.page.mouse.down()
    s.page.mouse.move(x + way * 300, y + way * 80, steps=8)
    # Held still before the release, as a reader who pans to a place: a release at full speed
    # would throw the map on (Leaflet's inertia, up to a second of gliding at Playwright's
    # speed) and time the glide, not the map's answer.
    s.page.wait_for_timeout(150)
    return s.timed(s.page.mouse.up, REDRAWN, run_ends=True, start="mouseup")


def _zoom(s: Session) -> dict[str, Any]:
    """`REPEATS` zooms, in and out in turn (ending one level in): the median one."""
    return _median([_zoom_once(s, "in" if i % 2 == 0 else "out") for i in range(REPEATS)])


def _zoom_once(s: Session, way: str) -> dict[str, Any]:
    frame = s.page.frame_locator("iframe[title*='st_folium']").first
    button = frame.locator(f".leaflet-control-zoom-{way}")
    button.wait_for()
    # The button's centre is found first and the mouse clicked there, as `_click_once` does: a
    # locator's click spends 50-150 ms on its own checks (visible, stable, not covered) before
    # the mouse goes down, which is Playwright's time, not the map's.
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return s.timed(lambda: s.page.mouse.click(x, y), REDRAWN, LABELLED, run_ends=True, start="mousedown")


def _median(done: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of `done` whose first time is the median (the lower one of an even count)."""
    ranked = sorted(done, key=lambda d: d["s"][0])
    return {**ranked[(len(ranked) - 1) // 2], "all": [d["s"][0] for d in done]}


def _click_once(s: Session, skip: list[str]) -> dict[str, Any] | None:
    target = s.page.evaluate(TARGET, skip)
    if target is None:
        return None
    box = _frame_box(s.page)
    x, y = box["x"] + target["x"], box["y"] + target["y"]
    key = target["key"]
    conditions = [POPUP]
    if key and ":" not in key:  # a gazetteer place: its panel under the map
        conditions.append(f"() => !!document.querySelector('.zm-panel-title[data-place=\"{key}\"]')")
    return {**s.timed(lambda: s.page.mouse.click(x, y), *conditions, start="mousedown"), "key": key}


def _click(s: Session) -> dict[str, Any]:
    """`CLICKS` clicks on different marks (the popup closed in between): the median time to
    the popup, and to the place's panel among the clicks on places; the other figures are the
    median popup click's."""
    done: list[dict[str, Any]] = []
    for _ in range(CLICKS):
        one = _click_once(s, [d["key"] for d in done])
        if one is None:
            break
        done.append(one)
        s.page.keyboard.press("Escape")
        s.settle()
    if not done:
        return {"s": [], "bytes": 0, "marks": -1, "layer": -1, "key": None}
    done.sort(key=lambda d: d["s"][0])
    median = done[(len(done) - 1) // 2]  # by the popup's time: its figures are reported
    panels = sorted(d["s"][1] for d in done if len(d["s"]) > 1)
    times = [median["s"][0], *([panels[(len(panels) - 1) // 2]] if panels else [])]
    return {**median, "s": times, "clicks": len(done)}


def _filter(s: Session) -> dict[str, Any]:
    """`REPEATS` filter changes: the event type "clash" picked in the sidebar's list, then the
    first type left in it, and so on; the median one."""
    return _median([_filter_once(s, "clash" if i == 0 else "") for i in range(REPEATS)])


def _filter_once(s: Session, wanted: str) -> dict[str, Any]:
    """A click on the first type whose name holds `wanted`. A click on the list while it still
    opens may land on no option (no filter, no run): tried again, up to three times."""
    for _ in range(2):
        try:
            return _pick_type(s, wanted)
        except NoRun:
            continue
    return _pick_type(s, wanted)


def _pick_type(s: Session, wanted: str) -> dict[str, Any]:
    s.page.keyboard.press("Escape")  # close the popup (or the list) first
    s.page.locator(".st-key-types input").click()
    options = s.page.locator("[role=option]")
    try:
        options.first.wait_for(timeout=10_000)
    except PlaywrightTimeout:
        raise NoRun("the list did not open") from None
    names = options.all_inner_texts()
    # Streamlit's list begins with "Select all" once a type is picked: not a type.
    name = next(n for n in names if wanted in n.lower() and n.lower() != "select all")
    pick = s.page.get_by_role("option", name=name, exact=True)
    s.page.wait_for_timeout(400)  # the list opening; timed from the mousedown, not counted
    try:
        out = s.timed(lambda: pick.click(timeout=10_000), REDRAWN, run_ends=True, start="mousedown")
    except PlaywrightTimeout:  # the list closed before the click: nothing picked
        raise NoRun(f"the option {name!r} was gone") from None
    s.page.keyboard.press("Escape")
    return out


def drive(browser: Any, url: str, pid: int) -> dict[str, Any]:
    """The five interactions on one fresh page; the server's memory."""
    s = Session(browser, url, pid)
    out: dict[str, Any] = {"load": s.timed(lambda: s.page.goto(url), DRAWN)}
    out["rss_after_load"] = memory_mb(pid)[0]
    out["pan"] = _pan(s)
    out["zoom"] = _zoom(s)
    out["click"] = _click(s)
    out["filter"] = _filter(s)
    out["rss_end"], out["peak"] = memory_mb(pid)
    s.page.context.close()
    # The next readers on the same server: the data and the base map are loaded, as for every
    # reader but the first after a start. One fresh page's time varies by a quarter from one
    # page to the next on this machine: the median of `READERS`, with the fastest and slowest.
    out["warm"] = _median_load(browser, url, pid)
    return out


def _median_load(browser: Any, url: str, pid: int) -> dict[str, Any]:
    """`READERS` new readers' pages one after the other: the median, with the range."""
    median = _median([_load(browser, url, pid) for _ in range(READERS)])
    return {**median, "range": (min(median["all"]), max(median["all"]))}


def _load(browser: Any, url: str, pid: int) -> dict[str, Any]:
    """A new reader's page, navigation to the map drawn (its messages not watched: what is sent
    is the first reader's), once the server is at rest: a reader's browser is on another
    machine, whereas here the last page's teardown (its renderer's exit, the server closing its
    session) shared the two cores with the next page, and added a tenth of a second or more."""
    _at_rest(pid)
    s = Session(browser, url, pid, listen=False)
    try:
        return s.timed(lambda: s.page.goto(url), DRAWN)
    finally:
        s.page.context.close()


def floor(browser: Any, tree: Path) -> dict[str, Any]:
    """The map drawn on `bare_map_page.py` (Streamlit and st_folium alone, one map of 100
    marks, Leaflet from a Zonemap server on the shipped data) for `READERS` fresh pages: what
    any Streamlit page with a folium map takes on this machine, under the dashboard's figure."""
    zonemap, url = serve(database("sqlite", 0), DIR / "bench-map-assets.log", tree)
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "BARE_MAP_LEAFLET": f"{url}/app/static/vendor/leaflet"}
    cmd = streamlit_command("benchmarks/bare_map_page.py", port)
    bare, bare_url = _started(cmd, env, DIR / "bench-map-bare.log", tree, port)
    try:
        _load(browser, bare_url, bare.pid)  # the server's first page: imports, not measured
        return _median_load(browser, bare_url, bare.pid)
    finally:
        for proc in (bare, zonemap):
            proc.terminate()
            proc.wait(timeout=20)


def measure(browser: Any, backend: str, n: int, tree: Path) -> dict[str, Any]:
    settings = database(backend, n)
    log = DIR / f"bench-map-{backend}-{n}.log"
    proc, url = serve(settings, log, tree)
    try:
        return {"n": n, "backend": backend, **drive(browser, url, proc.pid)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _ms(r: dict[str, Any], i: int = 0) -> str:
    times = r["s"]
    if len(times) <= i:
        return "–"
    return f"{times[i] * 1000:,.0f} ms" + ("" if r.get("redrawn", True) else " ⁼")


def _size(n: int) -> str:
    return f"{n:,}" if n else "shipped only"


def _range(r: dict[str, Any]) -> str:
    low, high = r.get("range") or (None, None)
    return "" if low is None else f" ({low * 1000:,.0f}–{high * 1000:,.0f})"


def _cpu(r: dict[str, Any]) -> str:
    return f" ({r['cpu']:.2f} s)" if "cpu" in r else ""


def tables(rows: list[dict[str, Any]]) -> str:
    head = [
        "| events | backend | first load (map drawn) | pan | zoom (then the background's labels) "
        "| click → popup | click → place panel | filter → map |",
        "|---|---|---|---|---|---|---|---|",
    ]
    size = [
        "| events | backend | "
        + " | ".join(f"{a}: sent / layer / marks" for a in ACTIONS)
        + " | server memory after load / peak |",
        "|---|---|" + "---|" * 6,
    ]
    for r in rows:
        n = f"{r['n']:,}" if r["n"] else "shipped only"
        head.append(
            f"| {n} | {r['backend']} | {_ms(r['load'])}{_cpu(r['load'])} | "
            f"{_ms(r['pan'])}{_cpu(r['pan'])} | "
            f"{_ms(r['zoom'])}{_cpu(r['zoom'])}, labels {_ms(r['zoom'], 1)} | "
            f"{_ms(r['click'])}{_cpu(r['click'])} | {_ms(r['click'], 1)} | "
            f"{_ms(r['filter'])}{_cpu(r['filter'])} |"
        )
        cells = [
            f"{r[a]['bytes'] / 1000:,.0f} kB / {max(r[a]['layer'], 0) / 1000:,.0f} kB / {r[a]['marks']}"
            for a in ACTIONS
        ]
        size.append(
            f"| {n} | {r['backend']} | "
            + " | ".join(cells)
            + f" | {r['rss_after_load']:,.0f} / {r['peak']:,.0f} MB |"
        )
    return "\n".join(head) + "\n\n" + "\n".join(size)


def summary(rows: list[dict[str, Any]], header: str, bare: dict[str, Any]) -> str:
    """The README's table: wall times, the most sent for one view, the server's peak memory;
    at 1M the ratio to 10k on the same backend (fairer on a noisy machine); the bare page's
    map drawn beside the next reader's (the floor on this machine); the targets."""
    lines = [
        f"The live map in Chromium ({header}), one run:",
        "",
        "| events | backend | map drawn (first reader) | map drawn (next reader: median of "
        f"{READERS}, range) | pan | zoom "
        "| click → popup | click → panel | filter → map | most sent per view | server memory, peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        n = f"{r['n']:,}" if r["n"] else "shipped only"
        most = max(r[a]["bytes"] for a in ACTIONS)
        lines.append(
            f"| {n} | {r['backend']} | {_ms(r['load'])} | {_ms(r['warm'])}{_range(r['warm'])} | "
            f"{_ms(r['pan'])} | "
            f"{_ms(r['zoom'])} | "
            f"{_ms(r['click'])} | {_ms(r['click'], 1)} | {_ms(r['filter'])} | "
            f"{most / 1000:,.0f} kB | {r['peak']:,.0f} MB |"
        )
    by = {(r["n"], r["backend"]): r for r in rows}
    for (n, backend), big in by.items():
        small = by.get((10_000, backend))
        if n != 1_000_000 or small is None:
            continue
        ratios = [
            f"{a} ×{big[a]['s'][0] / small[a]['s'][0]:.1f}"
            for a in (*ACTIONS, "warm")
            if big[a].get("s") and small[a].get("s")
        ]
        lines += ["", f"1M against 10k ({backend}): " + ", ".join(ratios) + "."]
    against = [
        f"{_size(r['n'])} on {r['backend']} ×{r['warm']['s'][0] / bare['s'][0]:.2f}"
        for r in rows
        if r.get("warm", {}).get("s") and bare.get("s")
    ]
    lines += [
        "",
        f"Streamlit and st_folium alone (`benchmarks/bare_map_page.py`: a page with one map of "
        f"100 marks, {READERS} new readers, the same run): map drawn {_ms(bare)}{_range(bare)}. "
        "The dashboard's next reader against it: " + ", ".join(against) + ".",
    ]
    return "\n".join([*lines, "", TARGETS])


def write(rows: list[dict[str, Any]], header: str, bare: dict[str, Any]) -> None:
    clicked = ", ".join(f"{r['n']:,}: {r['click'].get('key')}" for r in rows)
    TABLE.write_text(
        "# Map benchmark (generated)\n\nWritten by `benchmarks/bench_map.py` (`make bench`); see "
        "that script for what is measured. Do not edit by hand.\n\n"
        + summary(rows, header, bare)
        + f"\n\n## The live map in Chromium ({header})\n\nWall time from the action to the result "
        "drawn, and in brackets the server's CPU time for it (user + system time of the "
        "`streamlit` process until the app was idle again: what a loaded machine inflates "
        f"least). The median of {REPEATS} pans, zooms and filter changes, on a shared machine: "
        "read the ratios.\n\n" + tables(rows) + "\n\n"
        "*sent*: WebSocket bytes from the server until the app was idle again; *layer*: "
        "st_folium's data layer (marks, outlines, popup) in that view; *marks*: Leaflet marks "
        "on the map; ⁼: the run sent the same data layer (nothing to redraw), timed to the "
        f"run's end as the browser received it. Click: the medians of {CLICKS} clicks on "
        f"different marks (the panel's among those on places); the median click's mark: {clicked}.\n",
        encoding="utf-8",
    )
    write_readme_block(
        "bench-map", summary(rows, header, bare) + "\n\nDetails: [docs/bench-map.md](docs/bench-map.md)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--backends", default="sqlite,postgresql" if PG_URL else "sqlite")
    parser.add_argument(
        "--ref",
        help="serve this commit (a clean copy) instead of the "
        "working tree, e.g. HEAD in a checkout others are editing",
    )
    args = parser.parse_args()
    tree = snapshot(args.ref) if args.ref else ROOT
    if not Path(CHROMIUM).exists() or PlaywrightTimeout is None:
        print("Debian chromium or Playwright is not installed (make test installs both): skipped")
        return
    from playwright.sync_api import sync_playwright

    header = machine() + (f", commit {tree.name[5:]}" if args.ref else ", the working tree")
    rows: list[dict[str, Any]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        bare = floor(browser, tree)
        print(f"bare page: map drawn {_ms(bare)}{_range(bare)}", flush=True)
        for n in (int(x) for x in args.sizes.split(",") if x):
            for backend in args.backends.split(","):
                rows.append(measure(browser, backend, n, tree))
                r = rows[-1]
                print(
                    f"{n:>9,} {backend:<10} "
                    + "  ".join(f"{a} {_ms(r[a])}" for a in ACTIONS)
                    + f"  panel {_ms(r['click'], 1)}  next reader {_ms(r['warm'])}{_range(r['warm'])}"
                    f"  peak {r['peak']:.0f} MB",
                    flush=True,
                )
                write(rows, header, bare)
        browser.close()
    print(tables(rows))


if __name__ == "__main__":
    main()
