"""Shortcuts of the structure scans give what the plain scans give: quote pairs, the bare
definition found from its 即, the last clause stop before a list, mid-line headings."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from kg.regex import anchored_finditer
from kg.structure import definitions
from kg.structure.analyse import _QUOTE_PAIR, _TITLE_PAIR, _pairs, analyse


def _stack_pairs(text: str, opening: str, closing: str) -> list[tuple[int, int]]:
    """Each closing mark with the nearest unmatched opening before it, in closing order."""
    stack: list[int] = []
    found: list[tuple[int, int]] = []
    for pos, char in enumerate(text):
        if char == opening:
            stack.append(pos)
        elif char == closing and stack:
            found.append((stack.pop(), pos + 1))
    return sorted(found)


@pytest.mark.parametrize("seed", range(300))
def test_pairs_match_a_stack_of_marks(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice("“”《》文。") for _ in range(rng.randint(0, 30)))
    for pair, (opening, closing) in ((_QUOTE_PAIR, "“”"), (_TITLE_PAIR, "《》")):
        assert sorted(_pairs(text, 0, len(text), pair)) == _stack_pairs(text, opening, closing)


def test_no_split_inside_nested_quotes() -> None:
    text = "他说：“要落实“两个确保”。再抓“三个一”。”大家同意。"
    assert [text[s.start : s.end] for s in analyse(text).sentences] == [
        "他说：“要落实“两个确保”。再抓“三个一”。”大家同意。"
    ]


def test_bare_definition_found_from_its_anchor(
    seed: Callable[[str], str], extra: Callable[[str], str]
) -> None:
    rules = definitions._inline_rules()
    # the longest term the rule allows: two numerals, a measure word, four characters, a comma
    longest = "推进二十项重点工程，即依托甲，建设A；依托乙，建设B。"
    texts = [longest, *(seed(n) for n in ("000", "001", "002", "003", "004"))]
    rng = random.Random(5)
    texts += [
        "".join(rng.choice("二十项个大重点工程，即。将；") for _ in range(400)) for _ in range(50)
    ]
    for text in texts:
        plain = [m.span() for m in rules.bare_definition.finditer(text)]
        anchored = anchored_finditer(
            rules.bare_definition, rules.bare_definition_anchors, rules.bare_definition_reach, text
        )
        assert [m.span() for m in anchored] == plain
    assert [m.span() for m in rules.bare_definition.finditer(longest)] == [(2, 11)]


@pytest.mark.parametrize("seed", range(100))
def test_last_clause_stop_is_the_last_of_all(seed: int) -> None:
    rules = definitions._inline_rules()
    rng = random.Random(seed)
    text = "".join(rng.choice("文字，。；“”（）\n、") for _ in range(rng.randint(0, 40)))
    stops = [i + 1 for i, char in enumerate(text) if char in "，,。；;：:！？!?\n“”（）()"]
    found = rules.last_clause_stop.match(text, 0, len(text))
    assert (found.end() if found else None) == (stops[-1] if stops else None)


def test_mid_line_heading_after_an_ideographic_space() -> None:
    text = "一、总体要求\u3000(一)加强组织领导。各部门要落实责任。"
    headings = [text[s.heading_start : s.heading_end] for s in analyse(text).sections]
    assert headings == ["总体要求", "加强组织领导"]
