"""AdminDivision and GovernmentBody rules on seed text: series of township short forms, the own
city's one-character form, bare 人大/政协 as organs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.extraction import run_pipeline
from kg.ingest import load_document

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def docs(nlp: Any) -> dict[str, Any]:
    """The pipeline's Doc of the seeds used here, by file-name prefix."""
    wanted = ("002", "003")
    return {
        p.name[:3]: run_pipeline(nlp, load_document(p))
        for p in sorted(SEEDS.glob("*.txt"))
        if p.name[:3] in wanted
    }


def ents_in(doc: Any, snippet: str, label: str) -> list[tuple[str, str]]:
    """(text, canonical) of the ``label`` entities inside the first occurrence of ``snippet``."""
    pos = doc.text.index(snippet)
    return [
        (e.text, e._.kg.get("canonical", e.text))
        for e in doc.ents
        if e.label_ == label and pos <= e.start_char and e.end_char <= pos + len(snippet)
    ]


def test_a_series_of_township_short_forms_called_areas(docs: dict[str, Any]) -> None:
    doc = docs["003"]
    assert ents_in(doc, "以奇家岭、郭镇片区", "AdminDivision") == [
        ("奇家岭", "奇家岭街道"),
        ("郭镇", "郭镇乡"),
    ]
    found = dict(ents_in(doc, "东茅岭、站前路、五里牌、花板桥等中心城区", "AdminDivision"))
    assert found["东茅岭"] == "东茅岭街道" and found["五里牌"] == "五里牌街道"


def test_the_own_city_in_one_character(docs: dict[str, Any]) -> None:
    assert ents_in(docs["003"], "中高风险地区来岳等", "AdminDivision") == [("岳", "岳阳市")]


def test_bare_congress_and_conference_are_organs_when_they_supervise(
    docs: dict[str, Any],
) -> None:
    doc = docs["002"]
    bodies = ents_in(doc, "自觉接受人大监督和政协民主监督", "GovernmentBody")
    assert [t for t, _ in bodies] == ["人大", "政协"]
    assert dict(bodies)["人大"] == "区人大"
    # deputies and members (人大代表, 政协委员) are people, not mentions of the organ
    assert ents_in(doc, "人大代表、政协委员", "GovernmentBody") == []
