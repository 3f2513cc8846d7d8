"""kg.regex: the regexes built from word lists, and the scans that skip ahead.

The trie, word-start and anchored forms must find what the plain alternation and ``finditer``
find, on random strings over the characters they care about.

``first_chars`` must hold the first character of every match, or the scanner that skips to
those characters (SkipScanner) would miss furniture, dates and the like. Both are checked
against plain ``finditer`` on random strings made of the characters the patterns care about,
and on the seed texts with the ingest patterns that use them.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.ingest import furniture, load_document, metadata
from kg.regex import (
    LineStartScanner,
    SkipScanner,
    alternation,
    anchored_finditer,
    bucketed_word_starts,
    first_char_trie,
    first_chars,
    trie,
    word_starts,
)

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "corpus"

PATTERNS = [
    r"[京津沪]?ICP(?:备|证)[ ]*[0-9]+(?:号)?",
    r"[Cc](?i:opyright)|©",
    r"(?m)^[ \t]*[|｜丨][ \t|｜丨]*$",
    r"^[ \t]*名[ ]*称[ ]*：[^\n]{0,10}(?:发布日期|成文日期)",
    r"首页[ ]*(?:>|›|/)[ ]*",
    r"(?=[\d一二三])(?P<y>\d{2}|[一二三]{2})\s*年",
    r"(?:我|全)(?P<u>县|区)|(?P<v>县|区)(?:委|政府)",
    r"(?<![A-Za-z])[a-z]{2,3}(?![A-Za-z])",
    r"\s(?<!\s\s)\s*+(?=一、|\d、)",
    r"(?>a|ab)+c|b{0}d|x*y",
    r"[\d\s]、",  # a class with categories
    r"(?:a|b)?(?:c|)e",
    r"\bICP\b|\d+%",
]
# the characters and words the patterns above are made of, and a few they do not know
PIECES = [
    *"京津ICP备证号 12３|｜\n\t名称：一二三年我全县区委aAbcdexyz©%、",
    *["ICP备", "ICP证 ", "名 称：", "发布日期", "成文日期", "首页", ">", "/", "政府", "Copyright"],
    *["OPYRIGHT", "  ", "一、", "12年", "一二年", "\n|", "\n名称：", "我县", "县委"],
]


def random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(size))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_match_starts_with_one_of_the_first_characters(pattern: str) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    firsts = first_chars(compiled)
    assert firsts is not None
    first = re.compile(firsts, compiled.flags)
    rng = random.Random(pattern)
    found = 0
    for _ in range(300):
        text = random_text(rng, 30)
        for start in range(len(text)):
            match = compiled.match(text, start)
            if match:
                found += 1
                assert first.fullmatch(text[start]), (pattern, text, start)
    assert found  # the random strings do exercise the pattern


def test_first_characters_are_read_from_the_pattern() -> None:
    assert first_chars(re.compile(r"[京津]?ICP")) == "[I京津]"
    assert first_chars(re.compile(r"(?m)^\s*(?:ab|c)")) == r"[\sac]"
    assert first_chars(re.compile(r"(?<=x)y{2,}|z")) == "[yz]"


@pytest.mark.parametrize(
    "pattern",
    [r"a*", r"(?:a|)", r".b", r"[^a]b", r"(?i:c)opy", r"(?i)x", r"(a?)\1b", r"\Aa?", r"(?a:\d)x"],
)
def test_unknown_first_characters_give_none(pattern: str) -> None:
    assert first_chars(re.compile(pattern)) is None


@pytest.mark.parametrize("pattern", [*PATTERNS, r"(?i)copyright", r".{2}"])
def test_skip_scanner_finds_what_finditer_finds(pattern: str) -> None:
    compiled = re.compile(pattern, re.MULTILINE)
    scanner = SkipScanner(compiled)
    rng = random.Random(pattern)
    for _ in range(200):
        text = random_text(rng, 40)
        pos, endpos = sorted(rng.sample(range(len(text) + 1), 2))
        for bounds in ((0, len(text)), (pos, endpos)):
            expected = [(m.span(), m.groups()) for m in compiled.finditer(text, *bounds)]
            got = [(m.span(), m.groups()) for m in scanner.finditer(text, *bounds)]
            assert got == expected, (pattern, text, bounds)
        plain = compiled.search(text)
        skipped = scanner.search(text)
        assert (skipped and skipped.span()) == (plain and plain.span())


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [load_document(path).analysis for path in sorted(SEEDS.glob("*.txt"))]


def test_ingest_scanners_skip_and_find_the_plain_matches(seed_texts: list[str]) -> None:
    """The furniture and metadata scans that need it do skip, and find what finditer finds."""
    rules, meta = furniture._rules(), metadata._rules()
    scanners = [rules.line_any, rules.inline, meta.self_reference, *meta.delivered, *meta.review]
    assert rules.line_any._probe is not None and rules.inline._probe is not None
    for scanner in scanners:
        for text in seed_texts:
            plain = [m.span() for m in scanner.pattern.finditer(text)]
            assert [m.span() for m in scanner.finditer(text)] == plain


def draw(rng: random.Random, alphabet: str, shortest: int, longest: int) -> str:
    """A random string of ``alphabet``'s characters, ``shortest`` to ``longest`` long."""
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(shortest, longest)))


def spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


def test_anchored_finditer_is_finditer_on_random_text() -> None:
    rng = random.Random(7)
    cases = [
        (r"[ab]{0,3}c[ab]?", ["c"], 3),
        (r"(?<![a])[ab]{1,2}c|b{2}cc", ["c"], 2),
        (r"(?:ab|a)?(?:cb|c)a*", ["cb", "c"], 2),
    ]
    for regex, words, reach in cases:
        pattern, anchors = re.compile(regex), word_starts(words)
        for _ in range(400):
            text = draw(rng, "abcc", 0, 30)
            plain = spans(pattern.finditer(text))
            assert spans(anchored_finditer(pattern, anchors, reach, text)) == plain, text
    # too short a reach loses matches
    text = "aaac"
    assert spans(anchored_finditer(re.compile("a+c"), word_starts(["c"]), 1, text)) == [
        (2, 4, "ac")
    ]


def test_an_empty_match_is_refused() -> None:
    with pytest.raises(ValueError):
        list(anchored_finditer(re.compile("a?"), word_starts(["b"]), 1, "xb"))


def test_trie_and_word_starts_find_what_the_alternation_finds() -> None:
    rng = random.Random(11)
    for _ in range(500):
        words = [draw(rng, "ab.(\n", 1, 4) for _ in "xyz"]
        text = draw(rng, "ab.(\n", 0, 25)
        longest, tried = re.compile(alternation(words)), re.compile(trie(words))
        for pos in range(len(text) + 1):
            a, b = longest.match(text, pos), tried.match(text, pos)
            assert (a and a.group()) == (b and b.group()), (words, text, pos)
        every = re.compile(f"(?=({alternation(words)}))")
        assert [(m.start(1), m.group(1)) for m in word_starts(words).finditer(text)] == [
            (m.start(1), m.group(1)) for m in every.finditer(text)
        ]


def test_bucketed_word_starts_finds_what_word_starts_finds() -> None:
    rng = random.Random(5)
    for _ in range(500):
        words = [draw(rng, "abcd.(", 1, 4) for _ in "xyzw"]
        text = draw(rng, "abcd.(\n", 0, 25)
        expected = [(m.start(1), m.group(1)) for m in word_starts(words).finditer(text)]
        for buckets in (1, 2, 3, 8):
            found = bucketed_word_starts(words, buckets).finditer(text)
            assert [(m.start(), m[m.lastindex or 0]) for m in found] == expected, (words, text)


def test_first_char_trie_matches_like_the_trie() -> None:
    rng = random.Random(3)
    for _ in range(500):
        words = [draw(rng, "abc.", 1, 3) for _ in "xyz"]
        text = draw(rng, "abc.", 0, 12)
        tried, guarded = re.compile(trie(words)), re.compile(first_char_trie(words))
        for pos in range(len(text) + 1):
            a, b = tried.match(text, pos), guarded.match(text, pos)
            assert (a and a.group()) == (b and b.group()), (words, text, pos)


@pytest.mark.parametrize("pattern", [r"^a+", r"^[ \t]*b(?:a|\n)*$", r"^(?:ab|a)\n?"])
def test_line_start_scanner_finds_what_finditer_finds(pattern: str) -> None:
    rng = random.Random(13)
    plain, scanner = re.compile(pattern, re.M), LineStartScanner(pattern)
    found = 0
    for _ in range(2000):
        text = draw(rng, "ab \n", 0, 20)
        expected = spans(plain.finditer(text))
        assert spans(scanner.finditer(text)) == expected, text
        found += len(expected)
    assert found > 500
