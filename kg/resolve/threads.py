"""Recurrence threads: the node a thing is followed under across years, when its name and type
change (十四中 in 2020 → 十四中改扩建项目 in 2025). Names stay separate nodes (a school is not
a project); the thread links them so that recurrence queries count them as one. Rules:
``resolve/data/threads.yaml``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.resources import load_yaml


@dataclass(frozen=True, slots=True)
class NodeName:
    """What a thread decision needs to know of a node."""

    id: str
    type: str
    district: str | None
    names: tuple[str, ...]  # canonical name first, then aliases


@dataclass(frozen=True, slots=True)
class ThreadRules:
    project_types: frozenset[str]
    facility_types: frozenset[str]
    suffixes: tuple[str, ...]  # longest first
    phases: tuple[str, ...]

    @classmethod
    @cache
    def load(cls, path: str = "resolve/data/threads.yaml") -> ThreadRules:
        data = load_yaml(path)
        return cls(
            project_types=frozenset(data["project_types"]),
            facility_types=frozenset(data["facility_types"]),
            suffixes=tuple(sorted(data["works_suffixes"], key=len, reverse=True)),
            phases=tuple(data.get("phases") or ()),
        )

    def facility_names(self, project_name: str) -> list[str]:
        """The facility names a project name may be built on: 十四中改扩建项目 → [十四中]."""
        out = []
        for suffix in self.suffixes:
            if project_name.endswith(suffix) and len(project_name) > len(suffix) + 1:
                base = project_name[: -len(suffix)]
                out.append(base)
                for phase in self.phases:
                    if base.endswith(phase) and len(base) > len(phase) + 1:
                        out.append(base[: -len(phase)])
        return out


def threads(nodes: Iterable[NodeName], rules: ThreadRules | None = None) -> dict[str, str]:
    """Node id → the id of its thread: the project that continues a facility, else itself.

    A facility continued by exactly one project (in its district) joins that project's thread;
    one continued by several stays on its own (which project it became is not known).
    """
    rules = rules or ThreadRules.load()
    nodes = list(nodes)
    facilities: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for node in nodes:
        if node.type in rules.facility_types:
            for name in node.names:
                facilities[(node.district, name)].add(node.id)
    continued_by: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        if node.type not in rules.project_types:
            continue
        for name in node.names:
            for base in rules.facility_names(name):
                for facility in facilities.get((node.district, base), ()):
                    continued_by[facility].add(node.id)
    out = {node.id: node.id for node in nodes}
    for facility, projects in continued_by.items():
        if len(projects) == 1:
            out[facility] = next(iter(projects))
    return out
