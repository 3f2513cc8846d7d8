"""Checking a build's RDF against kg's SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

``kg build`` checks its RDF with a :class:`Validator` while writing it to temporary places, and
puts nothing in place if a shape is broken. A batch of named graphs is validated without
inference (:func:`validate` takes any quads at once); the data graph gets the
``rdfs:subClassOf`` axioms of ``ontology/kg.ttl`` (so that ``sh:class kg:Entity`` holds for a
park) and only the triples some shape can look at (its paths, targets, comparisons and
``rdf:type``), which keeps validation of a corpus quick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox
from rdflib import RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError
from kg.graph.mapping import load_mapping
from kg.resources import ontology_path

if TYPE_CHECKING:
    from kg.background import Submit

SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILE = "kg.ttl"
SHOWN = 3  # violations named in the error message

# shape parameters whose object is a predicate the shape reads in the data graph
_PREDICATE_PARAMETERS = (
    SH.path,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.equals,
    SH.disjoint,
)
# constraints that may read any triple: with them, the data graph keeps every triple
_OPEN_PARAMETERS = (SH.closed, SH.sparql, SH.target)


@dataclass(frozen=True, slots=True)
class Shapes:
    graph: Graph
    axioms: tuple[tuple[Node, Node, Node], ...]  # rdfs:subClassOf between named classes
    predicates: frozenset[str] | None  # the predicates shapes read; None: all of them


@cache
def load_shapes() -> Shapes:
    """The packaged shapes, the class hierarchy of the ontology and what the shapes read."""
    shapes = Graph().parse(ontology_path(SHAPES_FILE), format="turtle")
    ontology = Graph().parse(ontology_path(ONTOLOGY_FILE), format="turtle")
    axioms = tuple(
        (s, RDFS.subClassOf, o)
        for s, o in ontology.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )
    return Shapes(shapes, axioms, _read_predicates(shapes))


def _read_predicates(shapes: Graph) -> frozenset[str] | None:
    if any(next(shapes.triples((None, p, None)), None) for p in _OPEN_PARAMETERS):
        return None
    found = {str(RDF.type), str(RDFS.subClassOf)}
    for parameter in _PREDICATE_PARAMETERS:
        for value in shapes.objects(None, parameter):
            if not isinstance(value, URIRef):  # a path expression: keep it simple, read all
                return None
            found.add(str(value))
    return frozenset(found)


class Violation(NamedTuple):
    """One validation result, with node ids and ``kg:`` names instead of full IRIs."""

    focus: str  # Mention/000_2902ce684fdbffb1/5-9
    path: str  # kg:mentionOf; empty for a node shape
    component: str  # minCount, class, datatype, …
    message: str
    severity: str = "Violation"  # or Warning, Info (sh:severity of the shape)

    def __str__(self) -> str:
        where = " ".join(x for x in (self.focus, self.path, f"[{self.component}]:") if x)
        return f"{where} {self.message}"


def validate(quads: Iterable[ox.Quad]) -> list[Violation]:
    """Raise :class:`KgError` naming the first violations when the union of ``quads`` does not
    conform to ``ontology/shapes.ttl``; return the results of lower severity (warnings: an
    extracted relation whose ends have unexpected types), which do not stop a build."""
    return _checked(violations(quads))


def _checked(found: list[Violation]) -> list[Violation]:
    errors = [v for v in found if v.severity == "Violation"]
    if errors:
        raise KgError(summary(errors))
    return found


def violations_nquads(data: bytes) -> list[Violation]:
    """:func:`violations` of quads given as N-Quads: how a helper process receives them."""
    return violations(ox.parse(data, format=ox.RdfFormat.N_QUADS))


class Validator:
    """The SHACL check as a sink of :func:`kg.rdf.sinks.write_chunks`: named graphs are
    validated in batches of about ``batch`` quads, each document graph with the corpus-graph
    facts of the entities it names (``context``), so memory stays bounded for any corpus.

    The shapes look at a node and its direct neighbours, which a document graph holds, so a
    batch finds what validating the union would. With ``submit`` (a
    :meth:`kg.background.Background.submit`), batches are checked in a helper process while
    the caller goes on, at most ``in_flight`` at a time. :meth:`finish` raises
    :class:`KgError` on violations; :attr:`warnings` keeps the results of lower severity.
    """

    def __init__(
        self,
        context: Callable[[list[ox.Quad]], list[ox.Quad]] | None = None,
        batch: int = 200_000,
        submit: Submit | None = None,  # where a batch is checked: see kg.background
        in_flight: int = 2,
    ) -> None:
        self.context = context
        self.batch_size = batch
        self.submit = submit
        self.in_flight = in_flight
        self.batch: list[ox.Quad] = []
        self.pending: list[Future[list[Violation]]] = []
        self.found: list[Violation] = []
        self.warnings: list[Violation] = []

    def add(self, chunk: list[ox.Quad]) -> None:
        self.batch.extend(chunk)
        if self.context is not None:
            self.batch.extend(self.context(chunk))
        if len(self.batch) >= self.batch_size:
            self._run()

    def _run(self) -> None:
        if not self.batch:
            return
        if self.submit is None:
            self.found.extend(violations(self.batch))
        else:
            data = ox.serialize(self.batch, format=ox.RdfFormat.N_QUADS) or b""
            self.pending.append(self.submit(violations_nquads, data))
            while len(self.pending) > self.in_flight:
                self.found.extend(self.pending.pop(0).result())
        self.batch = []

    def finish(self) -> None:
        self._run()
        for future in self.pending:
            self.found.extend(future.result())
        self.pending = []
        self.warnings = _checked(sorted(set(self.found)))

    def commit(self) -> None:
        return None

    def abort(self) -> None:
        for future in self.pending:
            future.cancel()
        self.batch, self.pending = [], []


def violations(quads: Iterable[ox.Quad]) -> list[Violation]:
    """Every violation of ``ontology/shapes.ttl`` by the union of ``quads``, sorted."""
    import pyshacl

    shapes = load_shapes()
    data = data_graph(quads, shapes)
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes.graph, inference="none", inplace=True
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    return sorted(
        Violation(
            _short(report.value(r, SH.focusNode)),
            _short(report.value(r, SH.resultPath)),
            _component(report.value(r, SH.sourceConstraintComponent)),
            str(report.value(r, SH.resultMessage) or ""),
            _local_name(report.value(r, SH.resultSeverity)) or "Violation",
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    )


def data_graph(quads: Iterable[ox.Quad], shapes: Shapes) -> Graph:
    """An rdflib graph of the triples of ``quads`` the shapes read (each once), and the axioms."""
    keep = shapes.predicates
    graph = Graph()
    store, add = graph.store, graph.store.add
    terms: dict[object, Node] = {}

    def term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
        found = terms.get(t)
        if found is None:
            found = terms[t] = _rdflib_term(t)
        return found

    seen: set[ox.Triple] = set()
    with _quiet("rdflib.term"):  # an ill-typed literal is reported by sh:datatype instead
        for quad in quads:
            triple = quad.triple
            if (keep is not None and quad.predicate.value not in keep) or triple in seen:
                continue
            seen.add(triple)
            add((term(quad.subject), term(quad.predicate), term(quad.object)), graph)
    for axiom in shapes.axioms:
        store.add(axiom, graph)
    return graph


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a logger's warnings for a while (rdflib logs a traceback per ill-typed literal)."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _rdflib_term(t: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Triple):
        raise KgError(f"RDF-star triple {t}: kg's shapes validate plain RDF only")
    if t.language:
        return Literal(t.value, lang=t.language)
    datatype = t.datatype.value
    return Literal(t.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def summary(found: list[Violation]) -> str:
    """One line: how many violations, and the first few (focus node, path, constraint, message)."""
    shown = "; ".join(str(v) for v in found[:SHOWN])
    more = f" (and {len(found) - SHOWN} more)" if len(found) > SHOWN else ""
    broken = f"{len(found)} shape constraint{'s' * (len(found) != 1)}"
    if all(v.severity != "Violation" for v in found):
        return (
            f"ontology/{SHAPES_FILE}: {len(found)} warning{'s' * (len(found) != 1)}: {shown}{more}"
        )
    return f"ontology/{SHAPES_FILE}: the graph breaks {broken}: {shown}{more}"


def _local_name(node: Node | None) -> str:
    """``sh:Warning`` → ``Warning``."""
    return str(node or "").rpartition("#")[2]


def _component(node: Node | None) -> str:
    """``sh:MinCountConstraintComponent`` → ``minCount``."""
    name = str(node or "").rpartition("#")[2].removesuffix("ConstraintComponent")
    return name[:1].lower() + name[1:]


def _short(node: Node | None) -> str:
    """A node id (``Mention/doc/12-15``) or a ``kg:`` name instead of a full IRI."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return repr(str(node))
    mapping = load_mapping()
    text = str(node)
    for prefix, ns in (("", mapping.id_base), *mapping.namespaces.items()):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns) :]}" if prefix else text[len(ns) :]
    return f"<{text}>"
