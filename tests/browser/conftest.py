"""Real-browser fixtures: one `streamlit run` server and one Debian Chromium per session.

Every request to a host other than 127.0.0.1/localhost is aborted and recorded, and each test
fails if any was made. On failure a screenshot goes to tests/artifacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import hostile_data
import pytest

from geodata.cli.serve import streamlit_command

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
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
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})  # 127.0.0.2, the "attacker", is not
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
EDITOR_SECRET = "browser-test-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    """Poll /_stcore/health until it answers ok (each try blocks on the socket, no sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # Not listening yet: wait for the server's next line of output, or 0.1 s.
            proc_wait(proc, 0.1)
    raise RuntimeError(f"streamlit did not become healthy in {timeout} s:\n{log.read_text()}")


def proc_wait(proc: subprocess.Popen, seconds: float) -> None:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        pass


@pytest.fixture(scope="session")
def database_env(tmp_path_factory) -> dict[str, str]:
    """The environment variables that select the server's own SQLite database (never the
    user's) and its seed data, with the editor secret (so that the sign-in form is there to be
    tested). `database` fills it."""
    return hostile_data.environment(tmp_path_factory.mktemp("database"), EDITOR_SECRET)


@pytest.fixture(scope="session")
def database(database_env) -> dict[str, str]:
    """`database_env`, its database created and seeded from the shipped data plus a hostile
    actor, with hostile places and events written by an editor through the store
    (`hostile_data.seed_database`)."""
    hostile_data.seed_database(database_env)
    return database_env


@pytest.fixture(scope="session")
def server(tmp_path_factory, database_env, request) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    if not (ROOT / "dashboard" / "static" / "vendor" / "leaflet" / "leaflet.js").exists():
        pytest.fail("dashboard/static/vendor is empty: run `make assets` first")
    yield from _serve(tmp_path_factory.mktemp("server"), "dashboard/app.py", database_env, request)


def _serve(
    tmp: Path, script: str, env_extra: dict[str, str], request, prepare: Callable[[], object] | None = None
) -> Iterator[str]:
    """Run `streamlit run <script>` on a free port of 127.0.0.1 and yield its address once it
    is healthy; the database is seeded (`prepare`, by default the `database` fixture) while
    the server starts (it opens the database on the first page request, which comes after the
    fixture has returned)."""
    port = _free_port()
    log = tmp / "streamlit.log"
    env = {**os.environ, **env_extra, "PYTHONUNBUFFERED": "1"}
    env.pop("ZONEMAP_DATABASE_URL", None)
    cmd = streamlit_command(script, port)
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        if prepare is None:
            request.getfixturevalue("database")
        else:
            prepare()
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


GENERATED_EVENTS = 3000


@pytest.fixture(scope="session")
def many_events_server(tmp_path_factory, request) -> Iterator[str]:
    """The dashboard on a store of `GENERATED_EVENTS` generated ACLED events at ~1,500 distinct
    locations (`benchmarks/generate_acled.py`, the benchmarks' own mix), imported through
    `zonemap import` as a user would: a view of such data holds more marks than the map sends
    popups with, so a click fetches its popup (`live_map.popup_for`), as on real event sets."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    tmp = tmp_path_factory.mktemp("many_events")
    env = {"ZONEMAP_DB": str(tmp / "zonemap.sqlite"), "ZONEMAP_EDITOR_SECRET": EDITOR_SECRET}

    def prepare() -> None:
        run_env = {**os.environ, **env}
        run_env.pop("ZONEMAP_DATABASE_URL", None)
        zonemap = Path(sys.executable).with_name("zonemap")
        csv = tmp / "acled.csv"
        generate = ROOT / "benchmarks" / "generate_acled.py"
        for cmd in (
            [sys.executable, str(generate), str(GENERATED_EVENTS), "-o", str(csv), "--villages", "1500"],
            [str(zonemap), "db", "init"],
            [str(zonemap), "import", str(csv), "--user", "browser-test"],
        ):
            subprocess.run(cmd, cwd=ROOT, env=run_env, check=True, capture_output=True)

    yield from _serve(tmp, "dashboard/app.py", env, request, prepare)


SESSION_KEY = "browser-test-session-key-of-32-characters-or-more"


@pytest.fixture(scope="session")
def served_app(tmp_path_factory, database_env, request) -> Iterator[str]:
    """The dashboard as `zonemap serve` runs it (`dashboard/server.py`: app.py with the routes
    that set and clear the kept-session cookie), with a session key, on the same database."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    env = {**database_env, "ZONEMAP_SESSION_KEY": SESSION_KEY, "ZONEMAP_SESSION_HOURS": "2"}
    yield from _serve(tmp_path_factory.mktemp("served_app"), "dashboard/server.py", env, request)


@pytest.fixture(scope="session")
def editor_secret() -> str:
    return EDITOR_SECRET


@pytest.fixture(scope="session")
def screenshot():
    """Save a page's screenshot to docs/screenshots/<name>.png, as a 256-colour PNG (a third of
    the size; these are committed and shown in the README)."""
    import io

    def save(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=30_000)
        png = page.screenshot()
        try:
            from PIL import Image
        except ImportError:  # Pillow is optional: keep the full-colour PNG
            path.write_bytes(png)
            return path
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
        return path

    return save


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Outside:
    """Requests that tried to leave 127.0.0.1: aborted by the router and recorded, and also
    recorded when seen any other way (a request event, a WebSocket), so that nothing the router
    cannot intercept slips by. A file:// address is local only when it was allowed (the
    exported page itself)."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.files: set[str] = set()

    def allow_file(self, path: Path) -> str:
        url = path.resolve().as_uri()
        self.files.add(url)
        return url

    def leaves(self, url: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme in LOCAL_SCHEMES:
            return False
        if parsed.scheme == "file":
            return url.split("#")[0] not in self.files
        return (
            parsed.scheme not in ("http", "https", "ws", "wss") or (parsed.hostname or "") not in LOCAL_HOSTS
        )

    def record(self, url: str) -> None:
        if url not in self.urls:
            self.urls.append(url)

    def route(self, route) -> None:
        if self.leaves(route.request.url):
            self.record(route.request.url)
            route.abort()
        else:
            route.continue_()

    def seen(self, url: str) -> None:
        if self.leaves(url):
            self.record(url)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def new_page(browser, request):
    """A factory of pages, each in a fresh context (no shared storage). At the end of the test
    each page must have made no request that left 127.0.0.1, opened no dialog, and show no
    Streamlit exception."""
    made = []

    def make(width: int = 1400, height: int = 950):
        outside = Outside()
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="en-GB", timezone_id="UTC"
        )
        context.route("**/*", outside.route)
        context.on("request", lambda r: outside.seen(r.url))
        page = context.new_page()
        page.on("websocket", lambda ws: outside.seen(ws.url))
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.outside = outside  # type: ignore[attr-defined]
        made.append((context, page, outside))
        return page

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    problems = []
    for i, (context, page, outside) in enumerate(made):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}.png"), full_page=True)
            except Exception:  # the page may be gone; the failure itself is what matters
                pass
        if not failed and page.url.startswith("http"):
            shown = page.locator("[data-testid=stException]").all_inner_texts()
            if shown:
                problems.append(f"page {i} shows an exception: {shown}")
        if page.dialogs:
            problems.append(f"page {i} opened dialogs: {page.dialogs}")
        context.close()
        if outside.urls:
            problems.append(f"page {i}: requests left the machine: {outside.urls}")
    assert problems == []
