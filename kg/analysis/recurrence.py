"""Recurring things: canonical entities (followed along their thread, :mod:`kg.resolve.threads`)
mentioned in documents of at least two different years, with their status in each year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.graph.model import is_entity

DEFAULT_TYPES = ("Project", "Park", "Institution", "Place")
# how far along a status says a thing is; a year's status is the furthest any mention says
STATUS_RANK = {"mentioned": 0, "planned": 1, "started": 2, "ongoing": 3, "completed": 4}


@dataclass(slots=True)
class Recurring:
    canonical: str
    type: str
    district: str | None
    years: list[int]
    surfaces: list[str]
    status_by_year: dict[int, str]
    evidence_by_year: dict[int, str] = field(default_factory=dict)
    node_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status_by_year"] = {str(y): s for y, s in self.status_by_year.items()}
        data["evidence_by_year"] = {str(y): s for y, s in self.evidence_by_year.items()}
        return data


def recurring(
    graph: nx.MultiDiGraph,
    *,
    district: str | None = None,
    types: Iterable[str] = DEFAULT_TYPES,
    min_years: int = 2,
) -> list[Recurring]:
    """Threads of entities of ``types`` mentioned in at least ``min_years`` different years,
    most years first, then by name."""
    wanted = set(types)
    members: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if is_entity(data) and data["type"] in wanted:
            members[data.get("thread") or node].append(node)
    out = []
    for thread, nodes in members.items():
        head = graph.nodes[thread]
        if district and head.get("district") != district:
            continue
        item = _summarise(graph, thread, sorted(nodes))
        if len(item.years) >= min_years:
            out.append(item)
    out.sort(key=lambda r: (-len(r.years), r.canonical, r.type))
    return out


def _summarise(graph: nx.MultiDiGraph, thread: str, nodes: list[str]) -> Recurring:
    head = graph.nodes[thread]
    surfaces: set[str] = set()
    best: dict[int, tuple[int, int, str, str]] = {}  # year → (-rank, order, status, sentence)
    order = 0
    for node in nodes:
        for _, _, e in graph.out_edges(node, data=True):
            if e["relation"] != "mentionedIn" or e.get("year") is None:
                continue
            surfaces.add(e["surface"])
            status = e.get("status") or "mentioned"
            key = (-STATUS_RANK.get(status, 0), order, status, e["sentence"])
            order += 1
            year = int(e["year"])
            if year not in best or key < best[year]:
                best[year] = key
    years = sorted(best)
    return Recurring(
        canonical=head["name"],
        type=head["type"],
        district=head.get("district"),
        years=years,
        surfaces=sorted(surfaces),
        status_by_year={y: best[y][2] for y in years},
        evidence_by_year={y: best[y][3] for y in years},
        node_ids=nodes,
    )
