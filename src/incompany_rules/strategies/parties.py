"""Strategies for the parties of a request: companies, their HR accounts, trainings."""

from __future__ import annotations

import pendulum
from hypothesis import strategies as st

from incompany_rules.session import Company, HrAccount, Training
from incompany_rules.strategies._checks import _flag, _strategy
from incompany_rules.strategies.people import _ALNUM, emails

__all__ = ["companies", "hr_accounts", "trainings"]


_COMPANY_NAMES = ("Acme", "Brasserie du Parc", "Vlaamse Logistiek", "Digital Wallonia", "Zénith")
_LEGAL_FORMS = ("SA", "SRL", "NV", "BV", "ASBL", "VZW")


def _enterprise_number(first_eight: int) -> str:
    digits = f"{first_eight:08d}{97 - first_eight % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


_PLANS_FROM = pendulum.datetime(2018, 1, 1, tz="Europe/Brussels")
_PLANS_UNTIL = pendulum.datetime(2030, 12, 31, 23, 59, 59, tz="Europe/Brussels")


def _plan_submitted(seconds: int) -> pendulum.DateTime:
    return _PLANS_FROM.add(seconds=seconds)


def companies(*, training_plan_submitted: bool | None = None) -> st.SearchStrategy[Company]:
    """Return a strategy for client companies.

    The number is a well-formed Belgian enterprise number (`0ddd.ddd.ddd` or
    `1ddd.ddd.ddd` with its mod-97 check, from `0200.000.043` to
    `1999.999.943`); the name a company name of 1 to 30 characters (ASCII
    letters, digits, spaces, `&`, `'` and `-`, or a sample name such as
    `Zénith`) and a legal form (SA, SRL, NV, BV, ASBL or VZW).
    `training_plan_submitted` fixes whether the company has submitted its
    training plan (R1; `None`: either); when it has,
    `training_plan_submitted_at` is a whole second from 2018 to 2030 on the
    Brussels clock. [`sessions`][incompany_rules.strategies.sessions] moves it
    before the request.

    Shrinks towards `Company('0200.000.043', 'Acme SA')`, with no training
    plan submitted.
    """
    submitted = _flag(training_plan_submitted, "training_plan_submitted")
    numbers = st.integers(2_000_000, 19_999_999).map(_enterprise_number)
    # Equivalent: an X more draws nothing new, X is one of the letters already.
    characters = _ALNUM + " &'-"  # pragma: no mutate
    names = st.builds(
        lambda base, form: f"{base} {form}",
        st.sampled_from(_COMPANY_NAMES) | st.text(characters, max_size=30).filter(str.strip),
        st.sampled_from(_LEGAL_FORMS),
    )
    plans = st.integers(0, int((_PLANS_UNTIL - _PLANS_FROM).total_seconds())).map(_plan_submitted)
    return _companies(numbers, names, submitted, plans)


@st.composite
def _companies(
    draw: st.DrawFn,
    numbers: st.SearchStrategy[str],
    names: st.SearchStrategy[str],
    submitted: st.SearchStrategy[bool],
    plans: st.SearchStrategy[pendulum.DateTime],
) -> Company:
    number, name = draw(numbers), draw(names)
    at = draw(plans) if draw(submitted) else None
    return Company(number, name, training_plan_submitted_at=at)


def hr_accounts(
    *,
    company: st.SearchStrategy[Company] | None = None,
    has_hr_function: bool | None = None,
    tos_completed: bool | None = None,
) -> st.SearchStrategy[HrAccount]:
    """Return a strategy for myCefora accounts (R5).

    `company` defaults to [`companies`][incompany_rules.strategies.companies];
    `has_hr_function` and `tos_completed` fix the two conditions of R5 (`None`:
    either). For accounts that may manage participants of a known company:

    ```python
    hr_accounts(company=st.just(session.company), has_hr_function=True, tos_completed=True)
    ```

    Shrinks towards an account without the HR function nor the TOS
    completed, of the smallest company, with login `'ann@example.be'`.
    """
    companies_ = companies() if company is None else company
    _strategy(companies_, "company")
    return st.builds(
        HrAccount,
        emails(),
        companies_,
        _flag(has_hr_function, "has_hr_function"),
        _flag(tos_completed, "tos_completed"),
    )


_TITLES = (
    "Excel: tableaux croisés dynamiques",
    "Communiquer avec assertivité",
    "Timemanagement en prioriteiten",
    "Introduction to Python",
    "Gérer un projet agile",
)


def trainings(*, in_digital_offer: bool | None = None) -> st.SearchStrategy[Training]:
    """Return a strategy for trainings of the fund's offer (R2).

    `in_digital_offer` fixes whether the training belongs to the digital
    offer that Incompany sessions are made of (`None`: either). Codes are
    `DIG`, `ONL` or `WEB` and three digits from `001` to `999`; titles of 1
    to 60 characters (ASCII letters, digits, spaces, the accented letters
    `éèàçëïôû`, `'`, `:` and `-`) mix French and Dutch text.

    Shrinks towards ``Training('DIG-001', 'Excel: tableaux croisés dynamiques',
    in_digital_offer=False)``.
    """
    codes = st.builds(
        lambda prefix, number: f"{prefix}-{number:03d}",
        st.sampled_from(("DIG", "ONL", "WEB")),
        st.integers(1, 999),
    )
    # Equivalent: an X more draws nothing new, X is one of the letters already.
    characters = _ALNUM + " éèàçëïôû':-"  # pragma: no mutate
    titles = st.sampled_from(_TITLES) | st.text(characters, max_size=60).filter(str.strip)
    return st.builds(
        lambda code, title, digital: Training(code, title, in_digital_offer=digital),
        codes,
        titles,
        _flag(in_digital_offer, "in_digital_offer"),
    )
