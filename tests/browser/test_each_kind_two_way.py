"""Each kind of submission handled as what it is, with the young person reached both ways, in Chromium
at 360 px with JavaScript off, in English and Arabic (right to left): the young person sends it, staff
triage it as that kind (a complaint onto stage 1, wishes and feelings passed to the social worker, an
advocacy request matched with an advocate, never the complaint form), staff write to the young person,
the young person reads it on the tracking page and replies, and staff see the reply. Then a complaint
that has had the council's final answer, with the Ombudsman's details, with axe-core in Arabic.

Screenshots of the young person's and staff pages go to /tmp/shots-21/ (look at them)."""

from __future__ import annotations

import re
from pathlib import Path

import browser_checks
import pytest
from browser_checks import assert_accessible, browser_database_url, fits_the_phone, give_tracking_code, own_address
from journey_steps import open_tracking

from portal.demo.common import DEMO_USERS
from portal.i18n import LANGUAGES

SHOTS = Path("/tmp/shots-21")
OFFICER = (DEMO_USERS[0][0], DEMO_USERS[0][4])  # Sam Okafor, Children's Rights Service
ANSWERS = {
    "who": [("check", "who_is_telling", "young_person")],
    "name": [("fill", "young_person_name", "Selam")],
    "age": [("fill", "age", "15")],
    "where": [("check", "where_they_live", "foster_care")],
    "details": [("fill", "what_happened", "لم يخبرني أحد لماذا أُلغيت زيارتي لأخي.")],
    "hopes": [("fill", "what_would_help", "I want to see my brother every week.")],
    "advocate": [("check", "advocate", "none")],
    "wishes": [("fill", "wishes", "أريد أن أرى أخي أكثر.")],
    "help": [("fill", "help_wanted", "I want someone with me at my review meeting.")],
    "advocate-choice": [("check", "advocate", "crs"), ("check", "advocate_gender", "no_preference")],
    "contact": [("check", "contact_method", "none")],
    "interpreter": [("check", "interpreter_needed", "no")],
    "about-you": [],
}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def send(page, kind: str, lang: str) -> tuple[str, str]:
    """The front door, by field names (the same in every language); returns (reference, code)."""
    page.goto(f"{page.base}/?lang={lang}")
    page.locator(f'button[name="kind"][value="{kind}"]').click()
    while True:
        page.wait_for_load_state()
        slug = page.url.rsplit("/", 1)[1]
        if slug == "check":
            break
        for action, name, value in ANSWERS[slug]:
            if action == "check":
                page.locator(f'input[name="{name}"][value="{value}"]').check()
            else:
                page.locator(f'[name="{name}"]').fill(value)
        page.locator("main form button.govuk-button").first.click()
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r".*/tell-us/thank-you$"))
    reference = page.locator(".app-reference").inner_text().strip()
    code = "-".join(group.inner_text() for group in page.locator(".app-tracking-code__group").all())
    return reference, code


