"""The advocacy service in Chromium at 360 px: a young person asks for an advocate at the front door,
staff assign one who speaks the language asked for, the advocate writes, the young person reads and
replies on the tracking page, and the advocate logs a contact and closes the advocacy. axe-core on every
advocacy page (error states included); the same pages with JavaScript off."""

from __future__ import annotations

import re
from pathlib import Path

import browser_checks
from browser_checks import assert_accessible, own_address
from journey_steps import at, contact_to_about_you, continue_

from portal.demo.advocacy import DEMO_ADVOCATES
from portal.demo.common import DEMO_USERS

SHOTS = Path("/tmp/shots-advocacy")
MANAGER = (DEMO_USERS[1][0], DEMO_USERS[1][4])  # a complaints manager triages too
YONAS = (DEMO_ADVOCATES[0][0], DEMO_ADVOCATES[0][2])  # speaks Tigrinya
RUTH = (DEMO_ADVOCATES[1][0], DEMO_ADVOCATES[1][2])


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if page.javascript:
        # A full-page screenshot leaves style="" on form fields; htmx would copy it onto the next page's
        # field with setAttribute, which the CSP refuses (a test artefact, not the page's doing).
        page.evaluate("document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))")


def check(page, name: str) -> None:
    """axe-core (JavaScript on only: it runs in the page) and a 360 px screenshot."""
    if page.javascript:
        assert_accessible(page)
    shot(page, name + ("" if page.javascript else "-nojs"))


def sign_in(page, account: tuple[str, str], landing: str) -> None:
    email, secret = account
    browser_checks.sign_in(page, page.base, email, secret, landing)


def error_then(page, button: str, name: str) -> None:
    page.get_by_role("button", name=button).click()
    page.locator(".govuk-error-summary").wait_for()
    check(page, name + "-error")


def ask_for_an_advocate(page) -> tuple[str, str]:
    """The front door: an independent advocate who speaks Tigrinya. Returns (reference, code)."""
    page.goto(f"{page.base}/")
    page.get_by_role("button", name="Ask for an advocate").click()
    at(page, "/tell-us/who")
    page.get_by_label("I am the young person").check()
    continue_(page)
    at(page, "/tell-us/name")
    page.get_by_label("What is your name?").fill("Selam")
    continue_(page)
    at(page, "/tell-us/age")
    page.get_by_label("Or, if you do not know the date, the age in years").fill("15")
    continue_(page)
    at(page, "/tell-us/where")
    page.get_by_label("Living with a foster carer").check()
    continue_(page)
    at(page, "/tell-us/help")
    page.locator("textarea").fill("ሓገዝ ኣብ ኣኼባ ክሳተፍ እደሊ። I want help at my review.")
    continue_(page)
    at(page, "/tell-us/advocate-choice")
    page.get_by_label("An independent advocate").check()
    page.get_by_label("A language your advocate should speak (optional)").fill("Tigrinya")
    continue_(page)
    contact_to_about_you(page)
    at(page, "/tell-us/check")
    page.get_by_role("button", name="Send").click()
    at(page, "/tell-us/thank-you")
    reference = page.locator(".app-reference").inner_text().strip()
    code = "-".join(group.inner_text() for group in page.locator(".app-tracking-code__group").all())
    return reference, code


def open_tracking(page, reference: str, code: str) -> None:
    page.goto(f"{page.base}/check")
    page.locator("#reference").fill(reference)
    page.locator("#code").fill(code)
    page.get_by_role("button", name="Continue").click()
    at(page, "/check/status")


def new_page(chromium, live_server, javascript: bool):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript,
                                   device_scale_factor=1, is_mobile=True, has_touch=True, **own_address())
    page = context.new_page()
    page.base = live_server
    page.javascript = javascript
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    return context, page


