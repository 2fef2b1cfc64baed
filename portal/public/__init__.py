"""The public front door: no account, neutral titles and URLs, Exit this page everywhere."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from portal.public import (  # noqa: E402,F401
    easy_read,
    fields,
    journey_views,
    tracking_documents,
    tracking_views,
    views,
)
