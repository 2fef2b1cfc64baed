"""Small-number suppression for the published view (REPORT.md, Small numbers).

A count from 1 to 4 about a group of young people is shown as ``<5``. Where a column holds exactly one
such cell, the total (published elsewhere) would give it away by subtraction, so the next smallest
count of the same column is hidden too, shown as ``[c]``. Zeros stay: they identify nobody.
"""

from __future__ import annotations

PRIMARY = "<5"
SECONDARY = "[c]"


def is_small(value: int) -> bool:
    return 1 <= value <= 4


def suppress_column(values: list[int]) -> list[str | None]:
    """For each value, the text that replaces it, or None when it may be shown."""
    shown: list[str | None] = [PRIMARY if is_small(v) else None for v in values]
    if shown.count(PRIMARY) == 1:
        candidates = [(v, i) for i, v in enumerate(values) if shown[i] is None and v > 0]
        if candidates:
            shown[min(candidates)[1]] = SECONDARY
    return shown


def suppress_rows(rows: list[list[int]]) -> list[list[str | None]]:
    """Column by column over a table's rows of counts."""
    if not rows:
        return []
    columns = [suppress_column([row[c] for row in rows]) for c in range(len(rows[0]))]
    return [[columns[c][r] for c in range(len(rows[0]))] for r in range(len(rows))]
