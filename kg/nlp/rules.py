"""Loading rule files: YAML data shipped in the kg package, or a path the user gives."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def resolve_path(path: str | Path) -> Path:
    """An absolute path as given, else a path relative to the kg package directory."""
    p = Path(path)
    return p if p.is_absolute() else PACKAGE_DIR / p


@cache
def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_rules(path: str | Path) -> dict[str, Any]:
    """The parsed YAML rule file (cached; treat the result as read-only)."""
    data = _load(resolve_path(path))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a rule file must hold a mapping at top level")
    return data


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)
