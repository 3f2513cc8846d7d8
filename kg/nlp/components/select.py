"""``kg_select_entities_v1``: the resolved, non-overlapping entity set in ``doc.ents``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, cast

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.rules import load_rules
from kg.nlp.spans import Proposal, doc_text, proposals


def best_per_span(doc: Doc) -> list[tuple[int, Proposal]]:
    """The candidates, one per character span, with their priority: the highest priority, the
    later on a tie. In (start, -end) order.

    Components run from general to specific, so among equals on an identical span the later
    proposal is the better-informed one (区疾控中心 as Institution rather than a body); a sure
    proposal (a gazetteer division, a defined slogan) is never replaced by a weaker guess.
    """
    width = len(doc_text(doc)) + 1
    best: dict[int, tuple[int, Proposal]] = {}
    for proposal in proposals(doc):
        start, end, _, _, info = proposal
        key = start * width - end  # one int in (start, -end) order: ints sort fast
        priority = int(info.get("priority", 0))
        held = best.get(key)
        if held is None or priority >= held[0]:
            best[key] = (priority, proposal)
    return [best[key] for key in sorted(best)]


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

    def __call__(self, doc: Doc) -> Doc:
        set_entities(doc, [chosen.span for chosen in self.choose(doc)])
        return doc

    def choose(self, doc: Doc) -> list[Proposal]:
        """The non-overlapping candidates chosen, in document order (without setting
        ``doc.ents``).

        Candidates compete only with those they overlap: each run of overlapping candidates is
        decided on its own, and one overlapping no other is chosen unless it is stoplisted.
        """
        text = doc_text(doc)
        chosen: list[Proposal] = []
        for run in self.runs(doc):
            if len(run) > 1:
                chosen.extend(self.decide(run, text))
            elif text[run[0][2].start : run[0][2].end] not in self.stoplist:
                chosen.append(run[0][2])
        return chosen

    @staticmethod
    def runs(doc: Doc) -> Iterator[list[tuple[int, bool, Proposal]]]:
        """The best candidate of each span with its priority and whether it lies strictly inside
        a longer candidate, in runs of overlapping candidates, in document order.

        A candidate lies strictly inside a longer one when a candidate before it in (start, -end)
        order reaches at least as far: the spans being distinct, that one is the longer.
        """
        run: list[tuple[int, bool, Proposal]] = []
        reach = -1  # the furthest end of the candidates so far
        for priority, candidate in best_per_span(doc):
            start, end = candidate.start, candidate.end
            if start >= reach and run:
                yield run
                run = []
            run.append((priority, reach >= end, candidate))
            if end > reach:
                reach = end
        if run:
            yield run

    def rank(
        self, priority: int, contained: bool, candidate: Proposal
    ) -> tuple[int, int, int, int]:
        """Sort key of a candidate: sure first, then longer, then higher priority, then
        earlier; ``contained``: it lies strictly inside a longer candidate."""
        start, end, _, _, info = candidate
        sure = priority >= self.sure and (not contained or info.get("rule") in self.always_sure)
        return (-sure, start - end, -priority, start)

    def decide(self, run: list[tuple[int, bool, Proposal]], text: str) -> list[Proposal]:
        """The candidates chosen among a run of overlapping ones, in document order: by rank,
        each unless it overlaps one taken before or is stoplisted."""
        taken: list[Proposal] = []
        for _, _, candidate in sorted(run, key=lambda item: self.rank(*item)):
            start, end = candidate.start, candidate.end
            if any(start < t.end and t.start < end for t in taken):
                continue
            if text[start:end] not in self.stoplist:
                taken.append(candidate)
        taken.sort()  # by start: the spans taken do not overlap
        return taken


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
