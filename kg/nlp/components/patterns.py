"""``kg_patterns_v1``: entities found by the regular expressions of patterns.yaml.

People after their title (区长苏海峰) and 《named documents》, then their other occurrences.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import alternation, load_rules
from kg.nlp.spans import add_candidate, doc_text


class PatternRules:
    """Runs each regex rule, then proposes further occurrences of the names it found."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.rules = [
            (r["id"], r["label"], re.compile(r["regex"], re.MULTILINE), int(r.get("priority", 5)))
            for r in data["rules"]
        ]
        self.propagate = frozenset(data.get("propagate", []))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: dict[str, tuple[str, int]] = {}
        for rule_id, label, pattern, priority in self.rules:
            for m in pattern.finditer(text):
                group = "name" if "name" in pattern.groupindex else 0
                start, end = m.span(group)
                span = add_candidate(doc, start, end, label, rule=rule_id, priority=priority)
                if span is not None and label in self.propagate:
                    found.setdefault(text[start:end], (label, priority))
        if found:
            for m in re.finditer(alternation(list(found)), text):
                label, priority = found[m.group()]
                add_candidate(doc, m.start(), m.end(), label, rule="propagated", priority=priority)
        return doc


@Language.factory("kg_patterns_v1", default_config={"rules": "nlp/rules/patterns.yaml"})
def make_patterns(nlp: Language, name: str, rules: str) -> PatternRules:
    return PatternRules(load_rules(rules))
