"""The graph model on disk: ``OUT/graph.json`` (networkx node-link JSON), read by every export
and loader so that all of them are written from the same model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.io import atomic_writer

GRAPH_FILE = "graph.json"
FORMAT_VERSION = 2
# node-link keys that no node or edge attribute uses (edges have a `source` attribute)
LINK_KEYS = {"source": "_from", "target": "_to", "name": "_id", "key": "_key"}


def save_graph(graph: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` as networkx node-link JSON (what ``nx.node_link_data`` makes, read back
    by :func:`load_graph`), one node or edge at a time rather than as one copy of the graph."""
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    header = {"format": "kg-graph", "version": FORMAT_VERSION}
    with atomic_writer(path) as fh:
        fh.write(f'{{"directed":true,"multigraph":true,"graph":{dump(header)},"nodes":[')
        for i, (n, attrs) in enumerate(graph.nodes(data=True)):
            fh.write("," * (i > 0) + dump({**attrs, LINK_KEYS["name"]: n}))
        fh.write('],"edges":[')
        for i, (u, v, k, attrs) in enumerate(graph.edges(keys=True, data=True)):
            edge = {**attrs, LINK_KEYS["source"]: u, LINK_KEYS["target"]: v, LINK_KEYS["key"]: k}
            fh.write("," * (i > 0) + dump(edge))
        fh.write("]}\n")


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """The model saved by ``kg build`` (a path to graph.json or to the output folder)."""
    p = Path(path)
    if p.is_dir():
        p = p / GRAPH_FILE
    try:
        data: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KgError(f"{p}: no graph here; run `kg build CORPUS -o {p.parent}` first") from None
    except (OSError, ValueError) as err:
        raise KgError(f"{p}: cannot read the graph: {err}") from err
    header = data.get("graph", {})
    if header.get("format") != "kg-graph":
        raise KgError(f"{p}: not a graph written by kg build")
    if header.get("version") != FORMAT_VERSION:
        raise KgError(f"{p}: written by another version of kg; run kg build again")
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges", **LINK_KEYS)
    assert isinstance(graph, nx.MultiDiGraph)
    return graph
