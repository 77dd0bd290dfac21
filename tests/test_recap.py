"""The recap line (R4)."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import refused_as
from incompany_rules import InvalidTypeError, InvalidValueError, recap_line, recap_lines
from incompany_rules.examples import confirmed_session, requested_session


class TestRecapLine:
    @pytest.mark.parametrize(
        ("start", "hours", "expected_tail"),
        [
            (
                pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"),
                3.5,
                "01/04/2026 - 09:00-12:30",
            ),
            # given in UTC, shown on the Brussels clock, summer and winter
            (pendulum.datetime(2026, 7, 14, 7, 15, tz="UTC"), 2, "14/07/2026 - 09:15-11:15"),
            (pendulum.datetime(2026, 12, 3, 13, tz="UTC"), 1.5, "03/12/2026 - 14:00-15:30"),
            # the class on the day clocks go back: 3 hours from 01:30 CEST end at 03:30 CET
            (pendulum.datetime(2026, 10, 24, 23, 30, tz="UTC"), 3, "25/10/2026 - 01:30-03:30"),
        ],
    )
    def test_the_line_reads_project_group_title_date_and_local_hours(
        self, start: pendulum.DateTime, hours: float, expected_tail: str
    ) -> None:
        line = recap_line(confirmed_session(start, hours=hours))
        assert f"IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - {expected_tail}" == line

    @pytest.mark.parametrize(
        ("lang", "placeholder"),
        [("fr", "date à confirmer"), ("nl", "datum te bevestigen"), ("en", "date to be confirmed")],
    )
    def test_an_unconfirmed_session_says_its_date_is_to_be_confirmed(
        self, lang: str, placeholder: str
    ) -> None:
        session = requested_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        assert recap_line(session, lang=lang).endswith(f" - {placeholder}")  # type: ignore[arg-type]

    def test_an_unknown_language_is_refused(self) -> None:
        session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        with refused_as(InvalidValueError, "lang"):
            recap_line(session, lang="de")  # type: ignore[arg-type]

    @pytest.mark.parametrize("lang", [None, 1, ["fr"], "FR"])
    def test_a_language_that_is_not_one_of_the_three_codes_is_refused(self, lang: object) -> None:
        session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        with refused_as(InvalidValueError, "lang"):
            recap_line(session, lang=lang)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [None, "IC-2026-0042/G1"])
    def test_anything_but_a_session_is_refused(self, value: object) -> None:
        with refused_as(InvalidTypeError, "session"):
            recap_line(value)  # type: ignore[arg-type]

    @given(st.sampled_from(["fr", "nl", "en"]))
    def test_a_confirmed_line_is_the_same_in_every_language(self, lang: str) -> None:
        """R4: one line per session, in the source's field order, whatever the language."""
        session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        assert recap_line(session) == recap_line(session, lang=lang)  # type: ignore[arg-type]


class TestRecapLines:
    def test_a_projects_groups_come_in_the_order_of_their_classes(self) -> None:
        """R4: the recap mail lists every group; unconfirmed ones last, by group."""
        april = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        march = confirmed_session(pendulum.datetime(2026, 3, 25, 13, tz="Europe/Brussels"))
        later = requested_session(pendulum.datetime(2026, 5, 6, 9, tz="Europe/Brussels"))
        lines = recap_lines(
            [later.evolve(group="G4"), april, later.evolve(group="G3"), march.evolve(group="G2")],
            lang="en",
        )
        assert ["G2", "G1", "G3", "G4"] == [line.split(" - ")[0][-2:] for line in lines]
        assert lines[-1].endswith("date to be confirmed")

    def test_no_session_gives_no_line(self) -> None:
        assert () == recap_lines([])

    @pytest.mark.parametrize(
        "sessions",
        ["IC-2026-0042/G1", 3, ["IC-2026-0042/G1"]],
    )
    def test_anything_but_sessions_is_refused(self, sessions: object) -> None:
        with refused_as(InvalidTypeError, "sessions"):
            recap_lines(sessions)  # type: ignore[arg-type]
