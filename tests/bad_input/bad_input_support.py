"""Helpers shared by the bad-input catalogue (issue 6): run the CLI, check spans and leftovers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
# The 2025 task breakdown: the shortest seed, rich in departments, projects and slogans.
GOOD_SEED = SEEDS / "004_c20798e18fc459eb.txt"


def good_text() -> str:
    return GOOD_SEED.read_text(encoding="utf-8")


def extract(
    paths: list[Path], out: Path, capsys: pytest.CaptureFixture[str], *options: str
) -> tuple[int, list[str], dict[str, dict[str, Any]]]:
    """``kg extract PATHS -o OUT``: exit status, stderr lines, records keyed by document id."""
    status = main(["extract", *map(str, paths), "-o", str(out), *options])
    err = capsys.readouterr().err.splitlines()
    records: dict[str, dict[str, Any]] = {}
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["doc"]["id"]] = record
    return status, err, records


def assert_spans_exact(record: dict[str, Any], source: str) -> None:
    """Every entity's offsets index ``source`` exactly; relation spans lie inside it."""
    assert record["entities"], "expected some entities"
    for entity in record["entities"]:
        assert source[entity["start"] : entity["end"]] == entity["text"], entity
    for relation in record["relations"]:
        assert 0 <= relation["start"] <= relation["end"] <= len(source)
        for key, name in (("head_span", "head"), ("tail_span", "tail")):
            span = relation.get(key)
            if span:
                assert source[span[0] : span[1]] == relation[name]


def hidden_entries(out: Path) -> list[str]:
    """Temporary files or folders (dot-names) left in an output folder."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))
