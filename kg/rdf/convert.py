"""The graph model as RDF quads, against kg's ontology (``ontology/kg.ttl``).

One named graph per document, named by the document's IRI, holds everything read from it:
entity types and labels, mentions with their evidence (``prov:wasDerivedFrom`` the sentence),
sections, sentences, relation triples and, for each, an ``kg:Assertion`` (an ``rdf:Statement``)
carrying its evidence and attributes. Dropping a document's graph removes its facts. The
corpus graph (``<id_base>graph/corpus``) holds what is computed across documents: aliases,
first/last year, district. Queries see all graphs through the union default graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import networkx as nx
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from kg.graph import ids
from kg.graph.mapping import Mapping, load_mapping
from kg.graph.model import is_entity

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"

RDF_TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_BOOLEAN = NamedNode(XSD + "boolean")
XSD_DATE = NamedNode(XSD + "date")

GraphName = NamedNode | BlankNode | DefaultGraph
Term = NamedNode | Literal


def corpus_graph(mapping: Mapping) -> NamedNode:
    return NamedNode(mapping.id_base + "graph/corpus")


class Vocabulary:
    """IRIs of kg's classes and properties, and node IRIs, as pyoxigraph terms."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.ns = mapping.ns

    def kg(self, local: str) -> NamedNode:
        return NamedNode(self.ns + local)

    def node(self, node_id: str) -> NamedNode:
        return NamedNode(self.mapping.id_base + node_id)

    def cls(self, type_: str) -> NamedNode:
        return NamedNode(self.mapping.node_kind(type_).cls)

    def relation(self, name: str) -> NamedNode:
        return NamedNode(self.mapping.relations[name].prop)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD_INTEGER)


def decimal(value: float | int | str) -> Literal:
    """An xsd:decimal in plain notation (1540000000, never 1.54e+09)."""
    return Literal(format(Decimal(str(value)), "f"), datatype=XSD_DECIMAL)


def literal(value: Any) -> Literal:
    """A typed literal for a Python value (bool, int, float → xsd types; else a string)."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD_BOOLEAN)
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, float):
        return decimal(value)
    return Literal(str(value))


# relation attributes with their own property (others are not published as RDF)
ASSERTION_ATTRS = {
    "role": "role",
    "source": "definitionSource",
    "expected_count": "expectedCount",
    "count_matches": "countMatches",
}
ARGUMENT_OFFSETS = {
    "head_start": "headStart",
    "head_end": "headEnd",
    "tail_start": "tailStart",
    "tail_end": "tailEnd",
}
DOCUMENT_FIELDS = {
    "district": "district",
    "city": "city",
    "province": "province",
    "kind": "documentKind",
    "speaker": "speaker",
    "path": "sourcePath",
}


Edge = tuple[str, str, str, dict[str, Any]]
CORPUS_CHUNK_QUADS = 100_000  # the corpus graph is handed out in parts of about this size


def graph_chunks(graph: nx.MultiDiGraph, mapping: Mapping | None = None) -> Iterator[list[Quad]]:
    """The quads of ``graph`` one named graph at a time: each document's graph, in graph order,
    then the corpus graph in parts of about :data:`CORPUS_CHUNK_QUADS`. Writers that take them
    chunk by chunk never hold more than one document's quads."""
    v = Vocabulary(mapping or load_mapping())
    relations = _relations_by_document(graph)
    for doc_node, data in graph.nodes(data=True):
        if data["type"] == "Document":
            yield list(_document_quads(graph, v, doc_node, data, relations))
    part: list[Quad] = []
    g = corpus_graph(v.mapping)
    for node_id, data in graph.nodes(data=True):
        if is_entity(data):
            part.extend(_entity_quads(v, g, node_id, data))
            if len(part) >= CORPUS_CHUNK_QUADS:
                yield part
                part = []
    if part:
        yield part


def graph_quads(graph: nx.MultiDiGraph, mapping: Mapping | None = None) -> Iterator[Quad]:
    """Every quad of ``graph``: the document graphs first, then the corpus graph."""
    for chunk in graph_chunks(graph, mapping):
        yield from chunk


def corpus_context(
    graph: nx.MultiDiGraph, mapping: Mapping | None = None
) -> Callable[[list[Quad]], list[Quad]]:
    """A function giving, for one chunk of :func:`graph_chunks`, what the shapes read beyond it:
    for a document graph, the corpus-graph quads of the entities typed in it (an amount's
    value); for both, the corpus facts of the entities they are followed under (kg:thread)."""
    v = Vocabulary(mapping or load_mapping())
    g = corpus_graph(v.mapping)
    base = len(v.mapping.id_base)  # every node IRI is id_base + node id

    def context(chunk: list[Quad]) -> list[Quad]:
        out: list[Quad] = []
        seen: set[str] = set()
        for q in chunk:
            if q.predicate != RDF_TYPE or not isinstance(q.subject, NamedNode):
                continue
            node_id = q.subject.value[base:]
            data = graph.nodes.get(node_id)
            if data is None or node_id in seen or not is_entity(data):
                continue
            seen.add(node_id)
            if q.graph_name != g:
                out.extend(_entity_quads(v, g, node_id, data))
            followed = data.get("thread")
            while followed and followed not in seen:  # its thread must be an entity: describe it
                seen.add(followed)
                out.extend(_entity_quads(v, g, followed, graph.nodes[followed]))
                followed = graph.nodes[followed].get("thread")
        return out

    return context


