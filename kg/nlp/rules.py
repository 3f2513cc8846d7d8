"""Rule files of the pipeline components."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.resources import load_yaml


def load_rules(path: str | Path) -> dict[str, Any]:
    """The parsed YAML rule file at ``path`` (relative to the kg package unless absolute)."""
    return load_yaml(path)
