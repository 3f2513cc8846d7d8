"""Occurrences of a document's own words (kg.nlp.literals), as a regex alternation finds them."""

from __future__ import annotations

import re

from kg.nlp.literals import occurrences
from kg.regex import leading_words


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
