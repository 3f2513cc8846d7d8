"""``kg_government_bodies_v1``: party and government organs, departments and street offices."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import alternation, load_rules
from kg.nlp.spans import add_candidate

LABEL = "GovernmentBody"
_CJK = "\u4e00-\u9fff"


class GovernmentBodies:
    """Proposes bodies found by the patterns of government_bodies.yaml."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.priority = int(data.get("priority", 6))
        levels = alternation(data["levels"])
        organs = alternation(data["organs"])
        dept = alternation(data["department_suffixes"])
        cores = alternation(data["known_cores"])
        street = alternation(data["street_office_suffixes"])
        max_core = int(data.get("department_max_core", 8))
        street_core = int(data.get("street_office_max_core", 4))
        # Divisions written out in full before an organ: 黄石港区人民政府, 曾都区委.
        division = rf"[{_CJK}]{{1,6}}?(?:省|市|区|县|州|旗)"
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("fixed", re.compile(alternation(data["fixed"]))),
            ("street_office", re.compile(rf"[{_CJK}]{{2,{street_core}}}?(?:{street})")),
            (
                "organ",
                re.compile(rf"(?:{division}|{levels})(?:{organs})(?![{_CJK}]{{0,1}}(?:{dept}))"),
            ),
            ("department", re.compile(rf"(?:{levels})(?:委)?[{_CJK}]{{1,{max_core}}}?(?:{dept})")),
            ("known_department", re.compile(rf"(?:{cores})(?:{dept})")),
        ]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for rule, pattern in self.patterns:
            for m in pattern.finditer(text):
                add_candidate(doc, m.start(), m.end(), LABEL, rule=rule, priority=self.priority)
        return doc


@Language.factory(
    "kg_government_bodies_v1", default_config={"rules": "nlp/rules/government_bodies.yaml"}
)
def make_government_bodies(nlp: Language, name: str, rules: str) -> GovernmentBodies:
    return GovernmentBodies(load_rules(rules))
