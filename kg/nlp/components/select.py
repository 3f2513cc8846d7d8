"""``kg_select_entities_v1``: the resolved, non-overlapping entity set in ``doc.ents``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.rules import load_rules
from kg.nlp.spans import Proposal, doc_text, proposals


def strictly_contained(bounds: Sequence[tuple[int, int]]) -> set[int]:
    """Indices (into ``bounds``, character spans) of candidates lying strictly inside a longer
    candidate.

    One sweep over the spans in (start, -end) order keeps the furthest end seen so far; a
    candidate is inside another when an earlier one reaches at least as far and is not the same
    character span.
    """
    order = sorted(range(len(bounds)), key=lambda i: (bounds[i][0], -bounds[i][1]))
    inside: set[int] = set()
    best_end, best_start = -1, -1
    for i in order:
        start, end = bounds[i]
        if best_end >= end and (best_end > end or best_start < start):
            inside.add(i)
        if end > best_end:
            best_end, best_start = end, start
    return inside


def best_per_span(doc: Doc) -> list[Proposal]:
    """The candidates, one per character span, with their details: the highest priority, the
    later on a tie. In (start, -end) order.

    Components run from general to specific, so among equals on an identical span the later
    proposal is the better-informed one (区疾控中心 as Institution rather than a body); a sure
    proposal (a gazetteer division, a defined slogan) is never replaced by a weaker guess.
    """
    best: dict[tuple[int, int], tuple[int, Proposal]] = {}
    for proposal in proposals(doc):
        key = (proposal.start, -proposal.end)  # the order wanted, so that the keys sort as they are
        priority = _priority(proposal.details)
        held = best.get(key)
        if held is None or priority >= held[0]:
            best[key] = (priority, proposal)
    return [best[key][1] for key in sorted(best)]


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

    def rank(self, candidate: Proposal, contained: bool) -> tuple[int, int, int, int]:
        """Sort key of a candidate: sure first, then longer, then higher priority, then
        earlier; ``contained``: it lies strictly inside a longer candidate."""
        start, end, _, _, info = candidate
        priority = _priority(info)
        sure = priority >= self.sure and (not contained or info.get("rule") in self.always_sure)
        return (-sure, start - end, -priority, start)

    def __call__(self, doc: Doc) -> Doc:
        set_entities(doc, [chosen.span for chosen in self.choose(doc)])
        return doc

    def choose(self, doc: Doc) -> list[Proposal]:
        """The non-overlapping candidates chosen, in document order (without setting
        ``doc.ents``)."""
        best = best_per_span(doc)
        inside = strictly_contained([(p.start, p.end) for p in best])
        keys = [self.rank(candidate, i in inside) for i, candidate in enumerate(best)]
        text = doc_text(doc)
        taken = bytearray(len(text))
        chosen: list[Proposal] = []
        for i in sorted(range(len(best)), key=keys.__getitem__):
            start, end = best[i].start, best[i].end
            if any(taken[start:end]) or text[start:end] in self.stoplist:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(best[i])
        chosen.sort(key=lambda c: c.start)
        return chosen


def set_entities(doc: Doc, spans: Sequence[Span]) -> None:
    """``doc.ents = spans`` (every other token outside an entity) for non-overlapping spans in
    document order, written as one array: spaCy's setter tests every token of the document
    against a Python set, 2 ms for a report, the selector's main cost."""
    n = len(doc)
    starts = np.array([s.start for s in spans], dtype=np.int64)
    ends = np.array([s.end for s in spans], dtype=np.int64)
    if np.any(ends <= starts) or np.any(starts[1:] < ends[:-1]):
        raise ValueError("entities must be non-empty, in order and not overlapping")
    labels = np.array([s.label for s in spans], dtype=np.uint64)
    # +label where an entity starts, -label where it ends: the running sum is each token's type
    # (uint64 arithmetic wraps, so hashes above 2**63 cancel exactly too)
    steps = np.zeros(n + 1, dtype=np.uint64)
    steps[starts] += labels
    steps[ends] -= labels
    types = np.cumsum(steps[:n], dtype=np.uint64)
    iob = np.where(types != 0, 1, 2).astype(np.uint64)  # I inside an entity, O outside
    iob[starts] = 3  # B
    doc.from_array([ENT_IOB, ENT_TYPE], cast(Any, np.stack([iob, types], axis=1)))


@Language.factory("kg_select_entities_v1", default_config={"rules": "nlp/rules/selection.yaml"})
def make_select(nlp: Language, name: str, rules: str) -> SelectEntities:
    """The entity selector configured by ``rules`` (see rules/selection.yaml)."""
    return SelectEntities(load_rules(rules))
