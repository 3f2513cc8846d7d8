"""The embedded SPARQL store of a build and the kg sparql command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf.sparql import bind_params, open_store, select

PREFIXES = """PREFIX kg: <https://w3id.org/kg-policy/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
COMPONENTS = (
    PREFIXES
    + """SELECT DISTINCT ?part WHERE {
  ?s rdfs:label ?n ; kg:scope ?d ; kg:definedAs ?c . ?c rdfs:label ?part .
  FILTER(STR(?n) = ?name && STR(?d) = ?district)
} ORDER BY ?part"""
)


def test_store_answers_over_all_document_graphs(seed_build: Path) -> None:
    table = select(open_store(seed_build), COMPONENTS, {"name": "五个临空", "district": "黄石港区"})
    parts = sorted({row[0] for row in table.rows})
    assert parts == sorted(["科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"])


def test_params_are_bound_as_literals_not_pasted(seed_build: Path) -> None:
    hostile = '"} } DELETE WHERE { ?s ?p ?o } #'
    query = bind_params("SELECT ?x WHERE { BIND(?v AS ?x) }", {"v": hostile})
    table = select(open_store(seed_build), query)
    assert table.rows == [[hostile]]


def test_sparql_command_formats(seed_build: Path, capsys) -> None:
    args = ["sparql", str(seed_build), COMPONENTS, "--param", "name=两园两带"]
    assert main([*args, "--param", "district=黄石港区", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"part": "黄石港临空商务产业园"} in rows
    assert main([*args, "--param", "district=黄石港区", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "part"
    assert main([*args, "--param", "district=黄石港区"]) == 0
    table = capsys.readouterr().out
    assert "黄石港临空商务产业园" in table and "(4 rows)" in table


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["SELECT nonsense"], "SPARQL syntax error"),
        (["--query", "no_such_query"], "no canned query"),
        (["--file", "/no/such/file.rq"], "no such file"),
        (["SELECT * WHERE {?s ?p ?o}", "--param", "bad"], "NAME=VALUE"),
    ],
)
def test_sparql_errors_are_one_line(
    seed_build: Path, capsys, argv: list[str], message: str
) -> None:
    assert main(["sparql", str(seed_build), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_sparql_without_a_store(tmp_path: Path, capsys) -> None:
    assert main(["sparql", str(tmp_path), "SELECT * WHERE {?s ?p ?o}"]) == 2
    assert "kg build" in capsys.readouterr().err
