"""Every public page a young person can meet, rendered through the test client in one language:
the information pages, each journey's every step (empty first, for its error state, then answered),
check your answers, the confirmation, the tracking pages and a missing page.

Shared by the plain-English test and the every-language tests, so both read the same pages.
"""

from __future__ import annotations

import re
from typing import Any

# One valid answer per step, as a browser sends it.
STEP_ANSWERS: dict[str, dict[str, str]] = {
    "who": {"who_is_telling": "young_person"},
    "you": {"your_name": "Amina", "your_relationship": "Aunt", "young_person_knows": "agrees"},
    "name": {"young_person_name": "Selam"},
    "age": {"dob_day": "", "dob_month": "", "dob_year": "", "age": "15"},
    "where": {"where_they_live": "foster_care", "service_or_worker": ""},
    "details": {"what_happened": "My contact was cancelled."},
    "hopes": {"what_would_help": ""},
    "wishes": {"wishes": "I want to see my brother.", "who_should_know": ""},
    "help": {"help_wanted": "A meeting about school."},
    "advocate": {"advocate": "independent"},
    "advocate-choice": {"advocate": "independent", "advocate_gender": "no_preference", "advocate_language": ""},
    "contact": {"contact_method": "none"},
    "contact-safety": {"may_leave_message": "no", "safe_times": ""},
    "interpreter": {"interpreter_needed": "no"},
    "about-you": {"gender": "female", "ethnicity": "BAFR", "uas_child": "yes"},
}

INFORMATION_PAGES = ["/", "/easy-read", "/using-this-site-safely", "/accessibility", "/privacy", "/interpreters",
                     "/language", "/check", "/check/lost-code", "/tell-us/start", "/no-such-page"]


def _token(body: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)


def public_pages(client: Any, lang: str, kinds: tuple[str, ...] = ("complaint", "wishes_and_feelings",
                                                                  "advocacy_request")) -> dict[str, str]:
    """{name: HTML} for every public page in ``lang``, walking each journey in ``kinds``."""
    pages: dict[str, str] = {}

    def get(path: str, name: str | None = None) -> str:
        pages[name or path] = client.get(path).get_data(as_text=True)
        return pages[name or path]

    client.get(f"/?lang={lang}")
    for path in INFORMATION_PAGES:
        get(path)
    csrf = _token(pages["/tell-us/start"])

    def post(path: str, data: dict[str, str], name: str) -> Any:
        response = client.post(path, data={"csrf_token": csrf, **data})
        if response.status_code == 200:
            pages[name] = response.get_data(as_text=True)
        return response

    post("/check", {}, "/check (error)")
    post("/check/lost-code", {}, "/check/lost-code (error)")
    post("/tell-us/start", {}, "/tell-us/start (error)")
    for kind in kinds:
        response = post("/tell-us/start", {"kind": kind}, "/tell-us/start (sent)")
        while response.status_code == 303 and not response.headers["Location"].endswith("/tell-us/check"):
            slug = response.headers["Location"].rsplit("/", 1)[1]
            get(f"/tell-us/{slug}")
            post(f"/tell-us/{slug}", {}, f"/tell-us/{slug} (error)")
            response = post(f"/tell-us/{slug}", STEP_ANSWERS[slug], f"/tell-us/{slug} (answered)")
        get("/tell-us/check", f"/tell-us/check ({kind})")
        response = client.post("/tell-us/check", data={"csrf_token": csrf, "website": ""})
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        sent = get(response.headers["Location"], f"/tell-us/sent ({kind})")
    reference = re.search(r'class="app-reference[^"]*" dir="ltr">([A-Z0-9-]+)<', sent).group(1)
    code = "-".join(re.findall(r'app-tracking-code__group">([0-9]+)<', sent))
    response = client.post("/check", data={"csrf_token": csrf, "reference": reference, "code": code})
    if response.status_code == 303:
        get(response.headers["Location"], "/check/status")
        for path in ("/check/add", "/check/withdraw", "/check/look-again"):
            body = client.get(path)
            if body.status_code == 200:
                pages[path] = body.get_data(as_text=True)
    return pages
