"""The one graph model every store and export is written from (a networkx ``MultiDiGraph``).

Nodes, keyed by their stable id (:mod:`kg.graph.ids`), have a ``type`` and a ``name``:

- an entity (a SPEC type): one canonical thing (``name``, ``scope``, ``district``, ``aliases``,
  ``years``, ``first_year``/``last_year``, ``documents``, ``thread`` (the node recurrence
  follows it under, see :mod:`kg.resolve.threads`), and attributes such as ``code`` or
  ``value``); amounts are scoped to their document, slogans and relative names (区委) to their
  district or city;
- ``Document``: document metadata (``doc`` is the document id, ``kind`` its kind);
- ``Task``: a task item a body is responsible for; ``Component``: a part of a slogan's
  definition that is not itself an entity (临空都市发展带).

Edges carry their evidence. ``mentionedIn`` (entity → document) is one edge per mention: surface,
span, sentence text and span, section heading and role, status where known. Relation edges
(``definedAs``, ``locatedIn``, …) carry the sentence, the argument spans and the relation's
attributes (``role``, …).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.graph import ids
from kg.records import ENTITY_TYPES, DocRecord, Entity, Relation
from kg.resolve.threads import NodeName, threads

log = logging.getLogger(__name__)

# entity attributes worth keeping on the node (the rest describe one mention)
NODE_ATTRS = ("code", "level", "value", "currency", "value_high", "approx", "count", "count_parts")
# entity attributes kept on each mention
MENTION_ATTRS = ("status", "status_cue", "rule", "alias_reason")


@dataclass(frozen=True, slots=True)
class NodeKey:
    """What makes two mentions one node: type, scope and canonical name."""

    type: str
    scope: str | None
    name: str


def is_entity(data: dict[str, Any]) -> bool:
    """Whether a node's attributes describe a SPEC entity (not a document, task, component)."""
    return data.get("type") in ENTITY_TYPES


def node_key(entity: Entity, record: DocRecord) -> NodeKey:
    scope = record.doc.id if entity.type == "Amount" else entity.scope
    return NodeKey(entity.type, scope, entity.canonical)


@dataclass(slots=True)
class _Node:
    key: NodeKey
    surfaces: Counter[str] = field(default_factory=Counter)
    years: set[int] = field(default_factory=set)
    documents: list[str] = field(default_factory=list)
    districts: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)


def _text_of(record: DocRecord) -> str:
    if record.text is not None:
        return record.text
    from kg.ingest import load_document

    return load_document(record.doc.path).text


def build_graph(
    records: Iterable[DocRecord],
    *,
    registry: ids.IdRegistry | None = None,
    text_of: Callable[[DocRecord], str] = _text_of,
) -> nx.MultiDiGraph:
    """The graph of ``records`` (resolved across documents, as :func:`kg.extract` returns them).

    ``registry`` holds ids of earlier builds, which nodes keep; it is updated with the new ones.
    ``text_of`` gives a record's text for the evidence sentences (by default the record's own
    text, else the document read again).
    """
    records = list(records)
    registry = registry if registry is not None else ids.IdRegistry()
    graph = nx.MultiDiGraph()
    nodes: dict[NodeKey, _Node] = {}
    for record in records:
        for entity in record.entities:
            key = node_key(entity, record)
            node = nodes.get(key) or nodes.setdefault(key, _Node(key))
            node.surfaces[entity.text] += 1
            if record.doc.year:
                node.years.add(record.doc.year)
            if record.doc.id not in node.documents:
                node.documents.append(record.doc.id)
            if record.doc.district:
                node.districts.add(record.doc.district)
            for k in NODE_ATTRS:
                if k in entity.attrs:
                    node.attrs.setdefault(k, entity.attrs[k])
    node_ids = _assign_ids(nodes.values(), registry)
    for node in nodes.values():
        graph.add_node(node_ids[node.key], **_entity_attrs(node))
    _add_threads(graph)
    for record in records:
        _add_document(graph, record, node_ids, text_of(record))
    return graph


def _add_threads(graph: nx.MultiDiGraph) -> None:
    """Set ``thread`` on every entity node: the node recurrence follows it under (itself, or
    the project that continues a facility: 十四中 → 十四中改扩建项目)."""
    names = [
        NodeName(n, d["type"], d["district"], (d["name"], *d["aliases"]))
        for n, d in graph.nodes(data=True)
        if is_entity(d)
    ]
    for node_id, thread in threads(names).items():
        graph.nodes[node_id]["thread"] = thread


