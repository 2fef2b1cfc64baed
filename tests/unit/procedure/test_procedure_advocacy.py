"""The advocacy rules: matching, caseload order, closing and the contact log."""

from __future__ import annotations

from datetime import date

import pytest

from portal.procedure.advocacy import (
    AdvocacyRuleError,
    Advocate,
    Wishes,
    caseload_key,
    check_close,
    check_contact,
    contact_overdue,
    match,
    rank_key,
)

TODAY = date(2026, 12, 2)


def advocate(**changes):
    values = {"kind": "independent", "gender": "woman", "languages": ("Arabic", "Tigrinya"), "capacity": 3,
              "open_cases": 1, "available": True, "active": True}
    return Advocate(**{**values, **changes})


def test_every_wish_met():
    found = match(advocate(), Wishes(kind="independent", gender="woman", language=" arabic "))
    assert (found.kind, found.gender, found.language, found.has_room) == (True, True, True, True)
    assert found.score == 3 and found.offerable


def test_no_wishes_are_none_not_false():
    found = match(advocate(), Wishes(kind="not_sure", gender="no_preference", language=""))
    assert (found.kind, found.gender, found.language) == (None, None, None)
    assert found.score == 0
    assert match(advocate(), Wishes(kind="own_choice")).kind is None


def test_wishes_not_met():
    found = match(advocate(), Wishes(kind="crs", gender="man", language="Dari"))
    assert (found.kind, found.gender, found.language) == (False, False, False)


@pytest.mark.parametrize("changes", [{"open_cases": 3}, {"available": False}, {"active": False}])
def test_no_room(changes):
    assert not match(advocate(**changes), Wishes()).has_room


def test_rank_puts_room_then_matches_first():
    full = match(advocate(open_cases=3), Wishes(language="Arabic"))
    speaks = match(advocate(), Wishes(language="Arabic"))
    does_not = match(advocate(languages=()), Wishes(language="Arabic"))
    ordered = sorted([("Zed", full), ("Bea", does_not), ("Ann", speaks)], key=lambda p: rank_key(p[1], p[0]))
    assert [name for name, _m in ordered] == ["Ann", "Bea", "Zed"]


def test_overdue_and_caseload_order():
    assert contact_overdue(date(2026, 12, 1), TODAY)
    assert not contact_overdue(TODAY, TODAY) and not contact_overdue(None, TODAY)
    rows = {
        "quiet": caseload_key(unread=0, next_contact_due=None, today=TODAY, requested_on=date(2026, 1, 1)),
        "overdue": caseload_key(unread=0, next_contact_due=date(2026, 11, 1), today=TODAY,
                                requested_on=date(2026, 6, 1)),
        "unread": caseload_key(unread=2, next_contact_due=date(2026, 12, 9), today=TODAY,
                               requested_on=date(2026, 6, 1)),
    }
    assert sorted(rows, key=rows.get) == ["unread", "overdue", "quiet"]


def test_close_rules():
    ok = {"status": "open", "outcome": "withdrawn", "on": TODAY, "opened_on": date(2026, 11, 1), "today": TODAY,
          "note": None}
    check_close(**ok)
    bad = [({"status": "closed"}, "outcome"), ({"outcome": "nope"}, "outcome"), ({"outcome": "other"}, "note"),
           ({"on": None}, "on"), ({"on": date(2026, 12, 3)}, "on"), ({"on": date(2026, 10, 1)}, "on")]
    for changes, field in bad:
        with pytest.raises(AdvocacyRuleError) as caught:
            check_close(**{**ok, **changes})
        assert caught.value.field == field
    check_close(**{**ok, "outcome": "other", "note": "Moved away"})


def test_contact_rules():
    check_contact(on=TODAY, minutes=30, today=TODAY, next_due=None)
    check_contact(on=TODAY, minutes=30, today=TODAY, next_due=date(2026, 12, 9))
    bad = [({"on": None}, "on"), ({"on": date(2026, 12, 3)}, "on"), ({"minutes": None}, "minutes"),
           ({"minutes": 0}, "minutes"), ({"next_due": date(2026, 12, 1)}, "next_due")]
    for changes, field in bad:
        with pytest.raises(AdvocacyRuleError) as caught:
            check_contact(**{"on": TODAY, "minutes": 30, "today": TODAY, "next_due": None, **changes})
        assert caught.value.field == field
