"""Entry point for gunicorn (``gunicorn wsgi:app``) and the ``flask`` command.

Safe by default: a server started from this file runs the production configuration (which refuses to
start without real keys and sends cookies over HTTPS only) unless ``PORTAL_ENV`` says otherwise. The
``flask`` command (``flask run``, ``make run``, ``flask db upgrade``) keeps the development defaults,
so a developer's machine needs no keys; set ``PORTAL_ENV=production`` for it on a server.
"""

import os

from portal import create_app
from portal.config import config_from_environment

# Flask's command line sets FLASK_RUN_FROM_CLI before it imports this file.
_default = "development" if os.environ.get("FLASK_RUN_FROM_CLI") == "true" else "production"

app = create_app(config_from_environment(default=_default))
