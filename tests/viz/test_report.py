"""OUT/report.html, written by kg build: counts, documents, recurring projects, slogans, and
links to pictures that exist; opens offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from kg.analysis.recurrence import recurring
from kg.graph.store import load_graph
from kg.viz.report import TOP_RECURRING

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
SEED_IDS = {
    "000_2902ce684fdbffb1",
    "001_f32c294674d3e8c0",
    "002_51ca86d34917683e",
    "003_435c7080c0d33384",
    "004_c20798e18fc459eb",
}


@pytest.fixture(scope="module")
def report(seed_build: Path) -> LexborHTMLParser:
    return LexborHTMLParser((seed_build / "report.html").read_text(encoding="utf-8"))


def table_rows(table: LexborNode) -> list[list[str]]:
    return [[td.text() for td in tr.css("td")] for tr in table.css("tbody tr")]


def rows(page: LexborHTMLParser, cls: str) -> list[list[str]]:
    return [[td.text() for td in tr.css("td")] for tr in page.css(f"table.{cls} tbody tr")]


def test_the_five_seed_documents_are_listed(report: LexborHTMLParser) -> None:
    docs = rows(report, "documents")
    assert len(docs) == 5
    assert {r[4] for r in docs} == SEED_IDS
    assert ["黄石港区", "2025", "task_breakdown"] in [r[:3] for r in docs]


def test_the_park_promised_in_2020_and_2025_is_among_recurring_projects(
    report: LexborHTMLParser,
) -> None:
    table = {r[0]: r for r in rows(report, "recurring")}
    park = next(r for name, r in table.items() if name.startswith("黄石港临空商务产业园"))
    assert park[2] == "黄石港区"
    assert "2020" in park[3] and "2025" in park[3]


def test_recurring_rows_are_the_ones_kg_query_recurring_gives(
    report: LexborHTMLParser, seed_build: Path
) -> None:
    expected = recurring(load_graph(seed_build))[:TOP_RECURRING]
    shown = [r[0] for r in rows(report, "recurring")]
    assert len(shown) == len(expected)
    for row, item in zip(shown, expected, strict=True):
        assert row.startswith(item.canonical)


def test_slogan_table_shows_five_linkong_with_its_five_parts(report: LexborHTMLParser) -> None:
    table = [r for r in rows(report, "slogans") if r[0] == "五个临空"]
    assert len(table) == 1
    _, district, _years, count, components, matches, _shared = table[0]
    assert district == "黄石港区"
    assert count == "5"
    assert components.split("、")[:1] == ["科创临空"]
    assert len(components.split("、")) == 5
    assert matches == "✓"


def test_counts_agree_with_the_summary(report: LexborHTMLParser, seed_build: Path) -> None:
    summary = json.loads((seed_build / "summary.json").read_text(encoding="utf-8"))["graph"]
    counts = report.css_first("#counts")
    assert counts is not None
    nodes, edges = ({r[1]: int(r[2]) for r in table_rows(t)} for t in counts.css("table"))
    assert nodes["park"] == summary["nodes"]["Park"]
    assert nodes["slogan"] == summary["nodes"]["Slogan"]
    assert edges["mentioned in"] == summary["edges"]["mentionedIn"]
    assert sum(nodes.values()) == sum(summary["nodes"].values())


def local_links(page: LexborHTMLParser) -> list[str]:
    found = [n.attributes.get("href") or "" for n in page.css("a[href]")]
    found += [n.attributes.get("src") or "" for n in page.css("[src]")]
    return [u for u in found if not urlsplit(u).scheme and not u.startswith("#")]


def test_every_local_link_points_to_a_file_that_exists(
    report: LexborHTMLParser, seed_build: Path
) -> None:
    links = {unquote(u) for u in local_links(report)}
    assert {
        "slogans.html",
        "slogans.png",
        "timeline-黄石港区.html",
        "timeline-黄石港区.png",
    } <= links
    for link in links:
        assert (seed_build / link).is_file(), link
    # only 黄石港区 has documents of two years: the others have nothing to draw a timeline of
    assert not [p.name for p in seed_build.glob("timeline-*") if "黄石港区" not in p.name]


def test_report_and_pictures_load_in_chromium_offline(seed_build: Path, open_page: Any) -> None:
    page = open_page(seed_build / "report.html")
    page.wait_for("Array.from(document.images).every(i => i.complete)")
    page.settle()
    assert page.errors == []
    assert page.remote_requests == []
    assert page.evaluate("document.documentElement.lang") == "zh"
    widths = page.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
    assert widths and all(w > 0 for w in widths)


def test_a_rebuild_without_a_district_timeline_removes_it(seed_build: Path, tmp_path: Path) -> None:
    from kg.build import build

    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    assert (out / "timeline-黄石港区.png").exists()
    seeds = sorted(SEEDS.glob("*.txt"))
    build([p for p in seeds if not p.name.startswith("004_")], out)  # one year of 黄石港区 left
    assert list(out.glob("timeline-*")) == []
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "timeline-" not in report
