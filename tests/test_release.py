"""What a release ships: its version, its changelog, and the tools each command installs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import incompany_rules

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def names(path: Path) -> set[str]:
    """Return the lower-case project names a requirements file lists, nested files included."""
    found: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found |= names(path.parent / line.removeprefix("-r ").strip())
        elif line and not line.startswith("-"):
            match = NAME.match(line)
            assert match is not None, line
            found.add(match.group().lower())
    return found


def pins() -> dict[str, str]:
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    found = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", text, re.MULTILINE)
    return {name.lower(): version for name, version in found}


class TestRequirementGroups:
    def test_every_tool_a_command_installs_is_pinned_once(self) -> None:
        named = set().union(*(names(p) for p in (ROOT / "requirements").glob("*.txt")))
        assert set() == named - set(pins())

    def test_every_pinned_tool_is_installed_by_some_command(self) -> None:
        named = set().union(*(names(p) for p in (ROOT / "requirements").glob("*.txt")))
        assert set() == set(pins()) - named

    def test_each_group_takes_its_versions_from_the_pins(self) -> None:
        for group in (ROOT / "requirements").glob("*.txt"):
            assert "-c ../requirements-dev.txt" in group.read_text(encoding="utf-8"), group.name

    def test_the_test_tools_include_the_docs_tools_the_site_test_builds_with(self) -> None:
        group = names(ROOT / "requirements" / "test.txt")
        assert {"pytest", "hypothesis", "mkdocs", "mkdocs-material"} <= group
        assert set() == group & {"ruff", "mypy", "mutmut"}


class TestRelease:
    def test_the_version_is_the_latest_section_of_the_changelog(self) -> None:
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        headings = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
        assert "Unreleased" == headings[0]
        assert incompany_rules.__version__ == headings[1]

    def test_the_licence_file_is_declared_and_shipped(self) -> None:
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert "MIT" == project["license"]
        assert ["LICENSE"] == project["license-files"]
        assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
