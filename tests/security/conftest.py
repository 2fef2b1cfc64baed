"""The security suite runs against the database like the web suite, with the same checking client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _db(database) -> Iterator[None]:
    yield
