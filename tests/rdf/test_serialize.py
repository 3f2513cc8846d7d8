"""The RDF files of a build say the same thing in every format, with one graph per document."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

ID = "https://w3id.org/kg-policy/id/"
KG = "https://w3id.org/kg-policy/ontology#"


@pytest.fixture(scope="module")
def trig(seed_build: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(seed_build / "graph.trig"), format=ox.RdfFormat.TRIG))


def test_trig_has_one_named_graph_per_document_and_a_corpus_graph(trig: set[ox.Quad]) -> None:
    graphs = {q.graph_name.value for q in trig}
    documents = {g for g in graphs if g.startswith(ID + "Document/")}
    assert len(documents) == 5
    assert graphs - documents == {ID + "graph/corpus"}


def test_jsonld_turtle_and_ntriples_agree_with_trig(seed_build: Path, trig: set[ox.Quad]) -> None:
    jsonld = set(ox.parse(path=str(seed_build / "graph.jsonld"), format=ox.RdfFormat.JSON_LD))
    assert jsonld == trig
    triples = {q.triple for q in trig}
    turtle = {t.triple for t in ox.parse(path=str(seed_build / "graph.ttl"))}
    ntriples = {t.triple for t in ox.parse(path=str(seed_build / "graph.nt"))}
    assert turtle == ntriples == triples


def test_jsonld_is_compact_with_the_ontology_context(seed_build: Path) -> None:
    data = json.loads((seed_build / "graph.jsonld").read_text(encoding="utf-8"))
    context = json.loads(
        (Path(__file__).parents[2] / "ontology" / "context.jsonld").read_text(encoding="utf-8")
    )
    assert data["@context"] == context["@context"]
    nodes = [n for g in data["@graph"] for n in g.get("@graph", [g])]
    park = next(n for n in nodes if n["@id"] == "Park/黄石港临空商务产业园" and "altLabel" in n)
    assert park["@type"] == "Park" and park["label"] == "黄石港临空商务产业园"
    assert park["firstYear"] == 2020 and park["lastYear"] == 2025


def test_a_mention_is_traced_to_its_sentence(trig: set[ox.Quad]) -> None:
    by_subject: dict[str, dict[str, list[ox.Quad]]] = {}
    for q in trig:
        by_subject.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q)
    mention = next(
        s
        for s, props in by_subject.items()
        if KG + "surface" in props and props[KG + "surface"][0].object.value == "两园两带"
    )
    props = by_subject[mention]
    sentence = props["http://www.w3.org/ns/prov#wasDerivedFrom"][0].object.value
    text = by_subject[sentence][KG + "text"][0].object.value
    assert "两园两带" in text
    # the mention's facts live in its document's graph
    assert props[KG + "inDocument"][0].graph_name == props[KG + "inDocument"][0].object


def test_export_command_writes_each_format(seed_build: Path, tmp_path: Path) -> None:
    from kg.cli import main
    from kg.exports import EXPORTS

    for name in EXPORTS:
        target = tmp_path / f"x.{name}"
        assert main(["export", str(seed_build), "--format", name, "-o", str(target)]) == 0
        assert target.exists() and (target.is_dir() or target.stat().st_size > 1000), name
    graphml = (tmp_path / "x.graphml").read_text(encoding="utf-8")
    assert "黄石港临空商务产业园" in graphml


def test_export_without_a_build_is_one_clear_error(tmp_path: Path, capsys) -> None:
    from kg.cli import main

    assert main(["export", str(tmp_path), "--format", "turtle"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kg build" in err
