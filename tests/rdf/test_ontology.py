"""The ontology (ontology/kg.ttl) declares, in Chinese and English, everything a build writes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.graph.mapping import load_mapping
from kg.resources import ontology_path

KG = Namespace("https://w3id.org/kg-policy/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
# vocabularies kg reuses instead of declaring its own terms
REUSED = (str(RDF), str(RDFS), str(SKOS), str(PROV), str(DCTERMS))
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"), format="turtle")


@pytest.fixture(scope="module")
def seed_quads(seed_build: Path) -> list[ox.Quad]:
    """The quads the seed build wrote, one named graph per document plus the corpus graph."""
    return list(ox.parse(path=str(seed_build / "graph.trig"), format=ox.RdfFormat.TRIG))


def declared(ontology: Graph) -> set[URIRef]:
    return {
        s
        for kind in DECLARATIONS
        for s in ontology.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }


def labels(ontology: Graph, term: URIRef, prop: URIRef = RDFS.label) -> dict[str, str]:
    return {
        str(o.language): str(o)
        for o in ontology.objects(term, prop)
        if isinstance(o, Literal) and o.language
    }


def test_ontology_parses_with_oxigraph_and_rdflib(ontology: Graph) -> None:
    path = ontology_path("kg.ttl")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(ontology) > 300


def test_ontology_header_has_version_title_description_and_licence(ontology: Graph) -> None:
    (onto,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert onto == URIRef("https://w3id.org/kg-policy/ontology")
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert set(labels(ontology, onto, DCTERMS.title)) == {"zh", "en"}
    assert set(labels(ontology, onto, DCTERMS.description)) == {"zh", "en"}
    assert ontology.value(onto, DCTERMS.license) is not None


def test_every_term_used_by_the_seed_build_is_declared_or_reused(
    ontology: Graph, seed_quads: list[ox.Quad]
) -> None:
    terms = {q.predicate.value for q in seed_quads}
    terms |= {q.object.value for q in seed_quads if q.predicate.value == str(RDF.type)}
    own = {t for t in terms if t.startswith(str(KG))}
    assert {str(t) for t in declared(ontology)} >= own
    assert all(t.startswith(REUSED) for t in terms - own), sorted(terms - own)
    # the seeds exercise every SPEC relation kg has found in them and all node kinds
    assert {str(KG[c]) for c in ("Mention", "Sentence", "Section", "Assertion", "Task")} <= own


def test_every_declared_term_has_labels_and_comments_in_chinese_and_english(
    ontology: Graph,
) -> None:
    terms = declared(ontology)
    assert len(terms) > 60
    for term in terms:
        assert set(labels(ontology, term)) == {"zh", "en"}, term
        assert set(labels(ontology, term, RDFS.comment)) == {"zh", "en"}, term


def test_class_and_relation_labels_match_the_mapping(ontology: Graph) -> None:
    mapping = load_mapping()
    kinds = [*mapping.entities.values(), *mapping.nodes.values()]
    for kind in kinds:
        cls = URIRef(kind.cls)
        assert (cls, RDF.type, OWL.Class) in ontology
        assert labels(ontology, cls) == {"zh": kind.zh, "en": kind.en}
    for relation in mapping.relations.values():
        prop = URIRef(relation.prop)
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert labels(ontology, prop) == {"zh": relation.zh, "en": relation.en}


def test_entity_classes_form_one_hierarchy_with_skos_for_slogans(ontology: Graph) -> None:
    for kind in load_mapping().entities.values():
        assert (URIRef(kind.cls), RDFS.subClassOf, KG.Entity) in ontology
    assert (KG.Slogan, RDFS.subClassOf, SKOS.Concept) in ontology
    assert (KG.Component, RDFS.subClassOf, SKOS.Concept) in ontology
    assert (KG.Assertion, RDFS.subClassOf, RDF.Statement) in ontology
    assert (KG.Mention, RDFS.subClassOf, PROV.Entity) in ontology
    assert (KG.hasComponent, RDFS.subPropertyOf, KG.definedAs) in ontology


def test_json_ld_context_names_only_declared_or_reused_terms(ontology: Graph) -> None:
    context = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    own = {str(t) for t in declared(ontology)}
    for key, value in context.items():
        if key.startswith("@") or key in prefixes:
            continue
        curie = value["@id"] if isinstance(value, dict) else value
        prefix, _, local = curie.partition(":")
        iri = prefixes[prefix] + local
        assert iri in own or iri.startswith(REUSED), (key, iri)
