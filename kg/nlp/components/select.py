"""``kg_select_entities_v1``: the resolved, non-overlapping entity set in ``doc.ents``."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.rules import load_rules
from kg.nlp.spans import candidates, details


class SelectEntities:
    """Greedy choice: sure candidates first, then the longest, then the highest priority."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.sure = int(data.get("sure_priority", 9))
        self.stoplist = frozenset(data.get("stoplist", []))

    def rank(self, span: Span) -> tuple[int, int, int, int]:
        priority = int(details(span).get("priority", 0))
        return (-(priority >= self.sure), -len(span.text), -priority, span.start_char)

    def __call__(self, doc: Doc) -> Doc:
        taken = bytearray(len(doc))
        chosen: list[Span] = []
        for span in sorted(candidates(doc), key=self.rank):
            if span.text in self.stoplist or any(taken[span.start : span.end]):
                continue
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
            chosen.append(span)
        doc.ents = sorted(chosen, key=lambda s: s.start)
        return doc


@Language.factory("kg_select_entities_v1", default_config={"rules": "nlp/rules/selection.yaml"})
def make_select(nlp: Language, name: str, rules: str) -> SelectEntities:
    return SelectEntities(load_rules(rules))
