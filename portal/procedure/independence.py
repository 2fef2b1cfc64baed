"""Who may be appointed independent (reg 2, reg 17(2), reg 19(2)-(3)): pure rules, no database.

An "independent person" is neither a member nor an officer of the council, nor the spouse or civil
partner of one (reg 2). The stage 2 independent person may not sit on the review panel (reg 19(3)),
which has three independent people, one of whom chairs it (reg 19(2)).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from dataclasses import dataclass

__all__ = ["PANEL_SIZE", "Declaration", "independence_refusal", "panel_refusal"]

PANEL_SIZE = 3


@dataclass(frozen=True, slots=True)
class Declaration:
    """What the person declared, each answer True for "yes, I am"; None means not answered."""

    council_member: bool | None
    council_officer: bool | None
    spouse_or_partner_of_one: bool | None


def independence_refusal(declaration: Declaration, *, holds_council_role: bool) -> str | None:
    """Why this person cannot be independent, or None. ``holds_council_role``: the portal itself knows
    them as council staff (an officer), whatever they declared."""
    if holds_council_role:
        return "They are a council officer (they have a council staff role), so they are not independent."
    answers = (declaration.council_member, declaration.council_officer, declaration.spouse_or_partner_of_one)
    if any(answer is None for answer in answers):
        return "Record their answer to each part of the declaration of independence."
    if declaration.council_member:
        return "They are a council member, so they are not independent."
    if declaration.council_officer:
        return "They are a council officer, so they are not independent."
    if declaration.spouse_or_partner_of_one:
        return "They are the spouse or civil partner of a council member or officer, so they are not independent."
    return None


def panel_refusal(members: Collection[Hashable], *, stage2_independent_person: Hashable | None) -> str | None:
    """Why these people cannot form the review panel, or None."""
    if len(members) != PANEL_SIZE or len(set(members)) != PANEL_SIZE:
        return "A review panel has three different people."
    if stage2_independent_person is not None and stage2_independent_person in members:
        return "The stage 2 independent person may not sit on the review panel (reg 19(3))."
    return None
