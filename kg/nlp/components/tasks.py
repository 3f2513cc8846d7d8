"""``kg_tasks_v1``: task items of a task breakdown and the units responsible for them.

Three layouts are read: a unit parenthesis after the item (``（牵头单位：…；责任单位：…）``),
``牵头单位：…`` key lines after the item, and task tables (序号 / 工作任务 / 牵头单位 / 配合单位,
one cell per line). Each unit becomes a candidate entity; run-together units (区财政局区税务局) are
split at body names; the parsed items go to ``doc._.tasks`` for the relation component.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.bodies import GovernmentBodies
from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, doc_text
from kg.regex import alternation, leading_words

_TRAILING = "。.,，;；、:：!！?？ \t\u3000"


@dataclass(slots=True)
class TaskUnit:
    role: str
    start: int
    end: int
    label: str


@dataclass(slots=True)
class TaskItem:
    """One task: its text span (``start``/``end``), its whole paragraph, and its units."""

    start: int
    end: int
    para_start: int
    para_end: int
    units: list[TaskUnit] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str


class Tasks:
    """Parses unit lists of task items and proposes each unit as an entity."""

    def __init__(self, data: dict[str, Any], bodies: GovernmentBodies) -> None:
        self.roles: dict[str, str] = dict(data["roles"])
        keys = alternation(list(self.roles))
        opens, closes = re.escape(data["open_parens"]), re.escape(data["close_parens"])
        colon = f"[{re.escape(data['colons'])}]"
        self.paren = re.compile(
            rf"[{opens}]\s*((?:{keys})\s*{colon}[^{opens}{closes}\n]*)[{closes}]"
        )
        # A key at a line start or after white space or a sentence end, checked after the key.
        key_at_start = leading_words(self.roles, lambda skip: rf"(?<![^\s。；;]{skip})")
        self.key_line = re.compile(rf"({key_at_start})\s*{colon}\s*")
        self.segment_split = re.compile(f"[{re.escape(data['segment_separators'])}]")
        self.unit_split = re.compile(f"[{re.escape(data['unit_separators'])}]")
        self.key = re.compile(rf"^\s*({keys})\s*{colon}\s*")
        marker = data["item_marker"]
        self.marker = re.compile(rf"[ \u3000\t]*{marker}")
        self.marker_anywhere = re.compile(rf"(?:^|(?<=\s)){marker}", re.M)
        self.inline_stop = re.compile(rf"\s+(?:{marker}|(?:{keys})\s*{colon})")
        self.max_item = int(data.get("max_item_chars", 800))
        self.note = re.compile(data["unit_note"])
        self.first_leads = re.compile(data["first_unit_leads"])
        self.generic = [re.compile(p) for p in data.get("generic_unit_regex", [])]
        self.generic_tail = re.compile(data["generic_tail"])
        self.unit_types: dict[str, str] = dict(data.get("unit_types", {}))
        self.number_headers = frozenset(data.get("table_number_headers", []))
        self.header_max = int(data.get("table_header_max_chars", 20))
        self.cell_max = int(data.get("table_unit_max_chars", 60))
        self.cell_forbidden = frozenset(data.get("table_unit_forbidden", ""))
        self.priority = int(data.get("priority", 9))
        self.bodies = bodies

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        tasks: list[TaskItem] = []
        covered: list[tuple[int, int]] = []
        for m in self.paren.finditer(text):
            covered.append((m.start(), m.end()))
            item = self.paren_item(text, m.start())
            self.parse_units(doc, m.start(1), m.end(1), item)
            if item.units:
                tasks.append(item)
        tasks.extend(self.key_line_items(doc, covered))
        tasks.extend(self.table_items(doc))
        tasks.sort(key=lambda t: (t.start, t.para_start))
        doc._.tasks = tasks
        return doc

    def paren_item(self, text: str, paren: int) -> TaskItem:
        """The item whose unit parenthesis starts at ``paren``: its number up to the parenthesis."""
        para_start = text.rfind("\n", 0, paren) + 1
        para_end = text.find("\n", paren)
        para_end = len(text) if para_end < 0 else para_end
        start = para_start
        marker = self.marker.match(text, para_start)
        if marker:
            start = marker.end()
        else:  # items run together on one line: the last marker after white space
            found = [m for m in self.marker_anywhere.finditer(text, para_start, paren)]
            if found:
                start = found[-1].end()
        return TaskItem(*self.trim(text, start, paren), para_start, para_end)

    def key_line_items(self, doc: Doc, covered: list[tuple[int, int]]) -> list[TaskItem]:
        """Items followed by ``牵头单位：…`` lines (or the key after the item on the same line)."""
        text = doc_text(doc)
        cover_starts = [s for s, _ in covered]
        keys: list[re.Match[str]] = []
        for key in self.key_line.finditer(text):
            i = bisect.bisect_right(cover_starts, key.start()) - 1
            if not (i >= 0 and covered[i][0] <= key.start() < covered[i][1]):
                keys.append(key)
        if not keys:  # most documents: no need to find the item markers
            return []
        markers = [m for m in self.marker_anywhere.finditer(text)]
        marker_starts = [m.start() for m in markers]
        items: dict[int, TaskItem] = {}
        for key in keys:
            j = bisect.bisect_left(marker_starts, key.start()) - 1
            if j < 0 or key.start() - markers[j].end() > self.max_item:
                continue
            marker = markers[j]
            item = items.get(marker.start())
            if item is None:
                line_end = text.find("\n", marker.end())
                line_end = len(text) if line_end < 0 else line_end
                start, end = self.trim(text, marker.end(), min(line_end, key.start()))
                if start >= end:
                    continue
                item = TaskItem(start, end, marker.start(), key.start())
                items[marker.start()] = item
            line_end = text.find("\n", key.end())
            line_end = len(text) if line_end < 0 else line_end
            stop = self.inline_stop.search(text, key.end(), line_end)
            units_end = stop.start() if stop else line_end
            item.para_end = max(item.para_end, units_end)
            self.parse_segment(doc, self.roles[key.group(1)], key.end(), units_end, item)
        return [item for item in items.values() if item.units]

    def table_items(self, doc: Doc) -> list[TaskItem]:
        """Rows of task tables written one cell per line under a 序号 / task / role-key header."""
        text = doc_text(doc)
        lines: list[_Line] = []
        pos = 0
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
            pos += len(raw) + 1
        items: list[TaskItem] = []
        i = 0
        while i < len(lines):
            if lines[i].text not in self.number_headers or i + 2 >= len(lines):
                i += 1
                continue
            roles: list[str] = []
            k = i + 2
            while k < len(lines) and lines[k].text in self.roles:
                roles.append(self.roles[lines[k].text])
                k += 1
            if not roles or len(lines[i + 1].text) > self.header_max:
                i += 1
                continue
            rows: list[list[_Line]] = []
            while k < len(lines) and lines[k].text not in self.number_headers:
                if lines[k].text.isdigit():
                    rows.append([])
                elif rows:
                    rows[-1].append(lines[k])
                k += 1
            for cells in rows:
                item = self.table_row(doc, cells, roles)
                if item is not None:
                    items.append(item)
            i = k
        return items

    def table_row(self, doc: Doc, cells: list[_Line], roles: list[str]) -> TaskItem | None:
        """A row's task cell and unit cells; a leading group cell (rowspan) is skipped."""
        n = len(roles)
        if len(cells) < n + 1:
            return None
        first = 0
        if len(cells) >= n + 2 and not self.unit_cell(cells[1].text):
            first = 1
        task, unit_cells = cells[first], cells[first + 1 : first + 1 + n]
        if not all(self.unit_cell(c.text) for c in unit_cells):
            return None
        start, end = self.trim(doc_text(doc), task.start, task.end)
        item = TaskItem(start, end, cells[0].start, unit_cells[-1].end)
        for role, cell in zip(roles, unit_cells, strict=True):
            self.parse_segment(doc, role, cell.start, cell.end, item)
        return item if item.units else None

    def unit_cell(self, cell: str) -> bool:
        return len(cell) <= self.cell_max and not any(c in self.cell_forbidden for c in cell)

    def trim(self, text: str, start: int, end: int) -> tuple[int, int]:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        return start, end

    def parse_units(self, doc: Doc, start: int, end: int, item: TaskItem) -> None:
        """Role segments ``KEY：unit、unit；KEY：…`` of a parenthesis."""
        text = doc_text(doc)
        pos = start
        for segment in self.segment_split.split(text[start:end]):
            seg_start, pos = pos, pos + len(segment) + 1
            key = self.key.match(segment)
            if key:
                role = self.roles[key.group(1)]
                self.parse_segment(doc, role, seg_start + key.end(), seg_start + len(segment), item)

    def parse_segment(self, doc: Doc, role: str, start: int, end: int, item: TaskItem) -> None:
        """The units of one role listed in ``[start, end)``; notes in brackets are skipped."""
        text = doc_text(doc)
        notes = list(self.note.finditer(text, start, end))
        first_leads = any(self.first_leads.search(n.group()) for n in notes)
        pieces: list[tuple[int, int]] = []
        piece_start = start
        for n in notes:
            pieces.append((piece_start, n.start()))
            piece_start = n.end()
        pieces.append((piece_start, end))
        first = True
        for p_start, p_end in pieces:
            offset = p_start
            for unit in self.unit_split.split(text[p_start:p_end]):
                u_start, offset = offset, offset + len(unit) + 1
                stripped = self.drop_generic_tail(unit.strip())
                if not stripped or any(g.search(stripped) for g in self.generic):
                    first = False if stripped else first
                    continue
                u_start += len(unit) - len(unit.lstrip())
                unit_role = "lead" if first and first_leads else role
                first = False
                for s, e in self.split_run_together(stripped):
                    self.add_unit(doc, item, unit_role, u_start + s, u_start + e)

    def drop_generic_tail(self, unit: str) -> str:
        """江北管理区各街办 → 江北管理区; 区政府各相关部门 (the government's departments) stays."""
        tail = self.generic_tail.search(unit)
        if not tail or tail.start() == 0:
            return unit
        head = unit[: tail.start()]
        if head.endswith(tuple(self.unit_types)):
            return head
        return unit

    def split_run_together(self, unit: str) -> list[tuple[int, int]]:
        """区财政局区税务局, 区发改局科经局 → one span per body; otherwise the unit stays whole."""
        pieces: list[tuple[int, int]] = []
        pos = 0
        while pos < len(unit):
            ends = [m.end() for _, p in self.bodies.patterns if (m := p.match(unit, pos))]
            end = max(ends, default=pos)
            if end <= pos:
                return [(0, len(unit))]
            pieces.append((pos, end))
            pos = end
        return pieces if len(pieces) > 1 else [(0, len(unit))]

    def add_unit(self, doc: Doc, item: TaskItem, role: str, start: int, end: int) -> None:
        name = doc_text(doc)[start:end]
        label = next((t for s, t in self.unit_types.items() if name.endswith(s)), "GovernmentBody")
        add_candidate(doc, start, end, label, rule="task_unit", priority=self.priority)
        item.units.append(TaskUnit(role, start, end, label))


@Language.factory(
    "kg_tasks_v1",
    default_config={
        "rules": "nlp/rules/tasks.yaml",
        "bodies": "nlp/rules/government_bodies.yaml",
    },
)
def make_tasks(nlp: Language, name: str, rules: str, bodies: str) -> Tasks:
    """The task component with its rules and the body patterns used to split run-together units."""
    return Tasks(load_rules(rules), GovernmentBodies(load_rules(bodies)))
