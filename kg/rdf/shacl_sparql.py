"""SHACL Core shapes compiled to SPARQL queries that pyoxigraph runs: kg's fast SHACL check.

:func:`compile_shapes` turns the constraints of each shape of a shapes graph into SELECT queries
whose rows are validation results, following the SHACL specification; :meth:`Program.run`
runs them on an in-memory store holding a batch of quads and the ``rdfs:subClassOf`` axioms of
the ontology. The compiler knows the targets and constraint components kg's shapes use, with
IRI paths; a shapes graph with anything else (another component, a complex path, SPARQL
constraints, ``sh:closed``, a shape without one ``sh:message`` …) raises :class:`Unsupported`,
and :mod:`kg.rdf.validate` uses pyshacl instead, so a constraint is never skipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError

logger = logging.getLogger(__name__)

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
RDF_TYPE = RDF + "type"
SUBCLASS_OF = RDFS + "subClassOf"
RDF_NIL = ox.NamedNode(RDF + "nil")
SHAPE_TYPES = frozenset({SH + "NodeShape", SH + "PropertyShape"})
TARGETS = {
    SH + "targetClass": "class",
    SH + "targetSubjectsOf": "subjects",
    SH + "targetObjectsOf": "objects",
}
# parameters that do not change what validation finds
ANNOTATIONS = tuple(SH + p for p in ("name", "description", "order", "group", "defaultValue"))

Term = ox.NamedNode | ox.BlankNode | ox.Literal
INSTANCE_OF = f"<{RDF_TYPE}>/<{SUBCLASS_OF}>*"
FALSE = ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))

# sh:datatype: what a value of each datatype the compiler knows must be. A literal of a
# datatype oxigraph reads (xsd:integer …) is valid when casting it gives itself back: oxigraph
# keeps an ill-typed literal ("twelve"^^xsd:integer) as it is, and the cast of it fails.
VALID_LITERAL = {
    RDF + "langString": 'LANG(?v) != ""',
    XSD + "string": f"sameTerm(DATATYPE(?v), <{XSD}string>)",
    **{
        XSD + t: f"sameTerm(DATATYPE(?v), <{XSD}{t}>) && sameTerm(<{XSD}{t}>(?v), ?v)"
        for t in ("integer", "decimal", "boolean", "date")
    },
}
NODE_KINDS = {
    SH + "IRI": "isIRI(?v)",
    SH + "BlankNode": "isBLANK(?v)",
    SH + "Literal": "isLITERAL(?v)",
    SH + "BlankNodeOrIRI": "!isLITERAL(?v)",
    SH + "BlankNodeOrLiteral": "!isIRI(?v)",
    SH + "IRIOrLiteral": "!isBLANK(?v)",
}

# Oxigraph stores a literal of most XSD datatypes as its value ("01"^^xsd:integer comes back as
# "1"), and rdflib, which pyshacl reads, has its own idea of valid lexical forms (" 1" is an
# xsd:integer to it, not to oxigraph). Both read a literal as the same term when it is written
# in the canonical form within oxigraph's range, or when it is ill-typed for both (rdflib's
# parser, below, refuses it); a batch with another XSD literal (xsd:int, "1.50"^^xsd:decimal,
# " 1"^^xsd:integer …) is checked by pyshacl.
KEPT_AS_WRITTEN: dict[str, tuple[re.Pattern[str], Callable[[str], object] | None]] = {
    XSD + "integer": (re.compile(r"0|-?[1-9][0-9]{0,17}"), int),
    XSD + "decimal": (
        re.compile(r"0|-?[1-9][0-9]{0,17}|-?(?:0|[1-9][0-9]{0,17})\.[0-9]{0,17}[1-9]"),
        Decimal,
    ),
    XSD + "boolean": (re.compile(r"true|false"), None),
    XSD + "date": (re.compile(r"(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}"), None),
}


class Unsupported(Exception):
    """The shapes graph uses something the compiler does not evaluate."""


@dataclass(frozen=True, slots=True)
class Check:
    """One (shape, constraint) pair, and what its results say."""

    path: str  # IRI of the property shape's sh:path; "" for a node shape
    component: str  # IRI of the constraint component
    message: str
    severity: str  # IRI


@dataclass(frozen=True, slots=True)
class Query:
    """A SELECT query whose rows bind ?f, the focus node of a result. With one check, each row
    is a result of it; with more, a row binds ?t0, ?t1 … and is a result of each check whose
    test is false."""

    text: str
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class Program:
    """The compiled shapes, the ontology's class hierarchy and the predicates the shapes read."""

    queries: tuple[Query, ...]
    axioms: tuple[ox.Quad, ...]
    predicates: frozenset[str]

    def store(self, quads: list[ox.Quad]) -> ox.Store | None:
        """An in-memory store of ``quads`` and the axioms; None where oxigraph would not keep a
        literal as written (validate those quads with pyshacl)."""
        if not _kept_as_written(quads, self.predicates):
            return None
        store = ox.Store()
        store.extend(quads)
        store.extend(self.axioms)
        return store

    def run(self, store: ox.Store) -> list[tuple[Term, Check]]:
        """(focus node, check) of every validation result on the union of the store's graphs."""
        found: list[tuple[Term, Check]] = []
        for query in self.queries:
            solutions = store.query(query.text, use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions)
            if len(query.checks) == 1:
                found.extend((row["f"], query.checks[0]) for row in solutions)
                continue
            for row in solutions:
                found.extend(
                    (row["f"], check)
                    for i, check in enumerate(query.checks)
                    if row[f"t{i}"] == FALSE
                )
        return found


