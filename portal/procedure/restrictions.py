"""Restrictions on a person's contact for persistent and unreasonable behaviour: pure rules.

A restriction limits how a person contacts the service, never whether their complaint is considered:
nothing here touches the procedure state.
"""

from __future__ import annotations

from datetime import date, timedelta

# How soon a review shows on the staff dashboard before it falls due.
REVIEW_NOTICE_DAYS = 14
# A restriction must be reviewed at least this often (calendar days); six months.
LONGEST_REVIEW_DAYS = 183


def check_restriction_dates(*, starts: date, review: date) -> str | None:
    if review <= starts:
        return "The review date must be after the restriction starts."
    if review > starts + timedelta(days=LONGEST_REVIEW_DAYS):
        return "Review the restriction within six months of it starting."
    return None


def check_review(*, reviewed: date, next_review: date) -> str | None:
    if next_review <= reviewed:
        return "The next review date must be after the review."
    if next_review > reviewed + timedelta(days=LONGEST_REVIEW_DAYS):
        return "Set the next review within six months."
    return None


def is_active(starts: date, ended: date | None, today: date) -> bool:
    return starts <= today and (ended is None or ended > today)


def review_due(review: date, ended: date | None, today: date) -> bool:
    """Shown on the dashboard from ``REVIEW_NOTICE_DAYS`` before the review date, until reviewed or ended."""
    return ended is None and review <= today + timedelta(days=REVIEW_NOTICE_DAYS)
