from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch, whatever language an earlier test activated."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()
