"""Every export format in one table: name → file name in OUT and the writer that makes it from
the graph model. Adding a format touches this table only (``kg export --format`` lists it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import networkx as nx
import pyoxigraph as ox


class Model:
    """The graph model and, computed once for all RDF writers, its quads."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    @cached_property
    def quads(self) -> list[ox.Quad]:
        from kg.rdf.convert import graph_quads

        return list(graph_quads(self.graph))


Writer = Callable[[Model, Path], None]


@dataclass(frozen=True, slots=True)
class Export:
    name: str
    filename: str  # default file (or folder) name in the output folder
    description: str
    write: Writer
    in_build: bool = True  # written by every `kg build`


def _rdf(fmt: str) -> Writer:
    def write(model: Model, path: Path) -> None:
        from kg.rdf.serialize import write_rdf

        write_rdf(model.quads, path, fmt)

    return write


def _graphml(model: Model, path: Path) -> None:
    from kg.graph.export import write_graphml

    write_graphml(model.graph, path)


def _gexf(model: Model, path: Path) -> None:
    from kg.graph.export import write_gexf

    write_gexf(model.graph, path)


def _neo4j_csv(model: Model, path: Path) -> None:
    from kg.loaders.neo4j_csv import write_neo4j_csv

    write_neo4j_csv(model.graph, path)


EXPORTS: dict[str, Export] = {
    e.name: e
    for e in (
        Export("turtle", "graph.ttl", "RDF Turtle (all graphs merged)", _rdf("turtle")),
        Export("ntriples", "graph.nt", "RDF N-Triples (all graphs merged)", _rdf("ntriples")),
        Export("jsonld", "graph.jsonld", "JSON-LD, one @graph per document", _rdf("jsonld")),
        Export("trig", "graph.trig", "RDF TriG, one named graph per document", _rdf("trig")),
        Export("nquads", "graph.nq", "RDF N-Quads, one graph per document", _rdf("nquads"), False),
        Export("graphml", "graph.graphml", "GraphML (yEd, Cytoscape, Gephi)", _graphml, False),
        Export("gexf", "graph.gexf", "GEXF (Gephi)", _gexf, False),
        Export(
            "neo4j-csv",
            "neo4j-import",
            "neo4j-admin database import files and the command (a folder)",
            _neo4j_csv,
            False,
        ),
    )
}
