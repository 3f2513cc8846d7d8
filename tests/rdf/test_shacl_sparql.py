"""The SHACL check by SPARQL (kg/rdf/shacl_sparql.py) finds exactly what pyshacl, the reference
engine, finds: on the seed graph with and without defects, on the corpus-extra graph, and on
small graphs that break each constraint of ontology/shapes.ttl or just keep it. Shapes the
compiler does not support, and literals oxigraph would not keep as written, go to pyshacl."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_shapes import DEFECTS

from kg.api import extract
from kg.errors import KgError
from kg.graph.model import build_graph
from kg.rdf.convert import graph_chunks
from kg.rdf.shacl_sparql import Unsupported, compile_shapes, load_program
from kg.rdf.validate import (
    Violation,
    pyshacl_violations,
    shape_violations,
    sparql_violations,
    violations,
    violations_nquads,
)
from kg.resources import ontology_path

SHAPES = ontology_path("shapes.ttl")
ONTOLOGY = ontology_path("kg.ttl")
EXTRA = Path(__file__).resolve().parents[3] / "shared" / "corpus-extra"
PREFIXES = """
@prefix kg: <https://w3id.org/kg-policy/ontology#> .
@prefix id: <https://w3id.org/kg-policy/id/> .
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""

Quads = list[ox.Quad]


def data(*graphs: str) -> Quads:
    """Quads of Turtle snippets, each in a named graph of its own; ``id:Park/p`` is a node id."""
    trig = " ".join(f"GRAPH id:g{i} {{ {text} }}" for i, text in enumerate(graphs))
    trig = re.sub(r"\bid:(\w+)/(\w+)", r"<https://w3id.org/kg-policy/id/\1/\2>", trig)
    return list(ox.parse(PREFIXES + trig, format=ox.RdfFormat.TRIG))


def both(quads: Quads, shapes: Path = SHAPES) -> list[Violation]:
    """The violations the SPARQL engine finds, after checking that pyshacl finds the same."""
    fast = sparql_violations(quads, shapes, ONTOLOGY)
    assert fast is not None, "the SPARQL engine did not run"
    assert fast == pyshacl_violations(quads, shapes, ONTOLOGY)
    return fast


