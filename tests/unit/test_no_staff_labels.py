"""No public page, in any language, shows a label from the staff domain: the staff area's words are
English and written for staff ("Complaint", "Stage 1 responded"), and a young person once read "What
you sent: Complaint" in English on every language's tracking page.

The pages: every public page of the three journeys with their error states, the confirmation, and the
tracking page of each kind once triaged (a complaint at stage 1, wishes and feelings passed on, an
advocacy request with its advocate). `make test` reads English and Arabic; `make test-all` every
shipped language."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import html5lib
import pytest
from babel.messages.pofile import read_po
from public_pages import public_pages

from portal.i18n import LANGUAGES
from portal.intake import codes

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(code for code in LANGUAGES
                 if code == "en" or (ROOT / "translations" / code / "LC_MESSAGES" / "messages.mo").exists())


def _ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {(m.id if isinstance(m.id, str) else m.id[0]).strip() for m in read_po(handle) if m.id}


def staff_only_labels() -> set[str]:
    """Staff-domain strings that are not also public ones (placeholders and one-word generics aside)."""
    staff = _ids(ROOT / "translations" / "staff.pot") - _ids(ROOT / "translations" / "messages.pot")
    return {text for text in staff if "%(" not in text and len(text) > 3}


def _texts(body: str) -> set[str]:
    document = html5lib.parse(body, namespaceHTMLElements=False)
    found = set()
    for element in document.iter():
        if element.tag in ("script", "style"):
            continue
        for text in (element.text, element.tail):
            if text and text.strip():
                found.add(" ".join(text.split()))
    return found


def _tracking_pages(app, client, session, make_case, make_submission, make_user, lang):
    """The tracking page of each kind, once staff have dealt with it."""
    from portal.casework import advocacy

    complaint = make_case()
    wishes = make_case(route="informal", wishes_action="social_worker", wishes_acted_by="Sam",
                       wishes_act_by=date(2026, 12, 18))
    wishes.kind = wishes.submission.kind = "wishes_and_feelings"
    request = make_submission(kind="advocacy_request", help_wanted="Help at my review", advocate="crs")
    staff = make_user("crs_officer")
    pool_advocate = make_user("advocate")
    advocacy.save_pool_entry(pool_advocate, advocacy.PoolEntry(kind="crs", gender=None, languages="", areas="",
                                                               capacity=5, active=True), actor=staff)
    advocacy.assign(request, advocate=pool_advocate, actor=staff)
    pages = {}
    for name, submission in (("complaint", complaint.submission), ("wishes", wishes.submission),
                             ("advocacy", request)):
        code = codes.new_tracking_code()
        submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
        session.commit()
        client.get(f"/?lang={lang}")
        client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                    "code": code})
        pages[f"/check/status ({name})"] = client.get("/check/status").get_data(as_text=True)
        client.get("/check/sign-out")
    return pages


def _marks(code: str):
    return () if code in ("en", "ar") else (pytest.mark.slow,)


@pytest.mark.parametrize("lang", [pytest.param(code, marks=_marks(code)) for code in SHIPPED])
def test_no_public_page_shows_a_staff_label(app, client, session, make_case, make_submission, make_user, lang):
    labels = staff_only_labels()
    assert "Stage 1 responded" in labels and "Wishes and feelings" in labels  # the check can see them
    pages = public_pages(client, lang)
    pages.update(_tracking_pages(app, client, session, make_case, make_submission, make_user, lang))
    assert "/check/status (advocacy)" in pages and len(pages) > 40, sorted(pages)
    found = [f"{name}: {text!r}" for name, body in pages.items() for text in _texts(body) & labels]
    assert not found, "staff labels on public pages:\n" + "\n".join(sorted(found))


def test_the_check_finds_a_staff_label():
    assert {"Complaint"} & _texts('<dl><dt>What you sent</dt><dd>Complaint</dd></dl>') & staff_only_labels()
    assert not re.search("Complaint", "".join(_texts("<p>You made a complaint</p>") & staff_only_labels()))
