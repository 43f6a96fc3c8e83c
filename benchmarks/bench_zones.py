"""How long the control lookup takes for many places: the vectorised join (one STRtree query
and one vectorised intersection) against a Python loop of one lookup per place.

Run: `python benchmarks/bench_zones.py [N]`. Prints figures; asserts nothing. Quote the ratio."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from report import Report
from shapely.geometry import Point

from geodata.dataset import load_dataset
from geodata.model import Place
from geodata.zones import controller, controllers


def main(n: int = 20_000) -> None:
    report = Report("bench-zones", "benchmarks/bench_zones.py", "Control lookup benchmark")
    ds = load_dataset()
    day = dt.date(2021, 1, 20)
    rng = random.Random(1)
    places = [
        Place(
            id=f"p{i}",
            name_en="p",
            name_ar="ب",
            kind="village" if i % 3 else "city",
            geometry=Point(rng.uniform(36.0, 42.0), rng.uniform(32.5, 37.2)),
        )
        for i in range(n)
    ]
    controllers(places[:100], day, ds.zones)  # warm-up
    t0 = time.perf_counter()
    vec = controllers(places, day, ds.zones)
    t_vec = time.perf_counter() - t0
    m = min(n, 2000)
    t0 = time.perf_counter()
    loop = [controller(p, day, ds.zones) for p in places[:m]]
    t_loop = (time.perf_counter() - t0) * n / m
    assert [z.id if z else None for z in vec[:m]] == [z.id if z else None for z in loop]
    report.line(f"places: {n}, zones on {day}: {sum(z.valid_on(day) for z in ds.zones)}")
    report.line(f"vectorised join: {t_vec * 1000:.0f} ms ({n / t_vec:,.0f} places/s)")
    report.line(f"one lookup per place (extrapolated from {m}): {t_loop * 1000:.0f} ms")
    report.line(f"ratio loop / vectorised: {t_loop / t_vec:.1f}×.")
    report.write()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
