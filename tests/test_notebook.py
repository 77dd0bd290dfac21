"""The analysts' notebook is a notebook: clean in the repository, run top to bottom in a kernel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "fees_year.ipynb"


def cells() -> list[dict[str, Any]]:
    notebook: dict[str, Any] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return list(notebook["cells"])


def source(cell: dict[str, Any]) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


class TestCommittedNotebook:
    def test_it_is_committed_without_outputs(self) -> None:
        """Outputs are made at every docs build and test run, never kept stale in git."""
        code = [cell for cell in cells() if cell["cell_type"] == "code"]
        assert code
        assert [] == [source(c)[:40] for c in code if c["outputs"] or c["execution_count"]]

    def test_it_reads_like_a_notebook_not_a_build_step(self) -> None:
        """No path of its own, no backend switched: it runs as a reader runs it."""
        plumbing = ("__file__", "mpl.use", "Agg", "savefig", "NOTEBOOK_OUTPUT")
        code = "\n".join(source(c) for c in cells() if c["cell_type"] == "code")
        assert [] == [word for word in plumbing if word in code]

    def test_the_site_runs_it_and_offers_it_for_download(self) -> None:
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        plugin = config[config.index("  - mkdocs-jupyter:") :]
        assert "execute: true" in plugin
        assert "cache: false" in plugin
        assert "include_source: true" in plugin
        assert "notebooks/fees_year.ipynb" in config
        assert "docs/hooks.py" not in config
        assert "](fees_year.ipynb)" in source(cells()[0])  # the page links the copy beside it


@pytest.fixture(scope="module")
def executed() -> list[dict[str, Any]]:
    """The notebook's cells after a run in a Jupyter kernel, as ``jupyter nbconvert --execute``."""
    nbformat = pytest.importorskip("nbformat", reason="requirements-dev.txt")
    nbclient = pytest.importorskip("nbclient", reason="requirements-dev.txt")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": ROOT}}
    ).execute()
    return list(notebook.cells)


class TestRunInAKernel:
    def test_every_cell_runs(self, executed: list[dict[str, Any]]) -> None:
        outputs = [o for c in executed if c["cell_type"] == "code" for o in c["outputs"]]
        assert [] == [o for o in outputs if o["output_type"] == "error"]
        assert all(c["execution_count"] for c in executed if c["cell_type"] == "code")

    def test_its_plots_are_inline_images(self, executed: list[dict[str, Any]]) -> None:
        images = [
            o["data"]["image/png"]
            for c in executed
            if c["cell_type"] == "code"
            for o in c["outputs"]
            if "image/png" in o.get("data", {})
        ]
        assert len(images) >= 1
        assert len(images) == sum("plt.show()" in source(c) for c in executed)

    def test_it_shows_the_year_and_the_what_ifs(self, executed: list[dict[str, Any]]) -> None:
        printed = "".join(
            o.get("text", "")
            for c in executed
            for o in c.get("outputs", ())
            if o["output_type"] == "stream"
        )
        tables = "".join(
            o["data"].get("text/plain", "")
            for c in executed
            for o in c.get("outputs", ())
            if o["output_type"] == "execute_result"
        )
        assert printed.startswith("240 sessions, classes from 09/01/2026 to 30/12/2026\n")
        assert "240 sessions read back from 240 + 1873 rows" in printed
        assert "free until D-7" in tables
        assert "minimum 5" in tables
