"""The growing lock that repeated failures earn (wrong tracking codes, wrong passwords and codes).

Pure: callers count failures atomically in the database and ask here what the count has earned.
"""

from __future__ import annotations

from datetime import timedelta


def lock_earned(failures: int, *, after: int, base: timedelta, longest: timedelta) -> timedelta | None:
    """The lock the ``failures``-th failure in a row earns: none, or ``base`` on every ``after``-th
    failure, doubling with each further lock, at most ``longest``."""
    if failures <= 0 or failures % after:
        return None
    doublings = min(failures // after - 1, 32)  # past 32 the cap has long applied; no huge numbers
    return min(base * 2**doublings, longest)
