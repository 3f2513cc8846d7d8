"""Lifecycle status of a mention from the words that govern it and the section it is in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def statuses(seed_records: dict[str, Any], doc_prefix: str) -> dict[str, set[str]]:
    doc = next(r for k, r in seed_records.items() if k.startswith(doc_prefix))
    out: dict[str, set[str]] = {}
    for e in doc["entities"]:
        if "status" in e.get("attrs", {}):
            out.setdefault(e["text"], set()).add(e["attrs"]["status"])
    return out


@pytest.mark.parametrize(
    ("doc", "surface", "status"),
    [
        # 2020 review: 十八中改扩建工程投入使用
        ("000_", "十八中改扩建工程", "completed"),
        # 2020 review: 谋划布局临空商务产业园核心区起步区
        ("000_", "临空商务产业园", "planned"),
        # 2021 review: 曾都医院门诊综合楼、区疾控中心检验大楼开工建设
        ("001_", "曾都医院", "started"),
        # 2021 plan: 加快随州市何店高质量发展示范区建设
        ("001_", "随州市何店高质量发展示范区", "ongoing"),
        # 2025 tasks: 加快推进数字物流产业园二期建设
        ("004_", "数字物流产业园", "ongoing"),
    ],
)
def test_status_read_from_the_governing_words(
    seed_records: dict[str, Any], doc: str, surface: str, status: str
) -> None:
    assert status in statuses(seed_records, doc)[surface]


def test_a_plan_commits_rather_than_reports(nlp: Any) -> None:
    from kg.records import DocMeta

    text = (
        "一、2020年工作回顾\n东风湖学校建成投用。\n二、2021年工作安排\n确保东风湖学校建成投用。\n"
    )
    doc = nlp.make_doc(text)
    doc._.meta = DocMeta(id="t", path="t.txt", district="岳阳楼区", year=2021)
    doc = nlp(doc)
    found = [(e.text, e._.kg.get("status"), e._.kg.get("status_cue")) for e in doc.ents]
    school = [f for f in found if f[0] == "东风湖学校"]
    assert school == [
        ("东风湖学校", "completed", "建成投用"),  # reported in the review
        ("东风湖学校", "planned", "建成投用"),  # promised in the plan
    ]


def test_other_types_get_no_status(seed_records: dict[str, Any]) -> None:
    for record in seed_records.values():
        for e in record["entities"]:
            if e["type"] not in ("Project", "Park", "Institution", "Place"):
                assert "status" not in e.get("attrs", {}), e


def test_a_cue_governs_only_its_own_clause(nlp: Any) -> None:
    # the first clause of the text has no break before it, the last none after it
    from kg.records import DocMeta

    doc = nlp.make_doc("东风湖学校建成投用，谋划。启动建设，东风湖学校")
    doc._.meta = DocMeta(id="t", path="t.txt", district="岳阳楼区", year=2021)
    doc = nlp(doc)
    found = [(e.start_char, e._.kg.get("status")) for e in doc.ents if e.text == "东风湖学校"]
    assert found == [(0, "completed"), (18, "mentioned")]  # 启动建设 is the clause before