def _assign_ids(nodes: Iterable[_Node], registry: ids.IdRegistry) -> dict[NodeKey, str]:
    out: dict[NodeKey, str] = {}
    taken: set[str] = set()
    for node in nodes:
        k = node.key
        names = [k.name, *sorted(s for s in node.surfaces if s != k.name)]
        node_id = registry.find(k.type, k.scope, names)
        if node_id is None or node_id in taken:
            node_id = ids.entity_id(k.type, k.name, k.scope)
        taken.add(node_id)
        registry.add(node_id, k.type, k.scope, names)
        out[k] = node_id
    return out


def _entity_attrs(node: _Node) -> dict[str, Any]:
    k = node.key
    years = sorted(node.years)
    district = k.scope if k.scope in node.districts else None
    if district is None and len(node.districts) == 1:
        district = next(iter(node.districts))
    return {
        "type": k.type,
        "name": k.name,
        "scope": k.scope,
        "district": district,
        "districts": sorted(node.districts),
        "aliases": sorted(s for s in node.surfaces if s != k.name),
        "mentions": sum(node.surfaces.values()),
        "years": years,
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "documents": node.documents,
        **node.attrs,
    }


def _add_document(
    graph: nx.MultiDiGraph, record: DocRecord, node_ids: dict[NodeKey, str], text: str
) -> None:
    meta = record.doc
    doc_node = ids.document_id(meta.id)
    fields = {k: v for k, v in meta.to_json().items() if k != "id"}
    sections = [asdict(s) for s in record.sections]
    graph.add_node(
        doc_node,
        type="Document",
        name=meta.title or meta.id,
        doc=meta.id,
        sections=sections,
        **fields,
    )
    by_span: dict[tuple[int, int], str] = {}
    for entity in record.entities:
        node_id = node_ids[node_key(entity, record)]
        by_span[(entity.start, entity.end)] = node_id
        sentence = entity.sentence or (entity.start, entity.end)
        section = record.sections[entity.section] if entity.section is not None else None
        graph.add_edge(
            node_id,
            doc_node,
            key=ids.span_id("Mention", meta.id, entity.start, entity.end),
            relation="mentionedIn",
            document=meta.id,
            surface=entity.text,
            start=entity.start,
            end=entity.end,
            sentence=text[sentence[0] : sentence[1]],
            sentence_start=sentence[0],
            sentence_end=sentence[1],
            section=section.heading if section else None,
            section_index=entity.section,
            section_role=section.role if section else None,
            year=meta.year,
            **{k: entity.attrs[k] for k in MENTION_ATTRS if k in entity.attrs},
        )
    scope = meta.district
    for relation in record.relations:
        head = by_span.get(relation.head_span) if relation.head_span else None
        tail = _tail_node(graph, relation, by_span, meta.id, scope, head)
        if head is None or tail is None:
            log.debug("%s: %s relation without its arguments: %s", meta.id, relation.type, relation)
            continue
        _add_relation(graph, relation, head, tail, meta.id, meta.year, text)


def _tail_node(
    graph: nx.MultiDiGraph,
    relation: Relation,
    by_span: dict[tuple[int, int], str],
    doc: str,
    district: str | None,
    head: str | None,
) -> str | None:
    tail = by_span.get(relation.tail_span) if relation.tail_span else None
    if tail is not None and tail != head:
        return tail
    if relation.type == "responsibleFor":
        node_id = ids.task_id(doc, relation.tail)
        graph.add_node(node_id, type="Task", name=relation.tail, document=doc)
        return node_id
    if relation.type == "definedAs":
        node_id = ids.component_id(district, relation.tail)
        if node_id not in graph:
            graph.add_node(node_id, type="Component", name=relation.tail, district=district)
        return node_id
    return None


def _add_relation(
    graph: nx.MultiDiGraph,
    relation: Relation,
    head: str,
    tail: str,
    doc: str,
    year: int | None,
    text: str,
) -> None:
    assert relation.head_span is not None
    key = ids.assertion_id(relation.type, doc, relation.head_span, relation.tail_span, tail)
    attrs = {k: v for k, v in relation.attrs.items() if k not in ("head_type", "tail_type")}
    graph.add_edge(
        head,
        tail,
        key=key,
        relation=relation.type,
        document=doc,
        year=year,
        head_text=relation.head,
        tail_text=relation.tail,
        start=relation.start,
        end=relation.end,
        sentence=text[relation.start : relation.end],
        head_start=relation.head_span[0],
        head_end=relation.head_span[1],
        tail_start=relation.tail_span[0] if relation.tail_span else None,
        tail_end=relation.tail_span[1] if relation.tail_span else None,
        **attrs,
    )


def summary_counts(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Nodes per type and edges per relation: what a reader checks first."""
    nodes = Counter(str(d["type"]) for _, d in graph.nodes(data=True))
    edges: defaultdict[str, int] = defaultdict(int)
    for _, _, d in graph.edges(data=True):
        edges[d["relation"]] += 1
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
