"""The YAML rule files in ``kg/structure/data``."""

from __future__ import annotations

from typing import Any

from kg.resources import load_yaml


def load_rules(name: str) -> dict[str, Any]:
    """The parsed ``kg/structure/data/<name>.yaml`` (cached by :func:`kg.resources.load_yaml`)."""
    return load_yaml(f"structure/data/{name}.yaml")
