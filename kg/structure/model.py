"""Records describing a document's layout: sections, paragraphs, sentences, definitions."""

from __future__ import annotations

import heapq
from bisect import bisect_right
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
    # (number of sections indexed, boundaries, innermost section from each boundary on)
    _index: tuple[int, list[int], list[int | None]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def section_at(self, pos: int) -> int | None:
        """The index of the innermost section holding offset ``pos`` (the deepest level; of
        equals, the later one), if any."""
        if self._index is None or self._index[0] != len(self.sections):
            self._index = (len(self.sections), *self._innermost_sections())
        _, bounds, owners = self._index
        i = bisect_right(bounds, pos) - 1
        return owners[i] if i >= 0 else None

    def _innermost_sections(self) -> tuple[list[int], list[int | None]]:
        """The section boundaries in order and, for the stretch from each one to the next,
        the innermost section holding it: one sweep, so that a look-up is a binary search
        (scanning every section per look-up made long documents quadratic)."""
        sections = self.sections
        bounds = sorted({p for s in sections for p in (s.start, s.end)})
        by_start = sorted(range(len(sections)), key=lambda k: sections[k].start)
        open_: list[tuple[int, int]] = []  # (-level, -index): the deepest, then latest, first
        owners: list[int | None] = []
        n = 0
        for pos in bounds:
            while n < len(by_start) and sections[by_start[n]].start <= pos:
                k = by_start[n]
                heapq.heappush(open_, (-sections[k].level, -k))
                n += 1
            while open_ and sections[-open_[0][1]].end <= pos:
                heapq.heappop(open_)
            owners.append(-open_[0][1] if open_ else None)
        return bounds, owners
