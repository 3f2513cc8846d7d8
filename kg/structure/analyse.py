"""Finds the layout of a policy document: paragraphs, sections, sentences, notes, definitions.

``analyse`` runs on the analysis text (same length as the source; ASCII ``,:;()`` mapped to full
width, page furniture blanked to spaces), so every span it reports indexes the source as well.
Rules and cue words live in ``data/sections.yaml`` and ``data/definitions.yaml``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from kg.regex import SkipScanner, alternation, any_of, first_chars
from kg.structure.definitions import (
    Entry,
    components,
    definitions_from_entry,
    inline_definitions,
    parse_entry,
)
from kg.structure.model import (
    Definition,
    DefinitionSource,
    DocStructure,
    NoteRef,
    Section,
    SectionRole,
    Sentence,
)
from kg.structure.numerals import read_numeral_count
from kg.structure.resources import load_rules

Span = tuple[int, int]

_QUOTE_MAX = 300  # a “…” pair longer than this is a stray quote, not a protected span
_TITLE_MAX = 200  # same for 《…》
_CLOSERS = re.compile(r"[”’」』)）》】\]]*")
_SENTENCE_END = re.compile(r"[。!?！？;；]+[”’」』)）》】\]]*")  # terminators, then closers
_PARAGRAPH = re.compile(r"[^\n]+")
_DUTY_MAX = 500  # longest bracketed responsibility note searched for its closing parenthesis


@dataclass(frozen=True, slots=True)
class _Pair:
    """Regexes of an opening and closing mark (“ ”, 《 》) for :func:`_pairs`."""

    opening: str
    marks: re.Pattern[str]  # either mark
    adjacent: re.Pattern[str]  # an opening, then the first mark after it, a closing one
    nested: re.Pattern[str]  # an opening, then the first mark after it, another opening

    @classmethod
    def of(cls, opening: str, closing: str) -> _Pair:
        other = f"[^{opening}{closing}]*"
        return cls(
            opening,
            re.compile(f"[{opening}{closing}]"),
            re.compile(f"{opening}{other}{closing}"),
            re.compile(f"{opening}{other}{opening}"),
        )


_QUOTE_PAIR = _Pair.of("“", "”")
_TITLE_PAIR = _Pair.of("《", "》")


@dataclass(frozen=True, slots=True)
class _Marker:
    level: int
    pattern: re.Pattern[str]
    mid_line: bool


@dataclass(frozen=True, slots=True)
class _Unnumbered:
    kind: str
    level: int
    role: SectionRole | None
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Rules:
    markers: tuple[_Marker, ...]
    marker_start: re.Pattern[str] | None  # a character some marker can start with
    mid_line: re.Pattern[str]
    heading_text_start: re.Pattern[str]
    heading_end: re.Pattern[str]
    heading_max_chars: int
    excluded: re.Pattern[str]
    unnumbered: tuple[_Unnumbered, ...]
    unnumbered_max: int
    unnumbered_forbidden: re.Pattern[str]
    glossary_title: re.Pattern[str]
    review: re.Pattern[str]
    plan: re.Pattern[str]
    duty: SkipScanner  # searched for in every section's text
    inline_footnote: re.Pattern[str]
    bracket_marker: re.Pattern[str]
    paren_marker: re.Pattern[str]
    trailing_min: int
    trailing_slack: int
    table_header: re.Pattern[str]
    duty_header: re.Pattern[str]
    max_header_cells: int


def _cue(words: list[str], before: str, after: str) -> SkipScanner:
    """One of ``words`` then ``after``, at a line start or right after a ``before`` character.

    A look-ahead for the words' first characters leads: re then tests one character set at most
    positions instead of the look-behinds (five times faster scans); the SkipScanner jumps from
    one such character to the next (twice faster again)."""
    firsts = re.escape("".join(sorted({w[0] for w in words})))
    return SkipScanner(
        re.compile(
            rf"(?=[{firsts}])(?:(?<={before})|(?<=^))(?:{alternation(words)}){after}",
            re.MULTILINE,
        )
    )


def _any_first_char(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """A class of the characters a match of any of ``patterns`` can start with; None if one of
    them can start with any character or has flags of its own. Most lines open with none of
    them: one test instead of a try of every pattern."""
    classes = [first_chars(p) for p in patterns]
    if any(c is None for c in classes) or any(p.flags != re.UNICODE for p in patterns):
        return None
    return re.compile("|".join(c for c in classes if c))


@functools.cache
def _rules() -> _Rules:
    sections = load_rules("sections")
    definitions = load_rules("definitions")
    markers = tuple(
        _Marker(int(m["level"]), re.compile(m["pattern"]), bool(m.get("mid_line", False)))
        for m in sections["numbered_headings"]
    )
    mid = "|".join(f"(?:{m.pattern.pattern})" for m in markers if m.mid_line)
    unnumbered = tuple(
        _Unnumbered(h["kind"], int(h["level"]), h.get("role"), re.compile(h["pattern"]))
        for h in sections["unnumbered"]["headings"]
    )
    glossary = next(u.pattern for u in unnumbered if u.kind == "glossary")
    cues = sections["role_cues"]
    return _Rules(
        markers=markers,
        marker_start=_any_first_char([m.pattern for m in markers]),
        # a whitespace run followed by a mid-line marker; the look-behind, after the run's first
        # character, keeps the run whole (there rather than in front: scans skip faster)
        mid_line=re.compile(rf"\s(?<!\s\s)\s*+(?=(?:{mid}))"),
        heading_text_start=re.compile(sections["heading_text_start"]),
        heading_end=re.compile(rf"{sections['heading_terminators']}|\s"),
        heading_max_chars=int(sections["heading_max_chars"]),
        excluded=any_of(sections["excluded_heading_text"]),
        unnumbered=unnumbered,
        unnumbered_max=int(sections["unnumbered"]["max_chars"]),
        unnumbered_forbidden=re.compile(sections["unnumbered"]["forbidden"]),
        glossary_title=glossary,
        review=any_of(cues["review"]),
        plan=any_of(cues["plan"]),
        duty=_cue(**sections["duty_cue"]),
        inline_footnote=re.compile(definitions["inline_footnote"]),
        bracket_marker=re.compile(definitions["bracket_marker"]),
        paren_marker=re.compile(definitions["paren_marker"]),
        trailing_min=int(definitions["trailing_glossary_min_entries"]),
        trailing_slack=int(definitions["trailing_slack"]),
        table_header=re.compile(sections["task_table"]["header"]),
        duty_header=re.compile(sections["task_table"]["duty_header"]),
        max_header_cells=int(sections["task_table"]["max_header_cells"]),
    )


@dataclass(slots=True)
class _Heading:
    start: int
    heading_start: int
    heading_end: int
    level: int
    marker: str
    kind: str  # "numbered", "glossary", "attachment", "part", "other", "synthetic"
    role: SectionRole | None = None
    split_after: bool = False  # heading ended at whitespace: a sentence boundary follows it
    duties: list[Span] = field(default_factory=list)


# ---------------------------------------------------------------- paragraphs and notes


def _paragraphs(text: str) -> list[Span]:
    """Non-blank lines, stripped of surrounding whitespace."""
    out: list[Span] = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


@dataclass(slots=True)
class _Notes:
    spans: list[Span] = field(default_factory=list)
    footnotes: list[tuple[Span, Span]] = field(default_factory=list)  # (whole, content)
    refs: list[NoteRef] = field(default_factory=list)


def _quoted_before(text: str, pos: int) -> Span | None:
    """The interior of a “…” that ends right before ``pos``, if any (at most 30 characters)."""
    if pos == 0 or text[pos - 1] != "”":
        return None
    opening = text.rfind("“", max(0, pos - 32), pos - 1)
    if opening < 0 or "”" in text[opening + 1 : pos - 1]:
        return None
    return opening + 1, pos - 1


def _find_notes(text: str, paragraphs: list[Span]) -> _Notes:
    rules = _rules()
    notes = _Notes()
    starts = {start for start, _ in paragraphs}
    for match in rules.inline_footnote.finditer(text):
        notes.spans.append(match.span())
        notes.footnotes.append((match.span(), match.span(1)))
    for pattern in (rules.bracket_marker, rules.paren_marker):
        for match in pattern.finditer(text):
            notes.spans.append(match.span())
            if match.start() in starts:
                continue  # the label of an endnote entry, not a reference
            term = _quoted_before(text, match.start())
            notes.refs.append(
                NoteRef(
                    match.start(),
                    match.end(),
                    int(match.group(1)),
                    term[0] if term else None,
                    term[1] if term else None,
                )
            )
    notes.spans.sort()
    notes.refs.sort(key=lambda r: r.start)
    return notes


# ---------------------------------------------------------------- headings


def _compact(text: str, start: int, end: int) -> str:
    return "".join(text[start:end].split())


def _unnumbered(text: str, span: Span) -> _Heading | None:
    rules = _rules()
    start, end = span
    if end - start > 3 * rules.unnumbered_max:
        return None
    line = _compact(text, start, end)
    if len(line) > rules.unnumbered_max or rules.unnumbered_forbidden.search(line.rstrip(":：")):
        return None
    for rule in rules.unnumbered:
        if rule.pattern.search(line):
            return _Heading(start, start, end, rule.level, "", rule.kind, rule.role)
    return None


def _numbered(text: str, pos: int, end: int, mid_line: bool) -> _Heading | None:
    """A numbered heading whose marker starts at ``pos`` (line end at ``end``), if any."""
    rules = _rules()
    if rules.marker_start is not None and not rules.marker_start.match(text, pos, end):
        return None
    for marker in rules.markers:
        if mid_line and not marker.mid_line:
            continue
        match = marker.pattern.match(text, pos, end)
        if not match:
            continue
        start = match.end()
        while start < end and text[start].isspace():
            start += 1
        if start >= end or not rules.heading_text_start.match(text, start):
            return None
        limit = min(end, start + rules.heading_max_chars)
        stop = rules.heading_end.search(text, start, limit)
        heading_end = stop.start() if stop else limit
        split_after = (stop is None and limit < end) or bool(stop and text[stop.start()].isspace())
        duty = rules.duty.search(text, start, heading_end)
        if duty:
            cut = duty.start()
            if cut > start and text[cut - 1] in "(（":
                cut -= 1
            heading_end = cut
        while heading_end > start and text[heading_end - 1].isspace():
            heading_end -= 1
        if heading_end <= start or rules.excluded.search(text[start:heading_end]):
            return None
        return _Heading(
            pos, start, heading_end, marker.level, match.group(), "numbered", None, split_after
        )
    return None


def _find_headings(text: str, paragraphs: list[Span]) -> list[_Heading]:
    rules = _rules()
    found: list[_Heading] = []
    for start, end in paragraphs:
        heading = _numbered(text, start, end, False) or _unnumbered(text, (start, end))
        if heading:
            found.append(heading)
        if len(text[start:end].split(maxsplit=1)) < 2:
            continue  # no inner whitespace (most paragraphs): str.split finds none faster than re
        for gap in rules.mid_line.finditer(text, start, end):
            before = text[gap.start() - 1]
            if before.isascii() and (before.isalnum() or before in "%.+-"):
                continue
            heading = _numbered(text, gap.end(), end, True)
            if heading:
                found.append(heading)
    return found


def _table_rows(text: str, paragraphs: list[Span]) -> list[_Heading]:
    """Rows of task tables flattened one cell per line, as task headings with their duties."""
    rules = _rules()
    cells = [_compact(text, s, e) if e - s <= 40 else "" for s, e in paragraphs]
    out: list[_Heading] = []
    i = 0
    while i < len(paragraphs):
        if not rules.table_header.search(cells[i]):
            i += 1
            continue
        j = i + 1
        while j < len(cells) and j - i <= rules.max_header_cells and cells[j] != "1":
            j += 1
        if j >= len(cells) or cells[j] != "1":
            i += 1
            continue
        header = cells[i + 1 : j]
        duty_columns = sum(1 for cell in header if rules.duty_header.search(cell))
        width = len(header)
        number = 1
        while duty_columns and j < len(cells) and cells[j] == str(number):
            row: list[int] = []
            m = j + 1
            while m < len(cells) and len(row) <= width and cells[m] != str(number + 1):
                row.append(m)
                m += 1
            ended = len(row) > width  # ran past the table: keep one row's worth of cells
            row = row[:width]
            if row:
                first = paragraphs[row[0]]
                duties = (
                    [paragraphs[c] for c in row[-duty_columns:]] if len(row) > duty_columns else []
                )
                out.append(
                    _Heading(
                        paragraphs[j][0], first[0], first[1], 3, text[slice(*paragraphs[j])],
                        "table", "tasks" if duties else None, True, duties,
                    )
                )  # fmt: skip
            if ended or not row:
                break
            number += 1
            j = m
        i = max(j, i + 1)
    return out


def _trailing_glossary(text: str, paragraphs: list[Span]) -> int | None:
    """Index of the first paragraph of a run of term:definition entries closing the document."""
    rules = _rules()
    index = len(paragraphs) - 1
    after = 0
    while index >= 0 and after <= rules.trailing_slack:
        run_end = index
        while index >= 0 and _glossary_like(text, paragraphs[index]):
            index -= 1
        if run_end - index >= rules.trailing_min:
            return index + 1
        after += run_end - index + 1
        index -= 1
    return None


def _glossary_like(text: str, span: Span) -> bool:
    entry = parse_entry(text, *span)
    return entry is not None and not _rules().duty.match(text, entry.head[0])


# ---------------------------------------------------------------- sections


def _cue_role(heading: str) -> SectionRole | None:
    rules = _rules()
    if rules.glossary_title.search("".join(heading.split())):
        return "glossary"
    if rules.review.search(heading):
        return "review"
    if rules.plan.search(heading):
        return "plan"
    return None


def _unique(headings: list[_Heading]) -> list[_Heading]:
    """Headings in document order, one per (start, level); outer levels first."""
    return sorted(
        {(h.start, h.level): h for h in headings}.values(), key=lambda h: (h.start, h.level)
    )


def _build_sections(text: str, headings: list[_Heading]) -> list[Section]:
    headings = _unique(headings)
    sections: list[Section] = []
    stack: list[int] = []
    for index, heading in enumerate(headings):
        while stack and sections[stack[-1]].level >= heading.level:
            sections[stack.pop()].end = heading.start
        parent = stack[-1] if stack else None
        parent_role: SectionRole | None = sections[parent].role if parent is not None else None
        own_end = headings[index + 1].start if index + 1 < len(headings) else len(text)
        duties = heading.duties or _duties(text, heading.heading_start, own_end)
        title = text[heading.heading_start : heading.heading_end]
        role: SectionRole
        if heading.role is not None:
            role = heading.role
        elif heading.kind == "numbered" and duties:
            role = "tasks"
        elif heading.kind == "numbered" and parent_role not in (None, "other"):
            role = "glossary" if _cue_role(title) == "glossary" else (parent_role or "other")
        else:
            role = _cue_role(title) or parent_role or "other"
        sections.append(
            Section(
                heading.start,
                len(text),
                heading.level,
                heading.marker,
                heading.heading_start,
                heading.heading_end,
                role,
                parent,
                duties if role == "tasks" else [],
                heading.kind == "synthetic",
            )
        )
        stack.append(len(sections) - 1)
    for section in sections:
        section.end = section.start + len(text[section.start : section.end].rstrip())
        section.end = max(section.end, section.heading_end)
    for index, section in enumerate(sections):
        # 附件: directly followed by 名词注释 is the glossary appendix
        nxt = sections[index + 1] if index + 1 < len(sections) else None
        if (
            headings[index].kind == "attachment"
            and nxt is not None
            and nxt.parent == index
            and nxt.role == "glossary"
            and not text[section.heading_end : nxt.start].strip()
        ):
            section.role = "glossary"
    return sections


def _duties(text: str, start: int, end: int) -> list[Span]:
    """Responsibility notes in a task item's own text: (牵头单位:…) or a 责任单位:… line."""
    out: list[Span] = []
    pos = start
    duty = _rules().duty
    while True:
        match = duty.search(text, pos, end)
        if not match:
            return out
        line_end = text.find("\n", match.end(), end)
        line_end = end if line_end < 0 else line_end
        note_start = match.start()
        if note_start > start and text[note_start - 1] in "(（":
            note_start -= 1
            depth, stop = 0, line_end
            for p in range(note_start, min(line_end, note_start + _DUTY_MAX)):
                if text[p] in "(（":
                    depth += 1
                elif text[p] in ")）":
                    depth -= 1
                    if depth == 0:
                        stop = p + 1
                        break
        else:
            stop = line_end
            while stop > note_start and text[stop - 1].isspace():
                stop -= 1
        if out and out[-1][1] >= note_start:
            out[-1] = (out[-1][0], max(out[-1][1], stop))
        else:
            out.append((note_start, stop))
        pos = max(stop, match.end())


