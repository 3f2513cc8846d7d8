"""The slogan network: slogans, the parts their definitions list, the districts that use them,
slogans said in one sentence, and the same slogan in several districts.

One model (:func:`slogan_network`) from the slogan analysis (:mod:`kg.analysis.slogans`) and
the mentions in the graph, drawn two ways: an interactive HTML page (vis-network, inlined, so
the file opens offline) and a static PNG (matplotlib, laid out by :mod:`kg.viz.png`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analysis.slogans import SloganUse, slogans
from kg.errors import KgError
from kg.io import write_text_atomic
from kg.viz import asset_text, escape, inline_script, output_format, script_json

# district colours (Tableau 10), given in order of the districts' names
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
COMPONENT_COLOUR = "#d9d9d9"
EDGE_KINDS = {
    "uses": "district uses the slogan",
    "definedAs": "the slogan's definition lists this part",
    "cooccurs": "said in one sentence",
    "shared": "the same slogan in another district",
}
MAX_MENTIONS = 3  # mention sentences shown for a slogan besides its definitions


@dataclass(slots=True)
class NetNode:
    id: str
    kind: str  # district, slogan, component
    label: str
    district: str | None
    colour: str
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class NetEdge:
    source: str
    target: str
    kind: str  # a key of EDGE_KINDS
    sentence: str | None = None


@dataclass(slots=True)
class SloganNetwork:
    nodes: list[NetNode]
    edges: list[NetEdge]
    colours: dict[str, str]  # district → colour
    district: str | None

    def count(self, kind: str) -> int:
        return sum(1 for n in self.nodes if n.kind == kind)


def districts_of(graph: nx.MultiDiGraph) -> list[str]:
    """The districts the build has documents of."""
    found = {d.get("district") for _, d in graph.nodes(data=True) if d["type"] == "Document"}
    return sorted(d for d in found if d)


def check_district(graph: nx.MultiDiGraph, district: str | None) -> None:
    """A district the build has no document of is the user's error (a typo, most likely)."""
    known = districts_of(graph)
    if district is not None and district not in known:
        raise KgError(f"no documents of district {district!r}; known: {', '.join(known)}")


def slogan_network(graph: nx.MultiDiGraph, district: str | None = None) -> SloganNetwork:
    """The network of the slogans of ``district`` (all districts if None)."""
    check_district(graph, district)
    uses = slogans(graph, district=district)
    colours = {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(districts_of(graph))}
    nodes: dict[str, NetNode] = {}
    edges: list[NetEdge] = []
    for use in uses:
        home = use.district or "?"
        if f"district:{home}" not in nodes:
            nodes[f"district:{home}"] = NetNode(
                f"district:{home}", "district", home, use.district, colours.get(home, "#888")
            )
        nodes[use.node_id] = _slogan_node(graph, use, colours)
        edges.append(NetEdge(f"district:{home}", use.node_id, "uses"))
    for use in uses:
        edges.extend(_definition_edges(graph, use, nodes))
    edges.extend(_cooccurrence_edges(graph, uses))
    edges.extend(_shared_edges(uses))
    for node in nodes.values():
        if node.kind == "district":
            node.info = {"slogans": sum(1 for u in uses if (u.district or "?") == node.label)}
        elif node.kind == "component":
            node.info["districts"] = sorted(node.info["districts"])
            if len(node.info["districts"]) == 1:
                node.district = node.info["districts"][0]
    return SloganNetwork(list(nodes.values()), edges, colours, district)


def _slogan_node(graph: nx.MultiDiGraph, use: SloganUse, colours: dict[str, str]) -> NetNode:
    mentions = [
        e["sentence"]
        for _, _, e in graph.out_edges(use.node_id, data=True)
        if e["relation"] == "mentionedIn" and e["sentence"] not in use.evidence
    ]
    mentions = list(dict.fromkeys(mentions))
    info = {
        "years": _span(use.first_year, use.last_year),
        "count": use.count,
        "components": use.components,
        "count_matches": use.count_matches,
        "shared_with": [asdict(s) for s in use.shared_with],
        "definitions": use.evidence,
        "mentions": mentions[:MAX_MENTIONS],
    }
    colour = colours.get(use.district or "", "#888")
    return NetNode(use.node_id, "slogan", use.slogan, use.district, colour, info)


