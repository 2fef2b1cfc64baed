"""Entry point for gunicorn (``gunicorn wsgi:app``) and ``flask run``."""

from portal import create_app

app = create_app()
