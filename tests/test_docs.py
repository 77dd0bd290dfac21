"""The documentation site: what it shows is what the library computes."""

from __future__ import annotations

import re
from pathlib import Path

import incompany_rules
from incompany_rules.process import markdown_table

DOCS = Path(__file__).resolve().parents[1] / "docs"
SOURCE = Path(incompany_rules.__file__).resolve().parent


class TestRulesCatalogue:
    def test_every_rule_has_its_id_its_french_words_and_a_reading(self) -> None:
        """Each of R1-R18 has a heading with its id, a quote of the source and a reading."""
        text = (DOCS / "rules.md").read_text(encoding="utf-8")
        sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
        found = {}
        for section in sections:
            head, _, body = section.partition("\n")
            rule = head.split(":")[0]
            if not re.fullmatch(r"R\d+", rule):
                continue  # readings shared by several rules, under their own heading
            paragraphs = [p for p in body.split("\n\n") if p.strip()]
            quotes = [p for p in paragraphs if p.startswith("> «")]
            readings = [p for p in paragraphs if not p.startswith(">")]
            found[rule] = (len(quotes) >= 1, len(readings) >= 1)
        assert {f"R{n}": (True, True) for n in range(1, 19)} == found

    def test_the_process_table_is_the_librarys_own(self) -> None:
        """docs/rules.md shows incompany_rules.process.PROCESS as it is: they cannot drift."""
        text = (DOCS / "rules.md").read_text(encoding="utf-8")
        shown = text.split("<!-- process-table:start -->\n")[1].split("<!-- process-table:end -->")[
            0
        ]
        assert markdown_table() == shown


class TestReference:
    def test_every_public_module_has_a_reference_page(self) -> None:
        """Each module of the package is documented on a page of its own."""
        modules = {p.stem for p in SOURCE.glob("*.py") if not p.stem.startswith("_")}
        pages = {
            p.stem
            for p in (DOCS / "reference").glob("*.md")
            if f"::: incompany_rules.{p.stem}" in p.read_text(encoding="utf-8")
        }
        assert set() == modules - pages

    def test_every_page_is_in_the_navigation(self) -> None:
        """No page of the site is left out of the menu."""
        nav = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
        pages = {
            p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if "notebooks" not in p.parts
        }
        assert set() == {page for page in pages if f" {page}" not in nav}
