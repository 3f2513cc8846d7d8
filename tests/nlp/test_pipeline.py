"""The pipeline factory: one config, registered components, spans and relations on the Doc."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest

from kg import extraction
from kg.extraction import run_pipeline
from kg.ingest import load_document
from kg.nlp.pipeline import DEFAULT_CONFIG, build_pipeline

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_pipeline_is_assembled_from_the_config(nlp: Any) -> None:
    assert nlp.lang == "zh"
    assert nlp.pipe_names[0] == "kg_structure"
    assert nlp.pipe_names[-1] == "kg_relations"
    assert "kg_select" in nlp.pipe_names
    assert DEFAULT_CONFIG.name == "pipeline.cfg"


def test_doc_carries_candidates_entities_and_relations(nlp: Any) -> None:
    doc = run_pipeline(nlp, load_document(SEEDS / "000_2902ce684fdbffb1.txt"))
    assert len(doc.spans["candidates"]) >= len(doc.ents) > 100
    labels = {e.label_ for e in doc.ents}
    assert {"AdminDivision", "Slogan", "Amount", "GovernmentBody"} <= labels
    assert any(r.type == "definedAs" and r.head == "五个临空" for r in doc._.relations)


def test_config_override_swaps_a_rule_file(tmp_path: Path) -> None:
    rules = tmp_path / "amounts.yaml"
    rules.write_text(
        'multipliers: {"亿": 100000000}\ncurrencies: {"元": CNY}\npriority: 8\n', "utf-8"
    )
    custom = build_pipeline(overrides={"components.kg_amounts.rules": str(rules)})
    doc = custom.make_doc("投资15.4亿元,出口520.3万美元。")
    doc = custom.get_pipe("kg_amounts")(doc)
    assert [s.text for s in doc.spans["candidates"]] == ["15.4亿元"]
    default = build_pipeline().get_pipe("kg_amounts")(custom.make_doc("出口520.3万美元。"))
    assert [s.text for s in default.spans["candidates"]] == ["520.3万美元"]


def test_doc_sents_follow_the_structure_sentences(nlp: Any) -> None:
    doc = run_pipeline(nlp, load_document(SEEDS / "000_2902ce684fdbffb1.txt"))
    token_starts = {t.idx for t in doc}
    expected = [s.start for s in doc._.structure.sentences if s.start in token_starts]
    assert [s.start_char for s in doc.sents][: len(expected)] == expected[: len(expected)]
    assert doc.text[expected[3] : expected[3] + 6] == "现在，我代表"


def test_extraction_frees_each_doc_as_soon_as_its_record_is_made(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a Doc holds megabytes of token data: left to the cycle collector, dozens pile up
    docs: list[weakref.ref[Any]] = []

    def run_and_watch(nlp: Any, source: Any) -> Any:
        doc = run_pipeline(nlp, source)
        docs.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr(extraction, "run_pipeline", run_and_watch)
    gc.disable()
    try:
        record = extraction.extract_document(nlp, load_document(SEEDS / "001_f32c294674d3e8c0.txt"))
        assert len(record.entities) > 100
        assert len(docs) == 1 and docs[0]() is None
    finally:
        gc.enable()
