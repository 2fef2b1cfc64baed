"""Subject access: start a request for a person on a case, the redaction review, and what is supplied (a
printable page, a JSON file, and a zip of the JSON with the released documents' files). Complaints managers
(``SUBJECT_ACCESS``)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask import Response, abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from portal.access import visible_cases
from portal.audit import note_read
from portal.casework import subject_access
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, Person, SubjectAccessRequest
from portal.permissions import SUBJECT_ACCESS, requires
from staff.blueprint import bp
from staff.forms import ButtonForm


def _person_or_404(person_id: uuid.UUID) -> Person:
    """A person on a case this user may see (the same answer otherwise)."""
    seen = db.session.scalar(visible_cases(current_user).where(
        or_(Case.young_person_id == person_id, Case.complainant_id == person_id)).limit(1))
    person = db.session.get(Person, person_id) if seen is not None else None
    if person is None:
        abort(404)
    return person


def _request_or_404(request_id: uuid.UUID) -> tuple[SubjectAccessRequest, Person]:
    found = db.session.get(SubjectAccessRequest, request_id)
    if found is None:
        abort(404)
    return found, _person_or_404(found.person_id)


@bp.post("/people/<uuid:person_id>/subject-access")
@requires(SUBJECT_ACCESS)
def start_subject_access(person_id: uuid.UUID) -> Any:
    person = _person_or_404(person_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    started = subject_access.start(person, actor=current_user)
    return redirect(url_for("staff.subject_access_review", request_id=started.id), code=303)


@bp.route("/subject-access/<uuid:request_id>", methods=["GET", "POST"])
@requires(SUBJECT_ACCESS)
def subject_access_review(request_id: uuid.UUID) -> Any:
    found, person = _request_or_404(request_id)
    items = subject_access.gather(person)
    missing: list[str] = []
    decisions = subject_access.default_decisions(items) | (found.decisions or {})
    if request.method == "POST":
        if not ButtonForm().validate_on_submit():
            abort(400)
        chosen = {}
        for item in items:
            choice = request.form.get(f"decision-{item.key}")
            reason = (request.form.get(f"reason-{item.key}") or "").strip()[:300]
            if choice in ("release", "withhold"):
                chosen[item.key] = {"release": choice == "release", **({"reason": reason} if choice == "withhold"
                                                                         else {})}
        missing = subject_access.review(found, chosen, actor=current_user)
        if not missing:
            return redirect(url_for("staff.subject_access_export", request_id=found.id), code=303)
        decisions = found.decisions
    note_read("case", person.id, detail="subject access review")
    sections: dict[str, list[Any]] = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    return render_template("staff/subject_access_review.html", found=found, sections=sections,
                           decisions=decisions, missing=missing, form=ButtonForm(),
                           keys={item.key: f"item-{index}" for index, item in enumerate(items)})


def _supplied() -> tuple[SubjectAccessRequest, dict[str, Any]]:
    found, _person = _request_or_404(request.view_args["request_id"])  # type: ignore[index]
    try:
        supplied = subject_access.export(found, actor=current_user)
    except CaseworkError:
        abort(409)
    note_read("export", found.person_id, detail="subject access")
    return found, supplied


@bp.get("/subject-access/<uuid:request_id>/export")
@requires(SUBJECT_ACCESS)
def subject_access_export(request_id: uuid.UUID) -> str:
    found, supplied = _supplied()
    sections: dict[str, list[Any]] = {}
    for entry in supplied["released"]:
        sections.setdefault(entry["section"], []).append(entry)
    return render_template("staff/subject_access_export.html", found=found, supplied=supplied, sections=sections)


@bp.get("/subject-access/<uuid:request_id>/export.json")
@requires(SUBJECT_ACCESS)
def subject_access_json(request_id: uuid.UUID) -> Response:
    found, supplied = _supplied()
    return Response(json.dumps(supplied, ensure_ascii=False, indent=2), mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="subject-access-{found.id}.json"'})


@bp.get("/subject-access/<uuid:request_id>/export.zip")
@requires(SUBJECT_ACCESS)
def subject_access_archive(request_id: uuid.UUID) -> Response:
    found, _person = _request_or_404(request_id)
    try:
        _supplied_now, data = subject_access.export_archive(found, actor=current_user)
    except CaseworkError:
        abort(409)
    note_read("export", found.person_id, detail="subject access with documents")
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="subject-access-{found.id}.zip"'})


def requests_for(person_id: uuid.UUID) -> list[SubjectAccessRequest]:
    return list(db.session.scalars(select(SubjectAccessRequest).where(SubjectAccessRequest.person_id == person_id)))
