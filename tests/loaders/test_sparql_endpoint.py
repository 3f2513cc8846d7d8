"""``kg load sparql`` against a real Oxigraph server: the seed graph arrives whole, one named
graph per document plus the corpus graph, loading is idempotent, stale graphs can be dropped,
and every failure is one line."""

from __future__ import annotations

import json
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
ID_BASE = "https://w3id.org/kg-policy/id/"
CORPUS_GRAPH = ID_BASE + "graph/corpus"
PREFIXES = """
PREFIX kg: <https://w3id.org/kg-policy/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
FIRST_DOC = "000_2902ce684fdbffb1"  # 2020年黄石港区政府工作报告, which defines 五个临空


def doc_graph(stem: str) -> str:
    return f"{ID_BASE}Document/{stem}"


def load(out: Path, server: str, *options: str) -> int:
    return main(["load", "sparql", str(out), "--endpoint", server + "/store", *options])


def select(server: str, query: str) -> list[dict[str, str]]:
    """Ask the server's SPARQL endpoint; rows of plain values."""
    request = urllib.request.Request(
        server + "/query",
        data=urllib.parse.urlencode({"query": PREFIXES + query}).encode("utf-8"),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        bindings = json.loads(response.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def graph_sizes(server: str) -> dict[str, int]:
    rows = select(server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]: int(row["n"]) for row in rows}


def put_graph(server: str, graph: str, turtle: str) -> None:
    """Write a graph the way another client would, to set up what a load must deal with."""
    url = server + "/store?" + urllib.parse.urlencode({"graph": graph})
    request = urllib.request.Request(
        url, data=turtle.encode("utf-8"), method="PUT", headers={"Content-Type": "text/turtle"}
    )
    urllib.request.urlopen(request, timeout=30).close()


@pytest.fixture(scope="module")
def four_document_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds without the first document, as if it had been removed from the corpus."""
    from kg.build import build

    corpus = tmp_path_factory.mktemp("corpus4")
    for path in sorted(SEEDS.glob("*.txt")):
        if path.stem != FIRST_DOC:
            shutil.copy(path, corpus / path.name)
    out = tmp_path_factory.mktemp("build4") / "out"
    build([corpus], out)
    return out


def test_one_graph_per_document_plus_the_corpus_graph(
    seed_build: Path, oxigraph: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.graph.store import load_graph
    from kg.rdf.convert import graph_quads

    assert load(seed_build, oxigraph) == 0
    sizes = graph_sizes(oxigraph)
    expected = {doc_graph(p.stem) for p in SEEDS.glob("*.txt")} | {CORPUS_GRAPH}
    assert set(sizes) == expected and len(expected) == 6
    model_quads = set(graph_quads(load_graph(seed_build)))
    assert sum(sizes.values()) == len(model_quads)
    out, err = capsys.readouterr()
    assert f"pushed 6 graphs ({len(model_quads)} triples)" in out
    assert err == ""  # progress goes to a terminal only


def test_server_holds_what_the_embedded_store_holds(seed_build: Path, oxigraph: str) -> None:
    from kg.rdf.sparql import open_store

    assert load(seed_build, oxigraph) == 0
    assert sum(graph_sizes(oxigraph).values()) == len(open_store(seed_build))


def test_five_linkong_has_its_five_components_on_the_server(
    seed_build: Path, oxigraph: str
) -> None:
    assert load(seed_build, oxigraph) == 0
    rows = select(
        oxigraph,
        """SELECT DISTINCT ?name WHERE {
             GRAPH ?corpus { ?slogan rdfs:label "五个临空"@zh ; kg:district "黄石港区" }
             GRAPH ?doc { ?slogan kg:definedAs ?part . ?part rdfs:label ?name }
           }""",
    )
    assert {r["name"] for r in rows} == {"科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"}


def test_loading_twice_leaves_the_same_graphs(seed_build: Path, oxigraph: str) -> None:
    assert load(seed_build, oxigraph) == 0
    first = graph_sizes(oxigraph)
    assert load(seed_build, oxigraph) == 0
    assert graph_sizes(oxigraph) == first


def test_loading_replaces_a_documents_old_facts(seed_build: Path, oxigraph: str) -> None:
    doc = doc_graph(FIRST_DOC)
    put_graph(oxigraph, doc, f'<{doc}> <http://purl.org/dc/terms/title> "旧标题"@zh .')
    assert load(seed_build, oxigraph) == 0
    rows = select(oxigraph, f"SELECT ?t WHERE {{ GRAPH <{doc}> {{ <{doc}> dcterms:title ?t }} }}")
    assert [r["t"] for r in rows] == ["2020年黄石港区政府工作报告"]


def test_replace_all_drops_the_graph_of_a_removed_document(
    seed_build: Path,
    four_document_build: Path,
    oxigraph: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = "http://example.org/someone-elses-graph"
    put_graph(oxigraph, elsewhere, '<http://example.org/a> <http://example.org/b> "c" .')
    assert load(seed_build, oxigraph) == 0
    assert load(four_document_build, oxigraph) == 0
    assert doc_graph(FIRST_DOC) in graph_sizes(oxigraph)  # a plain load keeps stale graphs
    capsys.readouterr()

    assert load(four_document_build, oxigraph, "--replace-all") == 0
    graphs = set(graph_sizes(oxigraph))
    assert doc_graph(FIRST_DOC) not in graphs
    assert len(graphs - {elsewhere}) == 5 and elsewhere in graphs
    out = capsys.readouterr().out
    assert f"dropped stale graph <{doc_graph(FIRST_DOC)}>" in out
    assert "dropped 1 stale graphs" in out


def test_replace_all_without_a_known_query_endpoint_pushes_nothing(
    seed_build: Path, oxigraph: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["load", "sparql", str(seed_build), "--endpoint", oxigraph + "/gsp", "--replace-all"]
    assert main(argv) == 2
    assert "--query-endpoint" in capsys.readouterr().err
    assert graph_sizes(oxigraph) == {}


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kg: error: ")
    return err


def test_closed_port_is_one_line(
    seed_build: Path, closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://127.0.0.1:{closed_port}/store"
    assert main(["load", "sparql", str(seed_build), "--endpoint", url]) == 2
    line = one_error_line(capsys)
    assert url in line and "cannot connect" in line


def test_http_error_is_one_line(
    seed_build: Path, oxigraph: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = oxigraph + "/no-such-endpoint"
    assert main(["load", "sparql", str(seed_build), "--endpoint", url]) == 2
    line = one_error_line(capsys)
    assert url in line and "HTTP 404" in line


@pytest.mark.parametrize("url", ["127.0.0.1:7878/store", "ftp://127.0.0.1/store", "http://:80/"])
def test_not_an_http_url(seed_build: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", "sparql", str(seed_build), "--endpoint", url]) == 2
    assert "not an http:// or https:// URL" in one_error_line(capsys)


def test_missing_build_names_the_graph_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint = "http://127.0.0.1:7878/store"
    assert main(["load", "sparql", str(tmp_path / "out"), "--endpoint", endpoint]) == 2
    assert str(tmp_path / "out" / "graph.json") in one_error_line(capsys)


def test_user_needs_the_password_in_the_environment(
    seed_build: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KG_SPARQL_PASSWORD", raising=False)
    argv = ["load", "sparql", str(seed_build), "--endpoint", "http://127.0.0.1:7878/store"]
    assert main([*argv, "--user", "admin"]) == 2
    assert "KG_SPARQL_PASSWORD" in one_error_line(capsys)


def test_help_names_the_endpoints_and_the_password_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["load", "sparql", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for needle in ("--endpoint URL", "/store", "/ds/data", "KG_SPARQL_PASSWORD", "--replace-all"):
        assert needle in text
    assert "--password" not in text
