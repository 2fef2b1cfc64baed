"""Tables 5 to 8, ethnicity, UAS children and informal contacts: the groups of young people whose
small counts are suppressed in the published view."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from portal.reports import advocacy
from portal.reports.common import cases, in_two_years, list_table, pair, which_year

AGE_BANDS = ("0-10", "11-13", "14-15", "16-17", "18+", "not_known")


def _young(src: Any, label: str) -> list[dict[str, Any]]:
    """Young people's complaints: complaints recorded whose complainant is the young person."""
    return list_table(src.recorded.by("young", label))


def t5_advocacy(src: Any) -> list[dict[str, Any]]:
    """By advocacy support given (what was asked for is kept elsewhere; this counts what was given)."""
    return _young(src, "advocacy")


def t6_age(src: Any) -> list[dict[str, Any]]:
    return _young(src, "age_band")


def t7_gender(src: Any) -> list[dict[str, Any]]:
    """By gender; none recorded counts as not_known (the same word the form offers)."""
    return _young(src, "gender")


def t8_service_type(src: Any) -> list[dict[str, Any]]:
    return _young(src, "service_type")


def ethnicity(src: Any) -> list[dict[str, Any]]:
    """Complaints recorded (all, not only young people's) by the complainant's ethnicity."""
    return list_table(src.recorded.by("where", "ethnicity"))


def uas_children(src: Any) -> dict[str, int]:
    return pair(src.recorded.total("young", uas=1).items())


def young_people_contacts(src: Any) -> dict[str, int]:
    """Informal contacts from young people: wishes and feelings (front door and helpline alike) and,
    as the reference report counts them, complaints a young person chose to resolve informally (they
    are not complaints recorded, and would otherwise be counted nowhere). Decision 0013."""
    bucket = which_year(cases.c.received_on, src.year).label("bucket")
    # kind IN (...) first, so the (kind, received_on) index serves the OR.
    informal = and_(cases.c.kind.in_(("wishes_and_feelings", "complaint")),
                    or_(cases.c.kind == "wishes_and_feelings", cases.c.route == "informal"))
    query = (select(bucket, func.count())
             .where(informal, cases.c.from_young_person.is_(True),
                    in_two_years(cases.c.received_on, src.year)).group_by(bucket))
    counted = pair(src.conn.execute(query))
    # And young people's helpline contacts, recorded by advocates (issue 12).
    helpline = advocacy.young_people_helpline(src.conn, src.year)
    return {key: counted[key] + helpline[key] for key in counted}
