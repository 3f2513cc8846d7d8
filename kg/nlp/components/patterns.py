"""``kg_patterns_v1``: entities found by the regular expressions of patterns.yaml.

People after their title (区长苏海峰), 《named documents》, events; brand-like company names
(猛汉酒业: a short core and an industry word, at a boundary); items of company lists the text
counts (A、B、C3家骨干企业). Then the other occurrences of the names of some types.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, doc_text, proposals
from kg.phrases import occurrences
from kg.regex import alternation, anchored_finditer, word_starts


@dataclass(frozen=True, slots=True)
class RegexRule:
    """One entry of ``rules``: a regex whose group ``name`` (or whole match) is the entity."""

    id: str
    label: str
    pattern: re.Pattern[str]
    priority: int
    unless: frozenset[str]
    outside_definitions: bool = False
    anchors: re.Pattern[str] | None = None
    reach: int = 0


@dataclass(frozen=True, slots=True)
class BrandRule:
    """One entry of ``brands``: a short core plus an industry word, bounded on both sides."""

    id: str
    label: str
    pattern: re.Pattern[str]
    priority: int
    generic_end: re.Pattern[str]
    unless: frozenset[str]
    anchors: re.Pattern[str] | None = None
    reach: int = 0


@dataclass(frozen=True, slots=True)
class ListRule:
    """One entry of ``lists``: items separated by 、/和 right before a counted head."""

    id: str
    label: str
    head: re.Pattern[str]
    item: re.Pattern[str]
    separator: str
    priority: int
    max_item: int
    bad_endings: tuple[str, ...]
    min_items: int
    unless: frozenset[str]
    anchors: re.Pattern[str] | None = None
    reach: int = 0


def compile_brand(spec: dict[str, Any]) -> BrandRule:
    """Build the brand regex: boundary, optional governing word, core, industry word, context."""
    cues = alternation(spec.get("cues", []))
    regex = (
        f"(?:^|(?<=[{spec['boundary_chars']}]))(?:{cues})?"
        f"(?P<name>(?P<core>{spec['core']})(?:{alternation(spec['words'])}))"
        f"(?={spec['after']})"
    )
    generic = alternation(spec.get("generic_cores", []))
    return BrandRule(
        id=spec["id"],
        label=spec["label"],
        pattern=re.compile(regex, re.MULTILINE),
        priority=int(spec.get("priority", 5)),
        generic_end=re.compile(f"(?:{generic})$" if generic else "(?!)"),
        unless=frozenset(spec.get("unless_labels", [])),
        anchors=word_starts(spec["words"]) if "reach" in spec else None,
        reach=int(spec.get("reach", 0)),
    )


def compile_list(spec: dict[str, Any]) -> ListRule:
    """Build a counted-list rule from its YAML entry."""
    return ListRule(
        id=spec["id"],
        label=spec["label"],
        head=re.compile(spec["head"]),
        item=re.compile(spec["item"]),
        separator=spec.get("separator", "、"),
        priority=int(spec.get("priority", 5)),
        max_item=int(spec.get("max_item", 10)),
        bad_endings=tuple(spec.get("bad_endings", [])),
        min_items=int(spec.get("min_items", 2)),
        unless=frozenset(spec.get("unless_labels", [])),
        anchors=anchors_of(spec),
        reach=int(spec.get("reach", 0)),
    )


def anchors_of(spec: dict[str, Any]) -> re.Pattern[str] | None:
    """The finder of a rule's ``anchor`` words, or None for a rule tried at every offset."""
    return word_starts(spec["anchor"]) if spec.get("anchor") else None


