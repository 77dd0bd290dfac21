"""Project commands: ``python3 tasks.py example|test|lint|typecheck|docs|mutmut|wheel|ci``.

Each command prepares the virtual environment ``.venv`` it runs in, with
only what it needs: ``example`` installs the package and its runtime
dependencies; ``test``, ``lint``, ``typecheck``, ``docs`` and ``mutmut``
add their tools, named in ``requirements/<command>.txt`` and pinned once in
``requirements-dev.txt``. A group is installed on first use and again when
``pyproject.toml`` or a requirements file changes, so a fresh machine needs
only Python 3.11 and access to the package index. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
SCRIPTS = "Scripts" if os.name == "nt" else "bin"
BIN = VENV / SCRIPTS
PYTHON = BIN / "python"
REQUIREMENTS = ROOT / "requirements"
STARTED = time.monotonic()


def say(message: str) -> None:
    """Print a progress line with the seconds since the command started."""
    print(f"[{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


def _stamp(group: str | None) -> str:
    """Hash what decides the contents of ``group`` (``None``: the package alone)."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    if group is not None:
        digest.update((ROOT / "requirements-dev.txt").read_bytes())
        for path in sorted(REQUIREMENTS.glob("*.txt")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def pip_install(python: Path, arguments: list[str]) -> None:
    """Run ``pip install`` with ``python``, printing one line per package it fetches."""
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", *arguments]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PIP_PROGRESS_BAR": "off"},
    )
    assert process.stdout is not None  # noqa: S101 (stdout=PIPE above)
    log: list[str] = []
    for line in process.stdout:
        log.append(line)
        if "Installing build dependencies" in line and "finished" not in line:
            say("  preparing the build of the package (hatchling) ...")
        elif line.startswith("Collecting "):
            say(f"  fetching {line.split()[1]}")
        elif line.startswith("Installing collected packages"):
            count = len(line.split(":", 1)[1].split(","))
            say(f"  installing {count} packages ...")
    if process.wait() != 0:
        sys.stdout.write("".join(log))
        sys.exit(f"pip install failed (exit code {process.returncode})")


def setup(group: str | None) -> None:
    """Make sure ``.venv`` holds the package and, unless ``None``, the tools of ``group``."""

    def current(name: str, stamp: str) -> bool:
        marker = VENV / f".incompany-rules-{name}"
        return marker.exists() and marker.read_text() == stamp

    if current("package" if group is None else group, _stamp(group)):
        return
    if not PYTHON.exists():
        say("creating .venv (a virtual environment beside tasks.py) ...")
        venv.EnvBuilder(with_pip=True).create(VENV)
    if group is None:
        say("installing incompany-rules and its dependencies into .venv ...")
        pip_install(PYTHON, ["-e", "."])
    else:
        say(f"installing the {group} tools (requirements/{group}.txt) into .venv ...")
        package = [] if current("package", _stamp(None)) else ["-e", "."]
        pip_install(PYTHON, [*package, "-r", f"requirements/{group}.txt"])
        (VENV / f".incompany-rules-{group}").write_text(_stamp(group))
    (VENV / ".incompany-rules-package").write_text(_stamp(None))
    say("ready")


def run(command: list[str], **env: str) -> None:
    """Run ``command`` from the project root; stop with its exit code if it fails."""
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, **env}, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def tool(name: str) -> str:
    """Return the path of a console script installed in ``.venv``."""
    return str(BIN / name)


def readme_example() -> str:
    """Return the README's Python example, its first ``python`` code block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("```python\n", 1)[1].split("```", 1)[0]


def example() -> None:
    """Walk one session through the whole process, printing each step."""
    setup(None)
    run([str(PYTHON), "examples/walkthrough.py"])


def test() -> None:
    """Run the whole test suite, doctests included, with branch coverage."""
    setup("test")
    run([tool("pytest"), "--cov", "--cov-report=term", *sys.argv[2:]])


def lint() -> None:
    """Run ruff's linter and format check."""
    setup("lint")
    run([tool("ruff"), "check", "."])
    run([tool("ruff"), "format", "--check", "."])


def typecheck() -> None:
    """Run ``mypy --strict`` over the source and the tests."""
    setup("typecheck")
    run([tool("mypy")])


def docs() -> None:
    """Build the documentation site into ``site/``, failing on any warning."""
    setup("docs")
    run([tool("mkdocs"), "build", "--strict", "--quiet"], NO_MKDOCS_2_WARNING="1")


def mutmut() -> None:
    """Mutation testing of ``src/`` (slow; ``docs/contributing.md`` explains it)."""
    setup("mutmut")
    children = str(os.cpu_count() or 2)
    run([tool("mutmut"), "run", "--max-children", children], HYPOTHESIS_PROFILE="mutmut")
    run([tool("mutmut"), "export-cicd-stats"])


def wheel() -> None:
    """Build the wheel, install it in a fresh venv and run the README's example with it."""
    setup(None)
    dist = ROOT / "dist"
    for old in dist.glob("incompany_rules-*.whl"):
        old.unlink()
    say("building the wheel into dist/ ...")
    run([str(PYTHON), "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), "."])
    (built,) = dist.glob("incompany_rules-*.whl")
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "venv"
        say(f"installing {built.name} into a fresh venv ...")
        venv.EnvBuilder(with_pip=True).create(fresh)
        python = fresh / SCRIPTS / "python"
        pip_install(python, [str(built)])
        say("running the README's example with the installed wheel ...")
        result = subprocess.run(
            [str(python), "-I", "-c", readme_example()], cwd=scratch, check=False
        )
    if result.returncode != 0:
        sys.exit(result.returncode)
    say(f"the README's example ran with {built.name}")


def ci() -> None:
    """Everything CI runs."""
    test()
    lint()
    typecheck()
    docs()
    wheel()


COMMANDS = {f.__name__: f for f in (example, test, lint, typecheck, docs, mutmut, wheel, ci)}


def main() -> None:
    """Dispatch ``sys.argv[1]`` to a command."""
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        names = "|".join(COMMANDS)
        sys.exit(f"usage: python3 tasks.py {names} [pytest options]")
    COMMANDS[sys.argv[1]]()


if __name__ == "__main__":
    main()
