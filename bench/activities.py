"""Benchmark: a watch file read and its walk and run bouts found, as the upload page will do.

The file is a synthetic FIT of about 1 MB: a long walk-run (about nine hours) with a record
every second holding what a watch records (time, distance, speed, cadence, position, heart
rate, altitude). Prints the median and spread over repeated runs, as ``engine.py`` does.

Run from the repository's root with `python -m bench.activities` (the file is made by the
tests' support code).
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from strideback.core.activities import find_bouts, read_activity
from tests.support.watchfiles import walk_run_fit

REPEATS = 7


def main() -> None:
    data = walk_run_fit(
        datetime(2026, 3, 14, 7, 30, tzinfo=UTC), [("walk", 60), ("run", 60)] * 280, rich=True
    )
    samples = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        find_bouts(read_activity("long.fit", data))
        samples.append((time.perf_counter() - began) * 1000)
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    name = f"watch file read + bouts ({len(data) / 1e6:.1f} MB FIT)"
    print(
        f"{name:<34} median {statistics.median(samples):8.2f} ms   "
        f"min {ordered[0]:8.2f} ms   p90 {p90:8.2f} ms   (n={len(samples)})"
    )


if __name__ == "__main__":
    main()
