"""Registration of [`incompany_rules.strategies`][incompany_rules.strategies] with Hypothesis.

Hypothesis calls `_register` through the `hypothesis` entry point
declared in `pyproject.toml` when Hypothesis itself is imported, so that
`st.from_type(Session)` works in a user's test suite with no set-up.
Importing `incompany_rules` never imports this module nor Hypothesis.
Setting `HYPOTHESIS_NO_PLUGINS` turns the registration off, like every
Hypothesis plugin's.

Each registration is a function that imports
[`incompany_rules.strategies`][incompany_rules.strategies] and asks it for its
strategy only when `st.from_type` first resolves the type. So a suite that
imports Hypothesis and never draws our types imports the package (its value
types and its calendar) but not the strategies.

A test module may also import `incompany_rules.strategies` before
Hypothesis. Then this hook runs while `strategies` is still being imported,
since it imports Hypothesis first; by the time a type is resolved, the
module is whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType


def _register() -> None:
    """Register a strategy for each value type of the library."""
    from hypothesis import strategies as st  # noqa: PLC0415 (only when Hypothesis asks)

    from incompany_rules import (  # noqa: PLC0415
        Company,
        HrAccount,
        NationalNumber,
        Participant,
        Policy,
        Session,
        Slot,
        Training,
    )

    def ours() -> ModuleType:
        from incompany_rules import strategies  # noqa: PLC0415 (when a type is first resolved)

        return strategies

    st.register_type_strategy(Company, lambda _: ours().companies())
    st.register_type_strategy(HrAccount, lambda _: ours().hr_accounts())
    st.register_type_strategy(NationalNumber, lambda _: ours().national_numbers())
    st.register_type_strategy(Participant, lambda _: ours().participants())
    st.register_type_strategy(Policy, lambda _: ours().policies())
    st.register_type_strategy(Session, lambda _: ours().sessions())
    st.register_type_strategy(Slot, lambda _: ours().slots())
    st.register_type_strategy(Training, lambda _: ours().trainings())
