"""Registration of :mod:`incompany_rules.strategies` with Hypothesis.

Hypothesis calls :func:`_register` through the ``hypothesis`` entry point
declared in ``pyproject.toml`` when Hypothesis itself is imported, so that
``st.from_type(Session)`` works in a user's test suite with no set-up.
Importing ``incompany_rules`` never imports this module nor Hypothesis.
Setting ``HYPOTHESIS_NO_PLUGINS`` turns the registration off, like every
Hypothesis plugin's.
"""

from __future__ import annotations


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
    from incompany_rules import strategies as ours  # noqa: PLC0415

    st.register_type_strategy(Company, ours.companies())
    st.register_type_strategy(HrAccount, ours.hr_accounts())
    st.register_type_strategy(NationalNumber, ours.national_numbers())
    st.register_type_strategy(Participant, ours.participants())
    st.register_type_strategy(Policy, ours.policies())
    st.register_type_strategy(Session, ours.sessions())
    st.register_type_strategy(Slot, ours.slots())
    st.register_type_strategy(Training, ours.trainings())