def _kept_as_written(quads: list[ox.Quad], predicates: frozenset[str]) -> bool:
    for obj in {quad.object for quad in quads}:
        if type(obj) is ox.Literal:
            if not _read_alike(obj):
                return False
        elif type(obj) is ox.Triple:
            _refuse_triples(quads, predicates)
    return True


def _read_alike(literal: ox.Literal) -> bool:
    """Whether oxigraph and rdflib read ``literal`` as the same term (see KEPT_AS_WRITTEN)."""
    datatype = literal.datatype.value
    if not datatype.startswith(XSD) or datatype == XSD + "string":
        return True
    canonical, parse = KEPT_AS_WRITTEN.get(datatype, (None, None))
    if canonical is not None and canonical.fullmatch(literal.value):
        return True
    if parse is None:
        return False
    try:
        parse(literal.value)
    except (ValueError, ArithmeticError):
        return True  # ill-typed for both
    return False


def _refuse_triples(quads: list[ox.Quad], predicates: frozenset[str]) -> None:
    """Raise :class:`KgError` for a triple term the shapes read, as the pyshacl path does."""
    for quad in quads:
        if isinstance(quad.object, ox.Triple) and quad.predicate.value in predicates:
            raise KgError(f"RDF-star triple {quad.object}: kg's shapes validate plain RDF only")


@cache
def load_program(shapes: Path, ontology: Path) -> Program | None:
    """The compiled shapes file with the class hierarchy of the ontology file; None when the
    shapes use something the compiler does not support."""
    try:
        triples = list(ox.parse(path=str(shapes), format=ox.RdfFormat.TURTLE))
        axioms = [
            ox.Quad(t.subject, t.predicate, t.object)
            for t in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE)
            if t.predicate.value == SUBCLASS_OF
            and isinstance(t.subject, ox.NamedNode)
            and isinstance(t.object, ox.NamedNode)
        ]
        return compile_shapes(triples, axioms)
    except Unsupported as unsupported:
        logger.debug("%s: checked with pyshacl: %s", shapes.name, unsupported)
        return None


def compile_shapes(triples: Iterable[ox.Triple], axioms: Iterable[ox.Quad] = ()) -> Program:
    """The checks of a shapes graph; raises :class:`Unsupported` naming what it cannot check."""
    compiler = _Compiler(_Graph(triples))
    return Program(tuple(compiler.queries()), tuple(axioms), frozenset(compiler.predicates))


