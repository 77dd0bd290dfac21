"""Fee rows of many sessions with Dask: each partition builds its own sessions.

The export is a set of JSON-lines files, one chunk of sessions each, one
session's plain-data form (``incompany_rules.to_data``) per line. Dask
makes one partition per file; each partition reads its file, builds its
sessions with ``from_data`` and returns their fee rows. Sessions are never
shipped between processes or machines: file names go out, rows come back.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import dask.bag as db

from incompany_rules import Session, fee_rows, from_data, to_data

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    import pendulum

    from incompany_rules.batch import Row


def write_chunks(sessions: Sequence[Session], folder: Path, *, chunk: int) -> list[Path]:
    """Write ``sessions`` as JSON lines, ``chunk`` sessions per file, as an export would."""
    paths = []
    for number, first in enumerate(range(0, len(sessions), chunk)):
        path = folder / f"sessions-{number:04d}.jsonl"
        lines = (json.dumps(to_data(session)) for session in sessions[first : first + chunk])
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def rows_of_chunk(lines: Iterable[str], now: pendulum.DateTime) -> list[Row]:
    """Build the sessions of one chunk from their plain data; return their fee rows."""
    return fee_rows((from_data(json.loads(line)) for line in lines), now)


def fee_rows_with_dask(
    paths: Sequence[Path], now: pendulum.DateTime, *, scheduler: str = "processes"
) -> list[Row]:
    """Return the fee rows of every session of ``paths``, one Dask partition per file.

    ``scheduler="processes"`` runs the partitions in parallel on this
    machine; with a ``distributed.Client`` created first, ``compute()`` runs
    them on its cluster instead (pass ``scheduler=None``).
    """
    bag = db.read_text([str(path) for path in paths], files_per_partition=1)
    return list(bag.map_partitions(rows_of_chunk, now).compute(scheduler=scheduler))


def fee_rows_serial(paths: Sequence[Path], now: pendulum.DateTime) -> list[Row]:
    """The same rows, one file after the other in this process: the baseline."""
    rows: list[Row] = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            rows.extend(rows_of_chunk(lines, now))
    return rows
