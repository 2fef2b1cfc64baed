"""Fixtures for the public front door's web tests (helpers live in ``public_helpers``)."""

from __future__ import annotations

import pytest
from public_helpers import Journey


@pytest.fixture
def journey(client) -> Journey:
    return Journey(client)
