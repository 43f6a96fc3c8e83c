"""`zonemap serve`: the dashboard (Streamlit), from a source checkout."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import click

from .output import echo

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@click.command()
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="Port to serve on.")
@click.option("--address", default="127.0.0.1", show_default=True, help="Address to bind.")
def serve(port: int, address: str) -> None:
    """Serve the dashboard (Streamlit) on the shipped data."""
    if not APP.exists():
        raise click.ClickException(f"{APP} not found; run from a source checkout")
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP),
           "--server.port", str(port), "--server.address", address,
           "--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false",
           "--server.headless", "true"]
    echo(f"Serving Zonemap on http://{address if address != '0.0.0.0' else 'localhost'}:{port}")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C stops the server: no traceback
        sys.exit(subprocess.call(cmd, cwd=APP.parent.parent, env=os.environ.copy()))


def register(group: click.Group) -> None:
    group.add_command(serve)
