"""``kg_relations_v1``: the six SPEC relations, from definitions, task lines and clause patterns.

Each relation carries its evidence: the span of the sentence it came from and the spans of its
arguments. Results go to ``doc._.relations`` as :class:`kg.records.Relation`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp.rules import load_rules
from kg.nlp.spans import details, doc_text, span_text
from kg.records import Relation
from kg.regex import alternation

AMOUNT_KEYS = ("value", "currency", "value_high", "approx")


class Evidence:
    """Maps character positions to their sentence and clause, from the document structure."""

    def __init__(self, doc: Doc, clause_breaks: str) -> None:
        self.text = doc_text(doc)
        structure = doc._.structure
        sentences = getattr(structure, "sentences", None) or []
        self.starts = [s.start for s in sentences]
        self.ends = [s.end for s in sentences]
        breaks = re.escape(clause_breaks)  # compiled once: re caches the patterns
        self.clause_break = re.compile(f"[{breaks}]")
        self.through_break = re.compile(f"(?s).*[{breaks}]")  # everything to the last break

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence containing ``pos``; its line when the structure has none there."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.starts[i] <= pos < self.ends[i]:
            return self.starts[i], self.ends[i]
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``, within its sentence: from after the last clause break
        before it to the next one (regular expressions, not a walk over the characters)."""
        s_start, s_end = self.sentence(pos)
        before = self.through_break.match(self.text, s_start, pos)
        after = self.clause_break.search(self.text, pos, s_end)
        start = before.end() if before else s_start  # s_start <= pos: see sentence()
        end = after.start() if after else max(s_end, pos)
        return start, end

    def span_for(self, *positions: int) -> tuple[int, int]:
        """The evidence span covering the sentences of all ``positions``."""
        spans = [self.sentence(p) for p in positions]
        return min(s for s, _ in spans), max(e for _, e in spans)


def unique(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, head, tail, role): a term defined twice (inline footnote and
    endnote list) keeps the evidence of its first, most local statement."""
    seen: set[tuple[str, str, str, str]] = set()
    out: list[Relation] = []
    for rel in relations:
        key = (rel.type, rel.head, rel.tail, str(rel.attrs.get("role", "")))
        if key not in seen:
            seen.add(key)
            out.append(rel)
    return out


def following(ents: list[Span], i: int, end: int) -> Iterator[Span]:
    """The entities after ``ents[i]`` that start before ``end`` (``ents`` in document order):
    a walk that stops there, where a scan of every later entity made long documents quadratic."""
    for j in range(i + 1, len(ents)):
        if ents[j].start_char >= end:
            return
        yield ents[j]


def preceding(ents: list[Span], i: int, start: int) -> Iterator[Span]:
    """The entities before ``ents[i]``, nearest first, that start at ``start`` or later."""
    for j in range(i - 1, -1, -1):
        if ents[j].start_char < start:
            return
        yield ents[j]


def canonical(ent: Span) -> str:
    return str(details(ent).get("canonical", span_text(ent)))


def between(
    kind: str, head: Span, tail: Span, ev: Evidence, attrs: dict[str, Any] | None = None
) -> Relation:
    """A relation between two entity mentions, with the sentences that hold both as evidence."""
    return Relation(
        kind,
        span_text(head),
        span_text(tail),
        *ev.span_for(head.start_char, tail.start_char),
        attrs=attrs or {},
        head_span=(head.start_char, head.end_char),
        tail_span=(tail.start_char, tail.end_char),
    )


def document_order(rel: Relation) -> tuple[int, str, int, int]:
    """Sort key: evidence sentence, type, then the arguments' own positions in the text."""
    head = rel.head_span[0] if rel.head_span else -1
    tail = rel.tail_span[0] if rel.tail_span else -1
    return (rel.start, rel.type, head, tail)


