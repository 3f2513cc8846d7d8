"""``kg load neo4j`` against a real Bolt server: an ArcadeDB started by this module on a free
port of 127.0.0.1 (the same server ``kg cypher`` runs), loaded with the seed graph. Also the
canned Cypher queries, each checked against its SPARQL twin on the seeds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import KgError
from kg.graph.mapping import load_mapping
from kg.graph.model import is_entity
from kg.graph.store import load_graph
from kg.loaders.arcadedb import ArcadeServer, free_port
from kg.loaders.neo4j import LoadSummary, connect, load
from kg.resources import queries_path

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
PARTIAL = "partial"  # a second database, for loading a smaller build first


@pytest.fixture(scope="module")
def server() -> Iterator[ArcadeServer]:
    with ArcadeServer(also=(PARTIAL,)) as running:
        yield running


@pytest.fixture(scope="module")
def driver(server: ArcadeServer) -> Iterator[Any]:
    with connect(server.uri, server.user, server.password, server.database) as d:
        yield d


@pytest.fixture(scope="module")
def seed_graph(seed_build: Path) -> nx.MultiDiGraph:
    return load_graph(seed_build)


@pytest.fixture(scope="module")
def first_load(driver: Any, seed_graph: nx.MultiDiGraph, server: ArcadeServer) -> LoadSummary:
    """The seed graph loaded once into the empty ``kg`` database."""
    return load(driver, seed_graph, database=server.database, batch_size=300)


def scalar(driver: Any, database: str, query: str, **params: Any) -> Any:
    with driver.session(database=database) as session:
        return session.run(query, params).single()[0]


def counts_in(driver: Any, database: str, graph: nx.MultiDiGraph) -> dict[str, int]:
    """Nodes per label and relationships per type, as the server counts them."""
    mapping = load_mapping()
    labels = {"Entity", *(mapping.node_kind(d["type"]).label for _, d in graph.nodes(data=True))}
    out = {
        label: scalar(driver, database, f"MATCH (n:{label}) RETURN count(n)") for label in labels
    }
    for rel in mapping.relations.values():
        out[rel.type] = scalar(driver, database, f"MATCH ()-[r:{rel.type}]->() RETURN count(r)")
    out["*nodes"] = scalar(driver, database, "MATCH (n) RETURN count(n)")
    out["*relationships"] = scalar(driver, database, "MATCH ()-[r]->() RETURN count(r)")
    return out


def model_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """What :func:`counts_in` must find for ``graph``: one node per model node, one
    relationship per model edge."""
    mapping = load_mapping()
    out: Counter[str] = Counter()
    for _, data in graph.nodes(data=True):
        out[mapping.node_kind(data["type"]).label] += 1
        out["Entity"] += is_entity(data)
    for rel in mapping.relations.values():
        out[rel.type] = 0
    for _, _, data in graph.edges(data=True):
        out[mapping.relations[data["relation"]].type] += 1
    out["*nodes"] = graph.number_of_nodes()
    out["*relationships"] = graph.number_of_edges()
    return dict(out)


def test_seed_graph_loads_with_one_node_per_model_node_and_one_relationship_per_edge(
    driver: Any, server: ArcadeServer, seed_graph: nx.MultiDiGraph, first_load: LoadSummary
) -> None:
    expected = model_counts(seed_graph)
    assert counts_in(driver, server.database, seed_graph) == expected
    assert expected["MENTIONED_IN"] > 1000 and expected["DEFINED_AS"] > 100
    assert sum(c.created for c in first_load.nodes.values()) == expected["*nodes"]
    assert sum(c.present for c in first_load.relationships.values()) == 0
    assert first_load.missing_ends == 0


def test_entity_nodes_carry_the_model_properties_and_mentions_their_evidence(
    driver: Any, server: ArcadeServer, first_load: LoadSummary
) -> None:
    with driver.session(database=server.database) as session:
        park = session.run(
            "MATCH (p:Park:Entity {name: $name}) RETURN p", name="黄石港临空商务产业园"
        ).single()["p"]
        mentions = session.run(
            "MATCH (:Park {name: $name})-[m:MENTIONED_IN]->(d:Document) "
            "RETURN m.surface AS surface, m.start AS start, m.end AS end, m.sentence AS sentence,"
            " m.section_role AS role, d.doc AS doc, d.year AS year ORDER BY doc, start",
            name="黄石港临空商务产业园",
        ).data()
    assert park["id"] == "Park/黄石港临空商务产业园"
    assert park["district"] == "黄石港区" and park["type"] == "Park"
    assert "临空商务产业园" in park["aliases"]
    assert park["years"] == [2020, 2025] and park["first_year"] == 2020
    assert park["mentions"] == len(mentions) > 1
    for m in mentions:
        text = (SEEDS / f"{m['doc']}.txt").read_text(encoding="utf-8")
        assert text[m["start"] : m["end"]] == m["surface"]
        assert m["surface"] in m["sentence"] and m["role"]


def test_slogan_is_defined_as_its_five_components(
    driver: Any, server: ArcadeServer, first_load: LoadSummary
) -> None:
    with driver.session(database=server.database) as session:
        rows = session.run(
            "MATCH (s:Slogan {name: '五个临空'})-[r:DEFINED_AS]->(c:Component) "
            "RETURN c.name AS part, r.sentence AS sentence, r.id AS id"
        ).data()
    assert {r["part"] for r in rows} == {"科创临空", "产业临空", "生态临空", "智慧临空", "人文临空"}
    assert all(r["part"] in r["sentence"] and r["id"].startswith("Assertion/") for r in rows)


def test_loading_twice_leaves_the_same_counts(
    driver: Any, server: ArcadeServer, seed_graph: nx.MultiDiGraph, first_load: LoadSummary
) -> None:
    again = load(driver, seed_graph, database=server.database)
    assert counts_in(driver, server.database, seed_graph) == model_counts(seed_graph)
    assert sum(c.created for c in again.nodes.values()) == 0
    assert sum(c.created for c in again.relationships.values()) == 0
    assert sum(c.present for c in again.relationships.values()) == seed_graph.number_of_edges()


def test_a_build_with_one_more_document_adds_without_duplicating(
    driver: Any, tmp_path: Path
) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:-1]:
        (corpus / path.name).write_bytes(path.read_bytes())
    assert main(["build", str(corpus), "-o", str(out)]) == 0
    smaller = load_graph(out)
    load(driver, smaller, database=PARTIAL)
    assert counts_in(driver, PARTIAL, smaller) == model_counts(smaller)
    (corpus / seeds[-1].name).write_bytes(seeds[-1].read_bytes())
    assert main(["build", str(corpus), "-o", str(out)]) == 0  # keeps the ids of the first
    bigger = load_graph(out)
    summary = load(driver, bigger, database=PARTIAL)
    new_nodes = len(set(bigger) - set(smaller))
    assert sum(c.created for c in summary.nodes.values()) == new_nodes > 0
    assert sum(c.present for c in summary.nodes.values()) == len(set(bigger) & set(smaller))
    assert scalar(driver, PARTIAL, "MATCH (d:Document) RETURN count(d)") == len(seeds)
    duplicates = "MATCH (n) WITH n.id AS id, count(*) AS k WHERE k > 1 RETURN count(id)"
    assert scalar(driver, PARTIAL, duplicates) == 0
    assert counts_in(driver, PARTIAL, bigger) == model_counts(bigger)


def test_kg_load_neo4j_prints_the_counts(
    server: ArcadeServer,
    seed_build: Path,
    first_load: LoadSummary,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", server.password)
    argv = ["load", "neo4j", str(seed_build), "--uri", server.uri, "--user", server.user]
    assert main([*argv, "--database", server.database]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^nodes: (\d+) \(0 created, \1 present\)$", out, re.M)
    assert re.search(r"^  MENTIONED_IN: (\d+) \(0 created, \1 present\)$", out, re.M)
    assert server.password not in out


def try_connect(uri: str, user: str, password: str, database: str) -> None:
    with connect(uri, user, password, database):
        pass


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("password", "authentication failed for user 'root'"),
        ("port", "cannot connect (Connection refused)"),
        ("database", "no database 'nowhere' on this server"),
    ],
)
def test_connection_problems_are_one_line_errors(
    what: str,
    message: str,
    server: ArcadeServer,
    seed_build: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}" if what == "port" else server.uri
    password = "not-the-password" if what == "password" else server.password
    database = "nowhere" if what == "database" else server.database
    with pytest.raises(KgError, match=re.escape(message)):
        try_connect(uri, server.user, password, database)
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    argv = ["load", "neo4j", str(seed_build), "--uri", uri, "--user", server.user]
    assert main([*argv, "--database", database]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: {uri}: ") and message in err
    assert err.count("\n") == 1 and password not in err


def test_the_password_is_never_taken_from_the_command_line(seed_build: Path) -> None:
    with pytest.raises(SystemExit):
        main(["load", "neo4j", str(seed_build), "--uri", "bolt://127.0.0.1:7687", "--password"])


def canned(suffix: str) -> list[str]:
    return sorted(p.stem for p in queries_path().glob(f"*{suffix}"))


def example_params(sparql: str) -> list[dict[str, str]]:
    """The parameters of the header's examples (``--param k=v`` on a ``kg sparql`` line)."""
    out = []
    for line in sparql.splitlines():
        if line.startswith("#") and "kg sparql" in line and "--param" in line:
            out.append(dict(kv.split("=", 1) for kv in re.findall(r"--param (\S+)", line)))
    return out


