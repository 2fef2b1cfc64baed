"""The front door's blueprint, on its own so that view modules can import it without a circle."""

from flask import Blueprint

bp = Blueprint("public", __name__)
