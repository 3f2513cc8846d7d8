"""The Python API on real documents: resolution across documents, HTML input, errors."""

from __future__ import annotations

import html
from pathlib import Path

from kg import extract

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
REPORT_2020 = SEEDS / "000_2902ce684fdbffb1.txt"
TASKS_2025 = SEEDS / "004_c20798e18fc459eb.txt"


def test_short_park_name_in_a_later_document_joins_the_full_name() -> None:
    result = extract([REPORT_2020, TASKS_2025])
    assert not result.errors
    tasks = next(r for r in result.records if r.doc.kind == "task_breakdown")
    canon = {e.canonical for e in tasks.entities if e.text == "临空商务产业园"}
    assert canon == {"黄石港临空商务产业园"}


def test_slogans_are_scoped_to_their_district() -> None:
    result = extract([REPORT_2020])
    slogans = [e for e in result.records[0].entities if e.type == "Slogan" and e.text == "四区"]
    assert slogans and {e.scope for e in slogans} == {"黄石港区"}


def test_html_page_offsets_point_into_the_extracted_text(tmp_path: Path) -> None:
    body = TASKS_2025.read_text(encoding="utf-8").split("\n\n")
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body if p.strip())
    page.write_text(
        "<html><head><title>重点工作分解</title><script>var nav = '首页';</script></head><body>"
        "<div class='nav'>首页 | 政府信息公开 | 政策</div>"
        f"<div class='TRS_Editor'>{paragraphs}</div>"
        "<div class='footer'>主办单位:黄石港区人民政府 版权所有</div></body></html>",
        encoding="utf-8",
    )
    record = extract([page]).records[0]
    assert record.text is not None and "var nav" not in record.text
    assert record.doc.district == "黄石港区"
    for entity in record.entities:
        assert record.text[entity.start : entity.end] == entity.text
    assert any(e.text == "区发改局" and e.type == "GovernmentBody" for e in record.entities)


def test_graph_api_from_records_to_answers() -> None:
    import kg

    records = kg.extract([REPORT_2020, TASKS_2025]).records
    graph = kg.build_graph(records)
    parks = {r.canonical for r in kg.recurring(graph, types=["Park"])}
    assert "黄石港临空商务产业园" in parks
    (five,) = [u for u in kg.slogans(graph) if u.slogan == "五个临空"]
    assert five.district == "黄石港区" and len(five.components) == 5
