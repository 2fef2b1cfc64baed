"""The web suite: requests through Flask's test client, with CSRF protection ON."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _db(database) -> Iterator[None]:
    yield
