"""The texts module: one table, French by default, money and days as each language writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from incompany_rules import InvalidValueError
from incompany_rules.languages import LANGUAGES
from incompany_rules.texts import DEFAULT_LANGUAGE, TEXTS, day, moment, money, text, until

BRUSSELS = "Europe/Brussels"


class TestMoney:
    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            ("fr", "375,00 €"),
            ("nl", "€ 375,00"),
            ("en", "€375.00"),
        ],
    )
    def test_each_language_writes_euros_its_own_way(self, lang: str, expected: str) -> None:
        assert expected == money(Decimal(375), lang)  # type: ignore[arg-type]

    def test_cents_and_thousands(self) -> None:
        assert "1 234,50 €" == money(Decimal("1234.5"))
        assert "€301.00" == money(Decimal(301), "en")


class TestDays:
    def test_the_first_of_the_month_is_premier_in_french(self) -> None:
        assert "mercredi 1er avril 2026" == day(dt.date(2026, 4, 1))
        assert "woensdag 1 april 2026" == day(dt.date(2026, 4, 1), "nl")
        assert "Wednesday 1 April 2026" == day(dt.date(2026, 4, 1), "en")

    def test_other_days_are_plain_numbers(self) -> None:
        assert "jeudi 2 avril 2026" == day(dt.date(2026, 4, 2))

    def test_an_instant_is_its_local_day_and_time(self) -> None:
        at = pendulum.datetime(2026, 10, 25, 2, 30, tz=BRUSSELS)
        assert "dimanche 25 octobre 2026 à 02:30" == moment(at)
        assert "zondag 25 oktober 2026 om 02:30" == moment(at, "nl")

    @pytest.mark.parametrize(
        ("closes", "expected"),
        [
            # the end of D-3 across the March change: Sunday's last minute
            (pendulum.datetime(2026, 3, 30, tz=BRUSSELS), "Sunday 29 March 2026 at 23:59"),
            # a window closing at a class start
            (pendulum.datetime(2026, 4, 1, 9, tz=BRUSSELS), "Wednesday 1 April 2026 at 08:59"),
            # the end of a day across the October change
            (pendulum.datetime(2026, 10, 26, tz=BRUSSELS), "Sunday 25 October 2026 at 23:59"),
        ],
    )
    def test_a_window_is_shown_by_its_last_minute(
        self, closes: pendulum.DateTime, expected: str
    ) -> None:
        assert expected == until(closes, "en")


class TestTable:
    def test_every_text_has_the_three_languages(self) -> None:
        assert all(len(row) == len(LANGUAGES) for row in TEXTS.values())

    def test_french_is_the_default(self) -> None:
        assert "fr" == DEFAULT_LANGUAGE
        assert "date à confirmer" == text("recap.to_be_confirmed")

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="lang"):
            text("recap.to_be_confirmed", "de")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="lang"):
            money(Decimal(1), "de")  # type: ignore[arg-type]
