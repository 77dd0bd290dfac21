"""The documentation site: what it shows is what the library computes."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import pendulum

import incompany_rules
from incompany_rules import Session, milestones, schedule
from incompany_rules.examples import confirmed_session
from incompany_rules.process import markdown_table

DOCS = Path(__file__).resolve().parents[1] / "docs"
SOURCE = Path(incompany_rules.__file__).resolve().parent

#: The session drawn on the home page: a class across the March change of clock.
HOME_SESSION = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))


def timeline(session: Session) -> str:
    """Return the mermaid gantt chart of ``session``'s milestones, as the home page shows it."""
    plan = schedule(session)
    lines = [
        "gantt",
        (
            f"    title One session: class on {plan.start:dddd D MMMM YYYY}, "
            f"{plan.start:HH:mm}-{plan.end:HH:mm} ({session.policy.timezone})"
        ),
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d/%m",
        "    section Windows",
        (
            f"    Registration open (R8) : {plan.dates_confirmed:YYYY-MM-DD}, "
            f"{plan.registration_closes:YYYY-MM-DD}"
        ),
        (
            f"    Free cancellation (R15) : {plan.dates_confirmed:YYYY-MM-DD}, "
            f"{plan.free_cancellation_closes:YYYY-MM-DD}"
        ),
        "    section Milestones",
    ]
    for day, same_day in groupby(milestones(session), key=lambda m: m.at.date()):
        found = list(same_day)
        names = " / ".join(m.kind.value.replace("_", " ") for m in found)
        rules = " ".join(dict.fromkeys(m.rule for m in found))
        lines.append(f"    {names.capitalize()} ({rules}) : milestone, {day.isoformat()}, 0d")
    return "\n".join(lines)


def mermaid_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL)]


class TestHomePage:
    def test_the_timeline_is_the_calendar_of_the_example_session(self) -> None:
        """The diagram on the home page is what milestones() gives for its session.

        When the calendar changes, this test fails and prints the new diagram.
        """
        assert [timeline(HOME_SESSION)] == mermaid_blocks("index.md")


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
