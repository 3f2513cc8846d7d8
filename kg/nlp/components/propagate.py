"""``kg_propagate_v1``: names found once are mentions wherever else the document writes them.

Rules see local context only, so a name introduced with a cue (引进猛汉酒业, 黄石港临空商务产业园)
is missed where it recurs without one. A provisional selection decides which names the document
has; each is proposed at its other occurrences (and, for some types, without its leading division
name), below the priority of the rules so that a longer correct candidate still wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.components.names import is_name_char
from kg.nlp.components.select import SelectEntities
from kg.nlp.rules import load_rules
from kg.nlp.spans import Proposal, add_candidate, doc_text, proposals
from kg.phrases import occurrences

DIVISION = "AdminDivision"
RULE = "propagate"


@dataclass(frozen=True, slots=True)
class Found:
    """A name the provisional selection chose: its type, priority and canonical name."""

    label: str
    priority: int
    canonical: str | None
    rule: str


class Propagate:
    """Proposes the other occurrences (and division-less short forms) of selected names."""

    def __init__(
        self, data: dict[str, Any], selection: dict[str, Any], names: dict[str, Any]
    ) -> None:
        self.types = frozenset(data["types"])
        self.short_types = frozenset(data.get("short_form_types", []))
        self.penalty = int(data.get("priority_penalty", 1))
        self.max_priority = int(data.get("max_priority", 8))
        self.min_length = int(data.get("min_length", 2))
        self.min_short = int(data.get("min_short_length", 5))
        self.stoplist = frozenset(data.get("stoplist", []))
        word = data.get("ascii_word_chars", "A-Za-z0-9")
        self.word_char = re.compile(f"[{word}]")
        self.after_labels = frozenset(data.get("may_follow", []))
        self.excluded_rules = frozenset(data.get("excluded_source_rules", []))
        self.select = SelectEntities(selection)
        self.stop_chars = frozenset(names.get("stop_chars", ""))
        self.name_punct = names.get("name_punctuation", "")
        self.left_words = frozenset(names.get("stop_words", [])) | frozenset(
            w for w in names.get("leading_trim", []) if len(w) > 1
        )
        self.not_followed_by = re.compile(data.get("not_followed_by", "(?!)"))
        self.left_lengths = tuple(sorted({len(w) for w in self.left_words}, reverse=True))
        peers = data.get("coordinated", {})
        self.peer_types = frozenset(peers.get("types", []))
        self.peer_separators = str(peers.get("separators", "、"))
        self.peer_item = re.compile(peers.get("item", "(?!)"))
        self.peer_right = re.compile(
            f"(?:{self.peer_item.pattern})(?={peers.get('after', '(?!)')})"
        )
        self.peer_bad_endings = tuple(peers.get("bad_endings", []))
        self.peer_max = int(peers.get("max_length", 6))
        self.peer_priority = int(peers.get("priority", 3))

    def __call__(self, doc: Doc) -> Doc:
        if not proposals(doc):
            return doc
        text = doc_text(doc)
        chosen = self.select.choose(doc)
        found = self.found_names(doc, text, chosen)
        if not found:
            return doc
        self.propose_peers(doc, text, chosen)
        existing = {(p.start, p.end) for p in proposals(doc)}
        ends = {p.end for p in proposals(doc) if p.label in self.after_labels}
        for start, end in occurrences(found, text):
            if (start, end) in existing or not self.bounded(text, start, end):
                continue
            if start not in ends and not self.left_boundary(text, start):
                continue
            if self.not_followed_by.match(text, end):
                continue
            written = text[start:end]
            name = found[written]
            info: dict[str, Any] = {"source_rule": name.rule}
            if name.canonical and name.canonical != written:
                info["canonical"] = name.canonical
            add_candidate(
                doc,
                start,
                end,
                name.label,
                rule=RULE,
                priority=min(name.priority - self.penalty, self.max_priority),
                **info,
            )
        return doc

    def found_names(self, doc: Doc, text: str, chosen: list[Proposal]) -> dict[str, Found]:
        """Names of the propagated types that the provisional selection ``chosen`` keeps, with
        short forms."""
        kept = [ent for ent in chosen if self.propagates(ent, text)]
        votes: Counter[tuple[str, str]] = Counter()
        best: dict[tuple[str, str], Proposal] = {}
        for ent in kept:
            key = (text[ent.start : ent.end], ent.label)
            votes[key] += 1
            old = best.get(key)
            if old is None or ent.details.get("priority", 0) > old.details.get("priority", 0):
                best[key] = ent
        found: dict[str, Found] = {}
        for (name, label), _count in votes.most_common():
            if name not in found:
                info = best[(name, label)].details
                found[name] = Found(
                    label, int(info.get("priority", 0)), info.get("canonical"), info["rule"]
                )
        division_ends = self.division_ends(doc)
        for ent in kept:
            item = found[text[ent.start : ent.end]]
            if item.label != ent.label or item.label not in self.short_types:
                continue
            for cut in division_ends.get(ent.start, ()):
                short = text[cut : ent.end]
                if len(short) >= self.min_short and short not in self.stoplist:
                    found.setdefault(short, Found(item.label, item.priority, None, "short_form"))
        return found

    def propose_peers(self, doc: Doc, text: str, chosen: list[Proposal]) -> None:
        """Propose the unmarked names coordinated with a chosen name of a ``coordinated`` type
        (金龙集团、重汽华威分别获评: a firm's list partners are firms)."""
        seps = self.peer_separators
        taken = bytearray(len(text))
        for ent in chosen:
            if ent.label != DIVISION:
                taken[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        for ent in chosen:
            if ent.label not in self.peer_types or not self.propagates(ent, text):
                continue
            start, end = ent.start, ent.end
            if end < len(text) and text[end] in seps:
                m = self.peer_right.match(text, end + 1)
                if m and len(m.group()) <= self.peer_max:
                    self.propose_peer(doc, text, m.start(), m.end(), ent, taken)
            if start > 1 and text[start - 1] in seps:
                first = max(0, start - 1 - self.peer_max)
                for a in range(first, start - 2):
                    m = self.peer_item.fullmatch(text, a, start - 1)
                    if m and self.left_boundary(text, a):
                        self.propose_peer(doc, text, a, start - 1, ent, taken)
                        break

    def propose_peer(
        self, doc: Doc, text: str, start: int, end: int, peer: Proposal, taken: bytearray
    ) -> None:
        """Propose ``text[start:end]`` with the type of ``peer`` unless it is part of another
        chosen entity (``taken``) or ends in a class word."""
        if any(taken[start:end]) or text.endswith(self.peer_bad_endings, start, end):
            return
        add_candidate(doc, start, end, peer.label, rule="coordinated", priority=self.peer_priority)

    def propagates(self, ent: Proposal, text: str) -> bool:
        """Whether a provisionally selected entity is a name worth looking for elsewhere."""
        if ent.label not in self.types:
            return False
        name = text[ent.start : ent.end]
        return (
            len(name) >= self.min_length
            and name not in self.stoplist
            and name not in self.left_words
            and ent.details.get("rule") not in self.excluded_rules
        )

    @staticmethod
    def division_ends(doc: Doc) -> dict[int, list[int]]:
        """Start offset of each division candidate -> the offsets where such candidates end."""
        ends: dict[int, list[int]] = {}
        for p in proposals(doc):
            if p.label == DIVISION:
                ends.setdefault(p.start, []).append(p.end)
        return ends

    def bounded(self, text: str, start: int, end: int) -> bool:
        """False when an ASCII name is glued to further letters or digits (K11 in K110)."""
        if (
            start > 0
            and self.word_char.match(text[start])
            and self.word_char.match(text[start - 1])
        ):
            return False
        return not (
            end < len(text)
            and self.word_char.match(text[end - 1])
            and self.word_char.match(text[end])
        )

    def left_boundary(self, text: str, start: int) -> bool:
        """Whether a name may start at ``start``: after a stop character or anything that is not
        a name character, or right after a governing word or modifier (推进, 新)."""
        if start == 0:
            return True
        ch = text[start - 1]
        if ch in self.stop_chars or not is_name_char(ch, self.name_punct):
            return True
        return any(
            n <= start and text[start - n : start] in self.left_words for n in self.left_lengths
        )


@Language.factory(
    "kg_propagate_v1",
    default_config={
        "rules": "nlp/rules/propagate.yaml",
        "selection": "nlp/rules/selection.yaml",
        "names": "nlp/rules/names.yaml",
    },
)
def make_propagate(nlp: Language, name: str, rules: str, selection: str, names: str) -> Propagate:
    """The propagation component configured by ``rules``; the selector's ``selection`` makes
    the provisional choice and the boundaries of ``names`` say where a name may start."""
    return Propagate(load_rules(rules), load_rules(selection), load_rules(names))
