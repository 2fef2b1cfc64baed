"""Shared set-up for the advocacy service's tests (a plain module: tests/web is on sys.path)."""

from __future__ import annotations

import re
from typing import Any

from portal.casework import advocacy as work
from portal.intake import codes


def in_pool(make_user, *, name: str = "Test Advocate", kind: str = "independent", languages: str = "",
            gender: str | None = None, capacity: int = 5, officer: Any = None) -> Any:
    advocate = make_user("advocate")
    advocate.name = name
    work.save_pool_entry(advocate, work.PoolEntry(kind=kind, languages=languages, gender=gender, areas="",
                                                  capacity=capacity, active=True),
                         actor=officer or advocate)
    return advocate


def request_for(make_submission, **answers: Any) -> Any:
    values = {"help_wanted": "I want someone with me at my review.", "advocate": "independent",
              "contact_method": "email", "contact_email": "yp@example.com"}
    return make_submission(kind="advocacy_request", **{**values, **answers})


def assigned(make_user, make_submission, *, advocate: Any = None, officer: Any = None, **answers: Any) -> Any:
    officer = officer or make_user("crs_officer")
    advocate = advocate or in_pool(make_user, officer=officer)
    return work.assign(request_for(make_submission, **answers), advocate=advocate, actor=officer,
                       staff_notes="Staff only: safeguarding history with the stepfather.")


def token_from(client: Any, path: str) -> str:
    body = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)


def post(client: Any, path: str, data: dict[str, Any], form_page: str | None = None) -> Any:
    return client.post(path, data={"csrf_token": token_from(client, form_page or path), **data})


def give_code(app: Any, submission: Any) -> str:
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    return code
