"""Recurring things: canonical entities (followed along their thread, :mod:`kg.resolve.threads`)
mentioned in a district's documents of at least two different years, with their status in each
year. A thing two districts both mention (长江) is counted per district: the question is what a
district keeps promising."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.records import ENTITY_TYPES

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


def parse_types(text: str | None) -> tuple[str, ...]:
    """``"Project, Park"`` → ``("Project", "Park")``; the default types when empty."""
    types = tuple(t.strip() for t in (text or "").split(",") if t.strip())
    return types or DEFAULT_TYPES


def check_types(types: Iterable[str]) -> tuple[str, ...]:
    """``types`` if every one is an entity type; else a KgError naming the ones that are not."""
    chosen = tuple(types)
    unknown = [t for t in chosen if t not in ENTITY_TYPES]
    if unknown:
        raise KgError(f"type {','.join(unknown)}: not an entity type ({', '.join(ENTITY_TYPES)})")
    return chosen


def recurring(
    graph: nx.MultiDiGraph,
    *,
    district: str | None = None,
    types: Iterable[str] = DEFAULT_TYPES,
    min_years: int = 2,
) -> list[Recurring]:
    """Threads (of ``types``: the type of the thread's own node) mentioned in at least
    ``min_years`` different years of one district's documents; most years first, then by name
    and district. A thread's mentions are those of every node on it (十四中 and
    十四中改扩建项目)."""
    wanted = set(check_types(types))
    if min_years < 1:
        raise KgError(f"min_years must be at least 1, not {min_years}")
    mentions: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    members: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for node, doc, e in graph.edges(data=True):
        if e["relation"] != "mentionedIn" or e.get("year") is None:
            continue
        thread = graph.nodes[node].get("thread")
        if thread is None or graph.nodes[thread]["type"] not in wanted:
            continue
        where = graph.nodes[doc].get("district")
        if district and where != district:
            continue
        key = (thread, where)
        mentions[key].append(e)
        members[key].add(node)
    out = []
    for (thread, where), found in mentions.items():
        item = _summarise(graph.nodes[thread], where, found, sorted(members[(thread, where)]))
        if len(item.years) >= min_years:
            out.append(item)
    out.sort(key=lambda r: (-len(r.years), r.canonical, r.type, r.district or ""))
    return out


def _summarise(
    head: dict[str, Any], district: str | None, mentions: list[dict[str, Any]], nodes: list[str]
) -> Recurring:
    best: dict[int, tuple[int, int, str, str]] = {}  # year → (-rank, order, status, sentence)
    for order, e in enumerate(mentions):
        status = e.get("status") or "mentioned"
        key = (-STATUS_RANK.get(status, 0), order, status, e["sentence"])
        year = int(e["year"])
        if year not in best or key < best[year]:
            best[year] = key
    years = sorted(best)
    return Recurring(
        canonical=head["name"],
        type=head["type"],
        district=district,
        years=years,
        surfaces=sorted({e["surface"] for e in mentions}),
        status_by_year={y: best[y][2] for y in years},
        evidence_by_year={y: best[y][3] for y in years},
        node_ids=nodes,
    )
