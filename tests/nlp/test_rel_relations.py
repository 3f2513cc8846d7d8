"""Relations, task units and slogans on real seed and corpus-extra text."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from kg.extraction import run_pipeline
from kg.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "examples" / "corpus"
EXTRA = ROOT.parent / "shared" / "corpus-extra"


@cache
def _doc(nlp: Any, path: Path) -> Doc:
    return run_pipeline(nlp, load_document(path))


def seed(nlp: Any, number: str) -> Doc:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return _doc(nlp, path)


def triples(doc: Doc, kind: str) -> set[tuple[str, str, str]]:
    return {(r.head, r.tail, r.attrs.get("role", "")) for r in doc._.relations if r.type == kind}


def test_rel_task_paren_units_with_run_together_and_generic(nlp: Any) -> None:
    rel = triples(seed(nlp, "004"), "responsibleFor")
    task = "地方公共财政预算收入增长7%左右"
    assert ("区财政局", task, "responsible") in rel
    assert ("区税务局", task, "responsible") in rel
    assert not any(head in ("区财政局区税务局", "各街办", "区政府工作部门") for head, _, _ in rel)
    lead = "坚持规划引领,整合高端要素资源,提升临空产业能级,推动大泉路临空发展带空间腾退和产业集聚"
    assert ("区发改局", lead.replace(",", "，"), "lead") in rel or ("区发改局", lead, "lead") in rel


def test_rel_task_units_keep_text_and_take_full_name(nlp: Any) -> None:
    doc = seed(nlp, "004")
    ents = {(e.text, e.label_, e._.kg.get("canonical")) for e in doc.ents}
    assert ("科经", "GovernmentBody", "区科经局") in ents
    assert ("生态环境分", "GovernmentBody", "区生态环境分局") in ents
    assert ("江北管理区", "AdminDivision", "江北管理区") in {
        (e.text, e.label_, e._.kg.get("canonical")) for e in doc.ents if e.text == "江北管理区"
    }
    heads = {h for h, _, _ in triples(doc, "responsibleFor")}
    assert {"科经", "兴港公司", "江北管理区", "区委政法委"} <= heads


@pytest.mark.skipif(not EXTRA.exists(), reason="shared corpus-extra absent")
def test_rel_task_key_lines_and_tables(nlp: Any) -> None:
    lines = triples(_doc(nlp, EXTRA / "09.txt"), "responsibleFor")
    assert ("区发改局", "努力实现地区生产总值增长6.2%左右", "lead") in lines
    assert not any(head.startswith("各") or "专班" in head for head, _, _ in lines)
    table = triples(_doc(nlp, EXTRA / "08.txt"), "responsibleFor")
    assert ("区发展改革委", "地区生产总值增长5.5%左右", "responsible") in table
    inline = triples(_doc(nlp, EXTRA / "10.txt"), "responsibleFor")
    assert (
        "县司法局",
        "坚持县政府常务会议集体学法，加强重大行政决策事前论证和事后评估，"
        "发挥法律顾问作用，提高决策科学化民主化水平",
        "responsible",
    ) in {(h, t.replace(",", "，"), r) for h, t, r in inline}
    # 县发改局(首位单位为牵头单位,下同): the note makes the first unit the lead
    assert any(h == "县发改局" and r == "lead" for h, _, r in inline)


def test_rel_defined_as_parts_not_union_and_once(nlp: Any) -> None:
    doc = seed(nlp, "003")
    rel = triples(doc, "definedAs")
    assert ("三区", "生态", "") in rel and ("三线", "永久基本农田", "") in rel
    assert not any(head in ("三区三线", "两不愁三保障") for head, _, _ in rel)
    assert ("两不愁", "不愁吃", "") in rel
    assert ("三高", "国家重要先进制造业高地", "") in rel
    assert ("五个样板", "深圳速度", "") in rel
    assert ("四包一", "税务负责人", "") in rel
    assert {("清四乱", t, "") for t in ("乱占", "乱采", "乱堆", "乱建")} <= rel
    all_rel = [(r.head, r.tail) for r in seed(nlp, "000")._.relations if r.type == "definedAs"]
    assert len(all_rel) == len(set(all_rel))
    assert ("五个临空", "人文临空") in all_rel


def test_rel_inline_definitions_in_running_text(nlp: Any) -> None:
    rel = triples(seed(nlp, "003"), "definedAs")
    assert {("八字诀", t, "") for t in "堵查隔治停备稳督"} <= rel
    assert ("五大战略", "科教立区", "") in rel
    assert ("六力", "有自律力", "") in rel
    assert ("四个坚持", "坚持清正廉洁", "") in rel
    assert ("两轴", "依托杭瑞高速、岳阳大道等东西交通的横向联系轴", "") in rel
    assert not any(
        head in ("两补", "三留守") for head, _, _ in triples(seed(nlp, "001"), "definedAs")
    )


def test_rel_investment_partner_located_in(nlp: Any) -> None:
    inv = triples(seed(nlp, "001"), "investment")
    assert ("氵厥水河东岸生态环境提升工程", "15.4亿元", "total") in inv
    assert not any(tail == "90亿元" for _, tail, _ in inv)  # a group's contract amount
    assert ("三峡集团", "62亿元", "raised") in triples(seed(nlp, "003"), "investment")
    assert ("汉江湾生态综合治理PPP项目", "27.4亿元", "completed") in triples(
        seed(nlp, "002"), "investment"
    )
    assert ("临空科创产业园项目", "长投集团", "") in triples(seed(nlp, "004"), "partner")
    located = triples(seed(nlp, "000"), "locatedIn")
    assert ("中咨保盛", "智能输送产业园", "") in located
    assert not any(tail == "江北工业园" for _, tail, _ in located)


def test_rel_slogans_quoted_numbers_and_counts(nlp: Any) -> None:
    doc = seed(nlp, "002")
    slogans = {e.text: e._.kg.get("count") for e in doc.ents if e.label_ == "Slogan"}
    assert "1345" in slogans and "365" in slogans
    assert "四个意识" in slogans
    counts = {e.text: e._.kg.get("count") for e in seed(nlp, "000").ents if e.label_ == "Slogan"}
    assert counts.get("五个临空") == 5


def test_rel_clauses_end_at_breaks_and_sentence_ends(nlp: Any) -> None:
    from kg.nlp.components.relations import Evidence
    from kg.records import DocMeta

    text = "一、工作回顾\n黄石港区总投资20亿元，建设临空产业园。项目竣工\n"
    doc = nlp.make_doc(text)
    doc._.meta = DocMeta(id="t", path="t.txt", district="黄石港区", year=2021)
    doc = nlp(doc)
    ev = Evidence(doc, nlp.get_pipe("kg_relations").clause_breaks)

    def clause(word: str) -> str:
        start, end = ev.clause(text.index(word))
        return text[start:end]

    assert clause("黄石港") == clause("投资") == "黄石港区总投资20亿元"
    assert clause("临空") == "建设临空产业园"
    assert clause("竣工") == "项目竣工"  # the last sentence, up to the line's end
