"""Time the fee rows of many sessions: serial, Dask processes, Dask with sessions shipped.

Run from the project root::

    .venv/bin/python bench/bench_dask.py [--sessions N] [--chunk C] [--repeat R]

It writes ``N`` sessions (default 20,000; ``examples.year_of_sessions``) as
JSON-lines files of ``C`` sessions each (default 1,000), as an export would,
then times, best of ``R`` runs (default 3):

- ``serial``: this process reads each file, builds its sessions
  (``from_data``) and computes their fee rows (``fee_rows_serial`` of
  ``docs/examples/dask_rows.py``);
- ``dask``: the same, one Dask partition per file, on the local processes
  scheduler (``fee_rows_with_dask``): file names go out, rows come back;
- ``dask, sessions shipped``: this process reads the files and builds the
  sessions, then sends them to the worker processes, which compute the
  rows.

All three give the same rows (checked before timing). The ratio is to the
serial time measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask.bag as db
import pendulum

from incompany_rules import fee_rows, from_data
from incompany_rules.examples import year_of_sessions

if TYPE_CHECKING:
    from collections.abc import Callable

sys.path.append(str(Path(__file__).resolve().parents[1] / "docs" / "examples"))
example: Any = importlib.import_module("dask_rows")
NOW = pendulum.datetime(2027, 2, 1, tz="Europe/Brussels")


def best(run: Callable[[], object], repeat: int) -> float:
    """Return the best wall-clock time of ``repeat`` runs of ``run``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Time the three ways over the same sessions and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sessions = year_of_sessions(2026, count=args.sessions)
    with tempfile.TemporaryDirectory() as folder:
        paths = example.write_chunks(sessions, Path(folder), chunk=args.chunk)
        partitions = len(paths)

        def shipped() -> list[object]:
            built = [
                from_data(json.loads(line))
                for path in paths
                for line in path.read_text(encoding="utf-8").splitlines()
            ]
            bag = db.from_sequence(built, npartitions=partitions)  # type: ignore[no-untyped-call]
            return list(bag.map_partitions(fee_rows, NOW).compute(scheduler="processes"))

        ways: dict[str, Callable[[], object]] = {
            "serial": lambda: example.fee_rows_serial(paths, NOW),
            "dask": lambda: example.fee_rows_with_dask(paths, NOW),
            "dask, sessions shipped": shipped,
        }
        expected = fee_rows(sessions, NOW)
        for name, run in ways.items():
            if run() != expected:
                sys.exit(f"{name}: rows differ from fee_rows over the same sessions")
        print(
            f"{len(sessions):,} sessions in {partitions} files, {len(expected):,} fee rows,"
            f" {os.cpu_count()} cores, best of {args.repeat}"
        )
        print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        serial = best(ways["serial"], args.repeat)
        print(f"{'':24} {'seconds':>8} {'vs serial':>10}")
        for name, run in ways.items():
            seconds = serial if name == "serial" else best(run, args.repeat)
            print(f"{name:24} {seconds:8.2f} {serial / seconds:9.2f}x")
        print("load average after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
