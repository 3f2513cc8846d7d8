"""Typed records that flow between the stages: document metadata, entities, relations.

Every record carries character offsets into the document *as read* (after decoding, before any
normalisation), so ``source[start:end] == text`` always holds. ``to_json`` produces exactly the
shape of the extraction contract (SPEC.md); extra fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityType = Literal[
    "AdminDivision",
    "GovernmentBody",
    "Company",
    "Institution",
    "Park",
    "Project",
    "Place",
    "Slogan",
    "PolicyDocument",
    "Event",
    "Person",
    "Amount",
]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]

RelationType = Literal[
    "definedAs", "locatedIn", "investment", "responsibleFor", "partner", "subdivisionOf"
]
RELATION_TYPES: tuple[str, ...] = RelationType.__args__  # type: ignore[attr-defined]

DocKind = Literal["work_report", "task_breakdown", "plan", "other"]
DOC_KINDS: tuple[str, ...] = DocKind.__args__  # type: ignore[attr-defined]


@dataclass(slots=True)
class DocMeta:
    """Document metadata, read from the text itself and overridable by a sidecar or CLI."""

    id: str
    path: str
    title: str | None = None
    district: str | None = None
    city: str | None = None
    province: str | None = None
    year: int | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    kind: str = "other"
    speaker: str | None = None
    encoding: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Entity:
    """One mention of an entity. ``canonical`` names the graph node; ``scope`` is the district
    a district-scoped name (slogans, 区-level bodies) belongs to."""

    type: str
    text: str
    start: int
    end: int
    canonical: str
    scope: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
        }
        if self.scope:
            out["scope"] = self.scope
        if self.attrs:
            out["attrs"] = self.attrs
        return out


@dataclass(slots=True)
class Relation:
    """A relation between two mentions (or a mention and a text, for definitions and tasks).

    ``start``/``end`` is the evidence sentence; ``head_span``/``tail_span`` locate the arguments.
    """

    type: str
    head: str
    tail: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    head_span: tuple[int, int] | None = None
    tail_span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": self.type,
            "head": self.head,
            "tail": self.tail,
            "start": self.start,
            "end": self.end,
            "attrs": self.attrs,
        }
        if self.head_span:
            out["head_span"] = list(self.head_span)
        if self.tail_span:
            out["tail_span"] = list(self.tail_span)
        return out


@dataclass(slots=True)
class DocRecord:
    """Everything extracted from one document: one JSONL line of ``kg extract``."""

    doc: DocMeta
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # the text offsets refer to, kept in the output when it is not the file itself (HTML pages)
    text: str | None = None

    def to_json(self) -> dict[str, Any]:
        doc = self.doc.to_json()
        if self.text is not None:
            doc["text"] = self.text
        return {
            "doc": doc,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
        }
