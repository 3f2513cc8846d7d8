"""``kg_slogans_v1``: numbered policy slogans and terms the document defines."""

from __future__ import annotations

import itertools
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, doc_text
from kg.phrases import occurrences
from kg.structure.numerals import read_numeral_count
from kg.structure.resources import load_rules as load_structure_rules

LABEL = "Slogan"


class SloganRules:
    """The compiled contents of slogans.yaml."""

    def __init__(self, data: dict[str, Any]) -> None:
        nums = re.escape(data["numerals"])
        inner = re.escape(data.get("inner_punctuation", ""))
        body = rf"[{nums}][\u4e00-\u9fff0-9A-Za-z{inner}]{{0,{int(data['max_quoted']) - 1}}}"
        self.quoted = re.compile(rf"[“\"]({body})[”\"]")
        self.quoted_inner = re.compile(data["quoted_inner_numeral"])
        self.quoted_event = re.compile(data["quoted_event_after"])
        self.quoted_series = re.compile(data["quoted_series"])
        self.closing = re.compile("”")
        self.max_unopened = int(data["max_unopened"])
        self.not_start = tuple(data.get("not_start", []))
        self.numeral_chars = frozenset(data["numerals"])
        self.double = re.compile(data["double_pattern"])
        self.double_stop = frozenset(data.get("double_stop_chars", ""))
        self.double_reject = re.compile(data["double_reject_after"])
        self.framed = re.compile(data["framed_pattern"])
        self.exclude = frozenset(data.get("exclude", []))
        self.exclude_res = [re.compile(p) for p in data.get("exclude_regex", [])]
        self.quoted_number = re.compile(data["quoted_number"])
        self.known = list(data.get("known", []))
        self.priority = int(data.get("priority", 7))
        self.defined_priority = int(data.get("defined_priority", 9))
        numerals = load_structure_rules("numerals")
        self.part_start = re.compile(
            "(?<=[^{0}{1}])[{0}]".format(
                re.escape("".join(map(str, numerals["digits"])) + "".join(numerals["standalone"])),
                re.escape(str(numerals["measure_words"]) + "".join(map(str, numerals["units"]))),
            )
        )

    def acceptable(self, term: str) -> bool:
        if len(term) < 2 or term in self.exclude:
            return False
        return not any(p.search(term) for p in self.exclude_res)

    def count_parts(self, term: str, count: int) -> list[int]:
        """The counts of a slogan's numbered parts: 两园两带 → [2, 2], 五个临空 → [5]."""
        cuts = [0, *(m.start() for m in self.part_start.finditer(term)), len(term)]
        parts = [read_numeral_count(term[a:b]) for a, b in itertools.pairwise(cuts)]
        if len(parts) < 2 or None in parts or sum(p or 0 for p in parts) != count:
            return [count]
        return [p for p in parts if p is not None]


class Slogans:
    """Finds slogan strings, then proposes every occurrence of each as a Slogan candidate."""

    def __init__(self, rules: SloganRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: dict[str, dict[str, Any]] = {}
        # the structure holds every defined term: notes, glossaries and inline definitions
        for definition in getattr(doc._.structure, "definitions", []) or []:
            term = text[definition.term_start : definition.term_end]
            if (term and self.rules.acceptable(term)) or (term and not term[0].isdigit()):
                found.setdefault(term, {"rule": "defined", "priority": self.rules.defined_priority})
        for term in self.shorthands(text):
            found.setdefault(term, {"rule": "numbered", "priority": self.rules.priority})
        if not found:
            return doc
        for term, info in found.items():
            count = read_numeral_count(term)
            if count is not None:
                info["count"] = count
                info["count_parts"] = self.rules.count_parts(term, count)
        for start, end in occurrences(found, text):
            term = text[start:end]
            if self.rules.quoted_number.match(term) and not self.quoted_at(text, start, end):
                continue  # a figure names a slogan only in quotes: 企业达323家 is a count
            add_candidate(doc, start, end, LABEL, **found[term])
        return doc

    @staticmethod
    def quoted_at(text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` opens or closes a quote (“323”, 323”攻坚行动)."""
        return (start > 0 and text[start - 1] in '“"') or text.startswith(("”", '"'), end)

    def unopened_before(self, text: str, close: int) -> str | None:
        """The shorthand before a closing quote whose opening quote is missing (323”攻坚行动)."""
        r = self.rules
        line_start = text.rfind("\n", 0, close) + 1
        if text.rfind("“", line_start, close) > text.rfind("”", line_start, close):
            return None  # a proper pair
        start = close
        while start > max(line_start, close - r.max_unopened) and (
            "\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1].isdigit()
        ):
            start -= 1
        for i in range(start, close):
            if text[i] in r.numeral_chars and not text.startswith(r.not_start, i):
                if i > start and text[i - 1] in r.numeral_chars:
                    continue
                return text[i:close]
        return None

    def shorthands(self, text: str) -> list[str]:
        """Numbered shorthand strings of the text: quoted, half-quoted, doubled or framed."""
        r = self.rules
        quoted = [
            m.group(1)
            for m in r.quoted.finditer(text)
            if r.quoted_number.match(m.group(1)) or not r.quoted_event.match(text, m.end())
        ]
        quoted.extend(m.group(1) for m in r.quoted_inner.finditer(text))
        quoted.extend(m.group(1) for m in r.quoted_series.finditer(text))
        for m in r.closing.finditer(text):
            term = self.unopened_before(text, m.start())
            if term:
                quoted.append(term)
        numbers = [t for t in quoted if r.quoted_number.match(t)]
        numbered = set(numbers)
        terms: list[str] = [t for t in quoted if t not in numbered]
        for m in r.double.finditer(text):
            term = m.group()
            if not any(ch in r.double_stop for ch in term) and not r.double_reject.match(
                text, m.end()
            ):
                terms.append(term)
        terms.extend(m.group(1) for m in r.framed.finditer(text))
        terms.extend(k for k in r.known if k in text)
        return [t for t in terms if r.acceptable(t)] + numbers


@Language.factory("kg_slogans_v1", default_config={"rules": "nlp/rules/slogans.yaml"})
def make_slogans(nlp: Language, name: str, rules: str) -> Slogans:
    return Slogans(SloganRules(load_rules(rules)))
