"""Money amounts: surface, value in the currency's base unit, ranges and approximations."""

from __future__ import annotations

from typing import Any

import pytest

from kg.nlp.spans import details


def amounts(nlp: Any, text: str) -> list[tuple[str, dict[str, Any]]]:
    doc = nlp.get_pipe("kg_amounts")(nlp.make_doc(text))
    if "candidates" not in doc.spans:
        return []
    return [(s.text, details(s)) for s in doc.spans["candidates"]]


@pytest.mark.parametrize(
    ("text", "surface", "value", "currency"),
    [
        ("预计地方生产总值208.59亿元，相比2019年恢复94.5%", "208.59亿元", 20_859_000_000, "CNY"),
        ("兑现各类奖励、补助资金2150多万元", "2150多万元", 21_500_000, "CNY"),
        ("外贸出口520.3万美元", "520.3万美元", 5_203_000, "USD"),
        ("城乡居民人均可支配收入分别达到28656元", "28656元", 28_656, "CNY"),
    ],
)
def test_amount_value(nlp: Any, text: str, surface: str, value: int, currency: str) -> None:
    ((found, info),) = amounts(nlp, text)
    assert (found, info["value"], info["currency"]) == (surface, value, currency)


def test_approximate_and_range(nlp: Any) -> None:
    (approx,) = amounts(nlp, "投入资金2150多万元")
    assert approx[1]["approx"] is True
    (span,) = amounts(nlp, "计划投资3-5亿元")
    assert span[0] == "3-5亿元"
    assert (span[1]["value"], span[1]["value_high"]) == (300_000_000, 500_000_000)


def test_counts_and_percentages_are_not_money(nlp: Any) -> None:
    assert amounts(nlp, "新增规上企业15家，增长14%，亿元以上项目32个") == []
