"""The README's first command: one session through the whole process, end to end."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

WALKTHROUGH = Path(__file__).resolve().parent.parent / "examples" / "walkthrough.py"


def test_the_walkthrough_reaches_the_fees_and_closes_every_action(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The worked example runs to its end and prints each step's answer."""
    runpy.run_path(str(WALKTHROUGH), run_name="__main__")
    out = capsys.readouterr().out
    expected = [
        "R1   no_training_plan",
        "Acme, plan submitted, 8 people: yes",
        "IC-2026-0042/G1 - Excel: tableaux croisés dynamiques - 01/04/2026 - 09:00-12:30",
        "Mon 30 Mar 2026 00:00 +0200  R8   registration_closes",
        "30/03 00:00 client_hr    R3   Confirm one of the proposed dates",
        "Free cancellation until Tuesday 17 March 2026 at 23:59",
        (
            "R9   already_registered: A participant with national register number *********28"
            " is already registered."
        ),
        "OVERDUE 12/03 00:00 cefora       R6   Send the reminder e-mail to register the participants",
        "R8   registration_closed: Registration was open until Sunday 29 March 2026 at 23:59 (end of D-3).",
        "Attended: 3 of 4 registered",
        "Missing participant (R17): 3 x €150.00 = €450.00",
        "Late cancellation (from Thursday 19 March 2026 at 00:00): €375.00",
    ]
    missing = [line for line in expected if line not in out]
    assert [] == missing
    assert out.rstrip().endswith("R15  Invoice the fees owed")
    assert "nothing" in out.split("Thu 16 Apr 2026 09:00:")[1].split("==")[0]


def test_the_readme_example_runs_and_prints_the_fees(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Python example in the README runs as written."""
    readme = (WALKTHROUGH.parent.parent / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 (the README's own example)
    out = capsys.readouterr().out
    assert "2026-03-30T00:00:00+02:00 R8 registration_closes" in out
    assert "\n375\n" in out
    assert out.rstrip().endswith("Total: €450.00")
