"""The graph model built from the seed corpus: canonical nodes, scopes, evidence on every edge."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.graph.model import is_entity
from kg.graph.store import load_graph


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> nx.MultiDiGraph:
    return load_graph(seed_build)


def test_aliases_of_one_park_are_one_node_across_years(graph: nx.MultiDiGraph) -> None:
    park = graph.nodes["Park/黄石港临空商务产业园"]
    assert park["type"] == "Park"
    assert "临空商务产业园" in park["aliases"]
    assert park["years"] == [2020, 2025]
    assert (park["first_year"], park["last_year"]) == (2020, 2025)
    assert park["district"] == "黄石港区"
    assert "Park/临空商务产业园" not in graph


def test_slogans_and_relative_names_are_scoped(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes["Slogan/黄石港区/五个临空"]["scope"] == "黄石港区"
    # 区委 of four districts are four bodies; 市委 of 黄石港区's documents is 黄石市's
    bodies = {n for n in graph if n.startswith("GovernmentBody/") and n.endswith("/区委")}
    assert {"GovernmentBody/黄石港区/区委", "GovernmentBody/曾都区/区委"} <= bodies
    assert len(bodies) == 4
    assert "GovernmentBody/黄石市/市委" in graph
    assert "GovernmentBody/区委" not in graph


def test_every_mention_is_an_edge_with_its_evidence(
    graph: nx.MultiDiGraph, seed_records: dict
) -> None:
    mentions = [d for _, _, d in graph.edges(data=True) if d["relation"] == "mentionedIn"]
    assert len(mentions) == sum(len(r["entities"]) for r in seed_records.values())
    for m in mentions:
        assert m["surface"] in m["sentence"]
        assert m["sentence_start"] <= m["start"] < m["end"] <= m["sentence_end"]
    in_plan = [m for m in mentions if m["surface"] == "五个临空" and m["section_role"]]
    assert in_plan, "mentions in a section know its heading and role"


def test_slogan_components_link_to_entities_where_they_are_ones(graph: nx.MultiDiGraph) -> None:
    parts = {
        v: d
        for _, v, d in graph.out_edges("Slogan/黄石港区/两园两带", data=True)
        if d["relation"] == "definedAs"
    }
    assert "Park/黄石港临空商务产业园" in parts
    assert "Component/黄石港区/临空都市发展带" in parts
    evidence = parts["Park/黄石港临空商务产业园"]
    assert "两园两带" in evidence["sentence"] and evidence["document"].startswith("000_")
    five = {
        graph.nodes[v]["name"]
        for _, v, d in graph.out_edges("Slogan/黄石港区/五个临空", data=True)
        if d["relation"] == "definedAs"
    }
    assert five == {"科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"}


def test_responsibilities_point_at_tasks_with_roles(graph: nx.MultiDiGraph) -> None:
    duties = [
        (graph.nodes[v], d)
        for _, v, d in graph.out_edges("GovernmentBody/黄石港区/区发改局", data=True)
        if d["relation"] == "responsibleFor"
    ]
    assert duties
    assert all(task["type"] == "Task" for task, _ in duties)
    assert {d["role"] for _, d in duties} <= {"lead", "responsible", "support"}
    assert any("地方生产总值" in task["name"] for task, _ in duties)


def test_amounts_belong_to_their_document(graph: nx.MultiDiGraph) -> None:
    amounts = [n for n, d in graph.nodes(data=True) if d["type"] == "Amount"]
    assert amounts and all(n.count("/") == 2 for n in amounts)
    assert all(isinstance(graph.nodes[n].get("value"), int | float) for n in amounts)


def test_entity_nodes_all_have_a_name_type_and_mention(graph: nx.MultiDiGraph) -> None:
    for node, data in graph.nodes(data=True):
        if is_entity(data):
            assert data["name"] and data["mentions"] >= 1, node
            edges = graph.out_edges(node, data=True)
            assert any(d["relation"] == "mentionedIn" for _, _, d in edges)


def test_saved_graph_keeps_every_attribute(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    from kg.graph.store import save_graph

    save_graph(graph, tmp_path / "graph.json")
    again = load_graph(tmp_path / "graph.json")
    assert list(again.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
    sources = {
        d.get("source") for _, _, d in again.edges(data=True) if d["relation"] == "definedAs"
    }
    assert "footnote" in sources  # an edge attribute named like node-link's own keys survives
