"""Building regular expressions from the word lists and pattern lists of the data files, and
scanning whole documents with them fast.

Python's ``re`` skips to the places where a match can start only when a pattern opens with a
literal, a character class or an alternation of literal-led words; one that opens with a
look-behind, a look-ahead or an optional part is tried at every character. The builders here
keep the words first (:func:`leading_words`, :func:`trie`, :func:`word_starts`); patterns that
cannot start so are tried only near an anchor word (:func:`anchored_finditer`), where their
first characters stand (:class:`SkipScanner`) or at line starts (:class:`LineStartScanner`).
Each gives the very matches of the plain form (tests/test_regex.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

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


def leading_words(words: Iterable[str], behind: Callable[[str], str] | None = None) -> str:
    """A plain alternation of literal ``words``, longest first, for the start of a scanned pattern.

    re skips ahead to the words' first characters only when a pattern starts with literals, not
    with alternation()'s look-ahead nor with a look-behind. So a condition on the character
    before a word is checked after the word: ``behind(skip)`` is a look-behind where ``skip``
    stands for the word's characters (``区(?<![社城][\\s\\S]{1})`` for ``(?<![社城])区``).
    """
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    check = behind or (lambda skip: "")
    return "|".join(re.escape(w) + check(rf"[\s\S]{{{len(w)}}}") for w in ordered)


def bucketed_word_starts(words: Iterable[str], buckets: int = 8) -> re.Pattern[str]:
    """:func:`word_starts` split by first character: ``finditer`` stops at the same
    offsets, with the longest word there as the last group matched (``m.lastindex``).

    re tries the alternatives of a branch one after another, also after the right one failed:
    where a word's first character stands but no word does (建 in 建设, when only 建投 is a
    word), word_starts's single branch tests the first character of every word. Here the words
    go into ``buckets`` by first character: such a start tests one class per bucket and the
    first characters of one bucket.
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted({w for w in words if w}):
        by_first.setdefault(word[0], []).append(word)
    firsts = sorted(by_first)
    if not firsts:
        return re.compile("(?!)")
    size = -(-len(firsts) // buckets)
    branches = []
    for i in range(0, len(firsts), size):
        chars = firsts[i : i + size]
        group = trie(w for ch in chars for w in by_first[ch])
        # a bucket reads its first character, then its words from that character on
        branches.append(f"[{re.escape(''.join(chars))}](?<=(?=({group}))(?s:.))")
    return re.compile(f"[{re.escape(''.join(firsts))}](?<=(?:{'|'.join(branches)}))")


def first_char_trie(words: Iterable[str]) -> str:
    """:func:`trie` behind a class of the words' first characters: a failed ``match``
    then costs one test, where the trie's branch tests every first character in turn."""
    words = {w for w in words if w}
    firsts = "".join(sorted({w[0] for w in words}))
    return f"(?=[{re.escape(firsts)}]){trie(words)}" if firsts else "(?!)"


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


# -- the characters a match can start with --------------------------------------------------

# flags that change what a class matches
_CASE_FLAGS = re.IGNORECASE | re.LOCALE | re.ASCII | re.UNICODE
_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (
    _constants.MAX_REPEAT,
    _constants.MIN_REPEAT,
    _constants.POSSESSIVE_REPEAT,
)
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)


class _Unknown(Exception):
    """A construct whose first characters are not worth working out (., [^…], \\1, (?i))."""


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """A character class (``[…]``) holding every character a match of ``pattern`` can start
    with, or None when that set is not known (the pattern can match the empty string, or starts
    with ``.``, a negated class, a back-reference or case-insensitive letters).

    The class is read from the pattern's parse tree (re's own parser: private, but the same
    from Python 3.11, kg's oldest, to 3.13) and is meant to be compiled with the pattern's own
    flags. Zero-width anchors and look-arounds are passed over: they narrow the
    matches, never widen the characters a match starts with.
    """
    if pattern.flags & (re.IGNORECASE | re.LOCALE) or isinstance(pattern.pattern, bytes):
        return None
    try:
        items, nullable = _sequence_firsts(_parser.parse(pattern.pattern, pattern.flags))
    except _Unknown:
        return None
    if nullable or not items:
        return None
    return "[" + "".join(sorted(items)) + "]"


