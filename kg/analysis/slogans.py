"""Slogans per district: when they appear, what they stand for, whether the definition lists as
many parts as the numerals say, and which other districts use the same string."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx


@dataclass(slots=True)
class SharedSlogan:
    """Another district using the same slogan string; ``same_definition`` is None when either
    district's documents do not define it."""

    district: str
    same_definition: bool | None


@dataclass(slots=True)
class SloganUse:
    slogan: str
    district: str | None
    node_id: str
    first_year: int | None
    last_year: int | None
    count: int | None  # what the numerals announce (五个临空 → 5)
    components: list[str]  # the definition's parts, in the order the text gives them
    count_matches: bool | None  # None when the slogan is not defined or has no count
    shared_with: list[SharedSlogan] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # the defining sentences

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def slogans(graph: nx.MultiDiGraph, *, district: str | None = None) -> list[SloganUse]:
    """Every slogan node (of ``district``, if given), by district then slogan."""
    uses = [_use(graph, n) for n, d in graph.nodes(data=True) if d["type"] == "Slogan"]
    by_name: dict[str, list[SloganUse]] = defaultdict(list)
    for use in uses:
        by_name[use.slogan].append(use)
    for use in uses:
        use.shared_with = [
            SharedSlogan(o.district, _same(use.components, o.components))
            for o in by_name[use.slogan]
            if o is not use and o.district
        ]
        use.shared_with.sort(key=lambda s: s.district)
    if district:
        uses = [u for u in uses if u.district == district]
    uses.sort(key=lambda u: (u.district or "", u.slogan))
    return uses


def _same(a: list[str], b: list[str]) -> bool | None:
    return set(a) == set(b) if a and b else None


def _use(graph: nx.MultiDiGraph, node: str) -> SloganUse:
    data = graph.nodes[node]
    parts: list[tuple[int, int, int, str]] = []  # (year, offset, order, name)
    sentences: dict[str, None] = {}
    for _, tail, e in graph.out_edges(node, data=True):
        if e["relation"] != "definedAs":
            continue
        year = e.get("year") or 0
        parts.append((year, e.get("tail_start") or 0, len(parts), graph.nodes[tail]["name"]))
        sentences.setdefault(e["sentence"], None)
    components = list(dict.fromkeys(name for *_, name in sorted(parts)))
    count = data.get("count")
    count_matches = len(components) == count if count is not None and components else None
    return SloganUse(
        slogan=data["name"],
        district=data.get("scope") or data.get("district"),
        node_id=node,
        first_year=data.get("first_year"),
        last_year=data.get("last_year"),
        count=count,
        components=components,
        count_matches=count_matches,
        evidence=list(sentences),
    )