class _SectionIndex:
    """Finds the innermost section around a position."""

    def __init__(self, sections: list[Section]) -> None:
        self._sections = sections
        self._starts = [s.start for s in sections]
        # the answer only changes where a section starts or ends: work it out there once, so
        # that a look-up is one binary search
        self._bounds = sorted({p for s in sections for p in (s.start, max(s.end, s.start + 1))})
        self._owners = [self._climb(p) for p in self._bounds]

    def innermost(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._bounds, pos) - 1
        return self._owners[i] if i >= 0 else None

    def _climb(self, pos: int) -> int | None:
        """The section that starts last at or before ``pos``, or its nearest parent holding it."""
        index: int | None = bisect.bisect_right(self._starts, pos) - 1
        while index is not None and index >= 0:
            section = self._sections[index]
            if section.start <= pos < max(section.end, section.start + 1):
                return index
            index = section.parent
        return None


# ---------------------------------------------------------------- definitions


def _footnote_definitions(text: str, notes: _Notes, out: list[Definition]) -> None:
    for whole, content in notes.footnotes:
        entry = parse_entry(text, *content)
        if entry is not None:
            out.extend(definitions_from_entry(text, entry, "footnote", len(out)))
            continue
        term = _quoted_before(text, whole[0])
        if term is None:
            continue
        body = (content[0], content[1])
        while body[1] > body[0] and text[body[1] - 1] in "。 ":
            body = (body[0], body[1] - 1)
        term_text = text[term[0] : term[1]]
        expected = read_numeral_count(term_text)
        comps = components(text, body, expected)
        out.append(
            Definition(
                term_text, term[0], term[1], body[0], body[1], "footnote", comps,
                term[0], term[1], expected, len(comps),
            )
        )  # fmt: skip


