"""No garbage AdminDivision or GovernmentBody entities on the excerpts of 24 provinces in
shared/corpus-extra (skipped where that folder is absent)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kg.extraction import run_pipeline
from kg.ingest import load_document

EXTRA = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-extra"
LABELS = ("AdminDivision", "GovernmentBody")

# Strings seen (or likely) as wrong entities: bodies glued to the word before them, coordinated
# levels read as one body, a committee member read as an organ, ordinary words that are also
# division names somewhere in China (代县 in 代县长, 理县 in 管理县, 新兴区 in 创新兴区).
GARBAGE = {
    "年下陆区政府",
    "我代表区人民政府",
    "在区委",
    "是县人大",
    "我们在市委",
    "县政协各位委",
    "市委市政府和县委",
    "区市党委",
    "市委常委",
    "南牟定产业园区管委会",
    "理县",
    "代县",
    "建设",
    "胜利",
    "团结",
    "第二",
    "第七",
    "新兴",
    "新兴区",
    "工业",
    "健康",
}
# A body never starts with a pronoun, a preposition or a copula, nor with the 年 of a date.
GLUED_START = re.compile(r"^(?:我|在|是|年|对|由)")


@pytest.fixture(scope="module")
def extra_ents(nlp: Any) -> list[tuple[str, str, str]]:
    """(file, label, text) of every division and body the pipeline finds in corpus-extra."""
    if not EXTRA.is_dir():
        pytest.skip(f"{EXTRA} is absent")
    out = []
    for path in sorted(EXTRA.glob("*.txt")):
        doc = run_pipeline(nlp, load_document(path))
        out += [(path.name, e.label_, e.text) for e in doc.ents if e.label_ in LABELS]
    return out


def test_no_garbage_divisions_or_bodies(extra_ents: list[tuple[str, str, str]]) -> None:
    bad = [e for e in extra_ents if e[2] in GARBAGE]
    assert bad == []


def test_bodies_are_not_glued_to_the_word_before(extra_ents: list[tuple[str, str, str]]) -> None:
    glued = [e for e in extra_ents if e[1] == "GovernmentBody" and GLUED_START.match(e[2])]
    assert glued == []


def test_the_documents_own_divisions_are_found(extra_ents: list[tuple[str, str, str]]) -> None:
    found = {(f, t) for f, label, t in extra_ents if label == "AdminDivision"}
    # a county, a banner and a traditional-character city report
    assert {("03.txt", "蠡县"), ("25.txt", "新巴尔虎左旗"), ("04.txt", "霍州市")} <= found
