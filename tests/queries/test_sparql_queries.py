"""The canned SPARQL queries (``queries/*.rq``) on the seed corpus: every query is documented,
standard, runs and answers; the answers are ones a reader can check in the seed text."""

from __future__ import annotations

import json
import re
import shlex
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from oxigraph_server import DIRECT, load, serve
from rdflib.plugins.sparql import prepareQuery

from kg.cli import main
from kg.rdf.sparql import bind_params, open_store, select
from kg.resources import queries_path

Ask = Callable[..., list[dict[str, Any]]]


def canned(name: str) -> str:
    """The text of ``queries/NAME.rq``."""
    return queries_path(f"{name}.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_store(seed_build: Path) -> ox.Store:
    """The embedded store ``kg build`` wrote for the seeds, opened once."""
    return open_store(seed_build)


@pytest.fixture(scope="session")
def ask(seed_store: ox.Store) -> Ask:
    """``ask("slogans", district="黄石港区")``: a canned query's rows as dicts."""

    def run(query: str, /, **params: str) -> list[dict[str, Any]]:
        return select(seed_store, canned(query), params).records()

    return run


@pytest.fixture(scope="module")
def union_server(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The SPARQL query URL of ``oxigraph serve --union-default-graph`` on a free port of
    127.0.0.1, holding the seeds' ``graph.trig``; stopped after the module."""
    location = tmp_path_factory.mktemp("oxigraph")
    load(location, seed_build / "graph.trig")
    with serve(location, union_default_graph=True) as base:
        yield base + "/query"


SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
QUERIES = sorted(p.stem for p in queries_path().glob("*.rq"))
REQUIRED = {
    "recurring",
    "slogans",
    "entity_facts",
    "responsibilities",
    "investments",
    "mentions",
    "documents",
}
XSD = "http://www.w3.org/2001/XMLSchema#"
HUANGSHIGANG_2020 = "000_2902ce684fdbffb1"  # 2020年黄石港区政府工作报告
HUANGSHIGANG_2025 = "004_c20798e18fc459eb"  # 2025年区政府重点工作分解
ZENGDU_2021 = "001_f32c294674d3e8c0"  # 曾都区 2021 政府工作报告


@dataclass
class Header:
    """What a query's header comment documents."""

    question: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)  # name → its description
    columns: list[str] = field(default_factory=list)
    example: list[str] = field(default_factory=list)  # the example command line, split

    def example_params(self) -> dict[str, str]:
        args = self.example
        pairs = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--param"]
        return dict(pair.split("=", 1) for pair in pairs)

    def required(self) -> set[str]:
        return {name for name, text in self.params.items() if text.startswith("required")}


_SECTION = re.compile(r"^# (Question|Parameters|Columns|Example)\b")
_ENTRY = re.compile(r"^#   (\w+)\s+(.*)$")


def read_header(text: str) -> Header:
    """The sections of the comment block a canned query starts with."""
    header, section = Header(), ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _SECTION.match(line)
        if match:
            section = match.group(1)
            if section == "Question":
                header.question.append(line.partition(":")[2].strip())
            continue
        if section == "Question" and line.strip("# "):
            header.question.append(line.strip("# "))
        elif section == "Example" and line.strip("# "):
            header.example = shlex.split(line.lstrip("# "))
        elif (entry := _ENTRY.match(line)) and section == "Parameters":
            header.params[entry.group(1)] = entry.group(2)
        elif entry and section == "Columns":
            header.columns.append(entry.group(1))
    return header


def body(text: str) -> str:
    """The query without its comment lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def column(rows: list[dict[str, Any]], name: str) -> list[Any]:
    return [row[name] for row in rows]


def test_the_researchers_questions_have_canned_queries() -> None:
    assert set(QUERIES) >= REQUIRED


@pytest.mark.parametrize("name", QUERIES)
def test_the_header_documents_the_query(name: str) -> None:
    text = canned(name)
    header = read_header(text)
    question = " ".join(header.question)
    assert re.search(r"[A-Za-z]{3}.*\?", question), "an English question"
    assert re.search(r"[\u4e00-\u9fff]", question), "a Chinese gloss"
    assert header.columns, "documented columns"
    for param, description in header.params.items():
        assert description.startswith(("required;", "optional;")), param
        assert f"?{param}" in body(text), f"{param} is documented but the query never uses it"
    assert header.example[:5] == ["kg", "sparql", "OUT", "--query", name]
    assert set(header.example_params()) <= set(header.params)
    assert set(header.example_params()) >= header.required()


@pytest.mark.parametrize("name", QUERIES)
def test_the_query_is_standard_sparql(name: str) -> None:
    """An independent SPARQL 1.1 parser (rdflib's) accepts it, and it orders its rows."""
    text = canned(name)
    prepareQuery(text)
    assert re.search(r"ORDER BY[^{}]*$", body(text)), "the rows must come in a fixed order"


@pytest.mark.parametrize("name", QUERIES)
def test_the_example_answers_with_the_documented_columns(name: str, seed_store: Any) -> None:
    header = read_header(canned(name))
    table = select(seed_store, canned(name), header.example_params())
    assert table.columns == header.columns
    assert table.rows, f"the documented example of {name} returns no rows on the seeds"


@pytest.mark.parametrize("name", QUERIES)
def test_without_parameters_optional_ones_do_not_filter(name: str, ask: Ask) -> None:
    rows = ask(name)
    if read_header(canned(name)).required():
        assert rows == [], "a query missing a required parameter answers nothing"
    else:
        assert rows


@pytest.mark.parametrize("name", QUERIES)
def test_a_server_with_the_union_default_graph_gives_the_same_answer(
    name: str, union_server: str, seed_store: Any
) -> None:
    """What the README tells users of other engines: ``oxigraph serve --union-default-graph``
    loaded with graph.trig answers the canned query exactly as the embedded store does."""
    params = read_header(canned(name)).example_params()
    query = bind_params(canned(name), params)
    request = urllib.request.Request(
        union_server,
        data=urllib.parse.urlencode({"query": query}).encode("utf-8"),
        headers={"Accept": "application/sparql-results+json"},
    )
    with DIRECT.open(request, timeout=60) as response:
        result = json.loads(response.read())
    served = [
        [_plain(binding.get(var)) for var in result["head"]["vars"]]
        for binding in result["results"]["bindings"]
    ]
    assert served == select(seed_store, canned(name), params).rows


def _plain(term: dict[str, str] | None) -> Any:
    if term is None:
        return None
    datatype = term.get("datatype", "")
    if datatype == XSD + "integer":
        return int(term["value"])
    if datatype == XSD + "boolean":
        return term["value"] == "true"
    return term["value"]


# Answers a reader can check in the seed text


def test_five_linkong_has_its_five_parts_in_order(ask: Ask) -> None:
    # the 2020 report's footnote: 五个临空:科创临空、产业临空、智慧临空、生态临空、人文临空。
    (row,) = ask("slogans", district="黄石港区", name="五个临空")
    assert row["components"].split("、") == [
        "科创临空",
        "产业临空",
        "智慧临空",
        "生态临空",
        "人文临空",
    ]
    assert row["numeral_count"] == row["n_components"] == 5
    assert row["count_matches"] is True
    assert (row["first_year"], row["last_year"]) == (2020, 2020)


def test_two_parks_two_belts_names_the_airport_business_park(ask: Ask) -> None:
    # 两园两带:黄石港临空商务产业园、黄石港临空智造产业园、临空都市发展带、滨水绿色发展带。
    (row,) = ask("slogans", district="黄石港区", name="两园两带")
    assert row["components"].split("、") == [
        "黄石港临空商务产业园",
        "黄石港临空智造产业园",
        "临空都市发展带",
        "滨水绿色发展带",
    ]
    assert row["count_matches"] is True


def test_slogans_tell_which_other_districts_use_the_same_words(ask: Ask) -> None:
    rows = ask("slogans", name="放管服")
    assert column(rows, "district") == ["岳阳楼区", "曾都区", "黄石港区"]
    assert column(rows, "other_districts") == [
        "曾都区、黄石港区",
        "岳阳楼区、黄石港区",
        "岳阳楼区、曾都区",
    ]
    undefined = next(r for r in rows if r["district"] == "黄石港区")
    assert (undefined["components"], undefined["n_components"]) == ("", 0)
    assert undefined["count_matches"] is None


def test_the_airport_business_park_recurs_in_2020_and_2025(ask: Ask) -> None:
    rows = ask("recurring", district="黄石港区")
    by_name = {row["canonical"]: row for row in rows}
    park = by_name["黄石港临空商务产业园"]
    assert (park["entity_type"], park["years"], park["n_years"]) == ("Park", "2020,2025", 2)
    assert "临空商务产业园" in park["surfaces"].split("、")
    # the business park and the manufacturing park are two parks, not one
    assert by_name["黄石港临空智造产业园"]["years"] == "2020,2025"
    assert set(column(rows, "entity_type")) <= {"Project", "Park", "Institution", "Place"}


def test_recurring_parameters_restrict_type_and_years(ask: Ask) -> None:
    parks = ask("recurring", district="黄石港区", type="Park")
    assert parks and set(column(parks, "entity_type")) == {"Park"}
    slogans = ask("recurring", type="Slogan")
    assert "三库" in column(slogans, "canonical")  # 2020: 省“三库”储备库; 2025: “三库”转化率
    assert ask("recurring", min_years="3") == []  # no district has documents of three years


def test_the_development_bureau_leads_and_carries_tasks_of_2025(ask: Ask) -> None:
    rows = ask("responsibilities", body="区发改局", district="黄石港区")
    assert {(r["document"], r["year"]) for r in rows} == {(HUANGSHIGANG_2025, 2025)}
    tasks = {(r["role"], r["task"]) for r in rows}
    # 1.地方生产总值增长7%左右。(责任单位:区发改局)
    assert ("responsible", "地方生产总值增长7%左右") in tasks
    # 11.以供应链思维推动产业园区发展,…(牵头单位:区发改局;责任单位:…)
    assert any(
        role == "lead" and task.startswith("以供应链思维推动产业园区发展") for role, task in tasks
    )
    leads = ask("responsibilities", body="区发改局", role="lead")
    assert leads and set(column(leads, "role")) == {"lead"}


def test_the_jinlong_project_invests_two_billion(ask: Ask) -> None:
    rows = ask("investments", entity="金龙应急救援产品研发及智能制造项目")
    assert len(rows) == 1
    row = rows[0]
    assert (row["amount"], row["amount_yuan"], row["role"]) == ("20亿元", 2_000_000_000, "total")
    assert (row["district"], row["document"], row["year"]) == ("曾都区", ZENGDU_2021, 2021)
    assert "总投资20亿元的金龙应急救援产品研发及智能制造项目" in row["sentence"]


def test_documents_lists_the_five_seeds_with_their_mentions(
    ask: Ask, seed_records: dict[str, dict[str, Any]]
) -> None:
    rows = ask("documents")
    assert sorted(column(rows, "document")) == sorted(seed_records)
    for row in rows:
        record = seed_records[row["document"]]
        assert row["mentions"] == len(record["entities"])
        assert (row["district"], row["year"]) == (record["doc"]["district"], record["doc"]["year"])
    breakdown = ask("documents", kind="task_breakdown")
    assert [(r["document"], r["district"], r["year"]) for r in breakdown] == [
        (HUANGSHIGANG_2025, "黄石港区", 2025)
    ]


def test_entity_facts_found_by_an_alias(ask: Ask) -> None:
    rows = ask("entity_facts", name="临空商务产业园")
    assert set(column(rows, "entity")) == {"黄石港临空商务产业园"}
    definition = [r for r in rows if r["relation"] == "definedAs"]
    assert definition and all(
        (r["direction"], r["other"], r["other_type"], r["document"])
        == ("in", "两园两带", "Slogan", HUANGSHIGANG_2020)
        and "两园两带" in r["sentence"]
        for r in definition
    )
    mentioned = {r["year"] for r in rows if r["relation"] == "mentionedIn"}
    assert mentioned == {2020, 2025}


def test_mentions_point_at_the_words_in_the_source(ask: Ask) -> None:
    rows = ask("mentions", name="胜阳港卫生服务中心")
    assert set(column(rows, "entity")) == {"胜阳港社区卫生服务中心"}
    assert set(column(rows, "surface")) == {"胜阳港社区卫生服务中心", "胜阳港卫生服务中心"}
    for row in rows:
        source = (SEEDS / f"{row['document']}.txt").read_text(encoding="utf-8")
        assert source[row["start"] : row["end"]] == row["surface"]
        assert row["surface"] in row["sentence"] and row["sentence"] in source


def test_kg_sparql_runs_a_canned_query_as_json(
    seed_build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["sparql", str(seed_build), "--query", "slogans", "--param", "district=黄石港区"]
    assert main([*argv, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {row["district"] for row in rows} == {"黄石港区"}
    five = next(row for row in rows if row["slogan"] == "五个临空")
    assert five["components"] == "科创临空、产业临空、智慧临空、生态临空、人文临空"
