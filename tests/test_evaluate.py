"""kg eval: strict and overlap matching, ignored spans, relations with and without role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.evaluate import evaluate, format_markdown

GOLD = {
    "doc": "d1.txt",
    "entities": [
        {"type": "Park", "text": "黄石港临空商务产业园", "start": 2, "end": 12, "canonical": "x"},
        {"type": "Slogan", "text": "五个临空", "start": 20, "end": 24, "canonical": "五个临空"},
    ],
    "relations": [
        {"type": "responsibleFor", "head": "区发改局", "tail": "任务", "attrs": {"role": "lead"}},
        {"type": "definedAs", "head": "五个临空", "tail": "科创临空", "attrs": {}},
    ],
    "ignore": [{"text": "长江经济带", "start": 30, "end": 35}],
}


def write(tmp_path: Path, entities: list[dict], relations: list[dict]) -> tuple[Path, Path]:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "d1.json").write_text(json.dumps(GOLD, ensure_ascii=False), "utf-8")
    pred = tmp_path / "pred.jsonl"
    record = {
        "doc": {"id": "d1", "path": "corpus/d1.txt"},
        "entities": entities,
        "relations": relations,
    }
    pred.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    return pred, gold_dir


def test_strict_overlap_and_ignore(tmp_path: Path) -> None:
    entities = [
        {"type": "Park", "text": "临空商务产业园", "start": 5, "end": 12},  # overlap only
        {"type": "Slogan", "text": "五个临空", "start": 20, "end": 24},  # exact
        {"type": "Place", "text": "长江", "start": 30, "end": 32},  # inside an ignore span
    ]
    pred, gold = write(tmp_path, entities, [])
    report = evaluate(pred, gold)
    assert (report.strict["Slogan"].tp, report.strict["Park"].tp) == (1, 0)
    assert report.overlap["Park"].tp == 1
    assert report.strict["Place"].fp == 0


def test_relation_role_is_scored_separately(tmp_path: Path) -> None:
    relations = [
        {
            "type": "responsibleFor",
            "head": "区发改局",
            "tail": "任务。",
            "attrs": {"role": "support"},
        },
        {"type": "definedAs", "head": "“五个临空”", "tail": "科创临空", "attrs": {}},
    ]
    pred, gold = write(tmp_path, [], relations)
    report = evaluate(pred, gold)
    assert report.relations["responsibleFor"].f1 == 1.0
    assert report.relations_role["responsibleFor"].f1 == 0.0
    assert report.relations["definedAs"].tp == 1
    assert "| definedAs |" in format_markdown(report)


def test_missing_document_is_an_error(tmp_path: Path) -> None:
    pred, gold = write(tmp_path, [], [])
    pred.write_text("", "utf-8")
    with pytest.raises(KgError, match="no predictions for gold documents d1"):
        evaluate(pred, gold)
