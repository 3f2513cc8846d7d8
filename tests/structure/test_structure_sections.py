"""Section hierarchy, roles, task items and paragraphs on the seed documents."""

from __future__ import annotations

from collections.abc import Callable

from kg.structure.analyse import analyse
from kg.structure.model import DocStructure, Section


def headings(text: str, doc: DocStructure) -> list[tuple[str, str, str]]:
    return [(s.marker, text[s.heading_start : s.heading_end], s.role) for s in doc.sections]


def find(text: str, doc: DocStructure, heading: str) -> Section:
    (section,) = [s for s in doc.sections if text[s.heading_start : s.heading_end] == heading]
    return section


def test_seed_000_parts_and_roles(seed: Callable[[str], str]) -> None:
    text = seed("000")
    doc = analyse(text)
    top = [h for s, h in zip(doc.sections, headings(text, doc), strict=True) if s.parent is None]
    assert top == [
        ("一、", "2020年及“十三五”工作回顾", "review"),
        ("二、", "“十四五”时期发展目标任务", "plan"),
        ("三、", "2021年政府工作安排", "plan"),
        ("", "附件：", "glossary"),
    ]
    review = find(text, doc, "2020年及“十三五”工作回顾")
    first = find(text, doc, "突出疫后重振，经济运行加速恢复")
    assert (first.level, first.marker, first.role) == (2, "（一）", "review")
    assert doc.sections[first.parent or 0] is review
    # the section runs on to the next (二), not just to the end of its heading sentence
    assert "聚合疫情防控" in text[first.start : first.end]
    assert text[first.end : first.end + 20].strip().startswith("（二）突出转型升级")
    tasks = [s for s in doc.sections if s.marker == "——"]
    assert len(tasks) == 6 and {s.role for s in tasks} == {"plan"}
    glossary = find(text, doc, "名词注释")
    assert glossary.role == "glossary" and doc.sections[glossary.parent or 0].marker == ""


def test_seed_001_review_plan_glossary(seed: Callable[[str], str]) -> None:
    text = seed("001")
    doc = analyse(text)
    roles = {h: r for _, h, r in headings(text, doc)}
    assert roles["2021年和本届政府工作回顾"] == "review"
    assert roles["抓产业培育增发展实力"] == "review"
    assert roles["今后五年的政府工作"] == "plan"
    assert roles["2022年政府重点工作"] == "plan"
    assert roles["全力开创乡村振兴新局面"] == "plan"  # trailing U+2002 spaces trimmed
    glossary = find(text, doc, "名词解释")
    items = [s for s in doc.sections if s.parent == doc.sections.index(glossary)]
    assert len(items) == 16 and {s.role for s in items} == {"glossary"}
    assert [s.marker for s in items][-2:] == ["15.", "16."]


def test_seed_002_unnumbered_parts(seed: Callable[[str], str]) -> None:
    text = seed("002")
    doc = analyse(text)
    parts = [
        (h, r)
        for s, (_, h, r) in zip(doc.sections, headings(text, doc), strict=True)
        if s.level == 0
    ]
    assert parts == [("二〇二二年工作回顾", "review"), ("二〇二三年工作意见", "plan")]
    review = doc.sections.index(find(text, doc, "经济大盘保持总体平稳"))
    assert doc.sections[review].level == 1 and doc.sections[review].role == "review"
    assert doc.sections[doc.sections[review].parent or 0].level == 0
    plan_items = [s for s in doc.sections if s.level == 1 and s.role == "plan"]
    assert len(plan_items) == 6


def test_seed_003_roles(seed: Callable[[str], str]) -> None:
    text = seed("003")
    doc = analyse(text)
    assert headings(text, doc) == [
        ("一、", "“十三五”及2020年工作回顾", "review"),
        ("二、", "“十四五”发展目标和主要任务", "plan"),
        ("三、", "2021年工作目标和重点任务安排", "plan"),
        ("", "附件：", "glossary"),
        ("", "注 释", "glossary"),
    ]


def test_seed_004_task_items(seed: Callable[[str], str]) -> None:
    text = seed("004")
    doc = analyse(text)
    tasks = [s for s in doc.sections if s.role == "tasks"]
    assert [s.marker for s in tasks] == [f"{n}." for n in range(1, 77)]
    item = tasks[9]  # 10.坚持规划引领…(牵头单位:区发改局;责任单位:花湖街办)
    assert text[item.heading_start : item.heading_end].endswith("空间腾退和产业集聚")
    assert [text[s:e] for s, e in item.duties] == ["（牵头单位：区发改局；责任单位：花湖街办）"]
    first = tasks[0]
    assert [text[s:e] for s, e in first.duties] == ["（责任单位：区发改局）"]
    assert text[first.heading_start : first.heading_end] == "地方生产总值增长7%左右"
    # (一)… groups the items, and the closing 工作要求 list is not made of tasks
    assert doc.sections[item.parent or 0].marker == "（一）"
    closing = find(text, doc, "工作要求")
    assert [s.role for s in doc.sections if s.parent == doc.sections.index(closing)] == [
        "other"
    ] * 3


def test_paragraphs_are_stripped_lines(seed: Callable[[str], str]) -> None:
    text = seed("001")
    doc = analyse(text)
    assert all(text[s:e] == text[s:e].strip() and "\n" not in text[s:e] for s, e in doc.paragraphs)
    assert text[slice(*doc.paragraphs[0])] == "政府工作报告（2021年11月8日）"
    assert text[slice(*doc.paragraphs[1])] == "• 发布时间：2022-02-01 17：41"


def test_flattened_report_and_traditional_headings(extra: Callable[[str], str]) -> None:
    text = extra("04")  # one line, traditional characters, headings mid-line
    doc = analyse(text)
    assert headings(text, doc)[:2] == [
        ("一、", "2023年工作回顧", "review"),
        ("（一）", "產業結構更趨優化", "review"),
    ]
    # the heading is its own sentence, not glued to the body after it
    assert any(text[s.start : s.end] == "一、2023年工作回顧" for s in doc.sentences)


def test_task_table_rows(extra: Callable[[str], str]) -> None:
    text = extra("08")
    doc = analyse(text)
    rows = [s for s in doc.sections if s.role == "tasks"]
    assert len(rows) == 10
    assert text[rows[0].heading_start : rows[0].heading_end] == "地区生产总值增长5.5%左右"
    assert [text[s:e] for s, e in rows[0].duties] == ["区发展改革委"]


def test_unparenthesised_duty_lines(extra: Callable[[str], str]) -> None:
    text = extra("09")
    doc = analyse(text)
    first = next(s for s in doc.sections if s.role == "tasks")
    assert [text[s:e] for s, e in first.duties] == [
        "牵头单位：区发改局",
        "责任单位：立山经济开发区，全区经济运行各专班",
    ]
