"""How many examples the property tests run: two hypothesis profiles, and ``examples`` for the
tests that ask for a count of their own.

* ``default``: every plain ``uv run pytest``. A quick pass, 25 examples where a test names no
  count, and an eighth of what a test names.
* ``slow``: any run whose ``-m`` picks the tests marked slow (``.ci/run``'s second pass,
  ``pytest -m slow``). 200 examples where a test names no count, and all of what a test names.

``--hypothesis-profile NAME`` picks one by hand. In every profile a loaded machine cannot fail a
test by being slow: no deadline, no ``too_slow`` health check.

A count is read when a test module is imported (a ``@settings`` decorator), so the profile is
loaded in ``pytest_configure``, before collection, and ``examples`` reads it then.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, settings

DEFAULT = "default"
SLOW = "slow"
FULL_RUN = 200  # examples per test in the slow profile where a test names no count
QUICK_RUN = 25  # the same in the default profile: an eighth

for name, count in ((DEFAULT, QUICK_RUN), (SLOW, FULL_RUN)):
    settings.register_profile(
        name, max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def selects_slow(markexpr: str) -> bool:
    """Whether a ``-m`` expression picks the tests marked slow: ``slow`` and ``slow or
    hypothesis`` do, ``not slow`` (the default in addopts) and no expression do not."""
    words = re.findall(r"[\w-]+", markexpr)
    return any(word == "slow" and (i == 0 or words[i - 1] != "not") for i, word in enumerate(words))


def load_profile_for(markexpr: str) -> str:
    name = SLOW if selects_slow(markexpr) else DEFAULT
    settings.load_profile(name)
    return name


def also_suppress(*checks: HealthCheck) -> list[HealthCheck]:
    """The loaded profile's suppressed health checks and ``checks``: a ``@settings`` that names
    its own list replaces the profile's, and would bring ``too_slow`` back."""
    return [*settings().suppress_health_check, *checks]


def examples(full: int) -> int:
    """``full`` examples in the slow profile, the same share of it in the one loaded: a test
    keeps its weight relative to the others in every profile."""
    return max(1, round(full * settings().max_examples / FULL_RUN))