def _glossary_definitions(
    text: str,
    paragraphs: list[Span],
    sections: list[Section],
    index: _SectionIndex,
    out: list[Definition],
) -> None:
    titles = {(s.heading_start, s.heading_end) for s in sections if not s.marker}
    heading_starts = {s.start for s in sections}
    current: int | None = None  # the glossary section being read
    ended = False  # a plain paragraph after its entries: the glossary is over (page footer)
    for span in paragraphs:
        if span in titles:
            continue
        section = index.innermost(span[0])
        if section is None or sections[section].role != "glossary":
            continue
        top = _glossary_root(sections, section)
        if top != current:
            current, ended, seen = top, False, False
        entry: Entry | None = parse_entry(text, *span)
        if entry is None:
            ended = ended or (seen and span[0] not in heading_starts)
            continue
        if ended:
            continue
        seen = True
        source: DefinitionSource = "endnote" if entry.endnote else "glossary"
        out.extend(definitions_from_entry(text, entry, source, len(out)))


def _glossary_root(sections: list[Section], index: int) -> int:
    """The outermost glossary section enclosing section ``index``."""
    parent = sections[index].parent
    while parent is not None and sections[parent].role == "glossary":
        index, parent = parent, sections[parent].parent
    return index


def _link_refs(notes: _Notes, definitions: list[Definition]) -> None:
    by_label: dict[int, int] = {}
    for i, definition in enumerate(definitions):
        if definition.source == "endnote" and definition.label and definition.parent is None:
            digits = "".join(c for c in definition.label if c.isdigit())
            if digits:
                by_label.setdefault(int(digits), i)
    for ref in notes.refs:
        ref.definition = by_label.get(ref.label)