@pytest.fixture(scope="module")
def staff(chromium, live_server):
    """One member of staff, signed in once for the module (a code signs in once), JavaScript off."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False,
                                   locale="en-GB", device_scale_factor=2, is_mobile=True, has_touch=True,
                                   **own_address())
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.base = live_server
    page.javascript = False
    browser_checks.sign_in(page, live_server, *OFFICER, landing="/staff/")
    yield page
    assert not errors, errors
    context.close()


def triage_as_its_kind(staff, kind: str, reference: str) -> str:
    """Triage (or, for an advocacy request, matching): returns the staff page to write from."""
    staff.goto(f"{staff.base}/staff/find?reference={reference}")
    staff.wait_for_url(re.compile(r".*/staff/submissions/[0-9a-f-]+$"))
    submission_url = staff.url
    if kind == "advocacy_request":
        assert staff.get_by_role("button", name="Claim for triage").count() == 0  # never the complaint form
        staff.get_by_role("link", name="Match an advocate to this request").click()
        staff.locator('input[name="advocate"]').first.check()
        staff.get_by_role("button", name="Assign this advocate").click()
        staff.wait_for_url(re.compile(r".*/staff/advocacy/cases/[0-9a-f-]+$"))
        staff.goto(submission_url)
        assert "An advocate has been assigned." in staff.locator("main").inner_text()
        return submission_url
    staff.get_by_role("button", name="Claim for triage").click()
    staff.wait_for_load_state()
    fits_the_phone(staff)  # the submission page with its triage form, at 360 px
    staff.locator('textarea[name="reason"]').fill("Triaged in the browser test.")
    if kind == "wishes_and_feelings":
        assert staff.locator('textarea[name="points"]').count() == 0  # not the complaint form
        staff.locator('input[name="wishes_action"][value="social_worker"]').check()
        staff.locator('input[name="wishes_acted_by"]').fill("Their social worker, Jo")
        staff.locator('input[name="wishes_act_by"]').fill("2027-01-15")
    else:
        staff.locator('input[name="route"][value="statutory"]').check()
        staff.locator('select[name="team"]').select_option(label="Referral Assessment and Intervention")
        first = staff.locator('input[name="categories"]').first
        first.check()
        staff.locator('select[name="main_category"]').select_option(first.get_attribute("value"))
        staff.locator('textarea[name="points"]').fill("Contact with her brother was cancelled")
        staff.locator('input[name="matter_date_not_known"]').check()  # reg 9: when it happened, or not known
        manager = staff.locator('select[name="responding_manager"] option', has_text="Chris Doyle").first
        staff.locator('select[name="responding_manager"]').select_option(manager.get_attribute("value"))
        staff.locator('input[name="advocacy_given"][value="none"]').check()
    staff.get_by_role("button", name="Record the triage decision").click()
    staff.wait_for_url(re.compile(r".*/staff/cases/[0-9a-f-]+$"))
    return staff.url


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", ["complaint", "wishes_and_feelings", "advocacy_request"])
def test_each_kind_is_handled_as_what_it_is_and_staff_and_young_person_write_both_ways(
        page_without_js, staff, kind, lang):
    young = page_without_js
    reference, code = send(young, kind, lang)
    writing_page = triage_as_its_kind(staff, kind, reference)

    staff.goto(writing_page)
    staff.get_by_role("link", name="Write to the young person").click()
    message = f"Hello Selam, I am Sam. I have read what you sent ({kind})."
    staff.locator('textarea[name="body"]').fill(message)
    staff.get_by_role("button", name="Send the message").click()
    staff.wait_for_url(re.compile(re.escape(writing_page) + r"(#.*)?$"))
    thread = staff.locator("#young-persons-words")
    assert message in thread.inner_text() and "Not read yet" in thread.inner_text()

    open_tracking(young, reference, code, lang)
    assert young.evaluate("document.documentElement.dir") == LANGUAGES[lang].direction
    fits_the_phone(young)
    body = young.locator("main").inner_text()
    assert message in young.locator("#messages + ol").inner_text()
    assert young.locator("#messages").count() == 1  # one thread
    assert "Sam" in young.locator("#messages + ol h3").first.inner_text()
    assert "Okafor" not in body  # the first name only
    if kind == "wishes_and_feelings":
        assert "15" in body and "Jo" not in body  # the date they will act by, not staff's typed words
    shot(young, f"{kind}-{lang}-tracking")
    young.locator('a[href="/check/add"]').first.click()
    young.wait_for_url(re.compile(r".*/check/add$"))
    assert message in young.locator("main").inner_text()  # the reply page shows the thread
    reply = "شكرًا، متى سأرى أخي؟" if lang == "ar" else "Thank you. When will I see my brother?"
    young.locator('textarea[name="more_information"]').fill(reply)
    young.locator("main form button.govuk-button").first.click()
    young.wait_for_url(re.compile(r".*/check/status(#messages)?$"))
    assert reply in young.locator("#messages + ol").inner_text()

    staff.goto(writing_page)
    thread = staff.locator("#young-persons-words").inner_text()
    assert reply in thread and "Read by the young person" in thread
    shot(staff, f"{kind}-{lang}-staff")


def _finally_answered() -> str:
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            row = connection.execute(text(
                "SELECT s.reference FROM cases c JOIN submissions s ON s.id = c.submission_id "
                "WHERE c.status = 'stage3_responded' ORDER BY s.reference")).first()
    finally:
        engine.dispose()
    assert row is not None, "the demo data has a complaint with the council's final answer"
    return row[0]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_after_the_final_answer_the_ombudsman_and_more_information(page_without_js, page, lang):
    reference = _finally_answered()
    code = give_tracking_code(reference)
    open_tracking(page_without_js, reference, code, lang)
    section = page_without_js.locator("#ombudsman")
    assert section.locator('a[href="https://www.lgo.org.uk/make-a-complaint"]').count() == 1
    phone = section.locator('a[href="tel:03000610614"]')
    assert phone.inner_text() == "0300 061 0614" and phone.get_attribute("dir") == "ltr"
    assert "12" in section.inner_text()
    assert page_without_js.locator('a[href="/check/add"]').count() >= 1  # "add more information" still offered
    shot(page_without_js, f"final-answer-{lang}-nojs")
    # The same page with JavaScript, through axe-core (no violation of any impact, region included).
    code = give_tracking_code(reference)
    open_tracking(page, reference, code, lang)
    assert_accessible(page)
    fits_the_phone(page)
    box = page.locator("#ombudsman a.app-phone").bounding_box()
    assert box["height"] < 40, "the Ombudsman's number wraps"


@pytest.mark.parametrize("lang", ["fa_AF", "ar"])
def test_phone_numbers_are_isolated_and_never_wrap(page, lang):
    """The out-of-hours number once broke after "0300" on the Dari page at 360 px."""
    page.goto(f"{page.base}/tell-us/start?lang={lang}")
    phones = page.locator("a.app-phone").all()
    assert phones
    for phone in phones:
        assert phone.get_attribute("dir") == "ltr"
        assert page.evaluate("(e) => getComputedStyle(e).whiteSpace", phone.element_handle()) == "nowrap"
        rects = page.evaluate("(e) => e.getClientRects().length", phone.element_handle())
        assert rects == 1, f"{phone.inner_text()} wraps onto {rects} lines"