class _Graph:
    """A shapes graph by subject, which remembers the triples the compiler has not read."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.edges: dict[Term, dict[str, list[Term]]] = {}
        self.unread: set[tuple[Term, str, Term]] = set()
        for t in triples:
            subject, predicate, obj = t.subject, t.predicate.value, t.object
            if isinstance(obj, ox.Triple) or isinstance(subject, ox.Triple):
                raise Unsupported(f"a triple term in the shapes graph: {t}")
            self.edges.setdefault(subject, {}).setdefault(predicate, []).append(obj)
            self.unread.add((subject, predicate, obj))

    def values(self, node: Term, predicate: str) -> list[Term]:
        found = self.edges.get(node, {}).get(predicate, [])
        self.unread.difference_update((node, predicate, o) for o in found)
        return found

    def one(self, node: Term, predicate: str) -> Term | None:
        found = self.values(node, predicate)
        if len(found) > 1:
            raise Unsupported(f"{len(found)} values of {predicate} on {node}")
        return found[0] if found else None

    def items(self, head: Term) -> list[Term]:
        """The members of the RDF list at ``head``."""
        members: list[Term] = []
        seen = set()
        while head != RDF_NIL:
            first, rest = self.one(head, RDF + "first"), self.one(head, RDF + "rest")
            if first is None or rest is None or head in seen:
                raise Unsupported(f"{head} is not a well-formed list")
            seen.add(head)
            members.append(first)
            head = rest
        return members

    def shape_nodes(self) -> list[Term]:
        return [
            node
            for node, edges in self.edges.items()
            if any(p.startswith(SH) for p in edges)
            or any(t.value in SHAPE_TYPES for t in edges.get(RDF_TYPE, []))
        ]


@dataclass(slots=True)
class _Shape:
    """What a shape says, in SPARQL: the value tests, the property-shape-only constraints."""

    node: Term
    path: ox.NamedNode | None
    targets: list[tuple[str, ox.NamedNode]]
    severity: str
    messages: list[str]
    classes: list[ox.NamedNode] = field(default_factory=list)  # sh:class
    tests: list[tuple[str, str]] = field(default_factory=list)  # (component, test of ?v)
    counts: list[tuple[str, int]] = field(default_factory=list)  # (minCount|maxCount, bound)
    comparisons: list[tuple[str, ox.NamedNode]] = field(default_factory=list)  # (<|<=, property)
    properties: list[Term] = field(default_factory=list)


class _Compiler:
    def __init__(self, graph: _Graph) -> None:
        self.graph = graph
        self.shapes: dict[Term, _Shape] = {}
        self.parsing: set[Term] = set()
        self.predicates = {RDF_TYPE, SUBCLASS_OF}

    def queries(self) -> list[Query]:
        for node in self.graph.shape_nodes():
            self.shape(node)
        found: list[Query] = []
        for shape in list(self.shapes.values()):
            if not shape.targets:
                continue
            focus = _focus(shape.targets)
            found += self.reported(shape, focus)
            for node in shape.properties:
                if shape.path is not None:
                    raise Unsupported(f"sh:property of the property shape {shape.node}")
                prop = self.shape(node)
                if prop.path is None or prop.properties:
                    raise Unsupported(f"{node}: sh:property is a property shape of one level")
                found += self.reported(prop, focus)
        self._audit()
        return found

    def _audit(self) -> None:
        """Raise :class:`Unsupported` for any SHACL triple the compiler has not read."""
        for subject, predicate, obj in self.graph.unread:
            typed = predicate == RDF_TYPE and isinstance(obj, ox.NamedNode)
            if (
                predicate.startswith(SH)
                or (typed and obj.value.startswith(SH))
                or (typed and obj.value in (RDFS + "Class", OWL_CLASS) and subject in self.shapes)
            ):
                raise Unsupported(f"{subject} {predicate} {obj}")

    def shape(self, node: Term) -> _Shape:
        found = self.shapes.get(node)
        if found is not None:
            return found
        if node in self.parsing:
            raise Unsupported(f"the shape {node} refers to itself")
        self.parsing.add(node)
        shape = self._parse(node)
        self.parsing.discard(node)
        self.shapes[node] = shape
        return shape

    def _parse(self, node: Term) -> _Shape:
        g = self.graph
        if node not in g.edges:
            raise Unsupported(f"{node} is not a shape")
        types = {t.value for t in g.edges[node].get(RDF_TYPE, [])} & SHAPE_TYPES
        g.unread.difference_update((node, RDF_TYPE, ox.NamedNode(t)) for t in types)
        path = g.one(node, SH + "path")
        if path is not None and not isinstance(path, ox.NamedNode):
            raise Unsupported(f"the path of {node} is not a predicate")
        if (path is None and SH + "PropertyShape" in types) or (
            path is not None and SH + "NodeShape" in types
        ):
            raise Unsupported(f"{node}: a property shape has a path, a node shape none")
        targets = [(kind, _iri(t)) for p, kind in TARGETS.items() for t in g.values(node, p)]
        severity = g.one(node, SH + "severity")
        shape = _Shape(
            node,
            path,
            targets,
            _iri(severity).value if severity is not None else SH + "Violation",
            [_literal(m).value for m in g.values(node, SH + "message")],
        )
        for p in ANNOTATIONS:
            g.values(node, p)
        self.predicates.update(t.value for kind, t in targets if kind != "class")
        if path is not None:
            self.predicates.add(path.value)
        self._value_tests(node, shape)
        self._property_constraints(node, shape)
        shape.properties = g.values(node, SH + "property")
        return shape

    def _value_tests(self, node: Term, shape: _Shape) -> None:
        g, tests = self.graph, shape.tests
        shape.classes = [_iri(cls) for cls in g.values(node, SH + "class")]
        datatype = g.one(node, SH + "datatype")
        if datatype is not None:
            valid = VALID_LITERAL.get(_iri(datatype).value)
            if valid is None:
                raise Unsupported(f"sh:datatype {datatype}")
            tests.append(("Datatype", f"isLITERAL(?v) && {valid}"))
        kind = g.one(node, SH + "nodeKind")
        if kind is not None:
            if _iri(kind).value not in NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {kind}")
            tests.append(("NodeKind", NODE_KINDS[_iri(kind).value]))
        for low in g.values(node, SH + "minInclusive"):
            tests.append(("MinInclusive", f"{_literal(low)} <= ?v"))
        for high in g.values(node, SH + "maxInclusive"):
            tests.append(("MaxInclusive", f"?v <= {_literal(high)}"))
        pattern = g.one(node, SH + "pattern")
        if pattern is not None:
            tests.append(("Pattern", f"!isBLANK(?v) && REGEX(STR(?v), {_regex(pattern)})"))
        length = g.one(node, SH + "minLength")
        if length is not None:
            tests.append(("MinLength", f"!isBLANK(?v) && STRLEN(STR(?v)) >= {_integer(length)}"))
        languages = g.one(node, SH + "languageIn")
        if languages is not None:
            ranges = [_string(x) for x in g.items(languages)]
            matches = " || ".join(f"LANGMATCHES(LANG(?v), {x})" for x in ranges) or "false"
            tests.append(("LanguageIn", f"isLITERAL(?v) && ({matches})"))
        members = g.one(node, SH + "in")
        if members is not None:
            allowed = [_constant(x) for x in g.items(members)]
            tests.append(("In", " || ".join(f"sameTerm(?v, {x})" for x in allowed) or "false"))
        for either in g.values(node, SH + "or"):
            conforms = [self._conforms(self.shape(x)) for x in g.items(either)]
            tests.append(("Or", " || ".join(conforms) or "false"))

    def _property_constraints(self, node: Term, shape: _Shape) -> None:
        g = self.graph
        for name in ("minCount", "maxCount"):
            bound = g.one(node, SH + name)
            if bound is not None:
                shape.counts.append((name, _integer(bound)))
        for name, operator in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for other in g.values(node, SH + name):
                shape.comparisons.append((operator, _iri(other)))
                self.predicates.add(_iri(other).value)
        if shape.path is None and (shape.counts or shape.comparisons):
            raise Unsupported(f"{node}: a count or comparison in a node shape")

    def _conforms(self, member: _Shape) -> str:
        """A SPARQL test of ?v that holds when ?v conforms to a member shape of sh:or."""
        if member.path is not None or member.properties:
            raise Unsupported(f"{member.node}: sh:or of a shape with properties")
        tests = [f"EXISTS {{ ?v {INSTANCE_OF} {cls} }}" for cls in member.classes]
        tests += [test for _, test in member.tests]
        return "(" + (" && ".join(_holds(test) for test in tests) or "true") + ")"

    def reported(self, shape: _Shape, focus: str) -> list[Query]:
        """The queries of a shape whose results are reported, for the focus nodes of ``focus``."""
        if len(shape.messages) != 1:
            raise Unsupported(f"{shape.node} has {len(shape.messages)} sh:message (one needed)")
        path = shape.path
        iri = path.value if path is not None else ""

        def check(component: str) -> Check:
            return Check(
                iri, f"{SH}{component}ConstraintComponent", shape.messages[0], shape.severity
            )

        values = f"?f {path} ?v ." if path is not None else "BIND(?f AS ?v)"
        # the classes as sets (MINUS): much quicker than a test of each value (NOT EXISTS)
        found = [
            Query(
                f"SELECT DISTINCT ?f ?v WHERE {{ {focus} {values} "
                f"MINUS {{ ?v {INSTANCE_OF} {cls} }} }}",
                (check("Class"),),
            )
            for cls in shape.classes
        ]
        if len(shape.tests) == 1:
            ((component, test),) = shape.tests
            query = f"SELECT DISTINCT ?f ?v WHERE {{ {focus} {values} FILTER(!{_holds(test)}) }}"
            found.append(Query(query, (check(component),)))
        elif shape.tests:
            tests = [f"({_holds(test)} AS ?t{i})" for i, (_, test) in enumerate(shape.tests)]
            failed = " || ".join(f"!{_holds(test)}" for _, test in shape.tests)
            query = (
                f"SELECT DISTINCT ?f ?v {' '.join(tests)} "
                f"WHERE {{ {focus} {values} FILTER({failed}) }}"
            )
            found.append(Query(query, tuple(check(c) for c, _ in shape.tests)))
        for name, bound in shape.counts:
            # count the values of every node, then keep the focus nodes: quicker than grouping
            # the focus nodes
            if name == "minCount" and bound > 0:
                enough = (
                    f"SELECT ?f WHERE {{ ?f {path} ?v }} "
                    f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) >= {bound})"
                )
                query = f"SELECT ?f WHERE {{ {focus} MINUS {{ {enough} }} }}"
                found.append(Query(query, (check("MinCount"),)))
            elif name == "maxCount":
                query = (
                    f"SELECT ?f WHERE {{ {focus} {{ SELECT ?f WHERE {{ ?f {path} ?v }} "
                    f"GROUP BY ?f HAVING (COUNT(DISTINCT ?v) > {bound}) }} }}"
                )
                found.append(Query(query, (check("MaxCount"),)))
        for operator, other in shape.comparisons:
            query = (
                f"SELECT DISTINCT ?f ?v ?o WHERE {{ {focus} ?f {path} ?v . ?f {other} ?o . "
                f"FILTER(!COALESCE(?v {operator} ?o, false)) }}"
            )
            found.append(
                Query(query, (check("LessThan" if operator == "<" else "LessThanOrEquals"),))
            )
        return found


def _holds(test: str) -> str:
    """A test that is false where SPARQL would raise an error (a value that cannot be compared)."""
    return f"COALESCE({test}, false)"


def _focus(targets: list[tuple[str, ox.NamedNode]]) -> str:
    """A sub-query binding ?f to each focus node of the targets, once."""
    patterns = {
        "class": f"?f {INSTANCE_OF} {{}}",
        "subjects": "?f {} ?_o",
        "objects": "?_s {} ?f",
    }
    union = " UNION ".join(f"{{ {patterns[kind].format(t)} }}" for kind, t in targets)
    return f"{{ SELECT DISTINCT ?f WHERE {{ {union} }} }}"


def _iri(term: Term) -> ox.NamedNode:
    if not isinstance(term, ox.NamedNode):
        raise Unsupported(f"{term} where an IRI is expected")
    return term


def _literal(term: Term) -> ox.Literal:
    if not isinstance(term, ox.Literal):
        raise Unsupported(f"{term} where a literal is expected")
    return term


def _constant(term: Term) -> ox.NamedNode | ox.Literal:
    if isinstance(term, ox.BlankNode):
        raise Unsupported(f"the blank node {term} as a value")
    return term


def _string(term: Term) -> ox.Literal:
    literal = _literal(term)
    if literal.datatype.value != XSD + "string":
        raise Unsupported(f"{term} where a string is expected")
    return literal


def _integer(term: Term) -> int:
    literal = _literal(term)
    if literal.datatype.value != XSD + "integer" or not re.fullmatch(r"[0-9]+", literal.value):
        raise Unsupported(f"{term} where a non-negative integer is expected")
    return int(literal.value)


@cache
def _probe() -> ox.Store:
    return ox.Store()


def _regex(term: Term) -> ox.Literal:
    """sh:pattern as a SPARQL literal, if oxigraph reads the regular expression."""
    pattern = _string(term)
    solutions = _probe().query(f"SELECT ?ok WHERE {{ BIND(REGEX('', {pattern}) AS ?ok) }}")
    assert isinstance(solutions, ox.QuerySolutions)
    if next(iter(solutions))["ok"] is None:
        raise Unsupported(f"sh:pattern {term}")
    return pattern
