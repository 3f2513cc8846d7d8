"""Records describing a document's layout: sections, paragraphs, sentences, definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SectionRole = Literal["review", "plan", "glossary", "tasks", "other"]
DefinitionSource = Literal["footnote", "endnote", "glossary", "inline"]


@dataclass(slots=True)
class Section:
    """A heading-delimited section. ``start``/``end`` cover heading and body."""

    start: int
    end: int
    level: int  # 1 = 一、 ; 2 = (一) ; 3 = 1. ; 4 = ①/—— items
    marker: str  # the numbering as written: "一、", "(三)", "1.", "②", "——"
    heading_start: int
    heading_end: int
    role: SectionRole
    parent: int | None = None  # index into DocStructure.sections


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into DocStructure.paragraphs
    section: int | None  # index of the innermost section, if any


@dataclass(slots=True)
class Definition:
    """A term defined in an inline footnote, an endnote list or a glossary.

    ``components`` are the listed parts of the definition (科创临空、产业临空 …), each a span;
    a definition that is prose rather than a list has one component: the whole body.
    """

    term: str
    term_start: int
    term_end: int
    body_start: int
    body_end: int
    source: DefinitionSource
    components: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class DocStructure:
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    # spans that are not sentence text: inline footnotes "[[[]…]]", "[n]" markers
    notes: list[tuple[int, int]] = field(default_factory=list)
