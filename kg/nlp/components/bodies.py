"""``kg_government_bodies_v1``: party and government organs, departments and street offices.

String patterns (``GovernmentBodies.patterns``, also used by kg_tasks to split run-together
units) find level-prefixed organs and departments (区委, 区发改局, 区委政法委), known department
cores (发改局) and street offices. On a Doc the component also reads the AdminDivision
candidates proposed before it, so that an organ written after a division (黄石港区人民政府,
洛阳镇党委, 黄石港公安分局) is one body, and it knows the township names of the document's county
(花湖街办, 黄石港街办). The vocabulary is in ``rules/government_bodies.yaml``.

The scanned patterns start with literal words (a condition on the character before them is
checked after them), so that re skips ahead to those words' first characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer.admin import AdminGazetteer
from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, candidates, doc_text
from kg.regex import alternation, leading_words, trie

LABEL = "GovernmentBody"
_CJK = "\u4e00-\u9fff"


def _in_lines_with(
    pattern: re.Pattern[str], required: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches hold no line break and contain a
    match of ``required``: only the lines where ``required`` matches are scanned."""
    line_end = -1
    for found in required.finditer(text):
        if found.start() <= line_end:
            continue
        line_start = text.rfind("\n", 0, found.start()) + 1
        line_end = text.find("\n", found.end())
        line_end = len(text) if line_end < 0 else line_end
        yield from pattern.finditer(text, line_start, line_end + 1)


def _not_followed(words: list[str], literal: bool = True) -> str:
    """A negative lookahead for ``words`` (literal words, or regex fragments)."""
    body = alternation(words) if literal else "|".join(words)
    return f"(?!{body})" if body else ""


class GovernmentBodies:
    """Proposes bodies found by the patterns of government_bodies.yaml."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.priority = int(data.get("priority", 6))
        organs = alternation(data["organs"])
        dept = alternation(data["department_suffixes"])
        cores = alternation(data["known_cores"])
        bare_after = re.escape(data["bare_organ_after"])
        bare_organ = leading_words(
            data["bare_organs"],
            lambda skip: rf"(?:(?<=[{bare_after}]{skip})|(?<![{_CJK}]{skip}))",
        )
        core_suffixes = alternation(data["known_core_suffixes"])
        street = alternation(data["street_office_suffixes"])
        street_suffix = re.compile(leading_words(data["street_office_suffixes"]))
        max_core = int(data.get("department_max_core", 8))
        street_core = int(data.get("street_office_max_core", 4))
        not_after = re.escape(data["level_not_after"])
        level = leading_words(data["levels"], lambda skip: rf"(?<![{not_after}]{skip})")
        level = f"(?:{level})" + _not_followed(data["level_not_before"], literal=False)
        organ_end = _not_followed(data["organ_not_before"])
        dept_end = _not_followed(data["department_not_before"])
        core_words = alternation(data["department_core_excluded_words"])
        core_char = rf"(?:(?![{data['department_core_excluded']}]|{core_words})[{_CJK}])"
        street_char = rf"(?:(?![{data['street_office_core_excluded']}])[{_CJK}])"
        self.not_endings = tuple(data["department_not_endings"])
        self.street_suffixes = street
        self.level_words = frozenset(data["levels"])
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("fixed", re.compile(rf"(?:{trie(data['fixed'])}){dept_end}")),
            (
                "street_office",
                re.compile(rf"(?<![{_CJK}]){street_char}{{2,{street_core}}}?(?:{street})"),
            ),
            ("organ", re.compile(rf"{level}(?:{organs}){organ_end}")),
            (
                "department",
                re.compile(rf"{level}(?:委)?{core_char}{{1,{max_core}}}?(?:{dept}){dept_end}"),
            ),
            (
                "known_department",
                re.compile(rf"(?:{trie(data['known_cores'])})(?:{core_suffixes}){dept_end}"),
            ),
            (
                "bare_organ",
                re.compile(
                    rf"(?:{bare_organ})"
                    rf"(?={'|'.join(data['bare_organ_before'])})"
                ),
            ),
        ]
        # A street office (CJK only, so within a line) ends in a suffix: only lines with one are
        # scanned for it.
        self.required = {"street_office": street_suffix}
        # After a division the gazetteer found (黄石港区|人民政府, 洛阳镇|党委, 黄石港|公安分局).
        division_organs = alternation([*data["organs"], *data["division_organs"]])
        self.after_division = re.compile(
            rf"(?:(?:{division_organs}){organ_end}|(?:{cores})(?:{core_suffixes}){dept_end})"
        )
        self._gazetteer: AdminGazetteer | None = None
        self._street_offices: dict[str, re.Pattern[str] | None] = {}

    def is_body_text(self, text: str) -> bool:
        """False for department-shaped words that name a facility or a class (服务中心, 布局)."""
        return not text.endswith(self.not_endings)

    def street_offices(self, doc: Doc) -> re.Pattern[str] | None:
        """Township names of the document's county followed by a street-office suffix."""
        meta = doc._.meta
        if meta is None or not getattr(meta, "district", None):
            return None
        if self._gazetteer is None:
            self._gazetteer = AdminGazetteer.load()
        scope = self._gazetteer.resolve_district(
            meta.district, hint_city=meta.city, hint_province=meta.province
        )
        if scope is None:
            return None
        if scope.code not in self._street_offices:
            names = {
                n
                for d in self._gazetteer.children(scope)
                if d.level == "town"
                for n in (d.name, *d.aliases, *d.short)
                if len(n) >= 2 and n not in self.level_words
            }
            self._street_offices[scope.code] = (
                re.compile(rf"(?:{leading_words(names)})(?:{self.street_suffixes})")
                if names
                else None
            )
        return self._street_offices[scope.code]

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for rule, pattern in self.patterns:
            required = self.required.get(rule)
            found = (
                pattern.finditer(text)
                if required is None
                else _in_lines_with(pattern, required, text)
            )
            for m in found:
                if self.is_body_text(m.group()):
                    add_candidate(doc, m.start(), m.end(), LABEL, rule=rule, priority=self.priority)
        if (offices := self.street_offices(doc)) is not None:
            for m in offices.finditer(text):
                add_candidate(
                    doc, m.start(), m.end(), LABEL, rule="street_office", priority=self.priority
                )
        for division in candidates(doc):
            if division.label != "AdminDivision":
                continue
            organ = self.after_division.match(text, division.end)
            if organ and self.is_body_text(organ.group()):
                add_candidate(
                    doc,
                    division.start,
                    organ.end(),
                    LABEL,
                    rule="division_organ",
                    priority=self.priority,
                )
        return doc


@Language.factory(
    "kg_government_bodies_v1", default_config={"rules": "nlp/rules/government_bodies.yaml"}
)
def make_government_bodies(nlp: Language, name: str, rules: str) -> GovernmentBodies:
    """The body matcher configured by ``rules`` (see rules/government_bodies.yaml)."""
    return GovernmentBodies(load_rules(rules))
