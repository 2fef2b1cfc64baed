"""Configuration classes, read from the environment.

Every setting a council may change is an environment variable documented in README.md.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in _env(name, default).split(",") if item.strip()]


class Config:
    SECRET_KEY = _env("SECRET_KEY", "")
    # A separate key for tracking-code hashes: rotating the session key must not lock young people out.
    TRACKING_CODE_KEY = _env("TRACKING_CODE_KEY", "")
    DATABASE_URL = _env("DATABASE_URL", f"sqlite:///{INSTANCE / 'portal.sqlite3'}")
    SERVICE_NAME = _env("SERVICE_NAME", "Children's Rights Service")
    COUNCIL_NAME = _env("COUNCIL_NAME", "Example County Council")
    # The stage 2 adjudication is the deputy director's; a council that delegates it to its complaints
    # manager says so here (decision 0017). A Children's Rights officer never adjudicates.
    STAGE2_ADJUDICATION_DELEGATED = _env_bool("STAGE2_ADJUDICATION_DELEGATED", False)
    # Where "Exit this page" lands: a neutral site that reveals nothing on a shared phone.
    EXIT_PAGE_URL = _env("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")
    OUT_OF_HOURS_PHONE = _env("OUT_OF_HOURS_PHONE", "0300 123 4567")
    SERVICE_PHONE = _env("SERVICE_PHONE", "0300 123 4560")
    SERVICE_EMAIL = _env("SERVICE_EMAIL", "childrens.rights@example.gov.uk")
    # The Local Government and Social Care Ombudsman, shown after the council's final answer (read from
    # www.lgo.org.uk on 2026-12-07: its complaint form, its advisers' number, and the 12 months within
    # which it normally expects a complaint after the person knew of the matter). Settings, as the
    # Ombudsman can change them.
    OMBUDSMAN_COMPLAINT_URL = _env("OMBUDSMAN_COMPLAINT_URL", "https://www.lgo.org.uk/make-a-complaint")
    OMBUDSMAN_PHONE = _env("OMBUDSMAN_PHONE", "0300 061 0614")
    OMBUDSMAN_TIME_LIMIT_MONTHS = _env_int("OMBUDSMAN_TIME_LIMIT_MONTHS", 12)
    # Outgoing email (the notifications outbox, sent by `flask notifications send`).
    SMTP_HOST = _env("SMTP_HOST", "127.0.0.1")
    SMTP_PORT = _env_int("SMTP_PORT", 8025)
    MAIL_FROM = _env("MAIL_FROM", "no-reply@example.gov.uk")
    # The SMTP relay's STARTTLS (with the system's certificates, or SMTP_CA_FILE's) and sign-in.
    SMTP_STARTTLS = _env_bool("SMTP_STARTTLS", False)
    SMTP_CA_FILE = _env("SMTP_CA_FILE", "")
    SMTP_USERNAME = _env("SMTP_USERNAME", "")
    SMTP_PASSWORD = _env("SMTP_PASSWORD", "")
    # What sends the outbox: smtp (email only), or notify (GOV.UK Notify: email and text messages, with one
    # plain template per channel whose content is the portal's own text; portal.notifications.transports).
    MESSAGE_SENDER = _env("MESSAGE_SENDER", "smtp")
    NOTIFY_API_KEY = _env("NOTIFY_API_KEY", "")
    NOTIFY_BASE_URL = _env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
    NOTIFY_EMAIL_TEMPLATE_ID = _env("NOTIFY_EMAIL_TEMPLATE_ID", "")
    NOTIFY_SMS_TEMPLATE_ID = _env("NOTIFY_SMS_TEMPLATE_ID", "")
    # Retention (portal.procedure.retention, decision 0020): a closed case's personal data is kept until the
    # later of this many years after it closed and the young person's birthday at this age.
    RETENTION_YEARS_AFTER_CLOSE = _env_int("RETENTION_YEARS_AFTER_CLOSE", 6)
    RETENTION_UNTIL_AGE = _env_int("RETENTION_UNTIL_AGE", 25)
    # Seals what a waiting message needs (a tracking code) in the outbox (portal.notifications.sealing):
    # a long random string, different from SECRET_KEY and TRACKING_CODE_KEY; several, comma-separated,
    # while changing it (the first seals). What still waits after OUTBOX_MAX_AGE_HOURS is given up and wiped.
    OUTBOX_KEY = _env("OUTBOX_KEY", "")
    OUTBOX_MAX_AGE_HOURS = _env_int("OUTBOX_MAX_AGE_HOURS", 24)
    # Working days within which the service promises first contact after a submission.
    FIRST_CONTACT_WORKING_DAYS = _env_int("FIRST_CONTACT_WORKING_DAYS", 3)
    # The council's own timescale for answering an MP's or County Councillor's enquiry (not statutory).
    MEMBER_ENQUIRY_WORKING_DAYS = _env_int("MEMBER_ENQUIRY_WORKING_DAYS", 10)
    # Documents kept with a case: the largest file accepted. Files are kept in the database (decision
    # 0021); DOCUMENTS_FOLDER is only where `flask documents move-into-database` finds files kept on disk
    # before that.
    UPLOAD_MAX_BYTES = _env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
    DOCUMENTS_FOLDER = _env("DOCUMENTS_FOLDER", str(INSTANCE / "documents"))
    # ClamAV's daemon, which scans every upload before anyone can download it: Debian's clamav-daemon
    # listens on unix:///run/clamav/clamd.ctl; a shared one on tcp://HOST:3310.
    CLAMD_URL = _env("CLAMD_URL", "unix:///run/clamav/clamd.ctl")
    CLAMD_TIMEOUT_SECONDS = _env_int("CLAMD_TIMEOUT_SECONDS", 30)
    # SQLite is one file on one host: production refuses it unless this says exactly one host serves
    # the portal (several hosts need PostgreSQL, which they all reach).
    DATABASE_SINGLE_HOST = _env_bool("DATABASE_SINGLE_HOST", False)
    # Languages a council has switched on: codes (fa_AF or fa-AF), or "all" for every language whose
    # catalogue ships. English is always on; a language without a compiled catalogue never is.
    LANGUAGES = _env_list("LANGUAGES", "all")
    DEMO_BANNER = _env_bool("DEMO_BANNER", False)
    # The annual report counts on three database connections at once (decision 0016: on two cores about
    # half the time). Off in the tests: their records are never committed, so no second connection sees them.
    REPORT_YEARS_APART = _env_bool("REPORT_YEARS_APART", True)

    SESSION_COOKIE_NAME = "crs_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = _env_int("SESSION_LIFETIME_SECONDS", 30 * 60)
    REMEMBER_COOKIE_DURATION = 0
    WTF_CSRF_TIME_LIMIT = None  # the session's own lifetime bounds the token
    MAX_CONTENT_LENGTH = _env_int("MAX_CONTENT_LENGTH", 256 * 1024)

    # memory:// counts in each worker process alone: with several workers every limit is multiplied.
    # Production refuses it unless RATELIMIT_SINGLE_PROCESS says only one process ever runs.
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_SINGLE_PROCESS = _env_bool("RATELIMIT_SINGLE_PROCESS", False)
    RATELIMIT_KEY_PREFIX = _env("RATELIMIT_KEY_PREFIX", "portal")
    # Reverse proxies in front of the app that add X-Forwarded-For / X-Forwarded-Proto. Behind one,
    # every young person would otherwise share the proxy's address; with 0 the headers are ignored
    # (anyone can send them, so trusting them without a proxy would let limits be dodged).
    TRUSTED_PROXY_COUNT = _env_int("TRUSTED_PROXY_COUNT", 0)
    # Public pages that do not depend on the visitor are rendered once per language (portal.public.page_cache).
    PUBLIC_PAGE_CACHE = _env_bool("PUBLIC_PAGE_CACHE", True)
    # The default limit counts form posts only (portal.extensions); pages that are read are not counted.
    RATELIMIT_DEFAULT = _env("RATELIMIT_DEFAULT", "600 per minute")
    SIGN_IN_RATE_LIMIT = _env("SIGN_IN_RATE_LIMIT", "20 per minute")

    # argon2id cost: the library's defaults (RFC 9106 low-memory profile).
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4

    TOTP_ISSUER = _env("TOTP_ISSUER", "Children's Rights Portal")

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")

    TESTING = False
    DEBUG = False


class DevelopmentConfig(Config):
    SECRET_KEY = Config.SECRET_KEY or "development-only-secret-key-change-me"
    TRACKING_CODE_KEY = Config.TRACKING_CODE_KEY or "development-only-tracking-key"
    OUTBOX_KEY = Config.OUTBOX_KEY or "development-only-outbox-key"
    # Development serves plain http on 127.0.0.1; production must keep Secure cookies.
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    DEMO_BANNER = _env_bool("DEMO_BANNER", True)
    # Re-read static/dist/manifest.json on each page, so `make assets` shows without a restart.
    ASSETS_AUTORELOAD = True
    PUBLIC_PAGE_CACHE = False  # templates are edited and reloaded


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105 - tests only
    TRACKING_CODE_KEY = "test-tracking-key"  # noqa: S105 - tests only
    OUTBOX_KEY = "test-outbox-key"  # noqa: S105 - tests only
    # Only TEST_DATABASE_URL: the suite rebuilds its database, so it never follows DATABASE_URL (which
    # may be the development or production database exported in the same shell).
    DATABASE_URL = _env("TEST_DATABASE_URL", "sqlite:///" + str(INSTANCE / "test.sqlite3"))
    SESSION_COOKIE_SECURE = False
    RATELIMIT_STORAGE_URI = "memory://"
    # Light argon2 parameters keep the suite fast; production keeps the defaults above.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    LANGUAGES = ["all"]
    REPORT_YEARS_APART = False
    PUBLIC_PAGE_CACHE = False  # on in tests/web/public/test_page_cache.py, which checks it against rendering
    # The tests start their own clamd with a small local signature database (tests/portal_testing.py).
    CLAMD_URL = _env("TEST_CLAMD_URL", "unix:///nonexistent/clamd.sock")
    CLAMD_TIMEOUT_SECONDS = 10


class ProductionConfig(Config):
    def __init__(self) -> None:
        missing = [name for name in ("SECRET_KEY", "TRACKING_CODE_KEY", "OUTBOX_KEY") if not getattr(self, name)]
        if missing:
            raise RuntimeError(f"Set {', '.join(missing)} in the environment before starting in production.")
        if self.OUTBOX_KEY.split(",")[0].strip() in (self.SECRET_KEY, self.TRACKING_CODE_KEY):
            raise RuntimeError("OUTBOX_KEY must differ from SECRET_KEY and TRACKING_CODE_KEY.")
        refusal = message_sender_refusal(self)
        if refusal:
            raise RuntimeError(refusal)
        refusal = shared_rate_limit_refusal(self.RATELIMIT_STORAGE_URI, self.RATELIMIT_SINGLE_PROCESS,
                                            os.environ.get("WEB_CONCURRENCY"))
        if refusal:
            raise RuntimeError(refusal)
        refusal = sqlite_refusal(self.DATABASE_URL, self.DATABASE_SINGLE_HOST)
        if refusal:
            raise RuntimeError(refusal)


def message_sender_refusal(config: Config) -> str | None:
    """Why production must not start with these sender settings, or None if it may: Notify needs its key
    and both templates; a relay's password never goes over a connection without STARTTLS."""
    if config.MESSAGE_SENDER not in ("smtp", "notify"):
        return f"MESSAGE_SENDER={config.MESSAGE_SENDER!r}: choose smtp or notify."
    if config.MESSAGE_SENDER == "notify":
        missing = [name for name in ("NOTIFY_API_KEY", "NOTIFY_EMAIL_TEMPLATE_ID", "NOTIFY_SMS_TEMPLATE_ID")
                   if not getattr(config, name)]
        if missing:
            return f"MESSAGE_SENDER=notify needs {', '.join(missing)}."
    elif config.SMTP_USERNAME and not config.SMTP_STARTTLS:
        return "SMTP_USERNAME is set without SMTP_STARTTLS: the relay's password would cross the network in clear."
    return None


