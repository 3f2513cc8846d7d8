"""The hard points the seeds show, checked on the built seed corpus as a reader would check them."""

from __future__ import annotations

from typing import Any

import pytest

Records = dict[str, dict[str, Any]]


def record(records: Records, prefix: str) -> dict[str, Any]:
    return next(r for doc_id, r in records.items() if doc_id.startswith(prefix))


def relations(rec: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r for r in rec["relations"] if r["type"] == kind]


def test_names_glued_to_a_leading_verb_are_trimmed(seed_records: Records) -> None:
    rec = record(seed_records, "000")
    texts = {e["text"] for e in rec["entities"]}
    assert "智能输送产业园" in texts  # 相继落户智能输送产业园
    assert not any(t.startswith(("落户", "推进", "打造", "实施")) for t in texts)


def test_numbered_slogans_read_their_numeral_and_check_the_definition(
    seed_records: Records,
) -> None:
    rec = record(seed_records, "000")
    slogans = {e["text"]: e for e in rec["entities"] if e["type"] == "Slogan"}
    assert slogans["五个临空"]["attrs"]["count"] == 5
    assert slogans["两园两带"]["attrs"]["count_parts"] == [2, 2]
    five = [r["tail"] for r in relations(rec, "definedAs") if r["head"] == "五个临空"]
    assert five == ["科创临空", "产业临空", "智慧临空", "生态临空", "人文临空"]
    assert all(
        r["attrs"]["count_matches"] for r in relations(rec, "definedAs") if r["head"] == "五个临空"
    )
    parks = [r["tail"] for r in relations(rec, "definedAs") if r["head"] == "两园两带"]
    assert "黄石港临空商务产业园" in parks and len(parks) == 4


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_slogans_that_lost_their_opening_quote_are_found(
    seed_records: Records, prefix: str
) -> None:
    rec = record(seed_records, prefix)
    assert sum(e["type"] == "Slogan" for e in rec["entities"]) >= 5


@pytest.mark.parametrize(
    ("prefix", "term", "component"),
    [
        ("000", "四个一", "一名分管领导"),  # inline footnotes and endnote list
        ("001", "三牛精神", "为民服务孺子牛"),  # numbered 名词解释 glossary
        ("003", "三供一业", "供水"),  # quoted-term glossary without numbers
    ],
)
def test_definitions_in_all_three_layouts(
    seed_records: Records, prefix: str, term: str, component: str
) -> None:
    rec = record(seed_records, prefix)
    tails = {r["tail"] for r in relations(rec, "definedAs") if r["head"] == term}
    assert component in tails


def test_task_units_with_roles_run_together_units_and_abbreviations(
    seed_records: Records,
) -> None:
    rec = record(seed_records, "004")
    resp = relations(rec, "responsibleFor")
    revenue = {
        (r["head"], r["attrs"]["role"]) for r in resp if r["tail"].startswith("地方公共财政")
    }
    assert revenue == {("区财政局", "responsible"), ("区税务局", "responsible")}
    roles = {r["attrs"]["role"] for r in resp}
    assert roles == {"lead", "responsible", "support"}
    abbreviations = {e["canonical"] for e in rec["entities"] if e["text"] == "科经"}
    assert abbreviations == {"区科经局"}


def test_investment_is_tied_to_the_project_of_its_clause(seed_records: Records) -> None:
    rec = record(seed_records, "001")
    found = {(r["head"], r["tail"], r["attrs"]["role"]) for r in relations(rec, "investment")}
    assert ("金龙应急救援产品研发及智能制造项目", "20亿元", "total") in found
    amount = next(e for e in rec["entities"] if e["text"] == "20亿元")
    assert amount["attrs"]["value"] == 2_000_000_000


def test_companies_in_a_park_are_located_in_it(seed_records: Records) -> None:
    rec = record(seed_records, "000")
    found = {(r["head"], r["tail"]) for r in relations(rec, "locatedIn")}
    assert ("中咨保盛", "智能输送产业园") in found


def test_small_divisions_only_match_within_the_documents_own_county(
    seed_records: Records,
) -> None:
    rec = record(seed_records, "000")
    divisions = {e["canonical"] for e in rec["entities"] if e["type"] == "AdminDivision"}
    assert "黄石港区" in divisions and "湖北省" in divisions
    assert not any(d.endswith("村") for d in divisions)
