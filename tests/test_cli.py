"""The command line as a user runs it: build the seeds, extract, evaluate, fail clearly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "corpus"
GOLD = ROOT / "tests" / "gold"


def test_build_writes_one_spec_record_per_seed(seed_build: Path) -> None:
    lines = (seed_build / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    for line in lines:
        record = json.loads(line)
        assert set(record) >= {"doc", "entities", "relations"}
        assert set(record["doc"]) >= {"id", "path", "title", "district", "year", "date", "kind"}
        for entity in record["entities"]:
            assert set(entity) >= {"type", "text", "start", "end", "canonical"}
        for relation in record["relations"]:
            assert set(relation) >= {"type", "head", "tail", "start", "end", "attrs"}
    summary = json.loads((seed_build / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["documents"]) == 5 and summary["failed"] == []


def test_every_span_points_back_into_the_original_file(
    seed_records: dict[str, dict[str, Any]],
) -> None:
    for doc_id, record in seed_records.items():
        source = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
        starts = [e["start"] for e in record["entities"]]
        assert starts == sorted(starts), "entities must be in document order"
        for entity in record["entities"]:
            assert source[entity["start"] : entity["end"]] == entity["text"]
        for relation in record["relations"]:
            assert 0 <= relation["start"] < relation["end"] <= len(source)


@pytest.mark.parametrize(
    ("doc_id", "district", "city", "province", "year", "kind"),
    [
        ("000_2902ce684fdbffb1", "黄石港区", "黄石市", "湖北省", 2020, "work_report"),
        ("001_f32c294674d3e8c0", "曾都区", "随州市", "湖北省", 2021, "work_report"),
        ("002_51ca86d34917683e", "硚口区", "武汉市", "湖北省", 2022, "work_report"),
        ("003_435c7080c0d33384", "岳阳楼区", "岳阳市", "湖南省", 2020, "work_report"),
        ("004_c20798e18fc459eb", "黄石港区", "黄石市", "湖北省", 2025, "task_breakdown"),
    ],
)
def test_seed_metadata(
    seed_records: dict[str, dict[str, Any]],
    doc_id: str,
    district: str,
    city: str,
    province: str,
    year: int,
    kind: str,
) -> None:
    doc = seed_records[doc_id]["doc"]
    assert (doc["district"], doc["city"], doc["province"], doc["year"], doc["kind"]) == (
        district,
        city,
        province,
        year,
        kind,
    )


def test_bad_file_is_reported_and_the_others_still_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "scan.txt").write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\x00\x01"
    )
    good = tmp_path / "report.txt"
    good.write_text((SEEDS / "004_c20798e18fc459eb.txt").read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path), "-o", str(out)]) == 1
    first, summary = capsys.readouterr().err.strip().splitlines()
    assert "scan.txt" in first and "PDF" in first
    assert summary == "kg: 1 of 2 documents could not be read"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"]["id"] for r in records] == ["report"]


def test_missing_path_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nowhere.txt")]) == 1
    first, summary = capsys.readouterr().err.strip().splitlines()
    assert "nowhere.txt" in first and summary.startswith("kg: 1 of 1 ")


def test_meta_override_applies_to_every_document(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(
        "各位代表:现在,我代表区人民政府向大会报告工作。总投资20亿元的金龙项目开工。", "utf-8"
    )
    out = tmp_path / "a.jsonl"
    assert (
        main(
            [
                "extract",
                str(src),
                "--meta",
                "district=黄石港区",
                "--meta",
                "year=2019",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))["doc"]
    assert doc["district"] == "黄石港区" and doc["year"] == 2019


def test_bad_meta_option_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS), "--meta", "colour=red"]) == 2
    assert "--meta" in capsys.readouterr().err


def test_eval_prints_scores_per_type(seed_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(seed_build / "extraction.jsonl"), str(GOLD)]) == 0
    table = capsys.readouterr().out
    for name in ("AdminDivision", "Slogan", "definedAs", "responsibleFor", "ALL"):
        assert name in table


def test_rebuild_into_the_same_folder_gives_the_same_output(
    seed_build: Path, tmp_path: Path
) -> None:
    first = (seed_build / "extraction.jsonl").read_bytes()
    assert main(["build", str(SEEDS), "-o", str(seed_build)]) == 0
    assert (seed_build / "extraction.jsonl").read_bytes() == first
    assert not list(seed_build.glob(".*.tmp"))
