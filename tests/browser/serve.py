"""A live portal for the browser tests, in its own process and on its own database.

Browser tests cannot share the per-test rollback (the server answers outside the test's
transaction), so this builds a separate database with the migrations, adds the accounts the
journeys need, and serves on the port given.
"""

from __future__ import annotations

import sys

from werkzeug.serving import make_server


def main(port: int) -> None:
    from portal_testing import reset_database  # tests/ is on PYTHONPATH (see browser/conftest.py)

    from portal import create_app, demo
    from portal.auth import accounts
    from portal.config import TestConfig

    class BrowserConfig(TestConfig):
        # Its records are committed, as in production: the annual report counts last year on a second
        # connection at the same time, the way the staff page does in production.
        REPORT_YEARS_APART = True
        # Each browser context says who it is in X-Forwarded-For (browser/conftest.py): the per-address
        # limits then count one visitor, not every test of the run from 127.0.0.1.
        TRUSTED_PROXY_COUNT = 1
        # As in production: public pages and question pages kept per language, sent gzipped from
        # parts deflated once (portal.public.page_cache), so a real browser reads what a phone gets.
        PUBLIC_PAGE_CACHE = True

    reset_database(TestConfig.DATABASE_URL)
    app = create_app(BrowserConfig)
    with app.app_context():
        for email, role, secret in BROWSER_USERS:
            accounts.create_user(email=email, name="Browser Test", roles={role},
                                 password="browser test password", totp_secret=secret)
        # Believable cases in every state for the staff pages (demo accounts sign in to see them).
        demo.load()
    server = make_server("127.0.0.1", port, app, threaded=True)
    print("ready", flush=True)
    server.serve_forever()


BROWSER_USERS = [
    ("officer@browser.example", "crs_officer", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"),
]

if __name__ == "__main__":
    main(int(sys.argv[1]))