def _sequence_firsts(sequence: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """Class items of the first characters of a sequence of parse-tree nodes, and whether the
    sequence can match the empty string."""
    items: set[str] = set()
    for op, av in sequence:
        node_items, nullable = _node_firsts(op, av)
        items |= node_items
        if not nullable:
            return items, False
    return items, True


def _node_firsts(op: Any, av: Any) -> tuple[set[str], bool]:
    """Class items of the first characters of one parse-tree node, and whether it can be empty."""
    if op is _constants.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _constants.IN:
        return _class_items(av), False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is _constants.SUBPATTERN or op is _constants.ATOMIC_GROUP:
        if op is _constants.SUBPATTERN:
            _group, add_flags, del_flags, body = av
            if (add_flags | del_flags) & _CASE_FLAGS:
                raise _Unknown
        else:
            body = av
        return _sequence_firsts(body)
    if op is _constants.BRANCH:
        items: set[str] = set()
        nullable = False
        for alternative in av[1]:
            alt_items, alt_nullable = _sequence_firsts(alternative)
            items |= alt_items
            nullable = nullable or alt_nullable
        return items, nullable
    if op in _REPEATS:
        low, high, body = av
        if high == 0:
            return set(), True
        items, nullable = _sequence_firsts(body)
        return items, nullable or low == 0
    raise _Unknown


def _class_items(members: Iterable[tuple[Any, Any]]) -> set[str]:
    """The items of a ``[…]`` class as text for a new class; negated classes are not handled."""
    items: set[str] = set()
    for op, av in members:
        if op is _constants.LITERAL:
            items.add(re.escape(chr(av)))
        elif op is _constants.RANGE:
            low, high = av
            items.add(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        elif op is _constants.CATEGORY and av in _CATEGORIES:
            items.add(_CATEGORIES[av])
        else:
            raise _Unknown
    return items


class SkipScanner:
    """``finditer`` of a pattern that Python's re cannot skip ahead with by itself (alternatives
    opening with classes, an optional first character): the same matches, found by a probe that
    opens with the class of :func:`first_chars`. A pattern that opens with ``^`` is left to re,
    which rejects the other positions at once; :class:`LineStartScanner` does better for it.

    re tests every position of a text with such a pattern; the probe jumps from one possible
    first character to the next with its fast character-set test, and checks the pattern there
    inside a look-behind (``[firsts](?<=(?=(pattern))(?s:.))``, as in :func:`word_starts`).
    Each probe hit is a place where the pattern matches; those inside an earlier match are
    passed over, the others matched again to yield the very match objects of ``finditer``.
    Patterns whose first characters are unknown are scanned with plain ``finditer``.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._probe = _probe(pattern)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``pattern.match``: a match at one place needs no skipping."""
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match of ``pattern`` in ``text``, as ``pattern.search`` finds it."""
        return next(self.finditer(text, pos, endpos), None)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        if self._probe is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        match = self.pattern.match
        last = pos  # the end of the last match: hits before it lie inside that match
        for hit in self._probe.finditer(text, pos, end):
            start = hit.start()
            if start >= last:
                found = match(text, start, end)
                if found is not None:  # always, since the probe matched there
                    last = found.end()
                    yield found


class LineStartScanner:
    """``finditer`` of a pattern that starts with ``^`` (compiled with re.M): the same matches,
    looked for only at the start of the text and after each newline.

    re tries a ``^``-led pattern at every character; the probe opens with the newline itself,
    which re skips to as fast as str.find does, and checks the pattern after it in a look-ahead.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.M)
        self._probe = re.compile(f"\n(?={pattern})", re.M)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``."""
        found = self.pattern.match(text)
        if found is not None:
            yield found
        last = found.end() if found is not None else 0  # later matches start at or after it
        for hit in self._probe.finditer(text):
            if hit.end() >= last and (found := self.pattern.match(text, hit.end())) is not None:
                last = found.end()
                yield found


def _probe(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The skipping probe of :class:`SkipScanner`; None if it cannot be built or would not help."""
    firsts = first_chars(pattern)
    if firsts is None or pattern.flags & re.VERBOSE or _skips_by_itself(pattern):
        return None
    # global flags such as (?m) must open a pattern; pattern.flags holds them already
    body = _GLOBAL_FLAGS.sub("", pattern.pattern, count=1)
    return re.compile(f"{firsts}(?<=(?=({body}))(?s:.))", pattern.flags)


_GLOBAL_FLAGS = re.compile(r"^(?:\(\?[aiLmsux]+\))+")


def _skips_by_itself(pattern: re.Pattern[str]) -> bool:
    """Whether re scans ``pattern`` fast without help: it opens with a literal or a class (re
    skips to them), alternatives that all open with a literal, or a line anchor (re rejects a
    position at once; see LineStartScanner). Only a matter of speed: a probe would find the same
    matches."""
    first = _parser.parse(pattern.pattern, pattern.flags)
    while len(first) and first[0][0] is _constants.SUBPATTERN and not first[0][1][1]:
        first = first[0][1][3]  # a group without flags of its own: look inside
    if not len(first):
        return False
    op, av = first[0]
    if op is _constants.BRANCH:
        return all(len(alt) and alt[0][0] is _constants.LITERAL for alt in av[1])
    return op in (_constants.LITERAL, _constants.IN, _constants.AT)
