"""Hypothesis profiles, chosen with ``HYPOTHESIS_PROFILE`` (default ``dev``).

- ``ci``: bounded and deterministic, for CI (``.ci/run`` sets it).
- ``thorough``: many examples, for local runs before a release.
- ``dev``: the default while developing.
- ``mutmut``: few examples, deterministic, no shrinking, for mutation
  testing (``docs/contributing.md``): every mutant reruns the tests that
  reach it, so each must be quick and must draw the same examples every
  time; a failing example need only be found, not shrunk (shrinking it
  took longer than mutmut's timeout).

The tests run on a machine clock far from UTC, Chatham (+12:45, +13:45 in
its summer): the library never reads the machine's timezone, and an
instant converted to "the local zone" by mistake shows there.
"""

import os
import time

import pytest
from hypothesis import HealthCheck, Phase, settings

from incompany_rules import instants

os.environ["TZ"] = "Pacific/Chatham"
if hasattr(time, "tzset"):  # not on Windows
    time.tzset()

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "mutmut",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    # mutmut runs the same tests several times in one process, each time on
    # new instances of the test classes.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _calendar_computed_afresh() -> None:
    """Start every test with the calendar's caches empty.

    A day's deadlines kept from an earlier test would answer for the code
    the test checks: mutation testing runs the tests again, with a change
    switched on, in the process that ran them first.
    """
    for cache in (instants._MIDNIGHTS, instants._DAYS, instants._DERIVED):  # noqa: SLF001
        cache.clear()