@pytest.fixture(scope="module")
def seed_quads(seed_build: Path) -> Quads:
    return list(ox.parse(path=str(seed_build / "graph.trig"), format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module")
def extra_quads() -> Quads:
    """The quads of the corpus-extra excerpts, built as kg build builds them."""
    if not EXTRA.is_dir():
        pytest.skip("shared/corpus-extra is not beside the repository")
    graph = build_graph(extract([EXTRA]).records)
    return [q for chunk in graph_chunks(graph) for q in chunk]


def test_the_seed_graph_conforms_for_both_engines(seed_quads: Quads) -> None:
    assert len(seed_quads) > 30_000
    assert both(seed_quads) == []


def test_the_seed_graph_with_every_defect_breaks_the_same_shapes(seed_quads: Quads) -> None:
    broken = seed_quads
    for defect, _ in DEFECTS:
        broken, _ = defect(broken)
    found = both(broken)
    assert len({v.focus for v in found}) == len(DEFECTS)


def test_the_corpus_extra_graph_has_one_warning_for_both_engines(extra_quads: Quads) -> None:
    """立山经济开发区 is listed as the unit responsible for a task: a park where a government
    body is expected, which sh:or of kgsh:ResponsibleForHead finds."""
    assert both(extra_quads) == [
        Violation(
            "Park/立山经济开发区",
            "",
            "or",
            "only a government body, company or division (a unit in a task list) is "
            "kg:responsibleFor a task",
            "Warning",
        )
    ]


def test_a_helper_process_finds_what_pyshacl_finds(extra_quads: Quads) -> None:
    """Batches reach a helper process as N-Quads; parsed back, they are checked the same."""
    nquads = ox.serialize(extra_quads, format=ox.RdfFormat.N_QUADS) or b""
    assert violations_nquads(nquads) == both(extra_quads)


# Small graphs on the real shapes: (what, the result (focus, path, constraint), a graph that
# breaks the constraint, one that just keeps it). Either may break other shapes too; both
# engines must agree on all of them.
CASES = [
    (
        "class: a mention of a document",
        ("Mention/m", "kg:mentionOf", "class"),
        "id:Mention/m a kg:Mention ; kg:mentionOf id:Document/d . id:Document/d a kg:Document .",
        "id:Mention/m a kg:Mention ; kg:mentionOf id:Park/p . id:Park/p a kg:Park .",
    ),
    (
        "class: of a literal, and through subclasses of the data and of kg.ttl",
        ("Mention/m", "kg:mentionOf", "class"),
        'id:Mention/m a kg:Mention ; kg:mentionOf "黄石港区" .',
        "id:Mention/m a kg:Mention ; kg:mentionOf id:x . id:x a ex:Zone . "
        "ex:Zone rdfs:subClassOf kg:Park .",
    ),
    (
        "class in a node shape: an investment that is a project",
        ("Amount/a", "", "class"),
        "id:Park/p a kg:Park ; kg:investment id:Amount/a . id:Amount/a a kg:Project .",
        "id:Park/p a kg:Park ; kg:investment id:Amount/a . id:Amount/a a kg:Amount .",
    ),
    (
        "datatype: a string where an xsd:integer belongs",
        ("Section/s", "kg:level", "datatype"),
        'id:Section/s a kg:Section ; kg:level "0" .',
        "id:Section/s a kg:Section ; kg:level 0 .",
    ),
    (
        "datatype: an ill-typed xsd:integer",
        ("Section/s", "kg:level", "datatype"),
        'id:Section/s a kg:Section ; kg:level "一"^^xsd:integer .',
        'id:Section/s a kg:Section ; kg:level "1"^^xsd:integer .',
    ),
    (
        "datatype: an ill-typed xsd:date (no 29 February in 2021)",
        ("Document/d", "dcterms:date", "datatype"),
        'id:Document/d a kg:Document ; dcterms:date "2021-02-29"^^xsd:date .',
        'id:Document/d a kg:Document ; dcterms:date "2020-02-29"^^xsd:date .',
    ),
    (
        "datatype: a label without a language",
        ("Park/p", "rdfs:label", "datatype"),
        'id:Park/p a kg:Park ; rdfs:label "临空商务产业园" .',
        'id:Park/p a kg:Park ; rdfs:label "临空商务产业园"@zh .',
    ),
    (
        "datatype: an IRI where an xsd:decimal belongs",
        ("Amount/a", "kg:amountValue", "datatype"),
        "id:Amount/a a kg:Amount ; kg:amountValue id:x .",
        "id:Amount/a a kg:Amount ; kg:amountValue 0.5 .",
    ),
    (
        "datatype: a string where an xsd:boolean belongs",
        ("Assertion/a", "kg:countMatches", "datatype"),
        'id:Assertion/a a kg:Assertion ; kg:countMatches "true" .',
        "id:Assertion/a a kg:Assertion ; kg:countMatches true .",
    ),
    (
        "datatype: a language string where an xsd:string belongs",
        ("Document/d", "dcterms:identifier", "datatype"),
        'id:Document/d a kg:Document ; dcterms:identifier "001"@zh .',
        'id:Document/d a kg:Document ; dcterms:identifier "001" .',
    ),
    (
        "minCount: a section without a level; targets through a subclass in the data",
        ("Section/s", "kg:level", "minCount"),
        "id:Section/s a ex:Chapter . ex:Chapter rdfs:subClassOf kg:Section .",
        "id:Section/s a ex:Chapter ; kg:level 1 . ex:Chapter rdfs:subClassOf kg:Section .",
    ),
    (
        "maxCount: two labels; one label written in two graphs is one value",
        ("Park/p", "rdfs:label", "maxCount"),
        'id:Park/p a kg:Park ; rdfs:label "甲"@zh , "乙"@zh .',
        ('id:Park/p a kg:Park ; rdfs:label "甲"@zh .', 'id:Park/p rdfs:label "甲"@zh .'),
    ),
    (
        "minInclusive: a mention count of 0",
        ("Park/p", "kg:mentionCount", "minInclusive"),
        "id:Park/p kg:mentionCount 0 .",
        "id:Park/p kg:mentionCount 1 .",
    ),
    (
        "minInclusive: a year that cannot be compared with 1949",
        ("Document/d", "kg:year", "minInclusive"),
        'id:Document/d kg:year "1949年" .',
        "id:Document/d kg:year 1949 .",
    ),
    (
        "maxInclusive: the year 2101",
        ("Document/d", "kg:year", "maxInclusive"),
        "id:Document/d kg:year 2101 .",
        "id:Document/d kg:year 2100 .",
    ),
    (
        "pattern: a currency in small letters",
        ("Amount/a", "kg:currency", "pattern"),
        'id:Amount/a a kg:Amount ; kg:currency "cny" .',
        'id:Amount/a a kg:Amount ; kg:currency "CNY" .',
    ),
    (
        "pattern: a division code of five digits",
        ("AdminDivision/a", "kg:divisionCode", "pattern"),
        'id:AdminDivision/a a kg:AdminDivision ; kg:divisionCode "42020" .',
        'id:AdminDivision/a a kg:AdminDivision ; kg:divisionCode "420202001" .',
    ),
    (
        "minLength: an empty sentence",
        ("Sentence/s", "kg:text", "minLength"),
        'id:Sentence/s a kg:Sentence ; kg:text ""@zh .',
        'id:Sentence/s a kg:Sentence ; kg:text "是"@zh .',
    ),
    (
        "languageIn: an English label; zh-Hans matches the range zh",
        ("Park/p", "rdfs:label", "languageIn"),
        'id:Park/p a kg:Park ; rdfs:label "Linkong Park"@en .',
        'id:Park/p a kg:Park ; rdfs:label "临空商务产业园"@zh-Hans .',
    ),
    (
        "in: a status that is not one of the five",
        ("Mention/m", "kg:status", "in"),
        'id:Mention/m a kg:Mention ; kg:status "paused" .',
        'id:Mention/m a kg:Mention ; kg:status "mentioned" .',
    ),
    (
        "in: an assertion of a relation that is not one of the six",
        ("Assertion/a", "rdf:predicate", "in"),
        "id:Assertion/a a kg:Assertion ; rdf:predicate kg:mentionedIn .",
        "id:Assertion/a a kg:Assertion ; rdf:predicate kg:partner .",
    ),
    (
        "nodeKind: an assertion whose object is a literal",
        ("Assertion/a", "rdf:object", "nodeKind"),
        'id:Assertion/a a kg:Assertion ; rdf:object "黄石港区" .',
        "id:Assertion/a a kg:Assertion ; rdf:object id:AdminDivision/x .",
    ),
    (
        "lessThan: a span that starts where it ends",
        ("Mention/m", "kg:start", "lessThan"),
        "id:Mention/m a kg:Mention ; kg:start 5 ; kg:end 5 .",
        "id:Mention/m a kg:Mention ; kg:start 4 ; kg:end 5 .",
    ),
    (
        "lessThan: a start that cannot be compared with its end",
        ("Mention/m", "kg:start", "lessThan"),
        'id:Mention/m a kg:Mention ; kg:start 4 ; kg:end "5" .',
        "id:Mention/m a kg:Mention ; kg:start 4 ; kg:end 5.5 .",
    ),
    (
        "lessThanOrEquals: a first year after the last",
        ("Park/p", "kg:firstYear", "lessThanOrEquals"),
        "id:Park/p kg:firstYear 2021 ; kg:lastYear 2020 .",
        "id:Park/p kg:firstYear 2020 ; kg:lastYear 2020 .",
    ),
    (
        "or in a node shape (a warning): a person located somewhere",
        ("Person/x", "", "or"),
        "id:Person/x a kg:Person ; kg:locatedIn id:Place/y . id:Place/y a kg:Place .",
        "id:Person/x a kg:Place ; kg:locatedIn id:Place/y . id:Place/y a kg:Place .",
    ),
    (
        "or in a property shape: a section part of a sentence",
        ("Section/s", "dcterms:isPartOf", "or"),
        "id:Section/s a kg:Section ; dcterms:isPartOf id:Sentence/t . "
        "id:Sentence/t a kg:Sentence .",
        "id:Section/s a kg:Section ; dcterms:isPartOf id:Section/t . id:Section/t a kg:Section .",
    ),
]


@pytest.mark.parametrize(("name", "result", "broken", "kept"), CASES, ids=[c[0] for c in CASES])
def test_each_constraint_is_broken_and_kept_alike_by_both_engines(
    name: str, result: tuple[str, str, str], broken: str, kept: str | tuple[str, ...]
) -> None:
    found = [(v.focus, v.path, v.component) for v in both(data(broken))]
    assert result in found
    graphs = (kept,) if isinstance(kept, str) else kept
    assert result not in [(v.focus, v.path, v.component) for v in both(data(*graphs))]


def test_a_literal_focus_node_is_named_by_its_text() -> None:
    """Investments of 100 written as literals, not amounts: each is a focus node of the shape
    on the objects of kg:investment, named by its text."""
    found = both(data('id:Park/p a kg:Park ; kg:investment "100" , 100 , 100.5 , true .'))
    assert [(v.focus, v.component) for v in found if v.path == ""] == [
        ("'100'", "class"),
        ("'100'", "class"),
        ("'100.5'", "class"),
        ("'true'", "class"),
    ]


def test_each_bad_value_is_a_result_of_its_own() -> None:
    """Two years that are not integers: each breaks three constraints, while a value written in
    two graphs is one value; warnings keep their severity and every result the message of its
    shape."""
    found = both(data('id:Document/d kg:year "一九九八", "两千" .'))
    assert [v.component for v in found] == ["datatype"] * 2 + ["maxInclusive"] * 2 + [
        "minInclusive"
    ] * 2
    assert {v.message for v in found} == {"kg:year is an xsd:integer between 1949 and 2100"}
    twice = both(
        data('id:Amount/a a kg:Amount ; kg:currency "cny" .', 'id:Amount/a kg:currency "cny" .')
    )
    assert [v.component for v in twice if v.path == "kg:currency"] == ["pattern"]  # one value
    partners = "id:Person/x a kg:Person ; kg:partner id:Person/y . id:Person/y a kg:Person ."
    found = both(data(partners))
    assert [(v.focus, v.severity) for v in found if v.component == "or"] == [
        ("Person/x", "Warning"),
        ("Person/y", "Warning"),
    ]
    assert {v.severity for v in found if v.component != "or"} == {"Violation"}


def test_a_node_shape_with_property_shapes_reports_each_property_shape(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        PREFIXES
        + """
        ex:Park a sh:NodeShape ; sh:targetClass kg:Park ; sh:class kg:Place ;
            sh:message "a park is a place" ;
            sh:property ex:Label , [ sh:path kg:divisionCode ; sh:maxCount 0 ;
                                     sh:message "a park has no division code" ] .
        ex:Label a sh:PropertyShape ; sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ;
            sh:severity sh:Info ; sh:message "a park has one name" .
        """,
        encoding="utf-8",
    )
    found = both(
        data(
            "id:Park/a a kg:Park . "
            'id:Park/b a kg:Park , kg:Place ; rdfs:label "甲"@zh , "乙"@zh ; kg:divisionCode "1" .'
        ),
        shapes,
    )
    assert [(v.focus, v.path, v.component, v.severity) for v in found] == [
        ("Park/a", "", "class", "Violation"),
        ("Park/a", "rdfs:label", "minCount", "Info"),
        ("Park/b", "kg:divisionCode", "maxCount", "Violation"),
        ("Park/b", "rdfs:label", "maxCount", "Info"),
    ]


# shapes the compiler leaves to pyshacl, and what its refusal names
UNSUPPORTED = {
    "sh:closed": ("sh:closed true ; sh:property [ sh:path rdfs:label ; sh:message 'n' ]", "closed"),
    "a sequence path": ("sh:path ( kg:a kg:b ) ; sh:minCount 1", "path"),
    "sh:flags": ("sh:path rdfs:label ; sh:pattern '^a' ; sh:flags 'i'", "flags"),
    "sh:deactivated": ("sh:path kg:a ; sh:minCount 1 ; sh:deactivated true", "deactivated"),
    "sh:targetNode": ("sh:targetNode id:a ; sh:path kg:a ; sh:minCount 1", "targetNode"),
    "sh:hasValue": ("sh:path kg:a ; sh:hasValue 1", "hasValue"),
    "sh:node": ("sh:node [ sh:class kg:Place ]", "#node"),
    "an unknown datatype": ("sh:path kg:a ; sh:datatype xsd:dateTime", "dateTime"),
    "sh:sparql": ("sh:sparql [ sh:select 'SELECT $this WHERE { $this ?p ?o }' ]", "sparql|select"),
    "two messages": ("sh:path kg:a ; sh:minCount 1 ; sh:message 'zwei'@de", "2 sh:message"),
}


@pytest.mark.parametrize("shape", list(UNSUPPORTED), ids=list(UNSUPPORTED))
def test_shapes_the_compiler_does_not_support_are_refused(shape: str) -> None:
    text, reason = UNSUPPORTED[shape]
    turtle = f"{PREFIXES} ex:S sh:targetClass kg:Park ; {text} ; sh:message 'm' ."
    with pytest.raises(Unsupported, match=reason):
        compile_shapes(ox.parse(turtle, format=ox.RdfFormat.TURTLE))


CHECKED_BY_PYSHACL = {
    "sh:closed": (
        "sh:targetClass kg:Park ; sh:closed true ; sh:property [ sh:path rdfs:label ] ; "
        "sh:message 'only a name'",
        "closed",
    ),
    "a sequence path": (
        "sh:targetClass kg:Park ; sh:path ( kg:inDocument kg:year ) ; sh:minCount 1 ; "
        "sh:message 'a year'",
        "minCount",
    ),
    "no sh:message": ("sh:targetClass kg:Park ; sh:path kg:level ; sh:minCount 1", "minCount"),
}


@pytest.mark.parametrize("shape", list(CHECKED_BY_PYSHACL), ids=list(CHECKED_BY_PYSHACL))
def test_a_shape_the_compiler_does_not_support_is_checked(tmp_path: Path, shape: str) -> None:
    text, component = CHECKED_BY_PYSHACL[shape]
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(f"{PREFIXES} ex:S {text} .", "utf-8")
    quads = data('id:Park/a a kg:Park ; rdfs:label "甲"@zh ; kg:mentionCount 1 .')
    assert load_program(shapes, ONTOLOGY) is None
    found = shape_violations(quads, shapes, ONTOLOGY)
    assert found == pyshacl_violations(quads, shapes, ONTOLOGY)
    assert component in {v.component for v in found}


@pytest.mark.parametrize(
    "value",
    [
        '"01"^^xsd:integer , 1',
        '" 1"^^xsd:integer',
        '"1_000"^^xsd:integer',
        '"1"^^xsd:int',
        '"1.50"^^xsd:decimal',
    ],
)
def test_a_literal_oxigraph_would_rewrite_is_checked_by_pyshacl(value: str) -> None:
    """oxigraph keeps "01"^^xsd:integer as "1"; rdflib reads " 1" as an integer. Such a batch
    is checked by pyshacl, and gives what pyshacl gives."""
    quads = data(f"id:Park/p kg:mentionCount {value} .")
    assert sparql_violations(quads, SHAPES, ONTOLOGY) is None
    assert violations(quads) == pyshacl_violations(quads, SHAPES, ONTOLOGY)


def test_where_pyshacl_departs_from_the_spec_the_sparql_engine_follows_it() -> None:
    """SPARQL's regex ends at the end of the string ("CNY\\n" is not a currency code; Python's
    "$" also matches before a last newline), and SPARQL cannot order two IRIs (pyshacl
    compares their text): both are results by the SHACL specification."""
    quads = data(
        'id:Amount/a a kg:Amount ; rdfs:label "一元"@zh ; kg:currency "CNY\\n" . '
        "id:Mention/m a kg:Mention ; kg:start id:x ; kg:end id:y ."
    )
    found = [(v.focus, v.component) for v in violations(quads)]
    assert ("Amount/a", "pattern") in found
    assert ("Mention/m", "lessThan") in found


def test_a_triple_term_is_refused() -> None:
    mention = ox.NamedNode("https://w3id.org/kg-policy/id/Mention/m")
    of = ox.NamedNode("https://w3id.org/kg-policy/ontology#mentionOf")
    quads = [ox.Quad(mention, of, ox.Triple(mention, of, mention))]
    with pytest.raises(KgError, match="RDF-star"):
        violations(quads)
