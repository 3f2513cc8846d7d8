"""``kg export OUT --format neo4j-csv`` on the seed build: neo4j-admin import files that hold the
whole model once, with the import tool's header syntax, proper quoting and the exact command."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.cli import main
from kg.errors import KgError
from kg.graph.mapping import load_mapping
from kg.graph.store import load_graph
from kg.loaders.cypher_schema import node_groups, rel_groups
from kg.loaders.neo4j_csv import write_neo4j_csv

TYPED_COLUMN = re.compile(r"[A-Za-z_]\w*(:(long|double|boolean|string)(\[\])?)?")
NODE_COLUMNS = ["id:ID", ":LABEL"]
REL_COLUMNS = [":START_ID", ":END_ID", ":TYPE"]
PARSE: dict[str, Callable[[str], Any]] = {
    "long": int,
    "double": float,
    "boolean": lambda v: v == "true",  # as the import tool: anything else is false
    "string": str,
}


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, rows


def read_rows(path: Path) -> list[dict[str, str]]:
    header, rows = read_csv(path)
    return [dict(zip(header, row, strict=True)) for row in rows]


def import_command(folder: Path) -> str:
    readme = (folder / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```sh\n(neo4j-admin database import full .*?)\n```", readme, re.S)
    assert match, "the README shows the import command"
    return match.group(1)


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> nx.MultiDiGraph:
    return load_graph(seed_build)


@pytest.fixture(scope="module")
def exported(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("neo4j") / "neo4j-import"
    assert main(["export", str(seed_build), "--format", "neo4j-csv", "-o", str(folder)]) == 0
    return folder


def test_every_node_of_the_model_is_in_exactly_one_row(
    exported: Path, graph: nx.MultiDiGraph
) -> None:
    rows = [row for path in exported.glob("nodes_*.csv") for row in read_rows(path)]
    ids = Counter(row["id:ID"] for row in rows)
    assert set(ids) == set(graph.nodes)
    assert max(ids.values()) == 1
    park = next(r for r in rows if r["id:ID"] == "Park/黄石港临空商务产业园")
    assert park[":LABEL"].split(";") == ["Park", "Entity"]
    assert park["aliases:string[]"] == "临空商务产业园"
    assert park["years:long[]"] == "2020;2025"
    assert (park["first_year:long"], park["last_year:long"]) == ("2020", "2025")
    assert park["district"] == "黄石港区"
    document = next(r for r in rows if r["id:ID"] == "Document/000_2902ce684fdbffb1")
    assert document[":LABEL"] == "Document"
    assert document["year:long"] == "2020"


def test_one_file_per_label_set_and_per_relationship_type(exported: Path) -> None:
    names = {p.name for p in exported.glob("*.csv")}
    assert {
        "nodes_Park.csv",
        "nodes_Document.csv",
        "nodes_Task.csv",
        "nodes_Component.csv",
    } <= names
    assert {"relationships_MENTIONED_IN.csv", "relationships_DEFINED_AS.csv"} <= names
    for path in exported.glob("nodes_*.csv"):
        assert len({row[":LABEL"] for row in read_rows(path)}) == 1, path.name


def test_relationships_join_nodes_that_exist(exported: Path, graph: nx.MultiDiGraph) -> None:
    node_ids = {row["id:ID"] for p in exported.glob("nodes_*.csv") for row in read_rows(p)}
    rels = [row for p in exported.glob("relationships_*.csv") for row in read_rows(p)]
    assert {r[":START_ID"] for r in rels} | {r[":END_ID"] for r in rels} <= node_ids
    assert len(rels) == graph.number_of_edges()
    assert len({r["id"] for r in rels}) == len(rels)
    five = [r for r in rels if r[":START_ID"] == "Slogan/黄石港区/五个临空"]
    assert {r[":TYPE"] for r in five} == {"DEFINED_AS", "MENTIONED_IN"}
    ends = {
        t: {r[":END_ID"] for r in five if r[":TYPE"] == t} for t in ("DEFINED_AS", "MENTIONED_IN")
    }
    assert any(end.endswith("/科创临空") for end in ends["DEFINED_AS"])
    assert all(end.startswith("Document/") for end in ends["MENTIONED_IN"])
    mention = next(r for r in rels if r[":TYPE"] == "MENTIONED_IN" and r["surface"] == "五个临空")
    assert mention["surface"] in mention["sentence"]


def typed(header: list[str], row: list[str], delimiter: str = ";") -> dict[str, Any]:
    """The properties of a CSV row as the import tool reads them (an empty cell: none)."""
    out: dict[str, Any] = {}
    for column, text in zip(header, row, strict=True):
        key, _, kind = column.partition(":")
        if not text or not key:
            continue
        base = kind.removesuffix("[]") or "string"
        if kind.endswith("[]"):
            out[key] = [PARSE[base](v) for v in text.split(delimiter)]
        else:
            out[key] = PARSE[base](text)
    return out


def test_headers_use_the_import_tool_syntax(exported: Path) -> None:
    for path in exported.glob("*.csv"):
        header, _ = read_csv(path)
        fixed = NODE_COLUMNS if path.name.startswith("nodes_") else REL_COLUMNS
        assert header[: len(fixed)] == fixed, path.name
        for column in header[len(fixed) :]:
            assert TYPED_COLUMN.fullmatch(column), f"{path.name}: {column}"
    amounts = read_rows(exported / "nodes_Amount.csv")
    assert max(int(r["value:long"]) for r in amounts) > 2**31  # 64-bit: amounts in yuan
    header, _ = read_csv(exported / "relationships_DEFINED_AS.csv")
    assert "count_matches:boolean" in header


def test_the_import_holds_the_properties_the_bolt_loader_writes(
    exported: Path, graph: nx.MultiDiGraph
) -> None:
    """Read back with the header types, every row equals the Bolt loader's row (an empty list
    aside: the CSV import cannot hold one)."""

    def without_empty_lists(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if v != []}

    nodes, rels = {}, {}
    for path in exported.glob("*.csv"):
        header, rows = read_csv(path)
        for row in rows:
            if path.name.startswith("nodes_"):
                nodes[row[0]] = typed(header[2:], row[2:]) | {"id": row[0]}
            else:
                props = typed(header[3:], row[3:])
                rels[props["id"]] = props
    mapping = load_mapping()
    bolt_nodes = {r["id"]: r["props"] for g in node_groups(graph, mapping) for r in g.rows}
    bolt_rels = {r["id"]: r["props"] for g in rel_groups(graph, mapping) for r in g.rows}
    assert nodes == {k: without_empty_lists(v) for k, v in bolt_nodes.items()}
    assert rels == {k: without_empty_lists(v) for k, v in bolt_rels.items()}


def test_a_sentence_with_commas_and_a_line_break_round_trips(
    exported: Path, graph: nx.MultiDiGraph
) -> None:
    evidence = {
        k: d["sentence"]
        for _, _, k, d in graph.edges(keys=True, data=True)
        if "\n" in d["sentence"] and "," in d["sentence"]
    }
    assert evidence, "the seeds hold a sentence that spans a line break"
    rows = {
        r["id"]: r["sentence"] for p in exported.glob("relationships_*.csv") for r in read_rows(p)
    }
    for key, sentence in evidence.items():
        assert rows[key] == sentence
    assert "--multiline-fields=true" in import_command(exported)


def test_quotes_and_array_delimiters_in_values_survive(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    odd = graph.copy()
    name = '“临空”产业园,A"B"\n二期'
    aliases = ["甲;乙", "丙|丁", "戊\r己"]  # a lone carriage return must be quoted too
    odd.add_node("Park/odd", type="Park", name=name, aliases=aliases, years=[2020], mentions=2)
    folder = tmp_path / "neo4j-import"
    write_neo4j_csv(odd, folder)
    row = next(r for r in read_rows(folder / "nodes_Park.csv") if r["id:ID"] == "Park/odd")
    assert row["name"] == name
    # ; and | occur in values, so the delimiter is a control character the command names
    assert "--array-delimiter=U+001F" in import_command(folder)
    assert row["aliases:string[]"].split("\x1f") == aliases
    assert row[":LABEL"].split("\x1f") == ["Park", "Entity"]


def test_the_readme_command_imports_every_file(exported: Path) -> None:
    command = import_command(exported)
    listed = re.findall(r"--(nodes|relationships)=(\S+)", command)
    files = {p.name for p in exported.glob("*.csv")}
    assert sorted(f for _, f in listed) == sorted(files)
    assert all(kind == "nodes" for kind, f in listed if f.startswith("nodes_"))
    assert all(kind == "relationships" for kind, f in listed if f.startswith("relationships_"))
    assert command.startswith("neo4j-admin database import full neo4j ")
    assert "--array-delimiter=';'" in command
    assert "--overwrite-destination=true" in command
    schema = (exported / "schema.cypher").read_text(encoding="utf-8")
    labels = {
        label
        for p in exported.glob("nodes_*.csv")
        for row in read_rows(p)
        for label in row[":LABEL"].split(";")
    }
    for label in labels:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in schema


def test_a_new_export_replaces_an_old_one_but_never_another_folder(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    folder = tmp_path / "neo4j-import"
    write_neo4j_csv(graph, folder)
    (folder / "nodes_Stale.csv").write_text("id:ID\n", encoding="utf-8")
    write_neo4j_csv(graph, folder)
    assert not (folder / "nodes_Stale.csv").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(KgError, match="not a folder of an earlier neo4j-csv export"):
        write_neo4j_csv(graph, mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "neo4j-import"]


def test_a_failed_export_leaves_nothing_behind(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    bad = graph.copy()
    bad.add_node("Park/bad", type="Park", name="坏", **{"not a key": 1})
    with pytest.raises(KgError, match="not a plain identifier"):
        write_neo4j_csv(bad, tmp_path / "neo4j-import")
    assert list(tmp_path.iterdir()) == []
