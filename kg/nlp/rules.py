"""Rule files of the pipeline components, and the regex helper they share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.resources import load_yaml


def load_rules(path: str | Path) -> dict[str, Any]:
    """The parsed YAML rule file at ``path`` (relative to the kg package unless absolute)."""
    return load_yaml(path)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)
