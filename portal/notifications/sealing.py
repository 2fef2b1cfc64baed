"""What a queued message needs (a tracking code, a reference) is sealed while it waits.

The outbox keeps a message's personalisation only as a Fernet token (AES-128-CBC with an HMAC-SHA256,
from the ``cryptography`` package) made with ``OUTBOX_KEY``, a key from the environment kept apart from
the session key (``SECRET_KEY``) and the tracking-code key (``TRACKING_CODE_KEY``): a copy of the
database (a backup, a dump handed to a supplier) holds no tracking code in plain text. The sender
opens it only to build the message, and the outbox wipes it when sent, when given up, and after
``OUTBOX_MAX_AGE_HOURS`` (decision 0020).

``OUTBOX_KEY`` may list several keys separated by commas: the first seals, every one opens, so a key
can be changed while messages wait (put the new one first; remove the old after the maximum age).
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app


class SealBroken(Exception):
    """The sealed personalisation cannot be opened with any key (changed key, or tampered with)."""


def _fernet(setting: str) -> MultiFernet:
    keys = [part.strip() for part in setting.split(",") if part.strip()]
    if not keys:
        raise RuntimeError("Set OUTBOX_KEY: the key that seals what waits in the outbox.")
    # Any long random string is accepted (like SECRET_KEY); each is stretched to a Fernet key.
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"portal outbox\x00" + key.encode()).digest()))
        for key in keys
    ])


def seal_with(setting: str, personalisation: dict[str, Any] | None) -> str | None:
    """Sealed with the first key of ``setting`` (an OUTBOX_KEY value); None when there is nothing to seal."""
    if not personalisation:
        return None
    plain = json.dumps(personalisation, separators=(",", ":"), sort_keys=True).encode()
    return _fernet(setting).encrypt(plain).decode("ascii")


def seal(personalisation: dict[str, Any] | None) -> str | None:
    return seal_with(current_app.config["OUTBOX_KEY"], personalisation)


def unseal(sealed: str | None) -> dict[str, Any]:
    if not sealed:
        return {}
    try:
        plain = _fernet(current_app.config["OUTBOX_KEY"]).decrypt(sealed.encode("ascii"))
    except InvalidToken as error:
        raise SealBroken("the outbox key does not open this message") from error
    return json.loads(plain)