# more parameter sets that give rows on the seeds
SEED_PARAMS = {
    "entity_facts": [{"name": "五个临空"}, {"name": "区发改局"}],
    "mentions": [{"name": "黄石港区"}],
    "recurring": [{"min_years": "1", "type": "Slogan,GovernmentBody"}],
    "responsibilities": [{"role": "lead"}],
    "slogans": [{"district": "黄石港区"}],
}


def order_columns(query: str, columns: list[str]) -> list[str]:
    """The columns named in a query's last ORDER BY: rows that tie on them may come in any
    order, in SPARQL as in Cypher."""
    clause = re.split(r"\bORDER\s+BY\b", query, flags=re.I)[-1]
    return [w for w in re.findall(r"\w+", clause) if w in columns]


def test_every_canned_sparql_query_has_a_cypher_twin() -> None:
    assert canned(".rq") == canned(".cypher") != []


@pytest.mark.parametrize("name", canned(".cypher"))
def test_cypher_twin_answers_like_the_sparql_query(
    name: str, driver: Any, server: ArcadeServer, seed_build: Path, first_load: LoadSummary
) -> None:
    from kg.cli.cypher import query_params as bind
    from kg.cli.cypher import run_query
    from kg.rdf.sparql import open_store, select

    sparql = queries_path(f"{name}.rq").read_text(encoding="utf-8")
    cypher = queries_path(f"{name}.cypher").read_text(encoding="utf-8")
    store = open_store(seed_build)
    answered = 0
    for params in [{}, *example_params(sparql), *SEED_PARAMS.get(name, [])]:
        expected = select(store, sparql, params)
        table, changed = run_query(driver, server.database, cypher, bind(cypher, params))
        assert not changed
        assert table.columns == expected.columns, params
        assert sorted(map(repr, table.rows)) == sorted(map(repr, expected.rows)), params
        keys = [table.columns.index(c) for c in order_columns(cypher, table.columns)]
        assert keys, f"{name}: no ORDER BY on its columns"
        assert [[r[k] for k in keys] for r in table.rows] == [
            [r[k] for k in keys] for r in expected.rows
        ], params
        answered += bool(expected.rows)
    assert answered, f"{name}: no parameter set gives rows on the seeds"
