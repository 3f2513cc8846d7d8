"""Checking a build's RDF against kg's SHACL shapes (``ontology/shapes.ttl``).

``kg build`` checks its RDF with a :class:`Validator` while writing it to temporary places, and
puts nothing in place if a shape is broken. A batch of named graphs is validated without
inference (:func:`validate` takes any quads at once), with the ``rdfs:subClassOf`` axioms of
``ontology/kg.ttl`` (so that ``sh:class kg:Entity`` holds for a park).

The shapes are compiled to SPARQL queries run by pyoxigraph (:mod:`kg.rdf.shacl_sparql`), which
is many times quicker than pyshacl and needs neither rdflib nor pyshacl. pyshacl stays the
reference: it checks shapes the compiler does not support and batches with literals oxigraph
would not keep as written. Its data graph holds only the triples some shape can look at (their
paths, targets, comparisons and ``rdf:type``), which keeps it quick enough.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox

from kg.errors import KgError
from kg.graph.mapping import load_mapping
from kg.rdf.shacl_sparql import SH, load_program
from kg.resources import ontology_path

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from kg.background import Submit

SHAPES_FILE = "shapes.ttl"
ONTOLOGY_FILE = "kg.ttl"
SHOWN = 3  # violations named in the error message

# shape parameters whose object is a predicate the shape reads in the data graph
_PREDICATE_PARAMETERS = tuple(
    SH + p
    for p in (
        *("path", "targetSubjectsOf", "targetObjectsOf"),
        *("lessThan", "lessThanOrEquals", "equals", "disjoint"),
    )
)
# constraints that may read any triple: with them, the data graph keeps every triple
_OPEN_PARAMETERS = (SH + "closed", SH + "sparql", SH + "target")


@dataclass(frozen=True, slots=True)
class Shapes:
    graph: Graph
    axioms: tuple[tuple[Node, Node, Node], ...]  # rdfs:subClassOf between named classes
    predicates: frozenset[str] | None  # the predicates shapes read; None: all of them


@cache
def load_shapes(shapes: Path, ontology: Path) -> Shapes:
    """A shapes file for pyshacl, the class hierarchy of an ontology and what the shapes read."""
    from rdflib import RDFS, Graph, URIRef

    graph = Graph().parse(shapes, format="turtle")
    classes = Graph().parse(ontology, format="turtle")
    axioms = tuple(
        (s, RDFS.subClassOf, o)
        for s, o in classes.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )
    return Shapes(graph, axioms, _read_predicates(graph))


def _read_predicates(shapes: Graph) -> frozenset[str] | None:
    from rdflib import RDF, RDFS, URIRef

    if any(next(shapes.triples((None, URIRef(p), None)), None) for p in _OPEN_PARAMETERS):
        return None
    found = {str(RDF.type), str(RDFS.subClassOf)}
    for parameter in _PREDICATE_PARAMETERS:
        for value in shapes.objects(None, URIRef(parameter)):
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
    return shape_violations(quads, ontology_path(SHAPES_FILE), ontology_path(ONTOLOGY_FILE))


def shape_violations(quads: Iterable[ox.Quad], shapes: Path, ontology: Path) -> list[Violation]:
    """Every violation of the shapes file ``shapes`` by the union of ``quads`` with the class
    hierarchy of ``ontology``, sorted: by SPARQL where the compiler supports it, else pyshacl."""
    quads = quads if isinstance(quads, list) else list(quads)
    found = sparql_violations(quads, shapes, ontology)
    return found if found is not None else pyshacl_violations(quads, shapes, ontology)


def sparql_violations(quads: list[ox.Quad], shapes: Path, ontology: Path) -> list[Violation] | None:
    """:func:`shape_violations` by the shapes compiled to SPARQL; None when the compiler does not
    support the shapes or oxigraph would not keep a literal of ``quads`` as written."""
    program = load_program(shapes, ontology)
    store = program.store(quads) if program is not None else None
    if program is None or store is None:
        return None
    return sorted(
        Violation(
            _short_term(focus),
            _short_iri(check.path) if check.path else "",
            _component(check.component),
            check.message,
            _local_name(check.severity),
        )
        for focus, check in program.run(store)
    )


def pyshacl_violations(quads: Iterable[ox.Quad], shapes: Path, ontology: Path) -> list[Violation]:
    """:func:`shape_violations` by pyshacl, the reference implementation of SHACL."""
    import pyshacl
    from rdflib import RDF, SH, Graph

    schema = load_shapes(shapes, ontology)
    data = data_graph(quads, schema)
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=schema.graph, inference="none", inplace=True
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
    from rdflib import Graph

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
    from rdflib import XSD, BNode, Literal, URIRef

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


def _local_name(node: Node | str | None) -> str:
    """``sh:Warning`` → ``Warning``."""
    return str(node or "").rpartition("#")[2]


def _component(node: Node | str | None) -> str:
    """``sh:MinCountConstraintComponent`` → ``minCount``."""
    name = str(node or "").rpartition("#")[2].removesuffix("ConstraintComponent")
    return name[:1].lower() + name[1:]


def _short(node: Node | None) -> str:
    """A node id (``Mention/doc/12-15``) or a ``kg:`` name instead of a full IRI."""
    from rdflib import Literal

    if node is None:
        return ""
    if isinstance(node, Literal):
        return repr(str(node))
    return _short_iri(str(node))


def _short_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """:func:`_short` of a pyoxigraph term."""
    if isinstance(term, ox.Literal):
        return repr(term.value)
    return _short_iri(term.value)


def _short_iri(text: str) -> str:
    mapping = load_mapping()
    for prefix, ns in (("", mapping.id_base), *mapping.namespaces.items()):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns) :]}" if prefix else text[len(ns) :]
    return f"<{text}>"
