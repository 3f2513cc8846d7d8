"""Sentence spans: splitting rules, protected spans, links to paragraphs and sections."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.structure.analyse import analyse
from kg.structure.model import DocStructure


def sentence_texts(text: str, doc: DocStructure) -> list[str]:
    return [text[s.start : s.end] for s in doc.sentences]


def test_split_keeps_closing_quote_and_semicolons_split() -> None:
    text = "他说：“今年要干好。”我们同意；大家努力！\n第二行没有句号"
    doc = analyse(text)
    assert sentence_texts(text, doc) == [
        "他说：“今年要干好。”我们同意；",
        "大家努力！",
        "第二行没有句号",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]


def test_no_split_inside_book_title_or_footnote() -> None:
    text = (
        "出台《关于促进发展。若干措施》等政策。"
        "推进“四个一”[[[]四个一：一个项目、一名分管领导。]]落地。"
    )
    doc = analyse(text)
    assert sentence_texts(text, doc) == [
        "出台《关于促进发展。若干措施》等政策。",
        "推进“四个一”[[[]四个一：一个项目、一名分管领导。]]落地。",
    ]
    (note,) = doc.notes
    assert text[note[0] : note[1]] == "[[[]四个一：一个项目、一名分管领导。]]"


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_seed_sentences_never_cut_titles_or_notes(seed: Callable[[str], str], number: str) -> None:
    text = seed(number)
    doc = analyse(text)
    protected = [m.span() for m in re.finditer(r"《[^《》\n]{1,200}》", text)] + doc.notes
    for start, end in protected:
        covering = [s for s in doc.sentences if s.start <= start and end <= s.end]
        assert len(covering) == 1, text[start:end]
    for sentence in doc.sentences:
        paragraph = doc.paragraphs[sentence.paragraph]
        assert paragraph[0] <= sentence.start < sentence.end <= paragraph[1]


def test_seed_000_sentence_sections(seed: Callable[[str], str]) -> None:
    text = seed("000")
    doc = analyse(text)
    sentence = next(s for s in doc.sentences if text[s.start : s.end] == "聚合疫情防控。")
    assert sentence.section is not None
    section = doc.sections[sentence.section]
    assert text[section.heading_start : section.heading_end] == "突出疫后重振，经济运行加速恢复"
    heading = next(s for s in doc.sections if s.marker == "（一）")
    first = next(s for s in doc.sentences if s.start == heading.start)
    assert text[first.start : first.end] == "（一）突出疫后重振，经济运行加速恢复。"
    before = next(s for s in doc.sentences if text[s.start : s.end].startswith("现在，我代表"))
    assert before.section is None


def test_long_inputs_stay_linear() -> None:
    line = ("推进“四个一”[[[]四个一：一个项目。]]建设， " + " " * 50 + "一、" + "“" * 3) * 20000
    doc = analyse(line + "\n" + "（一）" * 100000)
    assert doc.sentences and doc.notes


_PIECES = ["[[[]", "]]", "名词解释", "附件：", "是指", "牵头单位：", "2021年工作回顾", "五个临空"]
_ALPHABET = st.sampled_from(
    [*"一二三四五、（）()：:；;，,。！？!?“”《》[]]]]1234567890.—①②\n \u3000", *_PIECES]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_any_text_gives_spans_in_bounds_and_ordered(text: str) -> None:
    doc = analyse(text)
    n = len(text)

    def ok(start: int, end: int) -> bool:
        return 0 <= start <= end <= n

    assert all(ok(s, e) and s < e for s, e in doc.paragraphs)
    assert doc.paragraphs == sorted(doc.paragraphs)
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)
    assert all(ok(s.start, s.end) and s.start < s.end for s in doc.sentences)
    for section in doc.sections:
        assert ok(section.start, section.end)
        assert section.start <= section.heading_start <= section.heading_end <= section.end
        assert section.parent is None or doc.sections[section.parent].start <= section.start
        assert all(ok(*d) for d in section.duties)
    assert [s.start for s in doc.sections] == sorted(s.start for s in doc.sections)
    assert all(ok(*n_) for n_ in doc.notes)
    for d in doc.definitions:
        assert ok(d.term_start, d.term_end) and ok(d.body_start, d.body_end)
        assert ok(d.head_start, d.head_end)
        assert text[d.term_start : d.term_end] == d.term
        assert all(ok(s, e) and s < e for s, e in d.components)
        assert d.component_count == len(d.components)
