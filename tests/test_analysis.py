"""Recurring projects and slogans across the seed documents, by the Python API and kg query."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.analysis.recurrence import recurring
from kg.analysis.slogans import slogans
from kg.cli import main
from kg.graph.store import load_graph


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> nx.MultiDiGraph:
    return load_graph(seed_build)


def test_recurring_follows_renamings_across_years(graph: nx.MultiDiGraph) -> None:
    items = {r.canonical: r for r in recurring(graph, district="黄石港区")}
    # 2020: 十四中等7所学校新建和改扩建项目; 2025: 加快推进十四中改扩建项目
    school = items["十四中改扩建项目"]
    assert school.years == [2020, 2025] and set(school.surfaces) == {"十四中", "十四中改扩建项目"}
    assert school.status_by_year == {2020: "ongoing", 2025: "ongoing"}
    assert "十四中改扩建项目" in school.evidence_by_year[2025]
    clinic = items["胜阳港社区卫生服务中心改扩建项目"]
    assert "胜阳港卫生服务中心" in clinic.surfaces  # 2020's shorter name
    park = items["黄石港临空商务产业园"]
    assert set(park.surfaces) == {"临空商务产业园", "黄石港临空商务产业园"}


def test_recurring_keeps_different_things_apart(graph: nx.MultiDiGraph) -> None:
    items = recurring(graph, district="黄石港区")
    names = [r.canonical for r in items]
    assert "黄石港临空商务产业园" in names and "黄石港临空智造产业园" in names
    for item in items:
        assert len({graph.nodes[n]["type"] for n in item.node_ids} - {"Institution"}) <= 1
    assert all(len(r.years) >= 2 for r in items)
    assert all(r.district == "黄石港区" for r in items)


def test_slogans_with_definitions_and_sharing(graph: nx.MultiDiGraph) -> None:
    uses = {(u.slogan, u.district): u for u in slogans(graph)}
    five = uses[("五个临空", "黄石港区")]
    assert five.components == ["科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"]
    assert five.count == 5 and five.count_matches is True and five.first_year == 2020
    assert "黄石港临空商务产业园" in uses[("两园两带", "黄石港区")].components
    # 四区 means different things in 黄石港区 and 曾都区
    sectors = uses[("四区", "黄石港区")]
    assert "全域临空先行区" in sectors.components
    assert any(s.district == "曾都区" for s in sectors.shared_with)
    six = uses[("六稳", "岳阳楼区")]
    assert set(six.components) == {"稳就业", "稳金融", "稳外贸", "稳外资", "稳投资", "稳预期"}


def test_query_commands_print_json_a_script_can_read(seed_build: Path, capsys) -> None:
    assert main(["query", "recurring", str(seed_build), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"canonical", "type", "district", "years", "surfaces", "status_by_year"} <= set(rows[0])
    assert all(r["years"] == sorted(r["years"]) and len(r["years"]) >= 2 for r in rows)
    args = ["query", "recurring", str(seed_build), "--type", "Park", "--min-years", "2"]
    assert main([*args, "--district", "黄石港区", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("canonical,type") and all(",Park," in row for row in lines[1:])
    assert main(["query", "slogans", str(seed_build), "--district", "黄石港区"]) == 0
    assert "五个临空" in capsys.readouterr().out


def test_query_rejects_an_unknown_type(seed_build: Path, capsys) -> None:
    assert main(["query", "recurring", str(seed_build), "--type", "Projekt"]) == 2
    assert "not an entity type" in capsys.readouterr().err


def test_kg_query_and_the_canned_sparql_queries_agree(seed_build: Path, graph) -> None:
    from kg.rdf.sparql import open_store, select
    from kg.resources import queries_path

    store = open_store(seed_build)
    sparql = select(store, queries_path("recurring.rq").read_text(encoding="utf-8")).records()
    mine = [
        {
            "canonical": r.canonical,
            "entity_type": r.type,
            "district": r.district,
            "years": ",".join(map(str, r.years)),
            "n_years": len(r.years),
            "status_by_year": ",".join(f"{y}:{s}" for y, s in r.status_by_year.items()),
            "surfaces": "、".join(r.surfaces),
        }
        for r in recurring(graph)
    ]
    assert mine == sparql

    sparql = select(store, queries_path("slogans.rq").read_text(encoding="utf-8")).records()
    mine = [
        {
            "slogan": u.slogan,
            "district": u.district,
            "numeral_count": u.count,
            "components": "、".join(u.components),
            "n_components": len(u.components),
            "count_matches": u.count_matches,
            "first_year": u.first_year,
            "last_year": u.last_year,
            "other_districts": "、".join(s.district for s in u.shared_with),
        }
        for u in slogans(graph)
    ]
    assert len(mine) == len(sparql)
    for a, b in zip(mine, sparql, strict=True):
        assert a == b