# ---------------------------------------------------------------- sentences


def _protected(text: str, start: int, end: int, notes: list[Span]) -> list[Span]:
    """Spans inside which no sentence ends: notes, matched “…” and 《…》 pairs."""
    spans = list(notes)
    for pair, limit in ((_QUOTE_PAIR, _QUOTE_MAX), (_TITLE_PAIR, _TITLE_MAX)):
        spans.extend(p for p in _pairs(text, start, end, pair) if p[1] - 1 - p[0] <= limit)
    spans.sort()
    return spans


def _pairs(text: str, start: int, end: int, pair: _Pair) -> list[Span]:
    """Each closing mark with the nearest unmatched opening mark before it (a stack); a closing
    mark without one is passed over.

    Without two openings in a row the stack never holds more than one mark: the pairs are then
    the adjacent ones, found by one regex that skips to the opening character."""
    if not pair.nested.search(text, start, end):
        return [m.span() for m in pair.adjacent.finditer(text, start, end)]
    found: list[Span] = []
    stack: list[int] = []
    for match in pair.marks.finditer(text, start, end):
        if match.group() == pair.opening:
            stack.append(match.start())
        elif stack:
            found.append((stack.pop(), match.end()))
    return found


def _guarded_cuts(
    text: str, end: int, runs: list[Span], protected: list[Span], note_at: dict[int, int]
) -> list[int]:
    """Where a paragraph's terminator ``runs`` end its sentences, given its ``protected`` spans
    (none of their runs cuts) and its notes by start (``note_at``: a note right after a
    terminator stays in its sentence)."""
    cuts: list[int] = []
    pointer, covered = 0, -1
    for run_start, run_end in runs:
        while pointer < len(protected) and protected[pointer][0] <= run_start:
            covered = max(covered, protected[pointer][1])
            pointer += 1
        if run_start < covered:
            continue
        cut = run_end
        while cut in note_at:
            cut = note_at[cut]
            closers = _CLOSERS.match(text, cut, end)  # None once past the paragraph end
            cut = closers.end() if closers else cut
        cuts.append(cut)
    return cuts