def sqlite_refusal(database_url: str, single_host: bool) -> str | None:
    """Why production must not start on this database, or None if it may.

    A SQLite file lives on one host's disk: a second app host would write a database of its own, and
    half of what young people send would be on each. Production needs PostgreSQL unless
    DATABASE_SINGLE_HOST says exactly one host serves the portal.
    """
    if not database_url.startswith("sqlite") or single_host:
        return None
    return ("DATABASE_URL is a SQLite file in production. Set DATABASE_URL=postgresql://... (a PostgreSQL "
            "every app host reaches). If exactly one host ever serves the portal, set DATABASE_SINGLE_HOST=true "
            "instead.")


def shared_rate_limit_refusal(storage_uri: str, single_process: bool, web_concurrency: str | None) -> str | None:
    """Why production must not start with this rate-limit store, or None if it may.

    The rule: production needs a shared store (Redis) unless RATELIMIT_SINGLE_PROCESS is on, and
    even then not when WEB_CONCURRENCY (gunicorn's worker count) asks for more than one worker.
    gunicorn's ``-w`` cannot be seen from inside the app, hence the explicit setting.
    """
    if not storage_uri.startswith("memory://"):
        return None
    advice = ("Set RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379 (a Redis every worker reaches): with "
              "memory:// each worker counts alone, so every limit is multiplied by the number of workers.")
    if not single_process:
        return (f"RATELIMIT_STORAGE_URI is memory:// in production. {advice} If exactly one process "
                "ever runs, set RATELIMIT_SINGLE_PROCESS=true instead.")
    if web_concurrency not in (None, "") and int(web_concurrency) > 1:
        return (f"WEB_CONCURRENCY={web_concurrency} runs several workers, but RATELIMIT_STORAGE_URI is "
                f"memory://. {advice}")
    return None


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_from_environment(default: str = "development") -> type[Config]:
    """The configuration ``PORTAL_ENV`` names, else ``default`` (``wsgi.py`` passes "production")."""
    name = _env("PORTAL_ENV", default)
    if name not in CONFIGS:
        raise RuntimeError(f"PORTAL_ENV={name!r}: choose one of {', '.join(CONFIGS)}.")
    return CONFIGS[name]
