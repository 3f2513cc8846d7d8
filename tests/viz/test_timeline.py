"""kg viz timeline: the recurring projects of 黄石港区 (documents of 2020 and 2025) by year."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from kg.analysis.recurrence import recurring
from kg.cli import main
from kg.graph.store import load_graph
from kg.viz.timeline import timeline

DISTRICT = "黄石港区"


@pytest.fixture(scope="module")
def graph(seed_build: Path) -> Any:
    return load_graph(seed_build)


def viz(seed_build: Path, target: Path, *options: str) -> int:
    argv = ["viz", "timeline", str(seed_build), "--district", DISTRICT, "-o", str(target)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        status = main([*argv, *options])
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == [], missing
    return status


@pytest.fixture(scope="module")
def pictures(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("timeline")
    for name in ("timeline.html", "timeline.png"):
        assert viz(seed_build, folder / name) == 0
    assert viz(seed_build, folder / "timeline-1.png", "--min-years", "1") == 0
    return folder


def test_rows_are_what_kg_query_recurring_gives_and_columns_the_document_years(
    graph: Any,
) -> None:
    data = timeline(graph, DISTRICT)
    expected = recurring(graph, district=DISTRICT)
    assert expected, "the seeds have things 黄石港区 mentions in 2020 and in 2025"
    assert [r.canonical for r in data.rows] == [r.canonical for r in expected]
    assert data.years == [2020, 2025]


def test_each_cell_shows_the_status_and_hovers_with_its_evidence(
    pictures: Path, graph: Any
) -> None:
    page = LexborHTMLParser((pictures / "timeline.html").read_text(encoding="utf-8"))
    rows = page.css("table.timeline tbody tr")
    expected = recurring(graph, district=DISTRICT)
    assert len(rows) == len(expected)
    for tr, item in zip(rows, expected, strict=True):
        name = tr.css_first("th")
        assert name is not None and name.text() == item.canonical
        for cell in tr.css("td.cell"):
            year = int(cell.attributes["data-year"] or 0)
            status = item.status_by_year.get(year)
            if status is None:
                assert "status-none" in (cell.attributes["class"] or "")
                continue
            assert cell.text() == status
            assert f"status-{status}" in (cell.attributes["class"] or "")
            assert item.evidence_by_year[year] in (cell.attributes["title"] or "")


def test_a_bad_type_or_min_years_is_a_one_line_error(
    seed_build: Path, tmp_path: Path, capsys: Any
) -> None:
    assert viz(seed_build, tmp_path / "t.html", "--type", "Projekt") == 2
    assert viz(seed_build, tmp_path / "t.html", "--min-years", "0") == 2
    assert viz(seed_build, tmp_path / "t.pdf") == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and all(e.startswith("kg: error: ") for e in errors)
    assert "Projekt" in errors[0] and ".pdf" in errors[2]
    assert list(tmp_path.iterdir()) == []


def test_a_district_with_one_year_gets_a_page_that_says_nothing_recurs(
    seed_build: Path, tmp_path: Path
) -> None:
    argv = ["viz", "timeline", str(seed_build), "--district", "曾都区"]
    assert main([*argv, "-o", str(tmp_path / "t.html")]) == 0
    page = LexborHTMLParser((tmp_path / "t.html").read_text(encoding="utf-8"))
    assert page.css("table.timeline") == []
    empty = page.css_first("p.empty")
    assert empty is not None and "2021" in empty.text()


def ink(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("L"), dtype=float)


def test_the_png_has_a_row_per_recurring_thing(pictures: Path, graph: Any) -> None:
    two, one = ink(pictures / "timeline.png"), ink(pictures / "timeline-1.png")
    assert two.std() > 10 and (two < 200).mean() > 0.02
    assert two.shape[1] >= 900  # legend and year columns fit
    rows_two = len(recurring(graph, district=DISTRICT))
    rows_one = len(recurring(graph, district=DISTRICT, min_years=1))
    assert rows_one > rows_two
    # every row is drawn the same height: the picture grows with the rows
    per_row = (one.shape[0] - two.shape[0]) / (rows_one - rows_two)
    assert 25 <= per_row <= 50


def test_the_page_loads_without_errors_and_shows_evidence_on_hover(
    pictures: Path, graph: Any, open_page: Any
) -> None:
    page = open_page(pictures / "timeline.html")
    page.settle()
    assert page.errors == [] and page.remote_requests == []
    first = recurring(graph, district=DISTRICT)[0]
    year = first.years[0]
    x, y = page.evaluate(
        "(() => { const r = document.querySelector('#timeline tbody tr td.cell[data-year=\""
        f"{year}"
        "\"]').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    shown = page.wait_for(
        "document.getElementById('evidence').querySelector('blockquote')?.textContent"
    )
    assert shown == first.evidence_by_year[year]
    assert page.errors == []
