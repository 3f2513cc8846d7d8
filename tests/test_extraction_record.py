"""Extraction records: every mention with its details, and the sentence and section it is in."""

from __future__ import annotations

from typing import Any

from kg.extraction import EvidenceLocator, run_pipeline, to_record
from kg.ingest.document import SourceDocument
from kg.records import DocMeta
from kg.structure.model import DocStructure, Sentence


def test_mentions_carry_their_sentence_section_and_details(nlp: Any) -> None:
    text = "东风湖学校开工。\n一、工作回顾\n东风湖学校建成投用。黄石港区总投资20亿元\n"
    meta = DocMeta(id="t", path="t.txt", district="黄石港区", year=2021)
    source = SourceDocument(text=text, analysis=text, meta=meta)
    record = to_record(source, run_pipeline(nlp, source))
    found = [(e.text, e.sentence, e.section) for e in record.entities]
    assert found == [
        ("东风湖学校", (0, 8), None),  # before the first heading
        ("东风湖学校", (16, 26), 0),
        ("黄石港区", (26, 37), 0),
        ("20亿元", (26, 37), 0),
    ]
    amount = record.entities[-1].to_json()
    assert list(amount["attrs"].items()) == [
        ("value", 2_000_000_000),
        ("currency", "CNY"),
        ("rule", "amount"),
    ]


def test_a_mention_across_sentences_is_located_by_its_paragraph() -> None:
    structure = DocStructure(
        paragraphs=[(0, 10), (11, 30)],
        sentences=[Sentence(0, 10, 0, None), Sentence(11, 20, 1, None), Sentence(20, 30, 1, None)],
    )
    locate = EvidenceLocator(structure, 30)
    assert locate.locate(12, 18) == ((11, 20), None)
    assert locate.locate(18, 22) == ((11, 30), None)
