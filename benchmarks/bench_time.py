"""How long the map page takes to switch to another date and to open the change view, on the
shipped data (15 snapshots, the community gazetteer).

Three measures, none a cache hit of what is measured:
- direct calls of what the page does on such a run: for a date, the snapshot note and the base
  map of that date (zones, legend, controls) rendered to HTML; for the change view, the overlay
  of the two snapshots, its layer drawn over the later map, the area and place tables;
- the parts of those runs, and who held what since when: the overlay alone, the places that
  changed hands, the holdings (`held_since`) of the curated settlements and of one place (a
  popup), the Places table;
- a whole rerun of the page under Streamlit's AppTest (a seeded temporary database; the data
  loaded once per session, as in the app): clicking "next snapshot", choosing a change view.

Run: `python benchmarks/bench_time.py [REPEATS] [--no-apptest]`. Prints figures; asserts nothing. The machine
is shared: read the medians and the minima, not single runs."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report import Report  # noqa: E402

from dashboard import places_table, time_control  # noqa: E402
from dashboard.map import build_map  # noqa: E402
from dashboard.map.zone_changes import add_change_layer, area_frame, places_frame  # noqa: E402
from dashboard.view_state import ViewState  # noqa: E402
from geodata.dataset import Dataset, load_dataset  # noqa: E402
from geodata.zones import (  # noqa: E402
    AREA_KINDS,
    changed_places,
    changes,
    held_since,
    holdings,
    snapshot_dates,
)

D = dt.date.fromisoformat
REPORTS: list[Report] = []  # the run's report (main makes it)


def say(text: str, *, headline: bool = False) -> None:
    REPORTS[-1].line(text, headline=headline)


class Clock:
    """Wall-clock and CPU seconds of each timed block (the CPU time of this process, every
    thread included: what the work costs when the shared machine is busy with others')."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall.append(time.perf_counter() - self._w)
        self.cpu.append(time.process_time() - self._c)

    def line(self, what: str) -> str:
        ms = [1000 * statistics.median(self.wall), 1000 * min(self.wall), 1000 * statistics.median(self.cpu)]
        return (
            f"{what}: wall median {ms[0]:.0f} ms (min {ms[1]:.0f}), CPU median {ms[2]:.0f} ms"
            f" ({len(self.wall)} runs)"
        )


def timed(fn: Callable[[], object], repeats: int) -> Clock:
    """`repeats` calls of `fn`, after one warm-up call."""
    fn()
    clock = Clock()
    for _ in range(repeats):
        with clock:
            fn()
    return clock


def switch_date(ds: Dataset, day: dt.date) -> str:
    time_control.snapshot_note(ds.zones, day)
    m = build_map(ds, ViewState(date=day), places=False)
    return m.get_root().render()


def open_change_view(ds: Dataset, start: dt.date, end: dt.date) -> str:
    found = changes(ds.zones, start, end)
    m = build_map(ds, ViewState(date=end, compare=start), places=False)
    add_change_layer(m, ds, found)
    area_frame(ds, found)
    curated = getattr(ds.gazetteer, "curated", None) or ds.gazetteer.places
    places = [
        ds.gazetteer.places[p]
        for p in curated
        if p in ds.gazetteer.places and ds.gazetteer.places[p].kind not in AREA_KINDS
    ]
    places_frame(ds, changed_places(places, start, end, ds.zones, found))
    return m.get_root().render()


def direct(ds: Dataset, repeats: int) -> None:
    say(f"snapshots: {len(snapshot_dates(ds.zones))}, zones: {len(ds.zones)}")
    for day in (D("2019-10-01"), D("2024-11-26"), D("2024-12-08"), D("2026-01-25")):
        say(timed(lambda d=day: switch_date(ds, d), repeats).line(f"switch to {day}"))
    for start, end in ((D("2024-11-26"), D("2024-12-15")), (D("2019-10-01"), D("2026-01-25"))):
        clock = timed(lambda s=start, e=end: open_change_view(ds, s, e), repeats)
        say(clock.line(f"change view {start} -> {end}"))


def settlements(ds: Dataset) -> list:
    curated = getattr(ds.gazetteer, "curated", None) or ds.gazetteer.places
    return [
        ds.gazetteer.places[p]
        for p in sorted(curated)
        if p in ds.gazetteer.places and ds.gazetteer.places[p].kind not in AREA_KINDS
    ]


def parts(ds: Dataset, repeats: int) -> None:
    start, end = D("2024-11-26"), D("2024-12-15")
    found = changes(ds.zones, start, end)
    places = settlements(ds)
    aleppo = ds.gazetteer.places["aleppo"]
    curated = places_table.search(ds, "")
    for what, fn in (
        (f"changes {start} -> {end} (the overlay)", lambda: changes(ds.zones, start, end)),
        (
            f"changed_places ({len(places)} settlements, sites, neighbourhoods)",
            lambda: changed_places(places, start, end, ds.zones, found),
        ),
        (
            f"holdings of the same {len(places)} on 2024-12-05",
            lambda: holdings(places, D("2024-12-05"), ds.zones),
        ),
        (
            "held_since of Aleppo on 2024-12-05 (one popup)",
            lambda: held_since(aleppo, D("2024-12-05"), ds.zones),
        ),
        (
            f"Places table, {len(curated)} curated places, on 2024-12-05",
            lambda: places_table.frame(ds, curated, ViewState(date=D("2024-12-05"))),
        ),
    ):
        say(timed(fn, repeats).line(what))


def apptest(repeats: int) -> None:
    from streamlit.testing.v1 import AppTest

    from geodata.settings import get_settings
    from geodata.store import init_db

    db = Path(tempfile.mkdtemp(prefix="zonemap-bench-")) / "zonemap.sqlite"
    init_db(get_settings({"ZONEMAP_DB": str(db)}))
    os.environ["ZONEMAP_DB"] = str(db)
    os.environ.pop("ZONEMAP_DATABASE_URL", None)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=300)
    at.query_params["date"] = "2019-10-01"  # then stepped forward by "next snapshot"
    t0 = time.perf_counter()
    at.run()
    say(f"AppTest first run (loads the data): {time.perf_counter() - t0:.1f} s")
    at.button(key="snap_next").click().run()  # warm-up: the first rerun imports and caches
    at.selectbox(key="compare").set_value(D("2019-10-01")).run()
    at.selectbox(key="compare").set_value("off").run()
    steps, views = Clock(), Clock()
    for _ in range(repeats):
        with steps:
            at.button(key="snap_next").click().run()
    day = at.date_input(key="date").value
    for start in snapshot_dates_of(at, day)[1 : repeats + 1]:  # each a pair not computed yet
        with views:
            at.selectbox(key="compare").set_value(start).run()
    say(steps.line("AppTest rerun, next snapshot"), headline=True)
    say(views.line(f"AppTest rerun, change view to {day}") + ".", headline=True)


def snapshot_dates_of(at: object, day: dt.date) -> list[dt.date]:
    options = at.selectbox(key="compare").options  # type: ignore[attr-defined]
    return [
        D(o.split(" from ")[1].split(" to ")[0])
        for o in options
        if " from " in o and D(o.split(" from ")[1].split(" to ")[0]) < day
    ]


def main(repeats: int = 5) -> None:
    REPORTS.append(Report("bench-time", "benchmarks/bench_time.py", "Control through time benchmark"))
    t0 = time.perf_counter()
    ds = load_dataset()
    say(f"data loaded in {time.perf_counter() - t0:.1f} s (once; not part of a rerun)")
    direct(ds, repeats)
    parts(ds, repeats)
    if "--no-apptest" not in sys.argv:
        apptest(repeats)
    REPORTS[-1].write()


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 5)