def test_advocate_asked_for_assigned_messaged_and_closed(page, chromium, live_server):
    young_person = page
    reference, code = ask_for_an_advocate(young_person)

    # Staff: the queue shows the wish, the Tigrinya speaker is offered and assigned.
    staff_context, staff = new_page(chromium, live_server, javascript=True)
    sign_in(staff, MANAGER, "/staff/")
    staff.goto(f"{live_server}/staff/advocacy")
    check(staff, "staff-queue")
    card = staff.locator("#advocacy-requests li", has_text=reference)
    assert "speaking Tigrinya" in card.inner_text() and "interpreter needed" in card.inner_text()
    card.get_by_role("link", name=reference).click()
    staff.wait_for_url("**/staff/advocacy/requests/*")
    check(staff, "staff-assign")
    error_then(staff, "Assign this advocate", "staff-assign")
    yonas = staff.locator(".govuk-radios__item", has_text="Yonas Tesfaye")
    assert "Speaks Tigrinya" in yonas.inner_text()
    assert staff.locator(".govuk-radios__item").first.inner_text().startswith("Yonas Tesfaye")
    yonas.get_by_label("Yonas Tesfaye").check()
    staff.get_by_role("button", name="Assign this advocate").click()
    staff.wait_for_url("**/staff/advocacy/cases/*")
    staff_case_url = staff.url
    assert "Yonas Tesfaye" in staff.locator("#advocate-name").inner_text()
    assert "interpreter needed" in staff.locator("#thread-language").inner_text()
    check(staff, "staff-case")
    staff.goto(f"{live_server}/staff/advocacy/advocates")
    check(staff, "staff-pool")
    staff.locator("#pool li", has_text="Ruth Bramley").get_by_role("link", name=re.compile("Change")).click()
    staff.wait_for_url("**/staff/advocacy/advocates/*")
    check(staff, "staff-pool-entry")
    staff.get_by_label("Open cases they can take").fill("many")
    error_then(staff, "Save", "staff-pool-entry")

    # The advocate: the case heads the caseload; they write to the young person.
    advocate_context, advocate = new_page(chromium, live_server, javascript=True)
    sign_in(advocate, YONAS, "/advocacy/")
    check(advocate, "advocate-caseload")
    advocate.locator("#caseload").get_by_role("link", name=reference).click()
    advocate.wait_for_url("**/advocacy/cases/*")
    case_url = advocate.url
    check(advocate, "advocate-case")
    error_then(advocate, "Send message", "advocate-case")
    advocate.get_by_label("Your message").fill("Selam, I'm Yonas, your advocate. ሰላም! I can visit on Thursday.")
    advocate.get_by_role("button", name="Send message").click()
    advocate.wait_for_url(re.compile(r".*/advocacy/cases/[^/]+(#messages)?$"))
    assert "Not read yet" in advocate.locator("#thread").inner_text()

    # The young person reads it on the tracking page and replies.
    open_tracking(young_person, reference, code)
    thread = young_person.locator("#messages + ol")
    assert "From Yonas, your advocate" in thread.inner_text()
    assert "Tesfaye" not in young_person.locator("main").inner_text()
    assert thread.locator("[dir=auto]").count() == 1
    check(young_person, "tracking-thread")
    young_person.get_by_role("link", name="Write to your advocate").click()
    at(young_person, "/check/advocate")
    check(young_person, "tracking-write")
    error_then(young_person, "Send", "tracking-write")
    young_person.locator("textarea").fill("Thursday is good. የቐንየለይ 🙏")
    young_person.get_by_role("button", name="Send").click()
    young_person.wait_for_url(re.compile(r".*/check/status(#messages)?$"))
    assert "Not read yet" in young_person.locator("#messages + ol").inner_text()

    # The advocate reads the reply, checks the other pages, logs a contact and closes the advocacy.
    advocate.goto(case_url)
    assert "Thursday is good." in advocate.locator("#thread").inner_text()
    advocate.get_by_role("link", name="Make a complaint for the young person").click()
    check(advocate, "advocate-complaint")
    error_then(advocate, "Save", "advocate-complaint")
    advocate.goto(case_url)
    advocate.get_by_role("link", name="Raise a safeguarding concern").click()
    check(advocate, "advocate-safeguarding")
    error_then(advocate, "Save", "advocate-safeguarding")
    advocate.get_by_label("Describe the concern").fill("Selam said someone at the placement frightens her.")
    advocate.get_by_role("button", name="Save").click()
    advocate.wait_for_url(case_url)
    assert "frightens" not in advocate.locator("main").inner_text()
    advocate.get_by_role("link", name="Log a contact").click()
    advocate.wait_for_url("**/contact")
    check(advocate, "advocate-contact")
    advocate.get_by_label("Visit", exact=True).check()
    error_then(advocate, "Save", "advocate-contact")
    advocate.get_by_label("How long, in minutes").fill("45")
    advocate.get_by_label("Note (optional)").fill("Visited at the foster home with an interpreter.")
    advocate.get_by_role("button", name="Save").click()
    advocate.wait_for_url(case_url)
    assert "Visited at the foster home" in advocate.locator("#contacts + table").inner_text()
    advocate.get_by_role("link", name="Close the advocacy").click()
    advocate.wait_for_url("**/close")
    check(advocate, "advocate-close")
    error_then(advocate, "Save", "advocate-close")
    advocate.get_by_label("Informal resolution").check()
    advocate.get_by_role("button", name="Save").click()
    advocate.wait_for_url(case_url)
    assert advocate.locator("#case-status").inner_text() == "Closed"
    check(advocate, "advocate-case-closed")
    for path, name in [("/advocacy/availability", "advocate-availability"), ("/advocacy/helpline", "advocate-helpline"),
                       ("/advocacy/helpline/new", "advocate-helpline-new"),
                       ("/advocacy/find?reference=ZZZZ-ZZZZ", "advocate-find")]:
        advocate.goto(f"{live_server}{path}")
        check(advocate, name)
    advocate.goto(f"{live_server}/advocacy/helpline/new")
    error_then(advocate, "Save", "advocate-helpline-new")

    # The young person sees their reply was read; staff see the closed case.
    young_person.goto(f"{live_server}/check/status")
    assert "Read by your advocate" in young_person.locator("#messages + ol").inner_text()
    staff.goto(staff_case_url)
    assert "Informal resolution" in staff.locator("main").inner_text()
    staff.goto(f"{live_server}/staff/")
    check(staff, "staff-home-concern")
    staff.locator("#safeguarding-concerns + ul a").last.click()
    staff.wait_for_url("**/staff/advocacy/concerns/*")
    assert "frightens her" in staff.locator("#concern-details").inner_text()
    check(staff, "staff-concern")
    staff.get_by_role("button", name="Acknowledge: we are acting on it").click()
    staff.locator("#acknowledged").wait_for()
    for context, other in ((staff_context, staff), (advocate_context, advocate)):
        assert not other.errors, other.errors
        context.close()


