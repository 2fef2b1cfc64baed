"""The public front door: no account, neutral titles and URLs, Exit this page everywhere."""

from portal.public import (  # noqa: F401  (importing a view module puts its routes on bp)
    easy_read,
    fields,
    journey_views,
    tracking_documents,
    tracking_views,
    views,
)
from portal.public.blueprint import bp

__all__ = ["bp"]
