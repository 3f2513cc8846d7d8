"""kg.phrases.PhraseIndex finds exactly the occurrences a plain search finds, on any text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.phrases import PhraseIndex, occurrences
from kg.regex import leading_words

NAMES = ["黄石港", "黄石港区", "黄石", "港区", "花湖街道", "𠀾村", "中𠀾", "A座"]
TEXT = "湖北省黄石市黄石港区花湖街道、黄石港区𠀾村和中𠀾村，A座"


def plain(names: list[str], text: str) -> list[tuple[int, int]]:
    """Every occurrence of every name of two characters or more, by start then end."""
    wanted = {n for n in names if len(n) >= 2}
    return sorted(
        (i, i + len(n)) for n in wanted for i in range(len(text)) if text.startswith(n, i)
    )


def test_finds_overlapping_names_with_character_offsets() -> None:
    found = PhraseIndex(NAMES).matches(TEXT)
    first = ["黄石", "黄石", "黄石港", "黄石港区", "港区", "花湖街道"]
    assert [TEXT[s:e] for s, e in found][: len(first)] == first
    assert (TEXT.index("𠀾村"), TEXT.index("𠀾村") + 2) in found  # a character outside the BMP
    assert found == plain(NAMES, TEXT)


def test_nothing_to_find() -> None:
    assert PhraseIndex([]).matches(TEXT) == []
    assert PhraseIndex(["单"]).matches(TEXT) == []  # one character is never a name here
    assert PhraseIndex(NAMES).matches("港") == []


@given(
    st.lists(st.text(alphabet="黄石港区村镇\U00020000A", min_size=1, max_size=5), max_size=12),
    st.text(alphabet="黄石港区村镇\U00020000A\n\ud800", max_size=60),
)
def test_same_as_a_plain_search(names: list[str], text: str) -> None:
    assert PhraseIndex(names).matches(text) == plain(names, text)


def test_occurrences_are_the_matches_of_the_alternation() -> None:
    # nested and overlapping names, a one-character term, a name at the text's end
    words = ["临空经济区", "黄石港临空经济区", "黄石港", "港区", "区", "经济区建设", "磁湖"]
    text = "黄石港临空经济区建设提速，临空经济区和黄石港区、港区磁湖、经济区建设。磁湖"
    expected = [m.span() for m in re.finditer(leading_words(words), text)]
    assert occurrences(words, text) == expected
    assert (0, 8) in expected and (13, 18) in expected  # the longest name at each place


def test_occurrences_without_words_or_text() -> None:
    assert occurrences([], "黄石港") == []
    assert occurrences(["黄石港"], "") == []


@given(
    st.lists(st.text(alphabet="黄石港区湖", min_size=1, max_size=4), max_size=6),
    st.text(alphabet="黄石港区湖，", max_size=40),
)
def test_occurrences_are_what_the_alternation_finds(words: list[str], text: str) -> None:
    assert occurrences(words, text) == [
        m.span() for m in re.finditer(leading_words(words) or "(?!)", text)
    ]
