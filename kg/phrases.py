"""Every occurrence of a fixed set of strings in a text, for gazetteers of thousands of names
(the divisions the pipeline matches, the county names metadata is read from).

spaCy's PhraseMatcher needs a Doc per name, which costs more to build (about 30 µs a name, so a
tenth of a second for a county's villages) than matching the whole document does. With kg's
character tokens a phrase is just a string, so :class:`PhraseIndex` finds the positions whose
first two characters may begin some name with numpy over the code points (a hashed bit table of
the names' first two characters: one look-up a position), and checks only those.

:func:`occurrences` finds a document's own few dozen names (kg_propagate, kg_slogans) the way a
regex alternation of them would, without compiling a regex for every document (three times the
cost of the scan).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np

_SHIFT = np.uint64(21)  # a code point fits in 21 bits: two of them make one bigram key
_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of key * _MIX


def _bigram_keys(text: str) -> np.ndarray:
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.uint64
    )
    return (points[:-1] << _SHIFT) | points[1:]


class PhraseIndex:
    """The strings of two characters or more in ``phrases``, ready to be found in any text."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(p for p in phrases if len(p) >= 2)
        lengths: dict[str, set[int]] = {}
        for phrase in self.phrases:
            lengths.setdefault(phrase[:2], set()).add(len(phrase))
        self.lengths = {prefix: sorted(found) for prefix, found in lengths.items()}
        # the prefixes laid end to end: every other bigram of that string is one of them
        keys = _bigram_keys("".join(self.lengths))[::2]
        # a table 64 times larger than the prefixes: few other bigrams fall on a set entry
        self._drop = np.uint64(64 - (64 * len(keys)).bit_length())
        self.table = np.zeros(1 << (64 - int(self._drop)), dtype=bool)
        self.table[(keys * _MIX) >> self._drop] = True

    def matches(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every occurrence, overlapping ones included, by start then end."""
        if len(text) < 2 or not self.lengths:
            return []
        candidates = self.table[(_bigram_keys(text) * _MIX) >> self._drop]
        out: list[tuple[int, int]] = []
        n, phrases, lengths = len(text), self.phrases, self.lengths
        for start in np.flatnonzero(candidates).tolist():
            for length in lengths.get(text[start : start + 2], ()):
                end = start + length
                if end <= n and (length == 2 or text[start:end] in phrases):
                    out.append((start, end))
        return out


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
