"""What the map costs as events grow: build time and the size of the page sent to the browser,
for the shipped data plus N synthetic events spread over the curated places (issue 3 asks that
what reaches the browser does not grow with the number of events: popups are built per place,
from the filtered events, at most a few per section).

Run: `python benchmarks/bench_map.py`. Prints figures; asserts nothing. Quote the ratios."""

from __future__ import annotations

import datetime as dt
import random
import time
import tracemalloc

from dashboard.map import build_map
from dashboard.view_state import ViewState
from geodata.dataset import load_dataset
from geodata.model import Event, EventType


def synthetic(ds, n: int) -> list[Event]:
    rng = random.Random(7)
    template = ds.events[0]
    places = sorted(ds.gazetteer.curated)
    types = [EventType.DEMAND, EventType.BLOCKADE, EventType.MEETING, EventType.THREAT]
    actors = ["sdf", "syrian-government", "asayish", "russia", "turkey"]
    out = []
    for i in range(n):
        out.append(template.model_copy(update={  # noqa: PERF401 (clearer as a loop)
            "id": f"bench-{i}", "type": rng.choice(types), "cameo": "",
            "actor": rng.choice(actors), "target": rng.choice(actors),
            "places": (rng.choice(places),), "links": (),
            "date": dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(380)),
            "object_en": f"synthetic event number {i}",
        }))
    return out


def measure(ds, view: ViewState) -> tuple[float, int, float]:
    t0 = time.perf_counter()
    html = build_map(ds, view).get_root().render()
    elapsed = time.perf_counter() - t0
    tracemalloc.start()  # a second build, traced: tracing slows it down several times
    build_map(ds, view).get_root().render()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, len(html.encode()), peak / 2**20


def main() -> None:
    base = load_dataset()
    view = ViewState(date=dt.date(2021, 1, 20))
    build_map(base, view).get_root().render()  # warm-up
    rows = []
    for n in (0, 1_000, 10_000, 100_000):
        ds = base.with_events([*base.events, *synthetic(base, n)]) if n else base
        rows.append((n, *measure(ds, view)))
    t0, s0 = rows[0][1], rows[0][2]
    print(f"{'events':>8} {'build+render s':>15} {'page kB':>9} {'peak MiB':>9} "
          f"{'time x':>7} {'size x':>7}")
    for n, t, size, peak in rows:
        print(f"{n:>8} {t:>15.2f} {size / 1000:>9.0f} {peak:>9.0f} {t / t0:>7.1f} "
              f"{size / s0:>7.2f}")


if __name__ == "__main__":
    main()
