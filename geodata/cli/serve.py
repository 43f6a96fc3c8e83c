"""`zonemap serve`: the dashboard (Streamlit), from a source checkout."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import click

from .errors import user_errors
from .output import echo

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
# app.py with Zonemap's own routes (the kept-session cookie: dashboard/kept_session.py)
SERVER = APP.with_name("server.py")


@click.command()
@click.option(
    "--port", default=8501, show_default=True, type=click.IntRange(1, 65535), help="Port to serve on."
)
@click.option("--address", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--no-migrate",
    is_flag=True,
    help="Do not create, migrate or seed the database first (a viewers' server with "
    "a read-only database role: run `zonemap db migrate` as the editor role).",
)
def serve(port: int, address: str, no_migrate: bool) -> None:
    """Serve the dashboard (Streamlit). First, once, the database is created, migrated and
    seeded when it needs to be (as `zonemap db init`; nothing is written when it is up to
    date); the dashboard itself never writes to open it."""
    if not SERVER.exists():
        raise click.ClickException(f"{SERVER} not found; run from a source checkout")
    if not no_migrate:
        _prepare()
    cmd = streamlit_command(SERVER, port, address)
    echo(f"Serving Zonemap on http://{address if address != '0.0.0.0' else 'localhost'}:{port}")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C stops the server: no traceback
        sys.exit(subprocess.call(cmd, cwd=APP.parent.parent, env=os.environ.copy()))


def streamlit_command(script: Path | str, port: int, address: str = "127.0.0.1") -> list[str]:
    """The `streamlit run` command line that serves `script` (run it from the repository root,
    where `.streamlit/config.toml` lives). The options the config file also sets are repeated
    here, so that a checkout run from elsewhere (the browser tests, `bench_map.py`) still
    serves the static map files and never reaches the internet for usage statistics."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.enableStaticServing",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.headless",
        "true",
    ]


def _prepare() -> None:
    from ..settings import get_settings
    from ..store import init_db

    with user_errors("preparing the database before serving: "):
        done = init_db(get_settings())
    for m in done.applied:
        echo(f"applied migration {m.version}: {m.name}")
    if done.seeded:
        echo("seeded the database from the shipped data")
    if done.added:
        echo(f"added {done.added} record(s) from newer shipped data")


def register(group: click.Group) -> None:
    group.add_command(serve)
