"""Document text made to break stores and pages, and text whose structure is broken.

Names carry quotes, backslashes, a Cypher injection, triple quotes and a ``<script>`` element; a
very long name too. They must come out verbatim in every RDF file, the SPARQL store and the
Cypher store, and escaped in report.html.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from bad_input_support import assert_spans_exact, extract, hidden_entries

from kg.cli import main

HOSTILE = '关于\'}) DETACH DELETE n //"""<script>alert(1)</script>\\的意见'
LONG = "关于" + "推进临空经济区高质量发展" * 4 + "的实施意见"
DOCUMENT = f"""2020年黄石港区政府工作报告
各位代表：现在，我代表区人民政府向大会报告工作。
认真贯彻《{HOSTILE}》，全面落实《{LONG}》。
总投资20亿元的金龙项目开工。
"""
TITLE = "<script>alert('title')</script>黄石港区\"报告\\"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(DOCUMENT, encoding="utf-8")
    out = folder / "out"
    options = ["--meta", "district=黄石港区", "--meta", "year=2020", "--meta", f"title={TITLE}"]
    assert main(["build", str(folder / "hostile.txt"), "-o", str(out), *options]) == 0
    return out


def _names(out: Path) -> set[str]:
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    return {e["canonical"] for line in lines for e in json.loads(line)["entities"]}


def test_hostile_names_are_extracted_verbatim(hostile_build: Path) -> None:
    record = json.loads((hostile_build / "extraction.jsonl").read_text(encoding="utf-8"))
    assert_spans_exact(record, DOCUMENT)
    assert {f"《{HOSTILE}》", f"《{LONG}》"} <= _names(hostile_build)
    assert record["doc"]["title"] == TITLE


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("graph.ttl", ox.RdfFormat.TURTLE),
        ("graph.trig", ox.RdfFormat.TRIG),
        ("graph.jsonld", ox.RdfFormat.JSON_LD),
        ("graph.nt", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_rdf_files_parse_back_with_the_names_verbatim(
    hostile_build: Path, name: str, fmt: ox.RdfFormat
) -> None:
    literals = {
        q.object.value
        for q in ox.parse(path=str(hostile_build / name), format=fmt)
        if isinstance(q.object, ox.Literal)
    }
    assert {f"《{HOSTILE}》", f"《{LONG}》", TITLE} <= literals


def test_sparql_store_answers_for_the_hostile_name(
    hostile_build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?entity WHERE { ?entity rdfs:label ?label FILTER(STR(?label) = ?name) }"
    )
    options = ["--param", f"name=《{HOSTILE}》", "--format", "json"]
    assert main(["sparql", str(hostile_build), query, *options]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    entities = {row["entity"] for row in rows}
    assert len(entities) == 1 and "PolicyDocument/" in entities.pop()


def test_report_escapes_names_from_the_document(hostile_build: Path) -> None:
    page = (hostile_build / "report.html").read_text(encoding="utf-8")
    assert "alert('title')" in page or "alert(&#x27;title&#x27;)" in page  # the title is shown
    assert "<script>alert(" not in page
    assert hidden_entries(hostile_build) == []


def test_cypher_store_keeps_the_hostile_name(
    hostile_build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = "MATCH (n:Entity) RETURN count(n) AS n"
    assert main(["cypher", str(hostile_build), count, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["n"] > 0
    names = "MATCH (n:PolicyDocument) RETURN n.name AS name"
    assert main(["cypher", str(hostile_build), names, "--format", "json"]) == 0
    found = {row["name"] for row in json.loads(capsys.readouterr().out)}
    assert {f"《{HOSTILE}》", f"《{LONG}》"} <= found


BROKEN = """2020年黄石港区政府工作报告
各位代表：现在，我代表区人民政府向大会报告工作。
他说“要加快发展。我们推进“五个临空”建设[[[]，注释未完《关于
全年实施“六大工程”，抓好“两园两带”
“四区”：指科创区、智造区。
名词解释
“三区”：指科创区、智造区。
"""


def test_broken_structure_is_extracted_and_a_short_definition_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unbalanced quotes, an unterminated ``[[[]`` footnote, a glossary line without heading,
    numerals with no list after them, and a definition shorter than its numeral."""
    path = tmp_path / "broken.txt"
    path.write_text(BROKEN, encoding="utf-8")
    status, err, records = extract([path], tmp_path / "out.jsonl", capsys, "--meta", "year=2020")
    assert (status, err) == (0, [])
    record = records["broken"]
    assert_spans_exact(record, BROKEN)
    slogans = {e["text"] for e in record["entities"] if e["type"] == "Slogan"}
    assert {"五个临空", "六大工程", "两园两带", "三区"} <= slogans
    three = [r for r in record["relations"] if r["type"] == "definedAs" and r["head"] == "三区"]
    assert {r["tail"] for r in three} == {"科创区", "智造区"}
    assert all(r["attrs"]["count_matches"] is False for r in three)
    assert all(r["attrs"]["expected_count"] == 3 for r in three)
