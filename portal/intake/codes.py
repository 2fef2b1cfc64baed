"""References and tracking codes.

A reference names a submission in conversation; alone it opens nothing. The tracking code is the
secret that opens the tracking page: 12 random digits (39.9 bits), shown in three groups of four and
stored only as a keyed HMAC. Guessing is stopped by the per-reference lock-out
(``portal.intake.tracking.check_tracking_code``), not by length: see docs/decisions/0009-shorter-tracking-codes.md.
Codes issued before that decision (16 characters of ``ALPHABET``) keep working: both normalise the
same way and are hashed the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from portal.text import western_digits

# No 0/O, 1/I/L or U/V look-alikes: easy to read aloud and to copy from a small screen.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"

REFERENCE_LENGTH = 8
# Digits: the same in every script a young person may use, typed from any phone's number pad.
DIGITS = "0123456789"
TRACKING_CODE_LENGTH = 12  # 10**12 ≈ 2**39.9; the lock-out allows ~8,300 tries a year per reference
OLD_TRACKING_CODE_LENGTH = 16  # codes issued before decision 0009: 29**16 ≈ 2**77.7
CODE_LENGTHS = (TRACKING_CODE_LENGTH, OLD_TRACKING_CODE_LENGTH)


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def group(code: str, size: int = 4) -> str:
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def new_reference() -> str:
    return group(_random(REFERENCE_LENGTH))


def new_tracking_code() -> str:
    return group("".join(secrets.choice(DIGITS) for _ in range(TRACKING_CODE_LENGTH)))


def normalise(code: str) -> str:
    """What a person typed, made comparable: case, spaces, dashes and the script of the digits forgiven.
    Old codes (letters and digits) and new ones (digits) both come out as their plain characters."""
    return "".join(ch for ch in western_digits(code).upper() if ch.isascii() and ch.isalnum())


def is_code_shaped(code: str) -> bool:
    """A new code (12 digits) or an old one (16 characters of ``ALPHABET``), once normalised."""
    plain = normalise(code)
    if len(plain) == TRACKING_CODE_LENGTH:
        return plain.isdigit()
    return len(plain) == OLD_TRACKING_CODE_LENGTH


def hash_tracking_code(code: str, key: str) -> str:
    return hmac.new(key.encode(), normalise(code).encode(), hashlib.sha256).hexdigest()


def tracking_code_matches(code: str, stored_hash: str | None, key: str) -> bool:
    if not stored_hash:
        return False
    return hmac.compare_digest(hash_tracking_code(code, key), stored_hash)
