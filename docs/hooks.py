"""Build hooks for the documentation site: run the notebooks and render them as pages.

Each ``docs/notebooks/<name>.py`` is a plain Python script in the *percent*
cell format (``# %%`` opens a code cell, ``# %% [markdown]`` a markdown cell
whose lines are comments). At every build, :func:`on_files` runs each script
cell by cell in one namespace, with ``NOTEBOOK_OUTPUT`` pointing at a fresh
temporary folder ``<name>_plots``, and adds to the site ``notebooks/<name>.md`` (the markdown
cells, each code cell and what it printed, and the images it wrote) and
those images. Nothing the run produces is kept in the repository, so the
page cannot be stale; a cell that raises fails the build.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"
_MARKER = re.compile(r"^# %%( \[markdown\])?[^\n]*$", re.MULTILINE)


def cells(source: str) -> list[tuple[str, str]]:
    """Split a percent-format script into ``(kind, text)`` cells, kind ``code`` or ``markdown``.

    >>> cells("# %% [markdown]\\n# # Title\\n#\\n# Text.\\n\\n# %%\\nx = 1\\n")
    [('markdown', '# Title\\n\\nText.'), ('code', 'x = 1')]
    """
    found: list[tuple[str, str]] = []
    markers = list(_MARKER.finditer(source))
    for marker, following in zip(markers, [*markers[1:], None], strict=True):
        end = len(source) if following is None else following.start()
        text = source[marker.end() : end].strip("\n")
        if marker.group(1):
            lines = [line.removeprefix("#").removeprefix(" ") for line in text.splitlines()]
            found.append(("markdown", "\n".join(lines).strip()))
        elif text.strip():
            found.append(("code", text.rstrip()))
    return found


def render(script: Path, output: Path) -> str:
    """Run ``script`` cell by cell, its images going to ``output``; return the page.

    Images are linked as ``<output folder name>/<file>``, so ``output``
    sits next to the page in the built site.
    """
    output.mkdir(parents=True, exist_ok=True)
    namespace: dict[str, object] = {"__name__": "__main__", "__file__": str(script)}
    parts: list[str] = []
    previous = os.environ.get("NOTEBOOK_OUTPUT")
    os.environ["NOTEBOOK_OUTPUT"] = str(output)
    try:
        for kind, text in cells(script.read_text(encoding="utf-8")):
            if kind == "markdown":
                parts.append(text)
                continue
            before = set(output.iterdir())
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(text, str(script), "exec"), namespace)  # noqa: S102 (our own notebook)
            parts.append(f"```python\n{text}\n```")
            if printed.getvalue().strip():
                parts.append(f"```text\n{printed.getvalue().rstrip()}\n```")
            parts.extend(
                f"![{image.stem.replace('_', ' ')}]({output.name}/{image.name})"
                for image in sorted(set(output.iterdir()) - before)
            )
    finally:
        if previous is None:
            del os.environ["NOTEBOOK_OUTPUT"]
        else:
            os.environ["NOTEBOOK_OUTPUT"] = previous
    return "\n\n".join(parts) + "\n"


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run every notebook and add its page and images to the site."""
    for script in sorted(NOTEBOOKS.glob("*.py")):
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / f"{script.stem}_plots"
            page = render(script, output)
            _replace(files, File.generated(config, f"notebooks/{script.stem}.md", content=page))
            for image in sorted(output.iterdir()):
                uri = f"notebooks/{output.name}/{image.name}"
                _replace(files, File.generated(config, uri, content=image.read_bytes()))
    return files
