"""The choice among overlapping candidates (kg_select_entities_v1)."""

from __future__ import annotations

import spacy

from kg.nlp import extensions as _extensions  # noqa: F401  (registers span._.kg)
from kg.nlp.components.select import SelectEntities, strictly_contained
from kg.nlp.spans import add_candidate


def test_names_select_longer_name_beats_sure_division_inside_it() -> None:
    nlp = spacy.blank("zh")
    doc = nlp.make_doc("建成沈家营码头公园、黄石港生态体育公园")
    add_candidate(doc, 2, 5, "AdminDivision", rule="admin_gazetteer", priority=10)
    add_candidate(doc, 2, 9, "Place", rule="suffix", priority=3)
    add_candidate(doc, 10, 13, "AdminDivision", rule="admin_gazetteer", priority=10)
    doc = SelectEntities({"sure_priority": 9})(doc)
    assert [(e.label_, e.text) for e in doc.ents] == [
        ("Place", "沈家营码头公园"),
        ("AdminDivision", "黄石港"),
    ]


def test_names_select_sure_candidate_still_wins_a_crossing_overlap() -> None:
    nlp = spacy.blank("zh")
    doc = nlp.make_doc("《临空经济规划》产业园")
    add_candidate(doc, 0, 8, "PolicyDocument", rule="policy_document", priority=9)
    add_candidate(doc, 5, 11, "Park", rule="suffix", priority=5)
    doc = SelectEntities({"sure_priority": 9})(doc)
    assert [e.text for e in doc.ents] == ["《临空经济规划》"]


def test_names_strictly_contained_ignores_identical_spans() -> None:
    nlp = spacy.blank("zh")
    doc = nlp.make_doc("黄石大道黄石")
    a = add_candidate(doc, 0, 4, "Place", rule="suffix")
    b = add_candidate(doc, 0, 4, "Project", rule="list_item")
    c = add_candidate(doc, 0, 2, "AdminDivision", rule="admin_gazetteer")
    d = add_candidate(doc, 4, 6, "AdminDivision", rule="admin_gazetteer")
    spans = [s for s in (a, b, c, d) if s is not None]
    assert strictly_contained(spans) == {2}
