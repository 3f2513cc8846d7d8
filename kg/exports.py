"""Every export format in one table: name → file name in OUT and the writer that makes it from
the graph model. Adding a format touches this table only (``kg export --format`` lists it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from kg.rdf.sinks import MergedTriples, RdfFileSink


Writer = Callable[[nx.MultiDiGraph, Path], None]


@dataclass(frozen=True, slots=True)
class Export:
    name: str
    filename: str  # default file (or folder) name in the output folder
    description: str
    write: Writer
    in_build: bool = True  # written by every `kg build`
    rdf: str | None = None  # the RDF format, for exports written from the quads


def rdf_sink(fmt: str, path: Path, merged: MergedTriples | None = None) -> RdfFileSink:
    """The writer of one RDF export, taking the dataset one named graph at a time; sinks of one
    run may share ``merged`` (see :func:`merged_triples`)."""
    from kg.rdf.sinks import RdfFileSink

    return RdfFileSink(path, fmt, merged or merged_triples())


def merged_triples() -> MergedTriples:
    """What the formats that merge all graphs write of each chunk, for sinks to share."""
    from kg.rdf.convert import shared_quad
    from kg.rdf.sinks import MergedTriples

    return MergedTriples(shared_quad())


def _rdf(fmt: str) -> Writer:
    def write(graph: nx.MultiDiGraph, path: Path) -> None:
        from kg.rdf.convert import graph_chunks
        from kg.rdf.sinks import write_chunks

        sink = rdf_sink(fmt, path)
        write_chunks(graph_chunks(graph), [sink])
        sink.commit()

    return write


def _graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    from kg.graph.export import write_graphml

    write_graphml(graph, path)


def _gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    from kg.graph.export import write_gexf

    write_gexf(graph, path)


def _neo4j_csv(graph: nx.MultiDiGraph, path: Path) -> None:
    from kg.loaders.neo4j_csv import write_neo4j_csv

    write_neo4j_csv(graph, path)


def _rdf_export(name: str, filename: str, description: str, in_build: bool = True) -> Export:
    return Export(name, filename, description, _rdf(name), in_build, rdf=name)


EXPORTS: dict[str, Export] = {
    e.name: e
    for e in (
        _rdf_export("turtle", "graph.ttl", "RDF Turtle (all graphs merged)"),
        _rdf_export("ntriples", "graph.nt", "RDF N-Triples (all graphs merged)"),
        _rdf_export("jsonld", "graph.jsonld", "JSON-LD, one @graph per document"),
        _rdf_export("trig", "graph.trig", "RDF TriG, one named graph per document"),
        _rdf_export("nquads", "graph.nq", "RDF N-Quads, one graph per document", False),
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
