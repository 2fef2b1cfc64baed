"""References and tracking codes.

A reference names a submission in conversation; alone it opens nothing. The tracking code is the
secret that opens the tracking page: 80 random bits, shown once in groups of four, stored only as a
keyed HMAC (a fast keyed hash is right for a high-entropy random code; a password hash is not needed).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

# No 0/O, 1/I/L or U/V look-alikes: easy to read aloud and to copy from a small screen.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"

REFERENCE_LENGTH = 8
TRACKING_CODE_LENGTH = 16  # 29**16 ≈ 2**77.7: over 64 bits, as the threat model asks


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def group(code: str, size: int = 4) -> str:
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def new_reference() -> str:
    return group(_random(REFERENCE_LENGTH))


def new_tracking_code() -> str:
    return group(_random(TRACKING_CODE_LENGTH))


def normalise(code: str) -> str:
    """What a person typed, made comparable: case, spaces and dashes forgiven."""
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


def hash_tracking_code(code: str, key: str) -> str:
    return hmac.new(key.encode(), normalise(code).encode(), hashlib.sha256).hexdigest()


def tracking_code_matches(code: str, stored_hash: str | None, key: str) -> bool:
    if not stored_hash:
        return False
    return hmac.compare_digest(hash_tracking_code(code, key), stored_hash)
