"""The analysts' notebook runs from a fresh clone and draws its plots during the run."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "fees_year.py"
PLOTS = {
    "fees_per_month.png",
    "sessions_per_month.png",
    "attendance.png",
    "milestones_per_month.png",
}
PNG = b"\x89PNG\r\n\x1a\n"


def needs_notebook_tools() -> None:
    pytest.importorskip("pandas", reason="the notebook needs pandas (requirements-dev.txt)")
    pytest.importorskip("matplotlib", reason="the notebook needs matplotlib (requirements-dev.txt)")


def hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestNotebookAsAScript:
    def test_the_script_runs_and_writes_every_plot(self, tmp_path: Path) -> None:
        """``python docs/notebooks/fees_year.py`` succeeds and writes its PNG files."""
        needs_notebook_tools()
        result = subprocess.run(  # noqa: S603 (a fixed command)
            [sys.executable, str(NOTEBOOK)],
            env={**os.environ, "NOTEBOOK_OUTPUT": str(tmp_path), "MPLBACKEND": ""},
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert (0, "") == (result.returncode, result.stderr)
        assert result.stdout.startswith("240 sessions, classes from ")
        assert PLOTS == {p.name for p in tmp_path.iterdir()}
        assert all(p.read_bytes().startswith(PNG) for p in tmp_path.iterdir())


class TestRenderedPage:
    def test_the_page_shows_each_cell_its_output_and_its_plots(self, tmp_path: Path) -> None:
        """The build's page interleaves prose, code, printed tables and the images just drawn."""
        needs_notebook_tools()
        output = tmp_path / "fees_year_plots"
        page = hooks().render(NOTEBOOK, output)
        assert page.startswith("# A year of sessions\n")
        assert {f"](fees_year_plots/{name})" for name in PLOTS} <= {
            line[line.index("](") :] for line in page.splitlines() if line.startswith("![")
        }
        assert PLOTS == {p.name for p in output.iterdir()}
        assert "```text\n240 sessions" in page
        assert "NOTEBOOK_OUTPUT" not in os.environ

    def test_cells_split_prose_from_code(self) -> None:
        """Markdown cells lose their comment marks; empty code cells are dropped."""
        source = "# %% [markdown]\n# ## Title\n#\n# Prose.\n\n# %%\n\n# %%\nx = 1\n"
        assert [("markdown", "## Title\n\nProse."), ("code", "x = 1")] == hooks().cells(source)
