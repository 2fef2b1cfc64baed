"""How fast the statutory calendar answers (it sits under every deadline on every staff page)."""

from __future__ import annotations

import statistics
import timeit
from datetime import date

from portal.procedure import add_working_days, working_days_between


def main() -> None:
    add_working_days(date(2026, 1, 1), 1)  # warm the per-year cache, as a running server would be
    for label, statement in [
        ("add_working_days(n=10)", lambda: add_working_days(date(2026, 12, 18), 10)),
        ("add_working_days(n=65)", lambda: add_working_days(date(2026, 3, 2), 65)),
        ("working_days_between(1 year)", lambda: working_days_between(date(2025, 4, 1), date(2026, 3, 31))),
    ]:
        runs = [timeit.timeit(statement, number=10_000) / 10_000 * 1e6 for _ in range(7)]
        print(f"{label:32} median {statistics.median(runs):6.2f} µs  worst {max(runs):6.2f} µs")


if __name__ == "__main__":
    main()
