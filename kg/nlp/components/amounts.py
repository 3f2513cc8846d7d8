"""``kg_amounts_v1``: money amounts with their value normalised to the currency's base unit."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, doc_text
from kg.regex import alternation

LABEL = "Amount"


class Amounts:
    """Finds ``<number>[多|余][万|亿…]<currency>`` and ranges of them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.multipliers: dict[str, int] = {k: int(v) for k, v in data["multipliers"].items()}
        self.currencies: dict[str, str] = dict(data["currencies"])
        self.priority = int(data.get("priority", 8))
        approx = alternation(data.get("approx_markers", []))
        mult = alternation(list(self.multipliers))
        cur = alternation(list(self.currencies))
        seps = alternation(data.get("range_separators", []))
        rest = r"\d*(?:,\d{3})*(?:\.\d+)?"  # a number's characters after its first digit
        # The first digit is consumed before the look-behind checks that no digit or point comes
        # before it: re then skips ahead to digits instead of trying every position.
        self.pattern = re.compile(
            rf"(?P<low>\d(?<![\d.].){rest})(?:(?:{seps})(?P<high>\d{rest}))?"
            rf"(?P<approx>{approx})?(?P<mult>{mult})?(?P<approx2>{approx})?(?P<cur>{cur})"
        )

    def value(self, number: str, mult: str | None) -> int | float:
        amount = Decimal(number.replace(",", "")) * self.multipliers.get(mult or "", 1)
        return int(amount) if amount == amount.to_integral_value() else float(amount)

    def __call__(self, doc: Doc) -> Doc:
        for m in self.pattern.finditer(doc_text(doc)):
            info: dict[str, Any] = {
                "value": self.value(m["low"], m["mult"]),
                "currency": self.currencies[m["cur"]],
            }
            if m["high"]:
                info["value_high"] = self.value(m["high"], m["mult"])
            if m["approx"] or m["approx2"]:
                info["approx"] = True
            add_candidate(
                doc, m.start(), m.end(), LABEL, rule="amount", priority=self.priority, **info
            )
        return doc


@Language.factory("kg_amounts_v1", default_config={"rules": "nlp/rules/amounts.yaml"})
def make_amounts(nlp: Language, name: str, rules: str) -> Amounts:
    return Amounts(load_rules(rules))
