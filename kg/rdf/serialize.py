"""RDF formats: the Oxigraph serialisations kg writes (Turtle, N-Triples, N-Quads, TriG) with
their prefixes, and compact JSON-LD with kg's own context (``ontology/context.jsonld``),
written one named graph at a time (the writers are in :mod:`kg.rdf.sinks`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

import pyoxigraph as ox

from kg.resources import ontology_path

PREFIXES = {
    "kg": "https://w3id.org/kg-policy/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}

# format name → (Oxigraph format, whether it holds named graphs)
OX_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
}


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TYPE_DEFINITION: dict[str, Any] = {}  # the definition :meth:`_Compactor.key` gives rdf:type
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


@cache
def jsonld_context() -> dict[str, Any]:
    """The ``@context`` object of ``ontology/context.jsonld``."""
    data = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))
    context = data["@context"]
    assert isinstance(context, dict)
    return context


class _Compactor:
    """Compacts IRIs and values with a fixed context: terms, prefixes, ``@base``."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.base = str(context.get("@base", ""))
        self.prefixes = {
            k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))
        }
        self.terms: dict[str, tuple[str, dict[str, Any]]] = {}
        self.classes: dict[str, str] = {}
        for term, value in context.items():
            if term.startswith("@") or term in self.prefixes:
                continue
            definition = {"@id": value} if isinstance(value, str) else dict(value)
            iri = self.expand(definition["@id"])
            if isinstance(value, str) and term[:1].isupper():
                self.classes[iri] = term
            else:
                self.terms[iri] = (term, definition)

    def expand(self, curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        return self.prefixes[prefix] + local if sep and prefix in self.prefixes else curie

    def iri(self, iri: str) -> str:
        if self.base and iri.startswith(self.base) and ":" not in iri[len(self.base) :]:
            return iri[len(self.base) :]
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def key(self, predicate: str, obj: object) -> tuple[str, dict[str, Any]]:
        """The node-object key of ``predicate`` (``@type`` for a class) and its term
        definition."""
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            return "@type", _TYPE_DEFINITION
        term = self.terms.get(predicate)
        return term if term is not None else (self.iri(predicate), {})

    def value(
        self,
        term: ox.NamedNode | ox.BlankNode | ox.Literal,
        definition: dict[str, Any],
    ) -> Any:
        if isinstance(term, ox.NamedNode):
            compact = self.iri(term.value)
            return compact if definition.get("@type") == "@id" else {"@id": compact}
        if isinstance(term, ox.BlankNode):
            return {"@id": f"_:{term.value}"}
        datatype = term.datatype.value
        if term.language:
            if definition.get("@language") == term.language:
                return term.value
            return {"@value": term.value, "@language": term.language}
        if datatype == PREFIXES["xsd"] + "integer":
            return int(term.value)
        if datatype == PREFIXES["xsd"] + "boolean":
            return term.value == "true"
        coerced = definition.get("@type")
        if coerced and self.expand(coerced) == datatype:
            return term.value
        if datatype == PREFIXES["xsd"] + "string" and "@language" not in definition:
            return term.value
        if datatype == PREFIXES["xsd"] + "string":
            return {"@value": term.value}
        return {"@value": term.value, "@type": self.iri(datatype)}


def jsonld_entries(quads: Iterable[ox.Quad]) -> list[dict[str, Any]]:
    """Compact JSON-LD ``@graph`` entries of ``quads``: one ``{"@id", "@graph"}`` per named
    graph (node objects keyed by context terms), and default-graph nodes as they are."""
    c = _compactor()
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, dict[str, dict[str, Any]]] = {}
    # terms repeat (a subject has many quads in a row, entities and classes recur): their
    # compact forms are remembered by the term, which is quicker than reading its IRI again
    subjects: dict[ox.NamedNode | ox.BlankNode, str] = {}
    keys: dict[tuple[ox.NamedNode, bool], tuple[str, dict[str, Any]]] = {}
    objects: dict[tuple[ox.NamedNode, str], Any] = {}
    for subject, predicate, obj, graph_name in quads:
        nodes = graphs.get(graph_name)
        if nodes is None:
            nodes = graphs[graph_name] = {}
        sid = subjects.get(subject)
        if sid is None:
            sid = subjects[subject] = (
                c.iri(subject.value) if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"
            )
        node = nodes.get(sid)
        if node is None:
            node = nodes[sid] = {"@id": sid}
        named = isinstance(obj, ox.NamedNode)
        found = keys.get((predicate, named))
        if found is None:
            found = keys[predicate, named] = c.key(predicate.value, obj)
        key, definition = found
        if named:
            value = objects.get((obj, key))
            if value is None:
                value = objects[obj, key] = (
                    c.classes.get(obj.value) or c.iri(obj.value)
                    if definition is _TYPE_DEFINITION
                    else c.value(obj, definition)
                )
        else:
            value = c.value(obj, definition)
        values = node.get(key)
        if values is None:
            node[key] = [value]
        elif value not in values:
            values.append(value)
    out: list[dict[str, Any]] = []
    for graph_name, nodes in graphs.items():
        items = [
            {k: v[0] if k != "@id" and len(v) == 1 else v for k, v in node.items()}
            for node in nodes.values()
        ]
        if isinstance(graph_name, ox.DefaultGraph):
            out.extend(items)
        else:
            out.append({"@id": c.iri(str(graph_name.value)), "@graph": items})
    return out


@cache
def _compactor() -> _Compactor:
    return _Compactor(jsonld_context())


class JsonLdWriter:
    """Compact JSON-LD written graph by graph: the context inline (so the file reads offline),
    then one ``@graph`` entry per named graph, with one node object a line, without ever
    holding the whole document. (Each line is made by the json module's C encoder, which an
    indented layout would not use: four times slower.)"""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        head = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1)
        fh.write(head.removesuffix("\n}") + ',\n "@graph": [')
        self.empty = True

    def add(self, quads: Iterable[ox.Quad]) -> None:
        dumps = _ONE_LINE.encode
        for entry in jsonld_entries(quads):
            self.fh.write("\n  " if self.empty else ",\n  ")
            self.empty = False
            nodes = entry.get("@graph") if len(entry) == 2 else None
            if not isinstance(nodes, list):  # a node of the default graph
                self.fh.write(dumps(entry))
                continue
            self.fh.write(f'{{"@id": {dumps(entry["@id"])}, "@graph": [\n   ')
            self.fh.write(",\n   ".join(map(dumps, nodes)))
            self.fh.write("\n  ]}")

    def close(self) -> None:
        self.fh.write("]\n}\n" if self.empty else "\n ]\n}\n")