def find_all(
    pattern: re.Pattern[str], anchors: re.Pattern[str] | None, reach: int, text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``; with ``anchors``, tried only up to ``reach`` characters
    before the anchor words, which every match contains (the same matches, found faster)."""
    if anchors is None:
        return pattern.finditer(text)
    return anchored_finditer(pattern, anchors, reach, text)


class PatternRules:
    """Runs each regex, brand and list rule, then proposes further occurrences of the names
    of the types listed under ``propagate``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.rules = [
            RegexRule(
                r["id"],
                r["label"],
                re.compile(r["regex"], re.MULTILINE),
                int(r.get("priority", 5)),
                frozenset(r.get("unless_labels", [])),
                bool(r.get("outside_definitions", False)),
                anchors_of(r),
                int(r.get("reach", 0)),
            )
            for r in data["rules"]
        ]
        self.brands = [compile_brand(spec) for spec in data.get("brands", [])]
        self.lists = [compile_list(spec) for spec in data.get("lists", [])]
        self.propagate = frozenset(data.get("propagate", []))
        # the types some rule gives way to: only candidates of these are looked up
        self.yields_to = frozenset().union(
            *(r.unless for r in self.rules),
            *(b.unless for b in self.brands),
            *(li.unless for li in self.lists),
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: dict[str, tuple[str, int]] = {}
        labelled = {(p.start, p.end, p.label) for p in proposals(doc) if p.label in self.yields_to}
        bodies = definition_bodies(doc)
        for rule in self.rules:
            group = "name" if "name" in rule.pattern.groupindex else 0
            for m in find_all(rule.pattern, rule.anchors, rule.reach, text):
                start, end = m.span(group)
                if any((start, end, label) in labelled for label in rule.unless):
                    continue
                if rule.outside_definitions and any(
                    a <= start and end <= b and spells_out(term, text[start:end])
                    for term, a, b in bodies
                ):
                    continue
                span = add_candidate(
                    doc, start, end, rule.label, rule=rule.id, priority=rule.priority
                )
                if span is not None and rule.label in self.propagate:
                    found.setdefault(text[start:end], (rule.label, rule.priority))
        for brand in self.brands:
            for m in find_all(brand.pattern, brand.anchors, brand.reach, text):
                if brand.generic_end.search(m.group("core")):
                    continue
                start, end = m.span("name")
                if any((start, end, label) in labelled for label in brand.unless):
                    continue
                add_candidate(doc, start, end, brand.label, rule=brand.id, priority=brand.priority)
        for lst in self.lists:
            for start, end in list_items(text, lst):
                if any((start, end, label) in labelled for label in lst.unless):
                    continue
                add_candidate(doc, start, end, lst.label, rule=lst.id, priority=lst.priority)
        for start, end in occurrences(found, text):  # no regex compiled per document
            label, priority = found[text[start:end]]
            add_candidate(doc, start, end, label, rule="propagated", priority=priority)
        return doc


def definition_bodies(doc: Doc) -> list[tuple[str, int, int]]:
    """The defined terms of the document (footnotes, glossaries) with the spans of their bodies."""
    text = doc_text(doc)
    definitions = getattr(doc._.structure, "definitions", None) or []
    return [(text[d.term_start : d.term_end], d.body_start, d.body_end) for d in definitions]


def spells_out(term: str, phrase: str) -> bool:
    """Whether ``phrase`` is the long form of the abbreviated ``term``: the term's ideographs
    occur in it in order (清、减、降 in 清文件、减审批、降收费). Such a phrase names nothing new."""
    chars = iter(phrase)
    letters = [ch for ch in term if "\u4e00" <= ch <= "\u9fff"]
    return len(letters) > 1 and all(ch in chars for ch in letters)


def list_items(text: str, rule: ListRule) -> list[tuple[int, int]]:
    """Offsets of the items of every list that ends right before a match of ``rule.head``.

    Items are read right to left while each piece between separators is an ``item`` match (its
    group ``name`` when it has one, so a governing verb can be left out); the list stops at the
    first piece that is not one. A list of fewer than ``min_items`` pieces is no list.
    """
    items: list[tuple[int, int]] = []
    for head in find_all(rule.head, rule.anchors, rule.reach, text):
        end = head.start()
        found: list[tuple[int, int]] = []
        count = 0
        while end > 0:
            sep = text.rfind(rule.separator, max(0, end - rule.max_item - 1), end)
            piece_start = sep + 1 if sep >= 0 else max(0, end - rule.max_item)
            m = rule.item.search(text, piece_start, end)
            if m is None or m.end() != end:
                break
            start = m.start("name") if "name" in rule.item.groupindex else m.start()
            count += 1
            if end > start and not text.endswith(rule.bad_endings, start, end):
                found.append((start, end))
            if sep < 0 or m.start() != piece_start:
                break
            end = sep
        if count >= rule.min_items:
            items.extend(found)
    return items


@Language.factory("kg_patterns_v1", default_config={"rules": "nlp/rules/patterns.yaml"})
def make_patterns(nlp: Language, name: str, rules: str) -> PatternRules:
    """The pattern component configured by ``rules`` (see rules/patterns.yaml)."""
    return PatternRules(load_rules(rules))
