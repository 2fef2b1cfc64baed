"""Time-based one-time codes (RFC 6238), with replay protection."""

from __future__ import annotations

import time

import pyotp
import segno


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG markup (no image request, nothing for the CSP to allow)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#0b0c0c", light="#ffffff")


def matching_step(secret: str, code: str, last_step: int | None, now: float | None = None) -> int | None:
    """The time-step the code belongs to (±1 step for clock drift), or None.

    A step at or before ``last_step`` is refused, so a code seen over someone's shoulder cannot be
    used again.
    """
    code = "".join(code.split())
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = int(now // totp.interval)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None