class Relations:
    """Extracts definedAs, responsibleFor, investment, locatedIn, partner and subdivisionOf."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.clause_breaks = data.get("clause_breaks", ",;。!?\n")
        inv = data["investment"]
        self.inv_cues: dict[str, str] = dict(inv["cues"])
        self.inv_cue_re = re.compile(f"(?:{alternation(list(self.inv_cues))})$")
        self.inv_heads = frozenset(inv["heads"])
        self.inv_gap = int(inv.get("max_gap", 12))
        self.inv_aggregate = tuple(inv.get("aggregate_markers", []))
        self.inv_aggregate_before = re.compile(inv["aggregate_before"])
        self.inv_prefix_roles: dict[str, str] = dict(inv.get("head_prefix_roles", {}))
        self.inv_prefix_re = re.compile(f"(?:{alternation(list(self.inv_prefix_roles))})$")
        verbs = alternation(inv.get("forward_verbs", []))
        gap = int(inv.get("forward_max_gap", 12))
        self.inv_forward = re.compile(rf"[^，,；;。]{{0,{gap}}}?(?:{verbs})")
        loc = data["located_in"]
        self.loc_before = tuple(loc["before_cues"])
        self.loc_verbs = re.compile(alternation(loc["governing_verbs"]))
        self.loc_after = re.compile(
            f"(?:{loc['after_gap']})(?:{alternation(loc['after_cues'])}){loc['after_tail']}"
        )
        self.loc_joiners = frozenset(loc.get("list_joiners", []))
        self.loc_container = re.compile(f"^(?:{alternation(loc['container_cues'])})")
        self.loc_heads = frozenset(loc["heads"])
        self.loc_tails = frozenset(loc["tails"])
        self.loc_topic_tails = frozenset(loc["topic_tails"])
        self.loc_topic_heads = frozenset(loc["topic_heads"])
        self.loc_topic_after = tuple(loc["topic_after"])
        self.loc_sample_open = tuple(loc["sample_open"])
        self.loc_sample_close = re.compile(alternation(loc["sample_close"]))
        par = data["partner"]
        self.par_cues = tuple(par["cues"])
        self.par_verbs = re.compile(f"(?:{alternation(par['verbs'])})")
        self.par_heads = frozenset(par["heads"])
        self.par_tails = frozenset(par["tails"])

    def __call__(self, doc: Doc) -> Doc:
        ev = Evidence(doc, self.clause_breaks)
        ents = list(doc.ents)
        labels = [e.label_ for e in ents]  # read once: each ``label_`` looks the string up
        relations: list[Relation] = []
        relations.extend(self.defined_as(doc, ev))
        relations.extend(self.responsible_for(doc, ev))
        relations.extend(self.investment(doc, ev, ents, labels))
        relations.extend(self.located_in(doc, ev, ents, labels))
        relations.extend(self.partner(doc, ev, ents, labels))
        relations.extend(self.subdivision_of(doc, ev, ents, labels))
        relations.sort(key=document_order)
        doc._.relations = unique(relations)
        return doc

    def defined_as(self, doc: Doc, ev: Evidence) -> Iterator[Relation]:
        """Slogan → each component of its definition; a term split into defined parts
        (“三区三线”：“三区”指…，“三线”指…) gives the parts' relations only."""
        text = doc_text(doc)
        definitions = getattr(doc._.structure, "definitions", None) or []
        parents = {d.parent for d in definitions if d.parent is not None}
        for index, d in enumerate(definitions):
            if index in parents:
                continue
            head = text[d.term_start : d.term_end]
            evidence = ev.span_for(d.term_start, d.body_end - 1)
            attrs: dict[str, Any] = {"source": d.source}
            expected = getattr(d, "expected_count", None)
            if expected is not None:
                attrs["expected_count"] = expected
                attrs["count_matches"] = expected == len(d.components)
            for start, end in d.components:
                tail = text[start:end]
                if not tail:
                    continue
                yield Relation(
                    "definedAs",
                    head,
                    tail,
                    *evidence,
                    attrs=dict(attrs),  # each relation owns its attributes
                    head_span=(d.term_start, d.term_end),
                    tail_span=(start, end),
                )

    def responsible_for(self, doc: Doc, ev: Evidence) -> Iterator[Relation]:
        text = doc_text(doc)
        for task in doc._.tasks or []:
            tail = text[task.start : task.end]
            for unit in task.units:
                yield Relation(
                    "responsibleFor",
                    text[unit.start : unit.end],
                    tail,
                    task.para_start,
                    task.para_end,
                    attrs={"role": unit.role, "head_type": unit.label},
                    head_span=(unit.start, unit.end),
                    tail_span=(task.start, task.end),
                )

    def investment(
        self, doc: Doc, ev: Evidence, ents: list[Span], labels: list[str]
    ) -> Iterator[Relation]:
        text = doc_text(doc)
        for i, amount in enumerate(ents):
            if labels[i] != "Amount":
                continue
            c_start, _ = ev.clause(amount.start_char)
            before = text[max(c_start, amount.start_char - self.inv_gap) : amount.start_char]
            cue = self.inv_cue_re.search(before.rstrip("约近超达"))
            if not cue:
                continue
            role = self.inv_cues[cue.group()]
            head = None
            # 总投资20亿元的金龙…项目: the entity the amount modifies follows 的
            after = amount.end_char
            if text.startswith("的", after):
                head = next(
                    (e for e in following(ents, i, after + 4) if e.label_ in self.inv_heads),
                    None,
                )
            if head is None:
                # X项目总投资20亿元 / X项目,总投资20亿元
                floor = c_start
                if text[c_start : amount.start_char].lstrip().startswith(cue.group()) and c_start:
                    floor = ev.clause(c_start - 1)[0]
                head = next(
                    (e for e in preceding(ents, i, floor) if e.label_ in self.inv_heads),
                    None,
                )
            if head is not None and any(
                m in text[head.end_char : amount.start_char] for m in self.inv_aggregate
            ):
                continue
            if head is None and not text[c_start : amount.start_char].strip().strip(cue.group()):
                head = self.announced(text, ev, ents, i, amount)
            if head is None:
                continue
            h_clause = ev.clause(head.start_char)[0]
            before_head = text[h_clause : head.start_char]
            if self.inv_aggregate_before.search(before_head):
                continue
            prefix = self.inv_prefix_re.search(before_head)
            if prefix:
                role = self.inv_prefix_roles[prefix.group()]
            value = {k: v for k, v in details(amount).items() if k in AMOUNT_KEYS}
            yield between("investment", head, amount, ev, {"role": role, **value})

    def announced(
        self, text: str, ev: Evidence, ents: list[Span], i: int, amount: Span
    ) -> Span | None:
        """投资15.4亿元，实施X工程: the head the next clause introduces with a verb, if any."""
        _, c_end = ev.clause(amount.start_char)
        if c_end >= len(text) or text[c_end] in "。\n":
            return None
        verb = self.inv_forward.match(text, c_end + 1)
        if verb is None:
            return None
        return next(
            (
                e
                for e in following(ents, i, verb.end() + 3)
                if e.label_ in self.inv_heads and verb.end() <= e.start_char
            ),
            None,
        )

    def located_in(
        self, doc: Doc, ev: Evidence, ents: list[Span], labels: list[str]
    ) -> Iterator[Relation]:
        text = doc_text(doc)
        for i, where in enumerate(ents):
            label = labels[i]
            if label not in self.loc_tails:
                continue
            c_start, c_end = ev.clause(where.start_char)
            heads: list[Span] = []
            rest = text[where.end_char : c_end]
            if text[c_start : where.start_char].endswith(self.loc_before) and self.loc_verbs.search(
                rest
            ):
                # 在万店镇建设国家级…基地
                heads = [
                    e
                    for e in following(ents, i, c_end)
                    if e.label_ in self.loc_heads and e.label_ != "AdminDivision"
                ]
            elif label == "Park" and self.loc_container.match(rest):
                # 江北工业园新投产企业中咨保盛、湖北卓冠
                heads = [e for e in following(ents, i, c_end) if e.label_ in ("Company", "Project")]
            elif self.topic_of(text, ev, where, label):
                # 汉正街城市核心区，服务保障香港中心开业，加快A、B等24个项目建设。
                s_end = ev.sentence(where.start_char)[1]
                heads = [e for e in following(ents, i, s_end) if e.label_ in self.loc_topic_heads]
            elif (sample := self.sampled(text, ents, i, c_start)) is not None:
                # 以交通路步行街-钟楼烟火-武汉路为代表的胜阳港商圈
                heads = sample
            elif i > 0 and labels[i - 1] in self.loc_heads:
                # X位于Y / X落户Y
                prev = ents[i - 1]
                if prev.start_char >= c_start and self.loc_after.fullmatch(
                    text[prev.end_char : where.start_char]
                ):
                    heads = [prev]
                    k = i - 2  # A、B、C等…落户Y: every listed head
                    while (
                        k >= 0
                        and labels[k] in self.loc_heads
                        and ents[k].start_char >= c_start
                        and text[ents[k].end_char : heads[0].start_char] in self.loc_joiners
                    ):
                        heads.insert(0, ents[k])
                        k -= 1
            for head in heads:
                # 汉江 is not in the 汉江湾城市活力区 named after it
                if head.start_char == where.start_char or span_text(head) in span_text(where):
                    continue
                yield between("locatedIn", head, where, ev)

    def topic_of(self, text: str, ev: Evidence, where: Span, label: str) -> bool:
        """Whether ``where``, of type ``label``, opens its sentence as a topic (汉江湾城市活力区，
        加快A、B建设)."""
        return (
            label in self.loc_topic_tails
            and ev.sentence(where.start_char)[0] == where.start_char
            and text.startswith(self.loc_topic_after, where.end_char)
        )

    def sampled(self, text: str, ents: list[Span], i: int, c_start: int) -> list[Span] | None:
        """The named examples of a place written 以A、B、C为代表的<place>, or None."""
        heads: list[Span] = []
        after = ents[i].start_char
        for e in preceding(ents, i, 0):
            gap = text[e.end_char : after]
            if e.start_char < c_start or e.label_ not in self.loc_heads:
                return None
            if not (self.loc_sample_close.fullmatch(gap) if not heads else gap in self.loc_joiners):
                return None
            heads.insert(0, e)
            if text.endswith(self.loc_sample_open, c_start, e.start_char):
                return heads
            after = e.start_char
        return None

    def partner(
        self, doc: Doc, ev: Evidence, ents: list[Span], labels: list[str]
    ) -> Iterator[Relation]:
        text = doc_text(doc)
        for i, who in enumerate(ents):
            if labels[i] not in self.par_tails:
                continue
            if not text.endswith(self.par_cues, 0, who.start_char):
                continue
            verb = self.par_verbs.match(text, who.end_char)
            if not verb:
                continue
            _, c_end = ev.clause(who.start_char)
            head = next((e for e in following(ents, i, c_end) if e.label_ in self.par_heads), None)
            if head is None:
                continue
            yield between("partner", head, who, ev)

    def subdivision_of(
        self, doc: Doc, ev: Evidence, ents: list[Span], labels: list[str]
    ) -> Iterator[Relation]:
        """Divisions written large-to-small with nothing between (湖北黄石市, 平江汇龙村): the
        smaller one → the larger one, when the gazetteer puts it below (ancestors, since township
        and village codes are synthetic)."""
        from kg.gazetteer.admin import load as load_gazetteer

        gazetteer = load_gazetteer()
        for i in range(1, len(ents)):
            if labels[i - 1] != "AdminDivision" or labels[i] != "AdminDivision":
                continue
            parent, child = ents[i - 1], ents[i]
            if child.start_char != parent.end_char:
                continue
            upper = gazetteer.get(str(details(parent).get("code", "")))
            lower = gazetteer.get(str(details(child).get("code", "")))
            if upper is None or lower is None or upper not in gazetteer.ancestors(lower):
                continue
            yield between("subdivisionOf", child, parent, ev)


@Language.factory("kg_relations_v1", default_config={"rules": "nlp/rules/relations.yaml"})
def make_relations(nlp: Language, name: str, rules: str) -> Relations:
    return Relations(load_rules(rules))
