"""``kg_tasks_v1``: task items of a task breakdown and the units responsible for them.

Each unit in ``(牵头单位:…;责任单位:…;配合单位:…)`` becomes a candidate entity; run-together
units (区财政局区税务局) are split at body suffixes; the parsed items go to ``doc._.tasks`` for the
relation component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.bodies import GovernmentBodies
from kg.nlp.rules import alternation, load_rules
from kg.nlp.spans import add_candidate

_TRAILING = "。,,;;、.: \u3000"


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


class Tasks:
    """Parses unit parentheses and proposes each unit as an entity."""

    def __init__(self, data: dict[str, Any], bodies: GovernmentBodies) -> None:
        self.roles: dict[str, str] = dict(data["roles"])
        keys = alternation(list(self.roles))
        self.paren = re.compile(rf"[((]\s*((?:{keys})\s*[::][^()()\n]*)[))]")
        self.segment_split = re.compile(f"[{re.escape(data['segment_separators'])}]")
        self.unit_split = re.compile(f"[{re.escape(data['unit_separators'])}]")
        self.key = re.compile(rf"^\s*({keys})\s*[::]\s*")
        self.marker = re.compile(data["item_marker"])
        self.generic = frozenset(data.get("generic_units", []))
        self.unit_types: dict[str, str] = dict(data.get("unit_types", {}))
        self.priority = int(data.get("priority", 9))
        self.bodies = bodies

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        tasks: list[TaskItem] = []
        for m in self.paren.finditer(text):
            para_start = text.rfind("\n", 0, m.start()) + 1
            para_end = text.find("\n", m.end())
            para_end = len(text) if para_end < 0 else para_end
            marker = self.marker.match(text, para_start)
            start = marker.end() if marker else para_start
            while start < m.start() and text[start].isspace():
                start += 1
            end = m.start()
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            item = TaskItem(start, end, para_start, para_end)
            self.parse_units(doc, text, m.start(1), m.end(1), item)
            if item.units:
                tasks.append(item)
        doc._.tasks = tasks
        return doc

    def parse_units(self, doc: Doc, text: str, start: int, end: int, item: TaskItem) -> None:
        pos = start
        for segment in self.segment_split.split(text[start:end]):
            seg_start, pos = pos, pos + len(segment) + 1
            key = self.key.match(segment)
            if not key:
                continue
            role = self.roles[key.group(1)]
            offset = seg_start + key.end()
            for unit in self.unit_split.split(segment[key.end() :]):
                u_start, offset = offset, offset + len(unit) + 1
                stripped = unit.strip()
                if not stripped or stripped in self.generic:
                    continue
                u_start += len(unit) - len(unit.lstrip())
                for s, e in self.split_run_together(stripped):
                    self.add_unit(doc, item, role, u_start + s, u_start + e)

    def split_run_together(self, unit: str) -> list[tuple[int, int]]:
        """区财政局区税务局 → two spans; a unit the body patterns do not tile stays whole."""
        pieces: list[tuple[int, int]] = []
        for _, pattern in self.bodies.patterns:
            pieces = [m.span() for m in pattern.finditer(unit)]
            if (
                len(pieces) > 1
                and pieces[0][0] == 0
                and pieces[-1][1] == len(unit)
                and all(a[1] == b[0] for a, b in pairwise(pieces))
            ):
                return pieces
        return [(0, len(unit))]

    def add_unit(self, doc: Doc, item: TaskItem, role: str, start: int, end: int) -> None:
        name = doc.text[start:end]
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
    return Tasks(load_rules(rules), GovernmentBodies(load_rules(bodies)))
