"""Sign-in for staff and advocates: password (argon2id), then a TOTP code, then a new session.

The sign-in pages and their blueprint are in ``portal.auth.views``."""
