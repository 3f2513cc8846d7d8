"""RDF written one named graph at a time (kg/rdf/sinks.py, kg/rdf/convert.graph_chunks) says
exactly what the whole dataset says, however the corpus graph is cut, and a failed run leaves
nothing behind; the SHACL check in batches finds what a check of the union finds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.graph.store import load_graph
from kg.rdf import convert
from kg.rdf.convert import corpus_context, graph_chunks, graph_quads, shared_quad
from kg.rdf.sinks import MergedTriples, RdfFileSink, StoreSink, write_chunks
from kg.rdf.validate import Validator, violations

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> nx.MultiDiGraph:
    return load_graph(seed_build)


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus graph in many parts, as it comes for a large corpus."""
    monkeypatch.setattr(convert, "CORPUS_CHUNK_QUADS", 500)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_written_in_parts_holds_the_whole_dataset(
    graph: nx.MultiDiGraph, fmt: str, small_parts: None, tmp_path: Path
) -> None:
    chunks = list(graph_chunks(graph))
    assert len(chunks) > 10  # five documents and the corpus graph in parts
    assert all(len({q.graph_name for q in chunk}) == 1 for chunk in chunks)
    path = tmp_path / f"graph.{fmt}"
    sink = RdfFileSink(path, fmt, MergedTriples(shared_quad()))
    write_chunks(chunks, [sink])
    sink.commit()
    read = list(ox.parse(path=str(path), format=FORMATS[fmt]))
    quads = list(graph_quads(graph))
    if fmt in ("turtle", "ntriples"):  # all graphs merged: each triple once
        triples = [t.triple if isinstance(t, ox.Quad) else t for t in read]
        assert set(triples) == {q.triple for q in quads}
        if fmt == "ntriples":
            assert len(triples) == len(set(triples))
    else:
        assert set(read) == set(quads)
    if fmt in ("turtle", "trig"):
        text = path.read_text(encoding="utf-8")
        assert Counter(line for line in text.splitlines() if line.startswith("@prefix"))
        assert text.count("@prefix kg:") == 1


def test_merged_sinks_sharing_their_triples_write_what_each_writes_alone(
    graph: nx.MultiDiGraph, small_parts: None, tmp_path: Path
) -> None:
    chunks = list(graph_chunks(graph))
    merged = MergedTriples(shared_quad())
    together = [RdfFileSink(tmp_path / f"t.{f}", f, merged) for f in ("turtle", "ntriples")]
    alone = [
        RdfFileSink(tmp_path / f"a.{f}", f, MergedTriples(shared_quad()))
        for f in ("turtle", "ntriples")
    ]
    write_chunks(chunks, [*together, *alone])
    for sink in (*together, *alone):
        sink.commit()
    for fmt in ("turtle", "ntriples"):
        shared, single = (tmp_path / f"{k}.{fmt}" for k in ("t", "a"))
        assert shared.read_bytes() == single.read_bytes()
    nt = (tmp_path / "t.ntriples").read_text(encoding="utf-8").splitlines()
    assert len(nt) == len(set(nt)) == len({q.triple for q in graph_quads(graph)})


def test_a_failed_run_leaves_no_file_and_the_old_store(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    (tmp_path / "graph.ttl").write_text("old\n", encoding="utf-8")
    store = StoreSink(tmp_path)
    write_chunks(graph_chunks(graph), [store])
    store.commit()
    sinks = [RdfFileSink(tmp_path / "graph.ttl", "turtle"), StoreSink(tmp_path)]

    def broken() -> list[list[ox.Quad]]:
        chunks = graph_chunks(graph)
        yield next(chunks)
        raise KgError("stopped half-way")

    with pytest.raises(KgError, match="half-way"):
        write_chunks(broken(), sinks)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "store"]
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "old\n"
    answer = ox.Store.read_only(str(tmp_path / "store")).query("ASK { GRAPH ?g { ?s ?p ?o } }")
    assert bool(answer)


def test_batches_with_their_entities_find_what_the_union_finds(graph: nx.MultiDiGraph) -> None:
    """An investment's amount must carry its value, which is in the corpus graph while the
    investment is in a document graph: a batch sees it through the entity's corpus facts."""
    broken = graph.copy()
    amounts = [
        tail
        for _, tail, e in graph.edges(data=True)
        if e["relation"] == "investment" and graph.nodes[tail]["type"] == "Amount"
    ]
    del broken.nodes[amounts[0]]["value"]
    union = violations(graph_quads(broken))
    assert [v.component for v in union] == ["minCount"]

    one_graph_at_a_time = Validator(corpus_context(broken), batch=1)
    with pytest.raises(KgError, match="minCount") as stopped:
        write_chunks(graph_chunks(broken), [one_graph_at_a_time])
    assert amounts[0].split("/")[-1] in str(stopped.value)
    assert one_graph_at_a_time.found and set(one_graph_at_a_time.found) == set(union)

    blind = Validator(batch=1)  # without the corpus facts the value is not seen
    with pytest.raises(KgError):
        write_chunks(graph_chunks(graph), [blind])
