"""Project commands: ``python3 tasks.py example|test|lint|typecheck|docs|mutmut|ci``.

Each command prepares its own virtual environment in ``.venv`` (created and
filled on first use, refreshed when ``pyproject.toml`` or
``requirements-dev.txt`` change), so a fresh machine needs only Python 3.11
and access to the package index. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
INPUTS = ("pyproject.toml", "requirements-dev.txt")


def _stamp() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup() -> None:
    """Create ``.venv`` and install the project and its tools, when needed."""
    marker = VENV / ".incompany-rules-stamp"
    if marker.exists() and marker.read_text() == _stamp():
        return
    if not PYTHON.exists():
        print("setting up .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "-r", "requirements-dev.txt", "-e", "."])
    marker.write_text(_stamp())


def run(command: list[str], **env: str) -> None:
    """Run ``command`` from the project root; stop with its exit code if it fails."""
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def tool(name: str) -> str:
    """Return the path of a console script installed in ``.venv``."""
    return str(BIN / name)


def example() -> None:
    """Walk one session through the whole process, printing each step."""
    run([str(PYTHON), "examples/walkthrough.py"])


def test() -> None:
    """Run the whole test suite, doctests included, with branch coverage."""
    run([tool("pytest"), "--cov", "--cov-report=term", *sys.argv[2:]])


def lint() -> None:
    """Run ruff's linter and format check."""
    run([tool("ruff"), "check", "."])
    run([tool("ruff"), "format", "--check", "."])


def typecheck() -> None:
    """Run ``mypy --strict`` over the source and the tests."""
    run([tool("mypy")])


def docs() -> None:
    """Build the documentation site, failing on any warning."""
    run([tool("mkdocs"), "build", "--strict", "--quiet"], NO_MKDOCS_2_WARNING="1")


def mutmut() -> None:
    """Mutation testing of ``src/`` (slow; ``docs/contributing.md`` explains it)."""
    children = str(os.cpu_count() or 2)
    run([tool("mutmut"), "run", "--max-children", children], HYPOTHESIS_PROFILE="mutmut")
    run([tool("mutmut"), "export-cicd-stats"])


def ci() -> None:
    """Everything CI runs."""
    test()
    lint()
    typecheck()
    docs()


COMMANDS = {f.__name__: f for f in (example, test, lint, typecheck, docs, mutmut, ci)}


def main() -> None:
    """Dispatch ``sys.argv[1]`` to a command."""
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        names = "|".join(COMMANDS)
        sys.exit(f"usage: python3 tasks.py {names} [pytest options]")
    setup()
    COMMANDS[sys.argv[1]]()


if __name__ == "__main__":
    main()
