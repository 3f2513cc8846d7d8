"""The graph model as property-graph rows and the Cypher statements that write them (Neo4j 5
syntax, also run by ArcadeDB). Labels and relationship types come from ``ontology/mapping.yaml``
only; every value travels as a parameter, so no text read from a document is ever part of a
query. Pure functions: :mod:`kg.loaders.neo4j` sends what this module builds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.graph.mapping import Mapping
from kg.graph.model import is_entity

ENTITY_LABEL = "Entity"
# edge attributes that are not properties: the relation name is the relationship type
EDGE_SKIP = frozenset({"relation"})

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def checked(name: str) -> str:
    """``name`` if it can stand unquoted as a label or type in Cypher (mapping.yaml is data:
    a typo there must not become a query that means something else)."""
    if not _NAME.fullmatch(name):
        raise KgError(f"ontology/mapping.yaml: {name!r} is not a valid label or relationship type")
    return name


@dataclass(slots=True)
class NodeGroup:
    """Nodes written by one statement: all of one label."""

    label: str
    is_entity: bool
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def statement(self) -> str:
        # both labels in the MERGE: adding a label afterwards (SET n:Entity) makes ArcadeDB
        # move the node to another type, which trips over its own unique index
        labels = f"{self.label}:{ENTITY_LABEL}" if self.is_entity else self.label
        return f"UNWIND $rows AS row MERGE (n:{labels} {{id: row.id}}) SET n += row.props"


@dataclass(slots=True)
class RelGroup:
    """Relationships written by one statement: one type between two static labels."""

    type: str
    head_label: str
    tail_label: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def statement(self) -> str:
        return (
            f"UNWIND $rows AS row MATCH (a:{self.head_label} {{id: row.head}}) "
            f"MATCH (b:{self.tail_label} {{id: row.tail}}) "
            f"MERGE (a)-[r:{self.type} {{id: row.id}}]->(b) SET r += row.props "
            "RETURN count(r) AS merged"
        )


def is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def properties(data: dict[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """What a property graph can hold of ``data``: scalars and lists of scalars of one type
    (a list mixing types becomes a list of strings); ``None``, maps and lists holding maps
    or lists are left out."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in skip or value is None:
            continue
        if is_scalar(value):
            out[key] = value
        elif isinstance(value, list) and all(is_scalar(v) for v in value):
            mixed = len({type(v) for v in value}) > 1
            out[key] = [str(v) for v in value] if mixed else value
    return out


def node_label(mapping: Mapping, data: dict[str, Any]) -> str:
    return checked(mapping.node_kind(str(data["type"])).label)


def match_label(mapping: Mapping, data: dict[str, Any]) -> str:
    """The label a relationship statement finds a node by (``Entity`` for every entity)."""
    return ENTITY_LABEL if is_entity(data) else node_label(mapping, data)


def node_groups(graph: nx.MultiDiGraph, mapping: Mapping) -> list[NodeGroup]:
    """Every node of ``graph`` as ``{id, props}`` rows, grouped by label (sorted by label)."""
    groups: dict[str, NodeGroup] = {}
    for node_id, data in graph.nodes(data=True):
        label = node_label(mapping, data)
        group = groups.setdefault(label, NodeGroup(label, is_entity(data)))
        group.rows.append({"id": node_id, "props": {**properties(data), "id": node_id}})
    return [groups[k] for k in sorted(groups)]


def rel_groups(graph: nx.MultiDiGraph, mapping: Mapping) -> list[RelGroup]:
    """Every edge as ``{id, head, tail, props}`` rows, grouped by type and end labels."""
    groups: dict[tuple[str, str, str], RelGroup] = {}
    for head, tail, key, data in graph.edges(keys=True, data=True):
        relation = mapping.relations.get(str(data["relation"]))
        if relation is None:
            raise KgError(f"ontology/mapping.yaml: no relationship type for {data['relation']!r}")
        k = (
            checked(relation.type),
            match_label(mapping, graph.nodes[head]),
            match_label(mapping, graph.nodes[tail]),
        )
        group = groups.setdefault(k, RelGroup(*k))
        props = {**properties(data, EDGE_SKIP), "id": key}
        group.rows.append({"id": key, "head": head, "tail": tail, "props": props})
    return [groups[k] for k in sorted(groups)]


def constraint_statements(nodes: Iterable[NodeGroup], rels: Iterable[RelGroup] = ()) -> list[str]:
    """One uniqueness constraint on ``id`` per label written (each also gives the index MERGE
    finds nodes by). Neo4j 5 syntax, idempotent (``IF NOT EXISTS``). ``rels`` add nothing:
    MERGE finds a relationship from its end nodes, and relationship constraints would need
    Neo4j 5.7 and slow ArcadeDB down."""
    del rels
    labels = dict.fromkeys([ENTITY_LABEL, *(g.label for g in nodes)])
    return [
        f"CREATE CONSTRAINT kg_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in labels
    ]
