"""Bad-input catalogue (issue 6): the ``slow`` marker (skipped unless asked for)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: inputs of many megabytes (run with -m slow)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests run only when asked for by ``-m`` naming them."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="large input: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