def shared_quad(mapping: Mapping | None = None) -> Callable[[Quad], bool]:
    """Whether a quad may also be in another named graph: its subject is not a node of one
    document (an entity's type and label are in every graph that mentions it)."""
    base = (mapping or load_mapping()).id_base
    local = tuple(f"{base}{kind}/" for kind in sorted(ids.DOCUMENT_LOCAL))

    def shared(q: Quad) -> bool:
        subject = q.subject
        return not (isinstance(subject, NamedNode) and subject.value.startswith(local))

    return shared


def _document_quads(
    graph: nx.MultiDiGraph,
    v: Vocabulary,
    doc_node: str,
    data: dict[str, Any],
    relations: dict[str, list[Edge]],
) -> Iterator[Quad]:
    g = v.node(doc_node)
    doc = str(data["doc"])
    yield Quad(g, RDF_TYPE, v.cls("Document"), g)
    yield Quad(g, NamedNode(DCT + "identifier"), Literal(doc), g)
    if data.get("title"):
        yield Quad(g, NamedNode(DCT + "title"), zh(data["title"]), g)
    if data.get("date"):
        yield Quad(g, NamedNode(DCT + "date"), Literal(data["date"], datatype=XSD_DATE), g)
    if data.get("year"):
        yield Quad(g, v.kg("year"), integer(data["year"]), g)
    for field, prop in DOCUMENT_FIELDS.items():
        if data.get(field):
            yield Quad(g, v.kg(prop), Literal(str(data[field])), g)
    yield from _evidence_quads(graph, v, doc_node, doc, g, relations.get(doc, []))


def _relations_by_document(graph: nx.MultiDiGraph) -> dict[str, list[Edge]]:
    """The relation edges (not mentions) of each document, in graph order: one pass over the
    edges for the whole corpus rather than one per document."""
    out: dict[str, list[Edge]] = {}
    for head, tail, key, e in graph.edges(keys=True, data=True):
        if e["relation"] != "mentionedIn":
            out.setdefault(e["document"], []).append((head, tail, key, e))
    return out


def _evidence_quads(
    graph: nx.MultiDiGraph,
    v: Vocabulary,
    doc_node: str,
    doc: str,
    g: NamedNode,
    relations: list[Edge],
) -> Iterator[Quad]:
    sections: set[int] = set()
    sentences: set[tuple[int, int]] = set()
    typed: set[str] = set()
    doc_iri = v.node(doc_node)

    def sentence(start: int, end: int, text: str, section: int | None) -> Iterator[Quad]:
        s = v.node(ids.span_id("Sentence", doc, start, end))
        if (start, end) in sentences:
            return
        sentences.add((start, end))
        yield Quad(s, RDF_TYPE, v.cls("Sentence"), g)
        yield Quad(s, v.kg("text"), zh(text), g)
        yield Quad(s, v.kg("start"), integer(start), g)
        yield Quad(s, v.kg("end"), integer(end), g)
        yield Quad(s, NamedNode(DCT + "isPartOf"), doc_iri, g)
        if section is not None:
            yield Quad(s, v.kg("inSection"), v.node(ids.section_id(doc, section)), g)

    def node_type(node_id: str) -> Iterator[Quad]:
        if node_id in typed:
            return
        typed.add(node_id)
        data = graph.nodes[node_id]
        n = v.node(node_id)
        yield Quad(n, RDF_TYPE, v.cls(data["type"]), g)
        yield Quad(n, LABEL, zh(data["name"]), g)
        if data["type"] == "Task":
            yield Quad(n, v.kg("inDocument"), doc_iri, g)

    for node_id, _, key, e in graph.in_edges(doc_node, keys=True, data=True):
        if e["relation"] != "mentionedIn":
            continue
        yield from node_type(node_id)
        entity = v.node(node_id)
        m = v.node(key)
        yield Quad(entity, v.relation("mentionedIn"), doc_iri, g)
        yield Quad(m, RDF_TYPE, v.cls("Mention"), g)
        yield Quad(m, v.kg("mentionOf"), entity, g)
        yield Quad(m, v.kg("surface"), zh(e["surface"]), g)
        yield Quad(m, v.kg("start"), integer(e["start"]), g)
        yield Quad(m, v.kg("end"), integer(e["end"]), g)
        yield Quad(m, v.kg("inDocument"), doc_iri, g)
        if e.get("year"):
            yield Quad(m, v.kg("year"), integer(e["year"]), g)
        s_id = ids.span_id("Sentence", doc, e["sentence_start"], e["sentence_end"])
        yield Quad(m, NamedNode(PROV + "wasDerivedFrom"), v.node(s_id), g)
        yield from sentence(
            e["sentence_start"], e["sentence_end"], e["sentence"], e.get("section_index")
        )
        if e.get("section_index") is not None:
            sections.add(int(e["section_index"]))
            yield Quad(m, v.kg("inSection"), v.node(ids.section_id(doc, e["section_index"])), g)
        if e.get("status"):
            yield Quad(m, v.kg("status"), Literal(e["status"]), g)
        if e.get("rule"):
            yield Quad(m, v.kg("rule"), Literal(e["rule"]), g)
    yield from _section_quads(graph, v, doc_node, doc, g, sections)
    for head, tail, key, e in relations:
        yield from node_type(head)
        yield from node_type(tail)
        prop = v.relation(e["relation"])
        h, t, a = v.node(head), v.node(tail), v.node(key)
        yield Quad(h, prop, t, g)
        yield Quad(a, RDF_TYPE, v.cls("Assertion"), g)
        yield Quad(a, NamedNode(RDF + "subject"), h, g)
        yield Quad(a, NamedNode(RDF + "predicate"), prop, g)
        yield Quad(a, NamedNode(RDF + "object"), t, g)
        yield Quad(a, v.kg("inDocument"), doc_iri, g)
        yield Quad(a, v.kg("headSurface"), zh(e["head_text"]), g)
        yield Quad(a, v.kg("tailSurface"), zh(e["tail_text"]), g)
        s_id = ids.span_id("Sentence", doc, e["start"], e["end"])
        yield Quad(a, NamedNode(PROV + "wasDerivedFrom"), v.node(s_id), g)
        yield from sentence(e["start"], e["end"], e["sentence"], None)
        for attr, local in ARGUMENT_OFFSETS.items():
            if e.get(attr) is not None:
                yield Quad(a, v.kg(local), integer(e[attr]), g)
        for attr, local in ASSERTION_ATTRS.items():
            if e.get(attr) is not None:
                yield Quad(a, v.kg(local), literal(e[attr]), g)


