"""The demo has a case at every step of stages 2 and 3, and Ombudsman enquiries over five years."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Appointment, Case, OmbudsmanEnquiry


def test_the_demo_has_every_stage_and_five_years_of_ombudsman_enquiries(app, session):
    from portal import demo
    from portal.procedure import uk_today

    with app.test_request_context():
        text = demo.load(uk_today())
    assert "investigator@demo.example" in text
    statuses = set(session.scalars(select(Case.status).where(Case.is_demo.is_(True))))
    assert {"stage2_requested", "stage2", "stage2_responded", "stage3_requested", "stage3",
            "stage3_responded"} <= statuses
    assert session.scalar(select(func.count()).select_from(Case).where(Case.stage2_decision == "referred_back")) == 1
    assert session.scalar(select(func.count()).select_from(Case).where(Case.panel_report_sent.is_not(None)))
    years = {e.enquired_on.year if e.enquired_on.month >= 4 else e.enquired_on.year - 1
             for e in session.scalars(select(OmbudsmanEnquiry))}
    # The five-year table has every year filled (the demo history's imported years may add older ones).
    this_year = uk_today().year if uk_today().month >= 4 else uk_today().year - 1
    assert set(range(this_year - 4, this_year + 1)) <= years
    assert session.scalar(select(func.count()).select_from(OmbudsmanEnquiry).where(OmbudsmanEnquiry.public_report))
    assert {a.role for a in session.scalars(select(Appointment))} == {"investigator", "independent_person",
                                                                       "panel_member"}