def _opens_before(text: str, start: int, end: int) -> bool:
    """Whether a “ or a 《 lies in ``[start, end)`` (two literal searches: a class would be
    tested at every character)."""
    return text.find("“", start, end) >= 0 or text.find("《", start, end) >= 0


def _sentence_ends(text: str, paragraphs: list[Span], notes: list[Span]) -> list[int]:
    """Where the terminator runs of the text end sentences (each run lies in one paragraph:
    none holds a space). Only a paragraph with a note, or an opening quote or title mark before
    a run, can protect a run: the runs of the others all cut."""
    runs = [m.span() for m in _SENTENCE_END.finditer(text)]
    run_starts = [s for s, _ in runs]
    note_starts = [s for s, _ in notes]
    cuts: list[int] = []
    first = 0
    for start, end in paragraphs:
        last = bisect.bisect_left(run_starts, end, first)
        if first == last:
            continue
        lo = bisect.bisect_left(note_starts, start)
        hi = bisect.bisect_left(note_starts, end, lo)
        if lo == hi and not _opens_before(text, start, run_starts[last - 1]):
            cuts.extend(e for _, e in runs[first:last])
        else:
            own = notes[lo:hi]
            protected = _protected(text, start, end, own)
            cuts.extend(_guarded_cuts(text, end, runs[first:last], protected, dict(own)))
        first = last
    return cuts


