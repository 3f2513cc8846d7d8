"""Building regular expressions from the word lists and pattern lists of the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


def any_of(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One compiled pattern matching any of ``patterns`` (each kept as its own group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
