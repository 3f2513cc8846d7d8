"""GraphML and GEXF (for Gephi, yEd, Cytoscape): the graph model with every attribute a
scalar, since both formats only hold strings, numbers and booleans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.io import atomic_path


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with list and dict values as JSON text and ``None`` values dropped."""

    def flat(data: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in data.items():
            if v is None:
                continue
            out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
        return out

    flat_copy = nx.MultiDiGraph()
    flat_copy.add_nodes_from((n, flat(d)) for n, d in graph.nodes(data=True))
    flat_copy.add_edges_from((u, v, k, flat(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    return flat_copy


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_path(path) as tmp:
        nx.write_graphml(flat_graph(graph), tmp, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    flat = flat_graph(graph)
    for node, data in flat.nodes(data=True):
        data["label"] = data.get("name", node)
    with atomic_path(path) as tmp:
        nx.write_gexf(flat, tmp, encoding="utf-8", prettyprint=True)
