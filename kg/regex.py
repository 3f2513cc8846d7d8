"""Building regular expressions from the word lists and pattern lists of the data files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_Trie = dict[str, "_Trie"]  # a character -> the words going on with it; "" ends a word


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


def trie(words: Iterable[str]) -> str:
    """A regex matching, wherever it matches, the same word as :func:`alternation`: the longest.

    The words share their prefixes (产业(?:园区?|基地)), so the engine follows one branch per
    character instead of trying every word in turn; a word that another one extends is an
    optional end, tried after the longer words.
    """
    root: _Trie = {}
    for word in {w for w in words if w}:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_branches(root)


def _trie_branches(node: _Trie) -> str:
    """The regex of the words below ``node`` ("" marks a word ending at ``node`` itself)."""
    branches = [re.escape(ch) + _trie_branches(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"{body}?" if len(body) == 1 else f"(?:{body})?"


def word_starts(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose ``finditer`` stops at every offset where one of ``words`` starts, also
    inside another word's occurrence, with the longest word there as group 1.

    Each match consumes the word's first character, so the engine skips the other characters
    with its fast first-character test; a lookbehind then reads the word from that character.
    (``(?=(words))`` finds the same offsets but runs the engine at every character.)
    """
    ordered = {w for w in words if w}
    if not ordered:
        return re.compile("(?!)")
    firsts = "".join(sorted({w[0] for w in ordered}))
    return re.compile(f"[{re.escape(firsts)}](?<=(?=({trie(ordered)}))(?s:.))")


def anchored_finditer(
    pattern: re.Pattern[str], anchors: re.Pattern[str], reach: int, text: str
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, found by trying ``pattern`` only at the
    ``reach + 1`` offsets at and before each place where ``anchors`` matches.

    The result is the same when every match of ``pattern`` has an anchor (a literal word the
    match contains, found with :func:`word_starts`) starting at most ``reach`` characters after
    the match's start, and no match is empty. A pattern that starts with a character class
    makes the engine try every offset of the text; anchored, it tries a few per anchor.
    """
    start = 0  # the first offset not yet tried nor inside a match
    for anchor in anchors.finditer(text):
        at = anchor.start()
        start = max(start, at - reach)
        while start <= at:
            m = pattern.match(text, start)
            if m is None:
                start += 1
                continue
            if m.end() == start:
                raise ValueError(f"an anchored pattern matched the empty string: {pattern.pattern}")
            yield m
            start = m.end()
