"""Hypothesis strategies for the values of the Incompany process.

An optional extra (`pip install "incompany-rules[strategies]"`): the only
module of the library that imports Hypothesis, and one that the package
itself never imports. Installing the extra also registers these strategies
with Hypothesis through its `hypothesis` entry point, so that
`st.from_type(Session)` and `st.builds(...)` over functions annotated
with our types work with no set-up.

The strategies follow Hypothesis's own API style:

- plural nouns, every argument keyword-only;
- an argument that fills a field of the value drawn (`company`,
  `policy`, `national_number`, ...) is itself a strategy, as in
  `st.builds`; wrap a fixed value in `st.just`;
- an argument that constrains the values (`min_start`, `born_from`,
  `kinds`, `stage`, `tz`) is a plain value;
- a boolean flag left to `None` means "either";
- impossible arguments raise `hypothesis.errors.InvalidArgument`
  when the strategy is made, or, for what only a drawn value reveals (an
  invalid domain drawn from a user's `domain` strategy), when it is drawn.

Every value drawn is valid: it went through the library's own constructors.
Each docstring says what the strategy shrinks towards, so that a failing
example reads as a small, familiar case.

Examples:
    A property of every address drawn, run as a test would run it:

    >>> from hypothesis import given
    >>> from incompany_rules.participants import email_address
    >>> @given(emails())
    ... def test_addresses_are_in_normal_form(address):
    ...     assert email_address(address) == address
    >>> test_addresses_are_in_normal_form()

    In a test suite:

    ```python
    @given(sessions(stage=Stage.REGISTRATION_OPEN).flatmap(
        lambda s: st.tuples(st.just(s), instants_near(s))))
    def test_registration_never_raises(drawn):
        session, now = drawn
        ...
    ```
"""

from __future__ import annotations

from incompany_rules.strategies.dates import slots
from incompany_rules.strategies.instants import instants_near
from incompany_rules.strategies.parties import companies, hr_accounts, trainings
from incompany_rules.strategies.people import emails, national_numbers, participants
from incompany_rules.strategies.policy import policies
from incompany_rules.strategies.stages import Stage, StageName, sessions

__all__ = [
    "Stage",
    "StageName",
    "companies",
    "emails",
    "hr_accounts",
    "instants_near",
    "national_numbers",
    "participants",
    "policies",
    "sessions",
    "slots",
    "trainings",
]