def _section_quads(
    graph: nx.MultiDiGraph,
    v: Vocabulary,
    doc_node: str,
    doc: str,
    g: NamedNode,
    used: set[int],
) -> Iterator[Quad]:
    """The sections mentions fall in, with their ancestors."""
    sections = graph.nodes[doc_node].get("sections") or []
    todo = sorted(used)
    seen: set[int] = set()
    while todo:
        i = todo.pop()
        if i in seen or i >= len(sections):
            continue
        seen.add(i)
        sec = sections[i]
        s = v.node(ids.section_id(doc, i))
        yield Quad(s, RDF_TYPE, v.cls("Section"), g)
        yield Quad(s, NamedNode(DCT + "title"), zh(sec["heading"]), g)
        yield Quad(s, v.kg("role"), Literal(sec["role"]), g)
        yield Quad(s, v.kg("level"), integer(sec["level"]), g)
        yield Quad(s, v.kg("start"), integer(sec["start"]), g)
        yield Quad(s, v.kg("end"), integer(sec["end"]), g)
        parent = sec.get("parent")
        if parent is not None:
            yield Quad(s, NamedNode(DCT + "isPartOf"), v.node(ids.section_id(doc, parent)), g)
            todo.append(parent)
        else:
            yield Quad(s, NamedNode(DCT + "isPartOf"), v.node(doc_node), g)


def _entity_quads(
    v: Vocabulary, g: NamedNode, node_id: str, data: dict[str, Any]
) -> Iterator[Quad]:
    """What the corpus graph says of one entity: type, names, district, years, attributes."""
    n = v.node(node_id)
    yield Quad(n, RDF_TYPE, v.cls(data["type"]), g)
    yield Quad(n, LABEL, zh(data["name"]), g)
    for alias in data.get("aliases") or ():
        yield Quad(n, NamedNode(SKOS + "altLabel"), zh(alias), g)
    for field, local in (("district", "district"), ("scope", "scope")):
        if data.get(field):
            yield Quad(n, v.kg(local), Literal(data[field]), g)
    for field, local in (
        ("first_year", "firstYear"),
        ("last_year", "lastYear"),
        ("mentions", "mentionCount"),
        ("count", "numeralCount"),
    ):
        if data.get(field) is not None:
            yield Quad(n, v.kg(local), integer(data[field]), g)
    if data.get("thread"):
        yield Quad(n, v.kg("thread"), v.node(data["thread"]), g)
    for year in data.get("years") or ():
        yield Quad(n, v.kg("year"), integer(year), g)
    if data.get("code"):
        yield Quad(n, v.kg("divisionCode"), Literal(str(data["code"])), g)
    if data.get("level"):
        yield Quad(n, v.kg("divisionLevel"), Literal(str(data["level"])), g)
    if data.get("value") is not None:
        value = decimal(data["value"])
        yield Quad(n, v.kg("amountValue"), value, g)
        if data.get("currency") == "CNY":
            yield Quad(n, v.kg("amountYuan"), value, g)
    if data.get("currency"):
        yield Quad(n, v.kg("currency"), Literal(str(data["currency"])), g)
