"""The Dask example of the analysts' how-to gives the serial rows, on local processes."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum
import pytest

from incompany_rules import fee_rows
from incompany_rules.examples import year_of_sessions

if TYPE_CHECKING:
    from types import ModuleType

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
NOW = pendulum.datetime(2027, 2, 1, tz="Europe/Brussels")


@pytest.fixture(scope="module")
def example() -> ModuleType:
    """docs/examples/dask_rows.py, importable by name in Dask's worker processes too."""
    pytest.importorskip("dask", reason="dask is in requirements-dev.txt")
    if str(EXAMPLES) not in sys.path:
        sys.path.append(str(EXAMPLES))  # worker processes start with the parent's path
    return importlib.import_module("dask_rows")


def test_dask_processes_give_the_serial_rows(example: ModuleType, tmp_path: Path) -> None:
    sessions = year_of_sessions(2026, count=120)
    paths = example.write_chunks(sessions, tmp_path, chunk=30)
    assert 4 == len(paths)
    rows = example.fee_rows_with_dask(paths, NOW, scheduler="processes")
    assert fee_rows(sessions, NOW) == rows
    assert example.fee_rows_serial(paths, NOW) == rows
    assert rows


def test_each_file_is_one_partition(example: ModuleType, tmp_path: Path) -> None:
    sessions = year_of_sessions(2026, count=12)
    paths = example.write_chunks(sessions, tmp_path, chunk=5)
    assert [5, 5, 2] == [len(p.read_text(encoding="utf-8").splitlines()) for p in paths]
    rows = example.fee_rows_with_dask(paths, NOW, scheduler="synchronous")
    assert fee_rows(sessions, NOW) == rows
