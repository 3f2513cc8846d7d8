"""The declarative label mapping (``ontology/mapping.yaml``): SPEC types and relations to
ontology classes and properties and to property-graph labels. Every writer reads it here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.resources import load_yaml, ontology_path


@dataclass(frozen=True, slots=True)
class NodeKind:
    name: str  # Park, Document, …
    cls: str  # full IRI of the ontology class
    label: str  # property-graph label
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class EdgeKind:
    name: str  # locatedIn, mentionedIn, …
    prop: str  # full IRI of the ontology property
    type: str  # property-graph relationship type
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Mapping:
    namespaces: dict[str, str]
    id_base: str
    entities: dict[str, NodeKind]
    nodes: dict[str, NodeKind]
    relations: dict[str, EdgeKind]

    def expand(self, curie: str) -> str:
        """``kg:Park`` → the full IRI."""
        prefix, sep, local = curie.partition(":")
        if sep and prefix in self.namespaces:
            return self.namespaces[prefix] + local
        return curie

    def node_kind(self, name: str) -> NodeKind:
        """The kind of an entity type or another node kind (Document, Task, …)."""
        kind = self.entities.get(name) or self.nodes.get(name)
        if kind is None:
            raise KeyError(f"{name!r} is not in ontology/mapping.yaml")
        return kind

    @property
    def ns(self) -> str:
        """The ontology namespace (prefix ``kg:``)."""
        return self.namespaces["kg"]


@cache
def load_mapping(path: str | None = None) -> Mapping:
    """The mapping file (the packaged ``ontology/mapping.yaml`` unless ``path`` is given)."""
    data = load_yaml(path or ontology_path("mapping.yaml"))
    namespaces = dict(data["namespaces"])

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return namespaces[prefix] + local if prefix in namespaces else curie

    def kinds(section: str) -> dict[str, NodeKind]:
        return {
            name: NodeKind(name, expand(v["class"]), v["label"], v["zh"], v["en"])
            for name, v in data[section].items()
        }

    relations = {
        name: EdgeKind(name, expand(v["property"]), v["type"], v["zh"], v["en"])
        for name, v in data["relations"].items()
    }
    return Mapping(namespaces, data["id_base"], kinds("entities"), kinds("nodes"), relations)
