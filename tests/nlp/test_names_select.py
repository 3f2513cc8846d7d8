"""The choice among overlapping candidates (kg_select_entities_v1)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extraction import run_pipeline
from kg.ingest import load_document
from kg.nlp import extensions as _extensions  # noqa: F401  (registers span._.kg)
from kg.nlp.components.select import SelectEntities, set_entities
from kg.nlp.spans import add_candidate

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def selected(
    text: str, *candidates: tuple[int, int, str, str, int], rules: dict[str, object]
) -> Doc:
    """The Doc of ``text`` after the selector chose among ``candidates`` (start, end, type,
    rule, priority), proposed in that order."""
    doc = spacy.blank("zh").make_doc(text)
    for start, end, label, rule, priority in candidates:
        add_candidate(doc, start, end, label, rule=rule, priority=priority)
    return SelectEntities(rules)(doc)


def test_names_select_longer_name_beats_sure_division_inside_it() -> None:
    doc = selected(
        "建成沈家营码头公园、黄石港生态体育公园",
        (2, 5, "AdminDivision", "admin_gazetteer", 10),
        (2, 9, "Place", "suffix", 3),
        (10, 13, "AdminDivision", "admin_gazetteer", 10),
        rules={"sure_priority": 9},
    )
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("Place", "沈家营码头公园"),
        ("AdminDivision", "黄石港"),
    ]


def test_names_select_sure_candidate_still_wins_a_crossing_overlap() -> None:
    doc = selected(
        "《临空经济规划》产业园",
        (0, 8, "PolicyDocument", "policy_document", 9),
        (5, 11, "Park", "suffix", 5),
        rules={"sure_priority": 9},
    )
    assert [e.text for e in doc.ents] == ["《临空经济规划》"]


def test_names_select_sure_name_outside_longer_ones_stays_sure() -> None:
    # 黄石大道 proposed twice, 黄石 inside it; the second 黄石 is inside no longer candidate, so
    # it stays sure and beats the longer guess 石港口 that crosses it
    doc = selected(
        "黄石大道黄石港口",
        (4, 6, "AdminDivision", "admin_gazetteer", 10),
        (0, 2, "AdminDivision", "admin_gazetteer", 10),
        (0, 4, "Place", "suffix", 3),
        (0, 4, "Place", "propagate", 2),
        (5, 8, "Place", "suffix", 5),
        rules={"sure_priority": 9},
    )
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("Place", "黄石大道"),
        ("AdminDivision", "黄石"),
    ]


def test_names_select_overlapping_runs_decided_apart() -> None:
    # two runs of overlapping candidates and a lone stoplisted one: each run keeps its best
    doc = selected(
        "黄石港区临空经济区和各部门及团城山公园",
        (0, 4, "AdminDivision", "admin_gazetteer", 10),
        (2, 9, "Park", "suffix", 5),
        (4, 9, "Park", "suffix", 5),
        (10, 13, "GovernmentBody", "organ", 6),
        (14, 19, "Place", "suffix", 3),
        (14, 17, "Place", "suffix", 3),
        rules={"sure_priority": 9, "stoplist": ["各部门"]},
    )
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("AdminDivision", "黄石港区"),
        ("Park", "临空经济区"),
        ("Place", "团城山公园"),
    ]


def _entity_columns(doc: Doc) -> list[list[int]]:
    return doc.to_array(["ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"]).tolist()


def test_names_set_entities_annotates_tokens_as_spacys_setter(nlp: Language) -> None:
    # a seed report, entities chosen by the pipeline: adjacent entities, entities at the
    # document's edges and spaces inside the text all occur
    source = load_document(SEEDS / "001_f32c294674d3e8c0.txt")
    text = source.analysis
    chosen = run_pipeline(nlp, source)
    last = len(chosen) - 1
    spans = [Span(chosen, 0, 2, "Place"), *chosen.ents[1:], Span(chosen, last, last + 1, "X")]
    by_spacy, by_kg = nlp.make_doc(text), nlp.make_doc(text)
    by_spacy.ents = [Span(by_spacy, s.start, s.end, s.label_) for s in spans]
    set_entities(by_kg, [Span(by_kg, s.start, s.end, s.label_) for s in spans])
    assert len(spans) > 300
    assert _entity_columns(by_kg) == _entity_columns(by_spacy)
    assert [(e.start_char, e.label_) for e in by_kg.ents] == [
        (e.start_char, e.label_) for e in by_spacy.ents
    ]


def test_names_set_entities_refuses_overlapping_spans() -> None:
    doc = spacy.blank("zh").make_doc("黄石港区临空经济区")
    with pytest.raises(ValueError, match="overlapping"):
        set_entities(doc, [Span(doc, 0, 4, "AdminDivision"), Span(doc, 3, 9, "Park")])
