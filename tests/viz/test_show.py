"""kg show: a seed document as a page with its entities highlighted and its relations listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from kg.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
REPORT_2020 = SEEDS / "000_2902ce684fdbffb1.txt"


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg show`` of the 2020 黄石港区 work report."""
    out = tmp_path_factory.mktemp("show") / "doc.html"
    assert main(["show", str(REPORT_2020), "-o", str(out)]) == 0
    return out


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def marks(page: LexborHTMLParser, kind: str) -> dict[str, LexborNode]:
    """The entity marks of one type, by their surface text (first of each)."""
    found: dict[str, LexborNode] = {}
    for node in page.css("mark.entity"):
        if node.attributes.get("data-type") == kind:
            found.setdefault(node.text(deep=False), node)
    return found


def test_slogans_and_parks_are_marked_with_their_canonical_name_and_status(shown: Path) -> None:
    page = parse(shown)
    slogan = marks(page, "Slogan")["五个临空"]
    assert "口号" in slogan.text()  # the label from ontology/mapping.yaml
    park = marks(page, "Park")["临空商务产业园"]
    title = park.attributes.get("title") or ""
    # the document says 临空商务产业园; the node is the full name, and the tooltip says so
    assert "黄石港临空商务产业园" in title
    assert "status" in title


def test_the_page_shows_the_original_text_exactly(shown: Path) -> None:
    page = parse(shown)
    body = page.css_first("div.entities")
    assert body is not None
    for label in body.css("span.ent-label"):
        label.decompose()
    original = REPORT_2020.read_text(encoding="utf-8")
    # newlines become <br>; every other character is where the offsets say
    assert body.text() == original.replace("\n", "")


def relation_rows(page: LexborHTMLParser) -> list[list[str]]:
    return [[td.text() for td in tr.css("td")] for tr in page.css("table.relations tbody tr")]


def test_relations_table_lists_the_slogan_definition_with_its_evidence(shown: Path) -> None:
    rows = relation_rows(parse(shown))
    wukong = [r for r in rows if r[1] == "五个临空" and "definedAs" in r[0]]
    assert {r[2] for r in wukong} >= {"科创临空"}
    for row in wukong:
        assert row[2] in row[5]  # the tail is in the evidence sentence
        assert "count_matches=true" in row[4]


def test_metadata_is_on_top(shown: Path) -> None:
    meta = parse(shown).css_first("dl.meta")
    assert meta is not None
    values = [dd.text() for dd in meta.css("dd")]
    assert "黄石港区" in values
    assert "2020" in values


def test_meta_override_and_markup_in_the_text_are_shown_as_text(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text(
        "黄石港区政府工作报告\n"
        "全力打造“五个临空”[[[]五个临空:科创临空、开放临空、枢纽临空、产业临空、生态临空。]]，"
        "推进临空商务产业园建设。<script>alert('x')</script> & \"引号\"\n",
        encoding="utf-8",
    )
    out = tmp_path / "note.html"
    assert main(["show", str(source), "-o", str(out), "--meta", "year=2031"]) == 0
    page = parse(out)
    assert page.css("script") == []
    text = page.css_first("div.entities")
    assert text is not None
    assert "<script>alert('x')</script> & \"引号\"" in text.text()
    assert "2031" in [dd.text() for dd in page.css("dl.meta dd")]
    assert "五个临空" in marks(page, "Slogan")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.txt", None, "missing.txt"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe" * 200, "binary.txt"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: Any, name: str, content: bytes | None, problem: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "doc.html"
    assert main(["show", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("kg: error: ")
    assert problem in err[0]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == ([source] if content is not None else [])


def test_a_folder_is_refused(tmp_path: Path, capsys: Any) -> None:
    assert main(["show", str(SEEDS), "-o", str(tmp_path / "doc.html")]) == 2
    assert "one document" in capsys.readouterr().err


def test_the_page_loads_in_chromium_offline_without_errors(shown: Path, open_page: Any) -> None:
    page = open_page(shown)
    page.settle()
    assert page.errors == []
    assert page.remote_requests == []
    slogans = page.evaluate("document.querySelectorAll('mark.entity[data-type=Slogan]').length")
    assert slogans > 0
    # a relation's head links to its mark in the text
    target = page.evaluate(
        "(() => { const a = document.querySelector('table.relations a[href^=\"#e-\"]');"
        " return a && document.getElementById(a.getAttribute('href').slice(1)) !== null; })()"
    )
    assert target is True