def _sentences(
    text: str,
    paragraphs: list[Span],
    notes: list[Span],
    headings: list[_Heading],
    index: _SectionIndex,
) -> list[Sentence]:
    """The paragraphs cut at sentence ends and at headings' bounds, stripped of whitespace.

    The cuts of all paragraphs and the paragraphs' bounds are sorted into one list: a piece
    between two of them lies in one paragraph, or between two, where it is blank."""
    bounds = set(_sentence_ends(text, paragraphs, notes))
    bounds.update(h.start for h in headings)
    bounds.update(h.heading_end for h in headings if h.split_after)
    for start, end in paragraphs:
        bounds.add(start)
        bounds.add(end)
    paragraph_starts = [s for s, _ in paragraphs]
    innermost = index.innermost
    out: list[Sentence] = []
    for s, e in itertools.pairwise(sorted(bounds)):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            number = bisect.bisect_right(paragraph_starts, s) - 1
            out.append(Sentence(s, e, number, innermost(s)))
    return out


# ---------------------------------------------------------------- entry point


def analyse(text: str) -> DocStructure:
    """Paragraphs, sections (with level, parent, role), sentences, notes and definitions of a text.

    Every span indexes ``text``; a sentence may contain note spans, which consumers skip.
    """
    paragraphs = _paragraphs(text)
    notes = _find_notes(text, paragraphs)
    headings = _find_headings(text, paragraphs) + _table_rows(text, paragraphs)
    run = _trailing_glossary(text, paragraphs)
    if run is not None:
        run_start = paragraphs[run][0]
        top = [h for h in headings if h.level <= 1 and h.start <= run_start]
        last_top = max(top, key=lambda h: h.start) if top else None
        if last_top is None or last_top.role != "glossary":
            headings.append(
                _Heading(run_start, run_start, run_start, 1, "", "synthetic", "glossary")
            )
    sections = _build_sections(text, headings)
    headings = _unique(headings)
    index = _SectionIndex(sections)
    definitions: list[Definition] = []
    _footnote_definitions(text, notes, definitions)
    _glossary_definitions(text, paragraphs, sections, index, definitions)
    _link_refs(notes, definitions)
    # terms the running text defines in place (“一核”即…, 堵、查…督“八字诀”), after the notes and
    # glossaries so that their own parts are not read twice
    definitions.extend(inline_definitions(text, definitions))
    sentences = _sentences(text, paragraphs, notes.spans, headings, index)
    return DocStructure(
        sections=sections,
        paragraphs=paragraphs,
        sentences=sentences,
        definitions=definitions,
        notes=notes.spans,
        note_refs=notes.refs,
    )
