"""Shared set-up for the documents' tests (a plain module: tests/ is on sys.path): staff attaching a
file, a young person opening their tracking page and sending one."""

from __future__ import annotations

import io
from typing import Any

from portal.intake import codes

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def attach(client: Any, case: Any, content: bytes, name: str = "letter.pdf", description: str = "") -> Any:
    path = f"/staff/cases/{case.id}/documents"
    return client.post(path, data={"csrf_token": client.csrf_token(path), "description": description,
                                   "document": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def track(app: Any, client: Any, session: Any, submission: Any, code: str | None = None) -> str:
    """Open the submission's tracking page on ``client``, with ``code`` or a new one given it; returns the
    code (a new code closes pages opened with the old one)."""
    if code is None:
        code = codes.new_tracking_code()
        submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
        session.commit()
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})
    return code


def send(client: Any, content: bytes, name: str = "photo.pdf", lang: str | None = None) -> Any:
    path = "/check/send-a-file" + (f"?lang={lang}" if lang else "")
    return client.post(path, data={"csrf_token": client.csrf_token(path), "description": "",
                                   "document": (io.BytesIO(content), name)}, content_type="multipart/form-data")
