"""Settings: typed defaults, overridden only by the environment variables a deployment needs.

| variable | default | what it changes |
|---|---|---|
| ZONEMAP_DATA_DIR | the package's `data/` | the directory of the shipped (seed) data |
| ZONEMAP_DB | `<user data dir>/zonemap/zonemap.sqlite` | the embedded database file |
| ZONEMAP_DATABASE_URL | unset | a PostgreSQL/PostGIS URL; when set, it is used instead of ZONEMAP_DB |
| ZONEMAP_EDITOR_SECRET | unset | the shared editor secret (12+ characters): the laptop fallback |
| ZONEMAP_EDITOR_EMAILS | unset | e-mail addresses (comma-separated) that are editors by OIDC |
| ZONEMAP_SOURCES_DIR | unset | a folder of source texts `<source id>.txt`, to check evidence offsets |
| ZONEMAP_BASEMAP | unset | a local MBTiles or PMTiles file (raster or vector) as the background |
| ZONEMAP_SESSION_KEY | unset | signs the cookie keeping editors signed in across reloads (32+ characters) |
| ZONEMAP_SESSION_HOURS | 12 | how long that cookie keeps an editor signed in (hours, at most 720) |

The shared secret is used only while no editor account exists (`zonemap editors add`); the
e-mail allow-list only when `.streamlit/secrets.toml` configures OpenID Connect (`[auth]`);
SECURITY.md explains the three ways of signing in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from .accounts import parse_emails
from .dataset import DATA_DIR

SESSION_HOURS = 12.0
MAX_SESSION_HOURS = 720.0


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_path: Path
    database_url: str | None
    editor_secret: str | None
    sources_dir: Path | None
    editor_emails: tuple[str, ...] = ()
    basemap: Path | None = None  # an .mbtiles or .pmtiles file (dashboard/map/basemap_file.py)
    session_key: str | None = None  # signs the kept-signed-in cookie (geodata/session_token.py)
    session_hours: float = SESSION_HOURS


DOCUMENTED = (
    "ZONEMAP_DATA_DIR",
    "ZONEMAP_DB",
    "ZONEMAP_DATABASE_URL",
    "ZONEMAP_EDITOR_SECRET",
    "ZONEMAP_EDITOR_EMAILS",
    "ZONEMAP_SOURCES_DIR",
    "ZONEMAP_BASEMAP",
    "ZONEMAP_SESSION_KEY",
    "ZONEMAP_SESSION_HOURS",
)


def session_hours(text: str | None) -> float:
    """ZONEMAP_SESSION_HOURS as a number of hours (the default when unset)."""
    if not text:
        return SESSION_HOURS
    try:
        hours = float(text)
    except ValueError:
        hours = -1.0
    if not 0 < hours <= MAX_SESSION_HOURS:
        raise ValueError(
            f"ZONEMAP_SESSION_HOURS was {text[:40]!r} but is expected to be a "
            f"number of hours above 0 and at most {MAX_SESSION_HOURS}"
        )
    return hours


def get_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    sources = env.get("ZONEMAP_SOURCES_DIR")
    return Settings(
        data_dir=Path(env.get("ZONEMAP_DATA_DIR") or DATA_DIR),
        db_path=Path(env.get("ZONEMAP_DB") or Path(user_data_dir("zonemap")) / "zonemap.sqlite"),
        database_url=env.get("ZONEMAP_DATABASE_URL") or None,
        editor_secret=env.get("ZONEMAP_EDITOR_SECRET") or None,
        sources_dir=Path(sources) if sources else None,
        editor_emails=parse_emails(env.get("ZONEMAP_EDITOR_EMAILS")),
        basemap=Path(env["ZONEMAP_BASEMAP"]) if env.get("ZONEMAP_BASEMAP") else None,
        session_key=env.get("ZONEMAP_SESSION_KEY") or None,
        session_hours=session_hours(env.get("ZONEMAP_SESSION_HOURS")),
    )
