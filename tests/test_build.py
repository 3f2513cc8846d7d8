"""kg build: every product from one model, the same result twice, ids that survive growth."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph.store import load_graph

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
PRODUCTS = (
    "extraction.jsonl",
    "summary.json",
    "merges.tsv",
    "graph.json",
    "ids.tsv",
    "graph.ttl",
    "graph.nt",
    "graph.jsonld",
    "graph.trig",
)


def test_build_writes_every_product(seed_build: Path) -> None:
    for name in PRODUCTS:
        assert (seed_build / name).stat().st_size > 0, name
    assert (seed_build / "store").is_dir()
    assert not [p.name for p in seed_build.iterdir() if p.name.startswith(".")]


def test_a_second_build_into_the_same_folder_gives_the_same_files(
    seed_build: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    for name in PRODUCTS:
        assert (out / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_adding_a_document_never_renames_a_node(tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(SEEDS / "004_c20798e18fc459eb.txt", first)
    out = tmp_path / "out"
    assert main(["build", str(first), "-o", str(out)]) == 0
    before = set(load_graph(out).nodes)
    # the 2025 task breakdown alone calls the park 临空商务产业园; the 2020 report names it in full
    assert "Park/临空商务产业园" in before
    assert main(["build", str(SEEDS), "-o", str(out)]) == 0
    after = load_graph(out)
    assert before <= set(after.nodes)
    assert after.nodes["Park/临空商务产业园"]["name"] == "黄石港临空商务产业园"
    assert "Park/黄石港临空商务产业园" not in after


def test_the_corpus_extra_excerpts_build(tmp_path: Path) -> None:
    """25 excerpts from 24 provinces: the whole build (not only extraction) generalises."""
    extra = SEEDS.parents[2] / "shared" / "corpus-extra"
    if not extra.is_dir():
        pytest.skip("shared/corpus-extra is not beside the repository")
    out = tmp_path / "out"
    assert main(["build", str(extra), "-o", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["documents"]) == 25 and not summary["failed"]
    assert (out / "report.html").is_file() and (out / "store").is_dir()
