"""`python -m geodata.cli`: the same as the `zonemap` command."""

from . import run

run()
