"""``kg_slogans_v1``: numbered policy slogans and terms the document defines."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import alternation, load_rules
from kg.nlp.spans import add_candidate, doc_text
from kg.structure.definitions import inline_definitions
from kg.structure.numerals import read_numeral_count

LABEL = "Slogan"


class SloganRules:
    """The compiled contents of slogans.yaml."""

    def __init__(self, data: dict[str, Any]) -> None:
        nums = re.escape(data["numerals"])
        inner = re.escape(data.get("inner_punctuation", ""))
        body = rf"[{nums}][\u4e00-\u9fff0-9{inner}]{{0,{int(data['max_quoted']) - 1}}}"
        self.quoted = re.compile(rf"[“\"]({body})[”\"]")
        self.closing = re.compile("”")
        self.max_unopened = int(data["max_unopened"])
        self.not_start = tuple(data.get("not_start", []))
        self.numeral_chars = frozenset(data["numerals"])
        self.double = re.compile(data["double_pattern"])
        self.double_stop = frozenset(data.get("double_stop_chars", ""))
        self.exclude = frozenset(data.get("exclude", []))
        self.exclude_res = [re.compile(p) for p in data.get("exclude_regex", [])]
        self.quoted_number = re.compile(data["quoted_number"])
        self.known = list(data.get("known", []))
        self.priority = int(data.get("priority", 7))
        self.defined_priority = int(data.get("defined_priority", 9))

    def acceptable(self, term: str) -> bool:
        if len(term) < 2 or term in self.exclude:
            return False
        return not any(p.search(term) for p in self.exclude_res)


class Slogans:
    """Finds slogan strings, then proposes every occurrence of each as a Slogan candidate."""

    def __init__(self, rules: SloganRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: dict[str, dict[str, Any]] = {}
        structure = doc._.structure
        if structure is not None:
            # terms the running text defines in place (“一核”即…, 堵、查…督“八字诀”) join the
            # structure's notes and glossaries, for the Slogan mentions here and definedAs later
            structure.definitions.extend(inline_definitions(text, structure.definitions))
        for definition in getattr(structure, "definitions", []) or []:
            term = text[definition.term_start : definition.term_end]
            if (term and self.rules.acceptable(term)) or (term and not term[0].isdigit()):
                found.setdefault(term, {"rule": "defined", "priority": self.rules.defined_priority})
        for term in self.shorthands(text):
            found.setdefault(term, {"rule": "numbered", "priority": self.rules.priority})
        if not found:
            return doc
        pattern = re.compile(alternation(list(found)))
        for m in pattern.finditer(text):
            info: dict[str, Any] = dict(found[m.group()])
            count = read_numeral_count(m.group())
            if count is not None:
                info["count"] = count
            add_candidate(doc, m.start(), m.end(), LABEL, **info)
        return doc

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
        """Numbered shorthand strings of the text, quoted, half-quoted or doubled."""
        r = self.rules
        quoted = [m.group(1) for m in r.quoted.finditer(text)]
        numbers = [t for t in quoted if r.quoted_number.match(t)]
        terms: list[str] = [t for t in quoted if t not in numbers]
        for m in r.closing.finditer(text):
            term = self.unopened_before(text, m.start())
            if term:
                terms.append(term)
        for m in r.double.finditer(text):
            term = m.group()
            if not any(ch in r.double_stop for ch in term):
                terms.append(term)
        terms.extend(k for k in r.known if k in text)
        return [t for t in terms if r.acceptable(t)] + numbers


@Language.factory("kg_slogans_v1", default_config={"rules": "nlp/rules/slogans.yaml"})
def make_slogans(nlp: Language, name: str, rules: str) -> Slogans:
    return Slogans(SloganRules(load_rules(rules)))
