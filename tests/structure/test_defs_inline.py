"""Inline definitions in the document structure, and lists inside prose definition bodies."""

from __future__ import annotations

from collections.abc import Callable

from kg.structure.analyse import analyse
from kg.structure.model import DocStructure


def parts_of(text: str, doc: DocStructure, term: str) -> list[list[str]]:
    """The component strings of every definition of ``term``."""
    return [[text[s:e] for s, e in d.components] for d in doc.definitions if d.term == term]


def test_defs_inline_definitions_live_in_the_structure(seed: Callable[[str], str]) -> None:
    text = seed("003")
    doc = analyse(text)
    inline = {d.term for d in doc.definitions if d.source == "inline"}
    assert {"八字诀", "一核", "六力", "四个坚持"} <= inline
    # 突出打造四大板块，即…开发建设X；…开发建设Y: the object of each clause
    assert parts_of(text, doc, "四大板块") == [
        ["奇家岭郭镇城市新区", "七里山新经济成长区", "桥西滨水活力区", "胥家桥物流产业集聚区"]
    ]


def test_defs_unquoted_term_after_its_list(seed: Callable[[str], str]) -> None:
    text = seed("002")
    doc = analyse(text)
    assert parts_of(text, doc, "三尘共治") == [["施工", "道路", "裸地"]]
    # a name inside a list (中机三勘院3家骨干企业) is no term
    assert not parts_of(text, doc, "三勘院")
    # 三道防线 counts defence lines with a measure word: a count, not a shorthand
    assert not parts_of(seed("001"), analyse(seed("001")), "三道防线")


def test_defs_figure_term_counts_its_groups(seed: Callable[[str], str]) -> None:
    text = seed("001")
    assert parts_of(text, analyse(text), "323") == [
        [
            "心脑血管病、癌症、慢性呼吸系统病3类重大疾病",
            "高血压、糖尿病2种基础疾病",
            "出生缺陷、儿童青少年近视、精神卫生3类突出公共卫生问题",
        ]
    ]


def test_defs_sibling_definitions_and_clauses(seed: Callable[[str], str]) -> None:
    text = seed("003")
    doc = analyse(text)
    # “五个样板”即老旧小区改造要打造A、…;“六个结合”即老旧小区改造与B、…: the shared subject goes
    firsts = {t: parts_of(text, doc, t)[0][0] for t in ("五个样板", "六个结合", "十个到位")}
    assert firsts == {"五个样板": "民生保障", "六个结合": "控建拆违", "十个到位": "宣传引导"}
    # a count label written into the last item ends it
    assert parts_of(text, doc, "四重攻坚")[0][-1] == "重点人员"
    # 和 inside a clause does not split it: three clauses, although 四新 announces four
    (four_new,) = [d for d in doc.definitions if d.term == "四新"]
    assert [text[s:e] for s, e in four_new.components][-1] == (
        "在推动中部地区崛起和长江经济带发展中彰显新担当"
    )
    assert four_new.component_count == 3 != four_new.expected_count