def _span(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return str(first) if first == last else f"{first}–{last}"


def _definition_edges(
    graph: nx.MultiDiGraph, use: SloganUse, nodes: dict[str, NetNode]
) -> list[NetEdge]:
    """One edge per part of the definition, in the definition's order; a part is one node per
    name across districts, so that districts defining a slogan alike share its parts."""
    order = {name: i for i, name in enumerate(use.components)}
    defined = [
        (graph.nodes[tail], e)
        for _, tail, e in graph.out_edges(use.node_id, data=True)
        if e["relation"] == "definedAs"
    ]
    defined.sort(key=lambda pair: order.get(pair[0]["name"], len(order)))
    out: list[NetEdge] = []
    seen: set[str] = set()
    for part, e in defined:
        node_id = f"component:{part['name']}"
        node = nodes.get(node_id)
        if node is None:
            node = NetNode(node_id, "component", part["name"], None, COMPONENT_COLOUR)
            node.info = {"type": part["type"], "slogans": [], "districts": set()}
            nodes[node_id] = node
        if node_id in seen:
            continue
        seen.add(node_id)
        node.info["slogans"].append(use.slogan)
        if use.district:
            node.info["districts"].add(use.district)
        out.append(NetEdge(use.node_id, node_id, "definedAs", e.get("sentence")))
    return out


def _cooccurrence_edges(graph: nx.MultiDiGraph, uses: list[SloganUse]) -> list[NetEdge]:
    wanted = {u.node_id for u in uses}
    sentences: dict[tuple[str, int], set[str]] = defaultdict(set)
    text: dict[tuple[str, int], str] = {}
    for node in wanted:
        for _, _, e in graph.out_edges(node, data=True):
            if e["relation"] == "mentionedIn":
                key = (e["document"], e["sentence_start"])
                sentences[key].add(node)
                text[key] = e["sentence"]
    pairs: dict[tuple[str, str], str] = {}
    for key in sorted(sentences):
        for a, b in itertools.combinations(sorted(sentences[key]), 2):
            pairs.setdefault((a, b), text[key])
    return [NetEdge(a, b, "cooccurs", s) for (a, b), s in pairs.items()]


def _shared_edges(uses: list[SloganUse]) -> list[NetEdge]:
    by_name: dict[str, list[SloganUse]] = defaultdict(list)
    for use in uses:
        by_name[use.slogan].append(use)
    return [
        NetEdge(a.node_id, b.node_id, "shared")
        for group in by_name.values()
        for a, b in itertools.combinations(group, 2)
    ]


def write_slogan_network(
    graph: nx.MultiDiGraph, path: str | Path, district: str | None = None
) -> Path:
    """The slogan network at ``path``: an offline HTML page (.html) or a picture (.png)."""
    network = slogan_network(graph, district)
    if output_format(path) == "png":
        from kg.viz.png import draw_network

        return draw_network(network, path)
    write_text_atomic(path, network_html(network))
    return Path(path)


def network_html(network: SloganNetwork) -> str:
    """The interactive page: vis-network and the page's own script inlined, data as JSON."""
    data = {
        "nodes": [asdict(n) for n in network.nodes],
        "edges": [asdict(e) for e in network.edges],
        "colours": network.colours,
        "edgeKinds": EDGE_KINDS,
    }
    scope = network.district or "all districts"
    title = f"口号网络 · Slogan network — {scope}"
    summary = (
        f"{network.count('slogan')} slogans, {network.count('component')} definition parts, "
        f"{network.count('district')} districts"
    )
    page = asset_text("slogans.html")
    replacements = {
        "{{TITLE}}": escape(title),
        "{{SUMMARY}}": escape(summary),
        "{{STYLE}}": asset_text("viz.css"),
        "{{VIS_NETWORK}}": inline_script(asset_text("vis-network.min.js")),
        "{{DATA}}": f"<script>window.kgData = {script_json(data)};</script>",
        "{{SCRIPT}}": inline_script(asset_text("slogans.js")),
    }
    for key, value in replacements.items():
        page = page.replace(key, value)
    return page
