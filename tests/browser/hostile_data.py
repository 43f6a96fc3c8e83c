"""The hostile records the browser tests put in front of a real browser, and how they get into
the server's database: through the store's own write path, as an editor's edit or an import
would, never through a test-only door in production code.

`seed_database(environment(folder, secret))` copies the shipped data into `folder` with one
hostile actor added to `actors.json` (actors come only from the seed), creates and seeds the
SQLite database there from it (`geodata.store.init_db`), then signs in with the shared editor
secret (`Store.as_editor`) and writes two hostile places (`upsert_places`) and two hostile
events with a hostile source (`add_events`). Every text field holds template syntax (Jinja `{{ }}`, `{% %}`
and an attempt at the server's process id), Markdown images and links to the "attacker" host
127.0.0.2 (loopback, nothing listening: a request to it is recorded by the tests' router and
fails quietly), HTML that would load or run something, backticks, `${x}` and an RTL override.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

from shapely.geometry import Point, box

ATTACKER = "127.0.0.2:9"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE

# Template payloads: literal in the page means the text was never compiled as a template.
MATH = "ZZ{{ 7*7 }}ZZ"
MATH_DONE = "ZZ49ZZ"
PID = "{{ 'PID' ~ cycler.__init__.__globals__.os.getpid() }}"
# What a page would hold had the PID payload run: every field puts a space after it (which
# base64 data, say an embedded tile, never holds).
PID_DONE = re.compile(r"PID\d+ ")
PLACE_MATH, PLACE_MATH_DONE = "City{{ 3*3 }}", "City9"
AR_MATH, AR_MATH_DONE = "{{ 6*7 }}", "42"
# Markdown payloads: literal in a label means Streamlit did not render them.
MD_IMAGE = f"![i](http://{ATTACKER}/x.png)"
MD_LINK = "[c](javascript:alert(1))"

PLACE_ID = "city-hostile"
PLACE_NAME = f"{PLACE_MATH} {MD_IMAGE} {MD_LINK} {{% broken"
PLACE_NAME_AR = f"مدينة {AR_MATH} </script><script>alert(2)</script>"
PLACE_KU = f"Bajar {{# comment #}} ![k](http://{ATTACKER}/k.png)"
QUARTER_ID = "city-hostile-quarter"
QUARTER_NAME = f"{PLACE_MATH} quarter ![q](http://{ATTACKER}/q.png) <b>bold</b>"
QUARTER_NAME_AR = f"حي {AR_MATH} `code` ${{x}}"

IMG = f"<img src=http://{ATTACKER}/y.png onerror=alert(3)>"
MD_OBJECT_IMAGE = f"![m](http://{ATTACKER}/z.png)"
OBJECT = f"{MATH} {PID} {IMG} {MD_OBJECT_IMAGE} [go](javascript:alert(4)) `rm -rf` ${{x}} {RLO}txet desrever"
OBJECT_AR = f"فك الحصار {MATH} {{% broken </script><script>alert(5)</script> {RLO}عكس"
QUOTE = f"قالت المصادر {MATH} {PID} {IMG} ![q](http://{ATTACKER}/quote.png) `x` ${{x}} {RLO}ن"
OUTLET = f"Outlet {MATH} ![o](http://{ATTACKER}/o.png) <script>alert(6)</script> `o`"
SOURCE_TITLE = f"Title {PID} <img src=http://{ATTACKER}/t.png> {RLO}eltit"
SOURCE_URL = "javascript:alert(7)"
NOTE = f"Note {MATH} <iframe src=http://{ATTACKER}/f.html></iframe>"

ACTOR_ID = "hostile-actor"
ACTOR_NAME = f"Actor{{{{ 8*8 }}}} ![a](http://{ATTACKER}/a.png) <img src=http://{ATTACKER}/b.png>"
ACTOR_NAME_DONE = "Actor64"
ACTOR_NAME_AR = "الفاعل {{ 9*9 }} <script>alert(8)</script>"

EVENT_ID = "hostile-event"
QUARTER_EVENT_ID = "hostile-quarter-event"
# After the date the README's screenshots show (2021-01-20), so that those views stay clean.
DAY = dt.date(2021, 2, 1)

# What a page would hold had a template in the data been rendered: never there.
RENDERED = (MATH_DONE, PLACE_MATH_DONE, ACTOR_NAME_DONE, "مدينة 42", "حي 42", "الفاعل 81")


def places():
    from geodata.model import Place

    village = Place.model_validate(
        {
            "id": PLACE_ID,
            "name_en": PLACE_NAME,
            "name_ar": PLACE_NAME_AR,
            "names": [{"text": PLACE_KU, "lang": "ku"}],
            "kind": "village",
            "parent": "hasakah-governorate",
            "governorate": "hasakah-governorate",
            # 50 km south of Hasakah city, where no other marker covers it at any zoom.
            "geometry": Point(40.73, 36.05),
            "note": NOTE,
            "sources": [f"![s](http://{ATTACKER}/s.png)"],
        }
    )
    quarter = Place.model_validate(
        {
            "id": QUARTER_ID,
            "name_en": QUARTER_NAME,
            "name_ar": QUARTER_NAME_AR,
            "kind": "neighbourhood",
            "parent": "hasakah",
            "governorate": "hasakah-governorate",
            "geometry": box(40.735, 36.505, 40.745, 36.512),
        }
    )
    return [village, quarter]


def events():
    from geodata.model import Event

    source = {
        "id": "hostile-source",
        "outlet": OUTLET,
        "url": SOURCE_URL,
        "title": SOURCE_TITLE,
        "published": DAY.isoformat(),
        "lang": "ar",
    }
    common = {
        "type": "demand",
        "actor": ACTOR_ID,
        "target": "syrian-government",
        "date": DAY.isoformat(),
        "confidence": "low",
        "status": "proposed",
        "source": source,
        "note": NOTE,
        "evidence": {"quote": QUOTE, "start": 0, "end": len(QUOTE), "lang": "ar"},
    }
    return [
        Event.model_validate(
            {**common, "id": EVENT_ID, "places": [PLACE_ID], "object_en": OBJECT, "object_ar": OBJECT_AR}
        ),
        Event.model_validate(
            {
                **common,
                "id": QUARTER_EVENT_ID,
                "places": [QUARTER_ID],
                "type": "blockade",
                "status": "ongoing",
                "target": "sdf",
                "object_en": f"blockade of {OBJECT}",
                "object_ar": OBJECT_AR,
            }
        ),
    ]


def actor() -> dict:
    return {
        "id": ACTOR_ID,
        "name_en": ACTOR_NAME,
        "name_ar": ACTOR_NAME_AR,
        "faction": "sdf",
        "colour": "#E69F00",
        "note": NOTE,
    }


def copy_data(data_dir: Path) -> Path:
    """The shipped data in `data_dir`, with the hostile actor added to `actors.json`."""
    from geodata.dataset import DATA_DIR

    shutil.copytree(DATA_DIR, data_dir)
    actors_file = data_dir / "actors.json"
    shipped = json.loads(actors_file.read_text(encoding="utf-8"))
    actors_file.write_text(json.dumps([*shipped, actor()], ensure_ascii=False, indent=0), encoding="utf-8")
    return data_dir


def environment(folder: Path, secret: str) -> dict[str, str]:
    """The environment variables that select a database and seed data in `folder`."""
    return {
        "ZONEMAP_DB": str(folder / "zonemap.sqlite"),
        "ZONEMAP_DATA_DIR": str(folder / "data"),
        "ZONEMAP_EDITOR_SECRET": secret,
    }


def seed_database(env: dict[str, str]) -> None:
    """Create the database `env` selects from a copy of the shipped data (with the hostile
    actor) and write the hostile places and events through an editor."""
    from geodata.settings import get_settings
    from geodata.store import init_db, open_store

    copy_data(Path(env["ZONEMAP_DATA_DIR"]))
    settings = get_settings(env)
    init_db(settings)
    with open_store(settings) as store:
        editor = store.as_editor("browser-test", env["ZONEMAP_EDITOR_SECRET"])
        editor.upsert_places(places())
        editor.add_events(events())
