"""Where a document writes any of a few dozen words it found itself (names, slogans).

A regex alternation of the words would find them, but it is a new regex for every document,
and compiling it costs three times as much as the scan. :func:`occurrences` finds the same
places with a :class:`~kg.phrases.PhraseIndex`, which needs no compiling.
"""

from __future__ import annotations

from collections.abc import Collection

from kg.phrases import PhraseIndex


def occurrences(words: Collection[str], text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the matches that ``finditer`` of the alternation of ``words``, the
    longest first, finds in ``text``: from left to right the longest word at each place, the
    next one searched after its end."""
    found: list[tuple[int, int]] = []
    last = 0  # the end of the last occurrence found
    for start, end in _all_occurrences(words, text):
        if found and found[-1][0] == start:  # a longer word at the same place
            found[-1] = (start, end)
            last = end
        elif start >= last:
            found.append((start, end))
            last = end
    return found


def _all_occurrences(words: Collection[str], text: str) -> list[tuple[int, int]]:
    """Every occurrence of ``words`` in ``text``, overlapping ones included, by start then end."""
    spans = PhraseIndex(words).matches(text)
    chars = {w for w in words if len(w) == 1}  # the index holds words of two characters or more
    if not chars:
        return spans
    for char in chars:
        at = text.find(char)
        while at >= 0:
            spans.append((at, at + 1))
            at = text.find(char, at + 1)
    return sorted(spans)
