"""Shared fixtures: the seed corpus, one pipeline per test session, one build of the seeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "corpus"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp() -> Any:
    from kg.nlp.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build examples/corpus -o OUT`` run once; returns OUT."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("build") / "out"
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def seed_records(seed_build: Path) -> dict[str, dict[str, Any]]:
    """The extraction records of the seeds, keyed by document id."""
    lines = (seed_build / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["doc"]["id"]: r for r in map(json.loads, lines)}
