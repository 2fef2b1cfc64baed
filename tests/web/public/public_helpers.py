"""Helpers for the public front door's web tests: a journey filled in step by step, CSRF on.

A plain module with a unique name (``conftest`` is taken by several folders in one run)."""

from __future__ import annotations

import re
from typing import Any

ARABIC = "أريد أن أرى أخي الصغير كل أسبوع.\r\nلم يخبرني أحد لماذا توقفت الزيارات."
TIGRINYA = "ሰራሕተኛ ማሕበራዊ ጉዳይ ኣይደወለለይን። 😢🙏"

# A complete, valid set of answers, step by step (the values as a browser would send them).
STEP_DATA: dict[str, dict[str, str]] = {
    "start": {"kind": "complaint"},
    "who": {"who_is_telling": "young_person"},
    "you": {"your_name": "Amina Yusuf", "your_relationship": "I am her aunt", "young_person_knows": "agrees"},
    "name": {"young_person_name": "Selam"},
    "age": {"dob_day": "", "dob_month": "", "dob_year": "", "age": "15"},
    "where": {"where_they_live": "foster_care", "service_or_worker": ""},
    "details": {"what_happened": ARABIC},
    "hopes": {"what_would_help": TIGRINYA},
    "wishes": {"wishes": ARABIC, "who_should_know": "My social worker"},
    "help": {"help_wanted": ARABIC},
    "advocate": {"advocate": "independent"},
    "advocate-choice": {"advocate": "independent", "advocate_gender": "woman", "advocate_language": "Tigrinya"},
    "contact": {"contact_method": "email", "contact_email": "selam@example.com"},
    "contact-safety": {"may_leave_message": "no", "safe_times": "After 4pm"},
    "interpreter": {"interpreter_needed": "yes", "interpreter_language": "Tigrinya"},
    "about-you": {"gender": "female", "ethnicity": "BAFR", "uas_child": "yes"},
}


class Journey:
    def __init__(self, client: Any) -> None:
        self.client = client
        self._token: str | None = None

    @property
    def token(self) -> str:
        if self._token is None:
            self._token = self.client.csrf_token("/tell-us/start")
        return self._token

    def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kwargs)

    def step(self, slug: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.post(f"/tell-us/{slug}", STEP_DATA.get(slug, {}) if data is None else data, **kwargs)

    def fill(self, kind: str = "complaint", **overrides: dict[str, str]) -> Any:
        """Answer every step that applies, in order, following the redirects; returns the last response."""
        response = self.step("start", {"kind": kind})
        while True:
            assert response.status_code == 303, response.get_data(as_text=True)[:2000]
            location = response.headers["Location"]
            if location.endswith("/tell-us/check"):
                return response
            slug = location.rsplit("/", 1)[1]
            response = self.step(slug, overrides.get(slug.replace("-", "_"), STEP_DATA[slug]))

    def send(self) -> Any:
        return self.post("/tell-us/check", {"website": ""})


def text_of(response: Any) -> str:
    return response.get_data(as_text=True).replace("&#39;", "'").replace("&#34;", '"').replace("&quot;", '"')


def code_from(body: str) -> str:
    groups = re.findall(r'app-tracking-code__group">([0-9]{4})<', body)
    assert len(groups) == 3, "no tracking code on the page"
    return "-".join(groups)


def reference_from(body: str) -> str:
    match = re.search(r'class="app-reference app-ltr" dir="ltr">([A-Z0-9-]{9})<', body)
    assert match, "no reference on the page"
    return match.group(1)
