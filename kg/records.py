"""Typed records that flow between the stages: document metadata, entities, relations.

Every record carries character offsets into the document *as read* (after decoding, before any
normalisation), so ``source[start:end] == text`` always holds. ``to_json`` produces exactly the
shape of the extraction contract (SPEC.md); extra fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar

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

# documents whose offsets refer to an extracted text rather than the file: JSON keeps the text
TEXT_KEPT_SUFFIXES = (".html", ".htm")

DocKind = Literal["work_report", "task_breakdown", "plan", "other"]
DOC_KINDS: tuple[str, ...] = DocKind.__args__  # type: ignore[attr-defined]

R = TypeVar("R", bound=type)


def pickled_by_fields(cls: R) -> R:
    """Pickle a record as its class and its field values in order. By default a slotted
    dataclass pickles a dict of its slots per object, which made the parent of ``--jobs``
    workers spend a third more time unpickling the records they send."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@pickled_by_fields
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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocMeta:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


@pickled_by_fields
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
    sentence: tuple[int, int] | None = None  # the evidence sentence (or paragraph) span
    section: int | None = None  # index into the document's ``sections``

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
        if self.sentence:
            out["sentence"] = list(self.sentence)
        if self.section is not None:
            out["section"] = self.section
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        sentence = data.get("sentence")
        return cls(
            type=data["type"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            canonical=data.get("canonical") or data["text"],
            scope=data.get("scope"),
            attrs=dict(data.get("attrs") or {}),
            sentence=(sentence[0], sentence[1]) if sentence else None,
            section=data.get("section"),
        )


@pickled_by_fields
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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Relation:
        head_span, tail_span = data.get("head_span"), data.get("tail_span")
        return cls(
            type=data["type"],
            head=data["head"],
            tail=data["tail"],
            start=data["start"],
            end=data["end"],
            attrs=dict(data.get("attrs") or {}),
            head_span=(head_span[0], head_span[1]) if head_span else None,
            tail_span=(tail_span[0], tail_span[1]) if tail_span else None,
        )


@pickled_by_fields
@dataclass(slots=True)
class SectionInfo:
    """A section of the document, as evidence: where it is, its heading and its role
    (``review`` reports what was done, ``plan`` commits to what will be, ``tasks``, …)."""

    start: int
    end: int
    heading: str
    role: str
    level: int
    parent: int | None = None


@pickled_by_fields
@dataclass(slots=True)
class DocRecord:
    """Everything extracted from one document: one JSONL line of ``kg extract``."""

    doc: DocMeta
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # the text offsets refer to; written to JSON only when it is not the file itself (HTML)
    text: str | None = field(default=None, repr=False)
    sections: list[SectionInfo] = field(default_factory=list)
    # what reading the file noticed: a guessed encoding, damaged bytes and where they are
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        doc = self.doc.to_json()
        if self.text is not None and self.doc.path.lower().endswith(TEXT_KEPT_SUFFIXES):
            doc["text"] = self.text
        if self.sections:
            doc["sections"] = [asdict(s) for s in self.sections]
        if self.warnings:
            doc["warnings"] = list(self.warnings)
        return {
            "doc": doc,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocRecord:
        """The record a line of ``kg extract`` describes (the inverse of :meth:`to_json`)."""
        doc = dict(data["doc"])
        text = doc.pop("text", None)
        sections = [SectionInfo(**s) for s in doc.pop("sections", None) or ()]
        warnings = list(doc.pop("warnings", None) or ())
        return cls(
            doc=DocMeta.from_json(doc),
            entities=[Entity.from_json(e) for e in data.get("entities") or ()],
            relations=[Relation.from_json(r) for r in data.get("relations") or ()],
            text=text,
            sections=sections,
            warnings=warnings,
        )
