"""Records describing a document's layout: sections, paragraphs, sentences, definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SectionRole = Literal["review", "plan", "glossary", "tasks", "other"]
DefinitionSource = Literal["footnote", "endnote", "glossary", "inline"]


@dataclass(slots=True)
class Section:
    """A heading-delimited section. ``start``/``end`` cover heading and body.

    ``heading_start``/``heading_end`` cover the heading text without its numbering marker
    (for ``(一)突出疫后重振,经济运行加速恢复。…`` the heading stops before the first 。).
    ``duties`` are the spans of responsibility notes of a task item, e.g.
    ``(牵头单位:区发改局;责任单位:花湖街办)`` or a ``责任单位:…`` line.
    """

    start: int
    end: int
    level: int  # 0 = unnumbered part (2022年工作回顾, 附件); 1 = 一、; 2 = (一); 3 = 1.; 4 = ①/——
    marker: str  # the numbering as written: "一、", "(三)", "1.", "②", "——"; "" if unnumbered
    heading_start: int
    heading_end: int
    role: SectionRole
    parent: int | None = None  # index into DocStructure.sections
    duties: list[tuple[int, int]] = field(default_factory=list)
    synthetic: bool = False  # True for a glossary recognised without a heading (empty heading)


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
    ``head_start``/``head_end`` cover the whole defined head (服务业“五个一百”工程) while
    ``term`` is the reported term (the quoted core 五个一百). ``expected_count`` is the count
    the term's numerals announce (五个临空 → 5, 两园两带 → 4), if any. A definition split out
    of a combined body (“三区”指…,“三线”指…) points to the enclosing one with ``parent``.
    """

    term: str
    term_start: int
    term_end: int
    body_start: int
    body_end: int
    source: DefinitionSource
    components: list[tuple[int, int]] = field(default_factory=list)
    head_start: int = -1
    head_end: int = -1
    expected_count: int | None = None
    component_count: int = 0
    label: str | None = None  # the entry's marker: "[5]", "1.", …
    parent: int | None = None  # index into DocStructure.definitions


@dataclass(slots=True)
class NoteRef:
    """A note marker in running text (``[3]``, ``(2)``), linked to its endnote if one is found."""

    start: int
    end: int
    label: int
    term_start: int | None = None  # the quoted term just before the marker, if any
    term_end: int | None = None
    definition: int | None = None  # index into DocStructure.definitions


@dataclass(slots=True)
class DocStructure:
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    # spans that are not sentence text: inline footnotes "[[[]…]]", "[n]" markers
    notes: list[tuple[int, int]] = field(default_factory=list)
    note_refs: list[NoteRef] = field(default_factory=list)

    def section_at(self, pos: int) -> int | None:
        """The index of the innermost section holding offset ``pos``, if any."""
        best: tuple[int, int] | None = None
        for k, sec in enumerate(self.sections):
            if sec.start <= pos < sec.end and (best is None or sec.level >= best[1]):
                best = (k, sec.level)
        return best[0] if best else None
