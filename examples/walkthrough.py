"""One Incompany session through the whole process, step by step.

Run with ``python3 tasks.py example``. Every instant is given explicitly:
the library never reads the clock.
"""

from __future__ import annotations

import pendulum

from incompany_rules import milestones, recap_line
from incompany_rules.examples import confirmed_session

BRUSSELS = "Europe/Brussels"


def main() -> None:
    """Print the calendar of a class on Wednesday 1 April 2026."""
    session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz=BRUSSELS))
    print("Recap (R4):", recap_line(session))
    print("\nMilestones:")
    for milestone in milestones(session):
        print(f"  {milestone.at:%a %d %b %Y %H:%M %z}  {milestone.rule:4}  {milestone.kind.value}")


if __name__ == "__main__":
    main()