def test_advocacy_pages_work_without_javascript(page_without_js, chromium, live_server):
    page = page_without_js
    # An advocate with an overdue contact: it heads the caseload; they write, log a contact, update availability.
    sign_in(page, RUTH, "/advocacy/")
    assert "Contact overdue since" in page.locator("#caseload").inner_text()
    check(page, "advocate-caseload")
    page.locator("#caseload a").first.click()
    page.wait_for_url("**/advocacy/cases/*")
    case_url = page.url
    page.get_by_label("Your message").fill("Checking in: how did the review go?")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_url(re.compile(r".*/advocacy/cases/[^/]+(#messages)?$"))
    assert "Checking in" in page.locator("#thread").inner_text()
    page.get_by_role("link", name="Log a contact").click()
    page.get_by_label("Phone call").check()
    page.get_by_label("How long, in minutes").fill("")
    page.get_by_role("button", name="Save").click()
    page.locator(".govuk-error-summary").wait_for()
    page.get_by_label("How long, in minutes").fill("20")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(case_url)
    page.goto(f"{live_server}/advocacy/availability")
    page.get_by_label("No, not at the moment").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/advocacy/")
    assert "You are not taking new cases" in page.locator("#availability").inner_text()
    page.goto(f"{live_server}/advocacy/helpline/new")
    page.get_by_label("A young person seeking informal help").check()
    page.get_by_label("Text message").check()
    page.get_by_label("What did they need help or advice with?").fill("Wanted to know about family time.")
    page.get_by_label("Advice or information given").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/advocacy/helpline")
    assert "Wanted to know about family time." in page.locator("#helpline-contacts").inner_text()
    page.goto(f"{live_server}/advocacy/find?reference=ZZZZ-ZZZZ")
    assert page.locator("#not-found").count() == 1

    # Staff, without JavaScript: assign the waiting Arabic request to the Arabic-speaking advocate.
    staff_context, staff = new_page(chromium, live_server, javascript=False)
    sign_in(staff, MANAGER, "/staff/")
    staff.goto(f"{live_server}/staff/advocacy")
    staff.locator("#advocacy-requests li", has_text="speaking Arabic").first.get_by_role("link").click()
    staff.wait_for_url("**/staff/advocacy/requests/*")
    first = staff.locator(".govuk-radios__item").first
    assert first.inner_text().startswith("Amina Haddad") and "Speaks Arabic" in first.inner_text()
    first.locator("input").check()
    staff.get_by_role("button", name="Assign this advocate").click()
    staff.wait_for_url("**/staff/advocacy/cases/*")
    staff.get_by_label("Your message").fill("مرحبا")
    staff.get_by_role("button", name="Send message").click()
    staff.wait_for_url(re.compile(r".*/staff/advocacy/cases/[^/]+(#messages)?$"))
    assert "مرحبا" in staff.locator("#thread").inner_text()
    check(staff, "staff-case")
    assert not staff.errors, staff.errors
    staff_context.close()
