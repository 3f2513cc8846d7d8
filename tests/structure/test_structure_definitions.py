"""Footnotes, endnotes and glossaries of the seed documents, and their components."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.structure.analyse import analyse
from kg.structure.model import Definition, DocStructure
from kg.structure.numerals import read_numeral_count

SEED_000_TERMS = [
    "三类资金", "210", "四办三中心", "天网", "五个临空",
    "四区", "两园两带", "四个一", "五全", "三调对接",
]  # fmt: skip
# 19 entries; “六稳”“六保” and “五个样板”“六个结合”“十个到位” each define several terms
SEED_003_TERMS = [
    "大城管", "四房", "清四乱", "放管服", "三供一业", "七五", "六稳", "六保", "四包一",
    "四个不摘", "四重攻坚", "十条措施", "新基建", "三高四新", "三区一中心", "三区三线",
    "两新一重", "五个样板", "六个结合", "十个到位", "两不愁三保障", "基础教育十条意见",
]  # fmt: skip


def parts(text: str, definition: Definition) -> list[str]:
    return [text[s:e] for s, e in definition.components]


def by_term(doc: DocStructure, term: str, source: str | None = None) -> Definition:
    (found,) = [
        d for d in doc.definitions if d.term == term and (source is None or d.source == source)
    ]
    return found


def test_seed_000_each_term_once_per_source(seed: Callable[[str], str]) -> None:
    text = seed("000")
    doc = analyse(text)
    footnotes = [d.term for d in doc.definitions if d.source == "footnote"]
    endnotes = [d.term for d in doc.definitions if d.source == "endnote"]
    assert footnotes == SEED_000_TERMS
    assert endnotes == SEED_000_TERMS
    assert len(doc.definitions) == 20  # nothing from the page footer (主办单位:…)
    for d in doc.definitions:
        assert text[d.term_start : d.term_end] == d.term
        assert d.component_count == len(d.components)
    assert [by_term(doc, t, "endnote").label for t in SEED_000_TERMS[:2]] == ["[1]", "[2]"]


def test_seed_000_components(seed: Callable[[str], str]) -> None:
    text = seed("000")
    doc = analyse(text)
    for source in ("footnote", "endnote"):
        linkong = by_term(doc, "五个临空", source)
        assert parts(text, linkong) == ["科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"]
        assert linkong.expected_count == 5
        parks = by_term(doc, "两园两带", source)
        assert parts(text, parks) == [
            "黄石港临空商务产业园", "黄石港临空智造产业园", "临空都市发展带", "滨水绿色发展带",
        ]  # fmt: skip
        assert parks.expected_count == 4
        # 是指 is not part of the first component; a ; joins two lists
        assert parts(text, by_term(doc, "三类资金", source))[0] == "中央预算内投资"
        assert len(by_term(doc, "四办三中心", source).components) == 7
        # prose is one component, without 是指 and the final 。
        (skynet,) = parts(text, by_term(doc, "天网", source))
        assert skynet.startswith("为满足") and skynet.endswith("视频监控系统")
    quoted = by_term(doc, "210", "endnote")
    assert text[quoted.head_start : quoted.head_end] == "“210”标准"
    assert quoted.expected_count is None


def test_seed_000_footnote_is_a_note_not_sentence_text(seed: Callable[[str], str]) -> None:
    text = seed("000")
    doc = analyse(text)
    footnote = by_term(doc, "五个临空", "footnote")
    (note,) = [n for n in doc.notes if n[0] < footnote.term_start < n[1]]
    assert text[note[0] : note[0] + 4] == "[[[]" and text[note[1] - 2 : note[1]] == "]]"
    (sentence,) = [s for s in doc.sentences if s.start <= note[0] and note[1] <= s.end]
    assert text[sentence.start : sentence.end].startswith("“十四五”时期主要目标是")


def test_seed_001_sixteen_glossary_entries(seed: Callable[[str], str]) -> None:
    text = seed("001")
    doc = analyse(text)
    glossary = [d for d in doc.definitions if d.source != "inline"]
    assert [d.source for d in glossary] == ["glossary"] * 16
    assert [d.label for d in glossary] == [f"{n}." for n in range(1, 17)]
    first = glossary[0]
    assert first.term == "五个一百"
    assert text[first.head_start : first.head_end] == "服务业“五个一百”工程"
    assert first.expected_count == first.component_count == 5
    assert parts(text, by_term(doc, "三区三线")) == [
        "城镇", "农业", "生态空间", "生态保护红线", "永久基本农田", "城镇开发边界",
    ]  # fmt: skip
    assert parts(text, by_term(doc, "四新经济")) == ["新技术", "新产业", "新业态", "新模式"]
    assert parts(text, by_term(doc, "清、减、降")) == ["清文件", "减审批", "降收费"]
    assert parts(text, by_term(doc, "三馆两中心"))[2:4] == ["文化馆", "全民健身中心"]
    assert by_term(doc, "三牛精神").term_start > by_term(doc, "三牛精神").head_start - 1
    assert len(by_term(doc, "323").components) == 3  # one group per digit: 3类, 2种, 3类


def test_seed_003_quoted_term_glossary(seed: Callable[[str], str]) -> None:
    text = seed("003")
    doc = analyse(text)
    top = [d for d in doc.definitions if d.parent is None and d.source != "inline"]
    assert [d.term for d in top] == SEED_003_TERMS
    assert {d.source for d in top} == {"glossary"}
    assert parts(text, by_term(doc, "三供一业")) == ["供水", "供电", "供热", "物业管理"]
    assert parts(text, by_term(doc, "四房")) == ["违建房", "危险房", "空心房", "零散房"]
    six = by_term(doc, "六稳")
    assert parts(text, six)[0] == "稳就业" and six.component_count == six.expected_count == 6
    assert by_term(doc, "六保").component_count == 6
    assert text[six.head_start : six.head_end] == "六稳"  # the head's own quote, not the body's
    assert parts(text, by_term(doc, "放管服")) == ["简政放权", "放管结合", "优化服务"]
    lines = by_term(doc, "三区三线")
    assert parts(text, lines) == [
        "生态",
        "农业",
        "城镇",
        "生态保护红线",
        "永久基本农田",
        "城镇开发边界",
    ]
    assert [d.term for d in doc.definitions if d.parent == doc.definitions.index(lines)] == [
        "三区",
        "三线",
    ]


def test_seed_003_glossary_without_heading(seed: Callable[[str], str]) -> None:
    text = seed("003")
    for title in ("附件：", "注 释"):  # page furniture blanked to spaces, lengths unchanged
        text = text.replace(title, " " * len(title), 1)
    doc = analyse(text)
    glossary = [s for s in doc.sections if s.role == "glossary"]
    assert len(glossary) == 1 and glossary[0].synthetic
    assert text[glossary[0].start :].startswith("“大城管”工作机制")
    top = [d for d in doc.definitions if d.parent is None and d.source != "inline"]
    assert [d.term for d in top] == SEED_003_TERMS


def test_extra_numbered_glossary_without_heading(extra: Callable[[str], str]) -> None:
    text = extra("05")
    doc = analyse(text)
    assert len(doc.definitions) == 20
    assert parts(text, by_term(doc, "四个泾县")) == ["活力泾县", "品质泾县", "魅力泾县", "幸福泾县"]
    assert by_term(doc, "三去一降一补").component_count == 5
    assert by_term(doc, "两色两新").term_start == text.index("两色两新")


@pytest.mark.parametrize(
    ("name", "markers"),
    [
        ("01", ["[1]", "[2]"]),
        ("06", ["（1）", "（2）", "（3）", "（4）", "（5）"]),
        ("07", ["[13]", "[14]", "[15]", "[16]"]),
    ],
)
def test_extra_note_markers(extra: Callable[[str], str], name: str, markers: list[str]) -> None:
    text = extra(name)
    doc = analyse(text)
    assert [text[r.start : r.end] for r in doc.note_refs] == markers
    assert all((r.start, r.end) in doc.notes for r in doc.note_refs)


def test_extra_paren_marker_term(extra: Callable[[str], str]) -> None:
    text = extra("06")
    ref = analyse(text).note_refs[0]
    assert ref.term_start is not None and text[ref.term_start : ref.term_end] == "六稳"


@pytest.mark.parametrize(
    ("term", "count"),
    [
        ("五个临空", 5), ("两园两带", 4), ("三供一业", 4), ("四个一", 4), ("六稳", 6),
        ("四办三中心", 7), ("十条措施", 10), ("3个100%", 3), ("双减", 2),
        ("“210”", None), ("十四五", None), ("七五", None), ("放管服", None),
    ],
)  # fmt: skip
def test_read_numeral_count(term: str, count: int | None) -> None:
    assert read_numeral_count(term) == count
