"""Slogan mentions and their counts, definedAs checks, and locatedIn on the seed documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from kg.ingest import load_document
from kg.nlp.spans import details

ROOT = Path(__file__).resolve().parents[2]


def run(nlp: Any, number: str, gold_entities: bool = False) -> Doc:
    """The seed document through the pipeline; with gold entities in place of the predicted ones
    before the relations, so that relation rules are tested apart from entity recognition."""
    (path,) = (ROOT / "examples" / "corpus").glob(f"{number}_*.txt")
    source = load_document(path)
    doc = nlp.make_doc(source.analysis)
    doc._.meta = source.meta
    for name, pipe in nlp.pipeline:
        if name == "kg_relations" and gold_entities:
            gold = json.loads((ROOT / "tests" / "gold" / f"{path.stem}.json").read_text("utf-8"))
            spans = [doc.char_span(e["start"], e["end"], e["type"]) for e in gold["entities"]]
            doc.ents = [s for s in spans if s is not None]
        doc = pipe(doc)
    return doc


def slogans(doc: Doc) -> dict[str, dict[str, Any]]:
    return {e.text: details(e) for e in doc.ents if e.label_ == "Slogan"}


def test_defs_slogan_counts_and_parts(nlp: Any) -> None:
    found = slogans(run(nlp, "000"))
    assert found["两园两带"]["count"] == 4 and found["两园两带"]["count_parts"] == [2, 2]
    assert found["五个临空"]["count_parts"] == [5]
    assert found["四办三中心"]["count_parts"] == [4, 3]


def test_defs_unquoted_and_inner_numbered_shorthands(nlp: Any) -> None:
    doc = run(nlp, "002")
    found = slogans(doc)
    assert {"三个三", "五共", "双创", "1+N", "三尘共治", "两江四岸"} <= set(found)
    assert not any(t.endswith("靓") for t in found)  # 两江四岸靓丽名片: not the next word
    defined = {(r.head, r.tail) for r in doc._.relations if r.type == "definedAs"}
    assert ("三尘共治", "裸地") in defined
    assert "门前三包" in slogans(run(nlp, "001"))


def test_defs_figures_and_counts_that_are_not_slogans(nlp: Any) -> None:
    doc = run(nlp, "001")
    text = doc.text
    figures = [e for e in doc.ents if e.label_ == "Slogan" and e.text == "323"]
    assert figures and all(text[e.end_char] == "”" for e in figures)  # not 企业达323家
    relations = [r for r in doc._.relations if r.type == "definedAs" and r.head == "323"]
    assert len(relations) == 3
    found = set(slogans(doc))
    assert not {"双循环", "千万资金促消费", "三级乙等医院"} & found
    later = set(slogans(run(nlp, "003")))
    assert not {"十二连增", "百日攻坚", "一体两翼", "一车两轮"} & later


def test_defs_defined_as_count_matches(nlp: Any) -> None:
    doc = run(nlp, "003")
    checks = {(r.head, r.attrs.get("count_matches")) for r in doc._.relations}
    assert ("五个样板", True) in checks and ("十个到位", True) in checks


def test_defs_located_in_topic_and_examples(nlp: Any) -> None:
    located = {
        (r.head, r.tail)
        for number in ("002", "004")
        for r in run(nlp, number, gold_entities=True)._.relations
        if r.type == "locatedIn"
    }
    assert ("香港中心", "汉正街城市核心区") in located  # 汉正街城市核心区，服务保障香港中心开业
    assert ("65中北片", "汉正街城市核心区") in located
    assert ("万科公园大道", "汉江湾城市活力区") in located
    assert ("摩尔城", "胜阳港商圈") in located  # 以交通路步行街-…-摩尔城为代表的胜阳港商圈
    assert ("交通路步行街", "胜阳港商圈") in located
    assert all(tail not in ("区商务办",) for _, tail in located)
