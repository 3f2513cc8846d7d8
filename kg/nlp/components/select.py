"""``kg_select_entities_v1``: the resolved, non-overlapping entity set in ``doc.ents``."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.rules import load_rules
from kg.nlp.spans import details, doc_text, proposed


def strictly_contained(spans: list[Span]) -> set[int]:
    """Indices (into ``spans``) of candidates lying strictly inside a longer candidate.

    One sweep over the spans in (start, -end) order keeps the furthest end seen so far; a
    candidate is inside another when an earlier one reaches at least as far and is not the same
    character span.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start_char, -spans[i].end_char))
    inside: set[int] = set()
    best_end, best_start = -1, -1
    for i in order:
        span = spans[i]
        if best_end >= span.end_char and (best_end > span.end_char or best_start < span.start_char):
            inside.add(i)
        if span.end_char > best_end:
            best_end, best_start = span.end_char, span.start_char
    return inside


def best_per_span(doc: Doc) -> list[tuple[Span, dict[str, Any]]]:
    """The candidates, one per character span, with their details: the highest priority, the
    later on a tie.

    Components run from general to specific, so among equals on an identical span the later
    proposal is the better-informed one (区疾控中心 as Institution rather than a body); a sure
    proposal (a gazetteer division, a defined slogan) is never replaced by a weaker guess.
    """
    best: dict[tuple[int, int], tuple[int, Span, dict[str, Any]]] = {}
    for span in proposed(doc):
        key = (span.start_char, span.end_char)
        info = details(span)
        priority = _priority(info)
        held = best.get(key)
        if held is None or priority >= held[0]:
            best[key] = (priority, span, info)
    return [best[key][1:] for key in sorted(best, key=lambda k: (k[0], -k[1]))]


def _priority(info: dict[str, Any]) -> int:
    return int(info.get("priority", 0))


class SelectEntities:
    """Greedy choice: sure candidates first, then the longest, then the highest priority.

    A sure candidate strictly inside a longer candidate is not sure any more (unless its rule
    is listed under ``always_sure_rules``): the guidelines mark the longest name that is one
    thing, so 黄石 in 黄石大道 or 天桥社区 in 天桥社区医养中心 must yield to the longer name.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.sure = int(data.get("sure_priority", 9))
        self.stoplist = frozenset(data.get("stoplist", []))
        self.always_sure = frozenset(data.get("always_sure_rules", []))

    def rank(self, span: Span, info: dict[str, Any], contained: bool) -> tuple[int, int, int, int]:
        """Sort key of a candidate with details ``info``: sure first, then longer, then higher
        priority, then earlier; ``contained``: it lies strictly inside a longer candidate."""
        priority = _priority(info)
        sure = priority >= self.sure and (not contained or info.get("rule") in self.always_sure)
        return (-sure, span.start_char - span.end_char, -priority, span.start_char)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self.choose(doc)
        return doc

    def choose(self, doc: Doc) -> list[Span]:
        """The non-overlapping candidates chosen, in document order (without setting
        ``doc.ents``, which spaCy rebuilds token by token)."""
        best = best_per_span(doc)
        spans = [span for span, _ in best]
        inside = strictly_contained(spans)
        keys = [self.rank(s, info, i in inside) for i, (s, info) in enumerate(best)]
        text = doc_text(doc)
        taken = bytearray(len(doc))
        chosen: list[tuple[int, Span]] = []
        for i in sorted(range(len(spans)), key=keys.__getitem__):
            span = spans[i]
            start, end = span.start, span.end
            if any(taken[start:end]) or text[span.start_char : span.end_char] in self.stoplist:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, span))
        chosen.sort(key=lambda c: c[0])
        return [span for _, span in chosen]


@Language.factory("kg_select_entities_v1", default_config={"rules": "nlp/rules/selection.yaml"})
def make_select(nlp: Language, name: str, rules: str) -> SelectEntities:
    """The entity selector configured by ``rules`` (see rules/selection.yaml)."""
    return SelectEntities(load_rules(rules))
