"""The staff, advocacy and sign-in areas are English, whatever a young person chose on this phone,
and their strings come from the staff gettext domain (translations/staff.pot), not the public one."""

from __future__ import annotations


def test_sign_in_stays_english_after_arabic_was_chosen(client):
    assert 'lang="ar"' in client.get("/?lang=ar").get_data(as_text=True)
    body = client.get("/sign-in").get_data(as_text=True)
    assert 'lang="en-GB"' in body and 'dir="rtl"' not in body
    assert "Sign in" in body
    # The young person's choice is kept for the public pages.
    assert 'lang="ar"' in client.get("/").get_data(as_text=True)


def test_staff_pages_are_english_with_arabic_asked_for(client, make_user):
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/?lang=ar").get_data(as_text=True)
    assert 'lang="en-GB"' in body and 'dir="rtl"' not in body


def test_a_staff_string_is_not_in_the_public_catalogue():
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2] / "translations"
    with (root / "messages.pot").open("rb") as public, (root / "staff.pot").open("rb") as staff:
        public_ids = {m.id for m in read_po(public) if m.id}
        staff_ids = {m.id for m in read_po(staff) if m.id}
    assert "Triage queue" in staff_ids or any("triage" in str(i).lower() for i in staff_ids)
    assert not any("triage" in str(i).lower() for i in public_ids)
