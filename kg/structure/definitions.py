"""Parses ``term:definition`` entries (footnotes, endnotes, glossaries) into Definition records.

The body of an entry is split into components when it is a list of short items
(五个临空:科创临空、产业临空、…) and kept whole when it is prose. All spans index the text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from kg.regex import anchored_finditer, word_starts
from kg.structure.model import Definition, DefinitionSource
from kg.structure.numerals import read_numeral_count
from kg.structure.resources import load_rules

Span = tuple[int, int]

_OPENERS = "“(（《「『"
_CLOSERS = "”)）》」』"
_BRACKETS = re.compile(f"[{re.escape(_OPENERS + _CLOSERS)}]")
_MAX_BODY_CHARS = 3000  # longer bodies are prose; also keeps the per-character scans cheap
_TRAILING = "。.;；,，、:： \t\u3000"


@dataclass(frozen=True, slots=True)
class _Rules:
    entry_marker: re.Pattern[str]
    endnote_marker: re.Pattern[str]
    head_max_chars: int
    head_forbidden: re.Pattern[str]
    lead_words: tuple[str, ...]
    sub_definition: re.Pattern[str]
    drop_suffixes: tuple[str, ...]
    list_intro: re.Pattern[str]
    classifier_tail: re.Pattern[str]
    conjunction: re.Pattern[str]
    semicolon: re.Pattern[str]
    comma: re.Pattern[str]
    list_separator: re.Pattern[str]
    max_item_chars: int
    prose_item_prefixes: tuple[str, ...]
    prose_words: tuple[str, ...]
    quoted: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    data = load_rules("definitions")
    return _Rules(
        entry_marker=re.compile(data["entry_marker"]),
        endnote_marker=re.compile(data["endnote_marker"]),
        head_max_chars=int(data["head_max_chars"]),
        head_forbidden=re.compile(data["head_forbidden"]),
        lead_words=tuple(sorted(data["lead_words"], key=len, reverse=True)),
        sub_definition=re.compile(data["sub_definition"]),
        drop_suffixes=tuple(data["drop_suffixes"]),
        list_intro=re.compile(data["list_intro"]),
        classifier_tail=re.compile(data["classifier_tail"]),
        conjunction=re.compile(data["conjunction"]),
        semicolon=re.compile(data["semicolon"]),
        comma=re.compile(data["comma"]),
        list_separator=re.compile(data["list_separator"]),
        max_item_chars=int(data["max_item_chars"]),
        prose_item_prefixes=tuple(data["prose_item_prefixes"]),
        prose_words=tuple(data["prose_words"]),
        quoted=re.compile(r"“([^“”]{1,40})”"),
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """A ``[marker] head : body`` entry located in the text."""

    marker: Span | None
    head: Span
    body: Span
    endnote: bool  # numbered with a bracketed marker ([1], (1))


def _strip(text: str, start: int, end: int, chars: str | None = None) -> Span:
    """Shrink ``[start, end)`` past leading and trailing ``chars`` (whitespace by default)."""
    while start < end and (text[start].isspace() if chars is None else text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return start, end


def _top_level(text: str, start: int, end: int) -> list[bool]:
    """For each position in ``[start, end)``, whether it lies outside quotes and brackets.

    Only the brackets are visited: the stretches between them are filled in whole."""
    out = [True] * (end - start)
    depth = 0
    previous = 0  # where the stretch after the last bracket starts
    for match in _BRACKETS.finditer(text, start, end):
        pos = match.start() - start
        if depth:
            out[previous:pos] = [False] * (pos - previous)
        out[pos] = False
        depth = max(depth - 1, 0) if match.group() in _CLOSERS else depth + 1
        previous = pos + 1
    if depth:
        out[previous:] = [False] * (len(out) - previous)
    return out


def parse_entry(text: str, start: int, end: int) -> Entry | None:
    """Locate marker, head and body of a ``term:definition`` paragraph; None if it is not one."""
    rules = _rules()
    start, end = _strip(text, start, end)
    marker: Span | None = None
    match = rules.entry_marker.match(text, start, end)
    head_start = start
    if match:
        marker = _strip(text, match.start(), match.end())
        head_start = match.end()
    limit = min(end, head_start + rules.head_max_chars + 1)
    if text.find(":", head_start, limit) < 0 and text.find("：", head_start, limit) < 0:
        return None  # most paragraphs: no colon to look at
    top = _top_level(text, head_start, limit)
    colon = next(
        (p for p in range(head_start, limit) if text[p] in ":：" and top[p - head_start]), None
    )
    if colon is None or colon == head_start:
        return None
    head = _strip(text, head_start, colon)
    if head[0] == head[1] or rules.head_forbidden.search(text, head[0], head[1]):
        return None
    body = _strip(text, colon + 1, end)
    body = _strip(text, body[0], body[1], _TRAILING)
    if body[0] >= body[1]:
        return None
    endnote = bool(marker and rules.endnote_marker.match(text, marker[0], marker[1]))
    return Entry(marker, head, body, endnote)


def _term_of(text: str, head: Span) -> Span:
    """The reported term: the first quoted core of the head, else the head without 是指."""
    rules = _rules()
    match = rules.quoted.search(text, head[0], head[1])
    if match:
        return match.start(1), match.end(1)
    start, end = head
    for word in rules.lead_words:
        if text.startswith(word, start) and end - start > len(word):
            start += len(word)
            break
    return _strip(text, start, end, "“”\"' ")


def _strip_lead(text: str, span: Span) -> Span:
    start, end = span
    for word in _rules().lead_words:
        if text.startswith(word, start) and end - start > len(word):
            return start + len(word), end
    return span


def _split(text: str, span: Span, separator: re.Pattern[str]) -> list[Span]:
    """Split ``span`` at top-level matches of ``separator``; empty pieces are dropped."""
    start, end = span
    top = _top_level(text, start, end)
    pieces: list[Span] = []
    piece_start = start
    for match in separator.finditer(text, start, end):
        if top[match.start() - start]:
            pieces.append((piece_start, match.start()))
            piece_start = match.end()
    pieces.append((piece_start, end))
    out = [_strip(text, s, e, _TRAILING) for s, e in pieces]
    return [p for p in out if p[0] < p[1]]


def _split_conjunction(text: str, span: Span, last_only: bool) -> list[Span]:
    """Split an item at 和/及/以及 (the last one only, or every one), keeping both sides ≥ 2."""
    rules = _rules()
    start, end = span
    top = _top_level(text, start, end)
    cuts = [
        m
        for m in rules.conjunction.finditer(text, start, end)
        if top[m.start() - start] and m.start() - start >= 2 and end - m.end() >= 2
    ]
    if not cuts:
        return [span]
    if last_only:
        cuts = cuts[-1:]
    out: list[Span] = []
    piece_start = start
    for m in cuts:
        out.append((piece_start, m.start()))
        piece_start = m.end()
    out.append((piece_start, end))
    return [p for p in out if p[1] - p[0] >= 1]


def _clean_item(text: str, span: Span) -> Span:
    """Trim separators and a pair of quotes wrapping the whole item."""
    start, end = _strip(text, span[0], span[1], _TRAILING)
    if (
        end - start > 2
        and text[start] == "“"
        and text[end - 1] == "”"
        and "”" not in text[start + 1 : end - 1]
    ):
        start, end = start + 1, end - 1
    return start, end


def _drop_tail(text: str, items: list[Span]) -> list[Span]:
    """Drop a classifier tail (三条控制线) from the last item when it states the item count."""
    if len(items) < 2:
        return items
    start, end = items[-1]
    match = _rules().classifier_tail.search(text, start, end)
    if match and match.start() - start >= 2 and read_numeral_count(match.group()) == len(items):
        return [*items[:-1], _strip(text, start, match.start(), _TRAILING)]
    return items


def _tail_count(text: str, span: Span) -> int | None:
    match = _rules().classifier_tail.search(text, span[0], span[1])
    return read_numeral_count(match.group()) if match else None


def _is_prose(text: str, items: list[Span], region: Span) -> bool:
    rules = _rules()
    if len(items) < 2:
        return True
    if any(e - s > rules.max_item_chars for s, e in items):
        return True
    if any(text.startswith(rules.prose_item_prefixes, s) for s, _ in items):
        return True
    body = text[region[0] : region[1]]
    return any(word in body for word in rules.prose_words)


def _quoted_list(text: str, region: Span, expected: int | None) -> list[Span] | None:
    """Components listed inside a single quote: “新技术、新产业、新业态、新模式”的经济形态."""
    rules = _rules()
    quotes = [m for m in rules.quoted.finditer(text, region[0], region[1]) if "、" in m.group(1)]
    if len(quotes) != 1:
        return None
    inner = (quotes[0].start(1), quotes[0].end(1))
    items = [_clean_item(text, p) for p in _split(text, inner, rules.list_separator)]
    if len(items) < 2 or (expected is not None and len(items) != expected):
        return None
    return items


def _only_quotes(text: str, region: Span) -> list[Span] | None:
    """Components of a body made of quoted items: “违建房”“危险房”“空心房”“零散房”四类房屋."""
    rules = _rules()
    pos = region[0]
    items: list[Span] = []
    while pos < region[1]:
        match = rules.quoted.match(text, pos, region[1])
        if not match:
            break
        items.append((match.start(1), match.end(1)))
        pos = match.end()
        while pos < region[1] and text[pos] in "、,，":
            pos += 1
    if len(items) < 2:
        return None
    rest = _strip(text, pos, region[1], _TRAILING)
    if rest[0] < rest[1]:
        tail = rules.classifier_tail.fullmatch(text, rest[0], rest[1])
        if not tail or read_numeral_count(tail.group()) != len(items):
            return None
    return items


def _list_items(text: str, region: Span, expected: int | None) -> list[Span] | None:
    """Split a list region into items guided by ``expected``; None if it reads as prose."""
    rules = _rules()
    quoted = _only_quotes(text, region)
    if quoted:
        return quoted
    if expected is None:
        expected = _tail_count(text, region)
    by_semicolon = _split(text, region, rules.semicolon)
    by_clause = [p for s in by_semicolon for p in _split(text, s, rules.comma)]
    by_item = _split(text, region, rules.list_separator)
    # 和 joins the last two items of an enumeration (供热和物业管理), not two parts of a clause
    # (在推动中部地区崛起和长江经济带发展中彰显新担当, one of three comma-separated clauses)
    clausal = len(by_clause) > len(by_semicolon) and len(_split(text, region, _ENUMERATION)) < 2
    if expected is not None:
        levels = [by_semicolon, by_clause, by_item]
        if not clausal:
            by_conjunction = [p for s in by_item for p in _split_conjunction(text, s, False)]
            levels.append(by_conjunction)
        for level in levels:
            items = _drop_tail(text, [_clean_item(text, p) for p in level])
            if len(items) == expected >= 2 and all(
                0 < e - s <= rules.max_item_chars for s, e in items
            ):
                return items
    items = list(by_item)
    if len(items) >= 2 and not clausal:
        items = items[:-1] + _split_conjunction(text, items[-1], last_only=True)
    items = _drop_tail(text, [_clean_item(text, p) for p in items])
    items = [p for p in items if p[0] < p[1]]
    mixed = len(by_clause) > len(by_semicolon) and len(by_item) > len(by_clause)
    if mixed or _is_prose(text, items, region):
        return None
    return items


def components(text: str, body: Span, expected: int | None) -> list[Span]:
    """Spans of the listed parts of a definition body, or the whole body when it is prose."""
    rules = _rules()
    whole = _strip(text, *_strip_lead(text, body), _TRAILING)
    if whole[0] >= whole[1]:
        return []
    if whole[1] - whole[0] > _MAX_BODY_CHARS:
        return [whole]
    top = _top_level(text, whole[0], whole[1])
    first_stop = next(
        (p for p in range(whole[0], whole[1]) if text[p] == "。" and top[p - whole[0]]), None
    )
    region = whole if first_stop is None else _strip(text, whole[0], first_stop, _TRAILING)
    for suffix in rules.drop_suffixes:
        if text.endswith(suffix, region[0], region[1]) and region[1] - region[0] > len(suffix):
            region = (region[0], region[1] - len(suffix))
            break
    items = _list_items(text, region, expected)
    if items:
        return items
    items = _quoted_list(text, region, expected)
    if items:
        return items
    intro = rules.list_intro.search(text, whole[0], whole[1])
    if intro:
        stop = intro.end()
        top_after = _top_level(text, stop, whole[1])
        end = next(
            (p for p in range(stop, whole[1]) if text[p] in ",，。;；" and top_after[p - stop]),
            whole[1],
        )
        listed = _strip(text, stop, end, _TRAILING)
        if listed[0] < listed[1]:
            found = _list_items(text, listed, expected)
            if found:
                return found
    return [whole]


def _sub_parts(text: str, body: Span) -> list[tuple[Span, Span]]:
    """(sub-term, sub-body) pairs of a combined body “六稳”即…;“六保”即…, else []."""
    rules = _rules()
    start, end = _strip_lead(text, body)
    if end - start > _MAX_BODY_CHARS:
        return []
    top = _top_level(text, start, end)
    found = [
        m
        for m in rules.sub_definition.finditer(text, start, end)
        if m.start() == start or (top[m.start() - 1 - start] and text[m.start() - 1] in ";；,，。")
    ]
    if not found or found[0].start() != start:
        return []
    parts: list[tuple[Span, Span]] = []
    for i, m in enumerate(found):
        part_end = found[i + 1].start() if i + 1 < len(found) else end
        sub_body = _strip(text, m.end(), part_end, _TRAILING)
        parts.append(((m.start(1), m.end(1)), sub_body))
    return parts


def _definition(
    text: str,
    term: Span,
    head: Span,
    body: Span,
    source: DefinitionSource,
    label: str | None,
    parts: list[Span] | None = None,
) -> Definition:
    term_text = text[term[0] : term[1]]
    expected = read_numeral_count(term_text)
    comps = parts if parts is not None else components(text, body, expected)
    if parts is None and len(comps) >= 2:
        comps = refine(text, term, head, comps)
    elif parts is None and term_text.isascii() and term_text.isdigit():
        comps = _digit_groups(text, body, term_text) or comps
    elif parts is None:
        inner = read_numeral_count(term_text[_first_numeral(term_text) :])
        if inner is not None and inner >= 2:
            comps = _list_in_prose(text, body, inner) or _alike_clauses(text, body) or comps
    return Definition(
        term=term_text,
        term_start=term[0],
        term_end=term[1],
        body_start=body[0],
        body_end=body[1],
        source=source,
        components=comps,
        head_start=head[0],
        head_end=head[1],
        expected_count=expected,
        component_count=len(comps),
        label=label,
    )


def definitions_from_entry(
    text: str, entry: Entry, source: DefinitionSource, first_index: int
) -> list[Definition]:
    """Definitions stated by one entry; ``first_index`` is where the first one will be stored.

    A head naming several quoted terms with a combined body (“六稳”“六保”:“六稳”即…;“六保”即…)
    gives one definition per term. A single term whose body defines parts (“三区三线”:“三区”指…,
    “三线”指…) gives the whole term, with the parts' components, then each part with ``parent``.
    """
    rules = _rules()
    label = text[entry.marker[0] : entry.marker[1]] if entry.marker else None
    head_terms = [(m.start(1), m.end(1)) for m in rules.quoted.finditer(text, *entry.head)]
    parts = _sub_parts(text, entry.body)
    parts = _without_shared_subject(text, parts)
    if len(head_terms) >= 2 and parts:
        by_name = {text[s:e]: (s, e) for s, e in head_terms}
        out: list[Definition] = []
        for sub_term, sub_body in parts:
            term = by_name.get(text[sub_term[0] : sub_term[1]], sub_term)
            out.append(_definition(text, term, term, sub_body, source, label))
        return out
    term = _term_of(text, entry.head)
    if parts:
        subs = [_definition(text, t, t, b, source, label) for t, b in parts]
        union = [c for d in subs for c in d.components]
        main = _definition(text, term, entry.head, entry.body, source, label, union)
        for sub in subs:
            sub.parent = first_index
        return [main, *subs]
    return [_definition(text, term, entry.head, entry.body, source, label)]


def _without_shared_subject(text: str, parts: list[tuple[Span, Span]]) -> list[tuple[Span, Span]]:
    """Sub-bodies opening with one subject (“五个样板”即老旧小区改造要打造A、B;“六个结合”即老旧
    小区改造与C、D结合) start after it and its linking word: it is no part of their first item."""
    if len(parts) < 2:
        return parts
    rules = _inline_rules()
    bodies = [text[s:e] for _, (s, e) in parts]
    shared = functools.reduce(_common_prefix, bodies)
    if len(shared) < rules.min_shared_subject or any(len(b) <= len(shared) for b in bodies):
        return parts
    out: list[tuple[Span, Span]] = []
    for sub_term, (start, end) in parts:
        start += len(shared)
        link = rules.subject_link.match(text, start, end)
        out.append((sub_term, (link.end() if link else start, end)))
    return out


def _digit_groups(text: str, body: Span, digits: str) -> list[Span] | None:
    """Clauses of a prose body whose counts spell a figure term: “323”攻坚行动 → A、B、C3类…,
    D、E2种…, F、G、H3类… (each clause names one group, its count one digit run of the term)."""
    rules = _inline_rules()
    clauses = _split(text, body, rules.prose_clause)
    counted = [
        (clause, match)
        for clause in clauses
        if (match := _last_match(rules.group_count, text, clause)) is not None
    ]
    for first in range(len(counted)):
        spelled = ""
        for last in range(first, len(counted)):
            spelled += counted[last][1].group(1)
            if not digits.startswith(spelled):
                break
            if spelled == digits and last > first:
                items = [c for c, _ in counted[first : last + 1]]
                start, end = items[0]
                lead = rules.distributed_lead.match(text, start, end)
                if lead is not None and end - lead.end() >= rules.min_refined_item:
                    items[0] = (lead.end(), end)
                return [_clean_item(text, c) for c in items]
    return None


def _alike_clauses(text: str, body: Span) -> list[Span] | None:
    """All comma clauses of a body when they open with the same character (在…，在…，在…)."""
    rules = _inline_rules()
    clauses = _split(text, _strip_lead(text, body), _rules().comma)
    if len(clauses) < rules.parallel_min_clauses or len({text[s] for s, _ in clauses}) != 1:
        return None
    if any(e - s > _rules().max_item_chars for s, e in clauses):
        return None
    return [_clean_item(text, c) for c in clauses]


def _last_match(pattern: re.Pattern[str], text: str, span: Span) -> re.Match[str] | None:
    """The last match of ``pattern`` inside ``span``, if any."""
    matches = list(pattern.finditer(text, span[0], span[1]))
    return matches[-1] if matches else None


# ---------------------------------------------------------------- inline definitions


@dataclass(frozen=True, slots=True)
class _InlineRules:
    sub_definition: re.Pattern[str]
    body_stop: re.Pattern[str]
    list_term: re.Pattern[str]
    count_before: re.Pattern[str]
    list_link: re.Pattern[str]
    last_clause_stop: re.Pattern[str]  # matched at a window's start: ends after its last stop
    max_item_chars: int
    reject_before: re.Pattern[str]
    reject_after: re.Pattern[str]
    colon_term: re.Pattern[str]
    lead_sentence_max: int
    distributed_lead: re.Pattern[str]
    min_trailing_predicate: int
    min_refined_item: int
    list_end_word: str
    prose_clause: re.Pattern[str]
    term_noun: re.Pattern[str]
    numeral: re.Pattern[str]
    min_shared_subject: int
    subject_link: re.Pattern[str]
    group_count: re.Pattern[str]
    bare_list_term: re.Pattern[str]
    bare_max_item_chars: int
    bare_min_count: int
    bare_definition: re.Pattern[str]
    bare_definition_anchors: re.Pattern[str]
    bare_definition_reach: int
    embedded_count: re.Pattern[str]
    semicolon_items: re.Pattern[str]
    parallel_min_clauses: int


@functools.cache
def _inline_rules() -> _InlineRules:
    data = load_rules("definitions")
    return _InlineRules(
        sub_definition=re.compile(data["inline_sub_definition"]),
        body_stop=re.compile(data["inline_body_stop"]),
        list_term=re.compile(data["inline_list_term"]),
        count_before=re.compile(data["inline_count_before"]),
        list_link=re.compile(data["inline_list_link"]),
        last_clause_stop=re.compile(rf"(?s:.*)(?:{data['inline_list_clause_stop']})"),
        max_item_chars=int(data["inline_max_item_chars"]),
        reject_before=re.compile(data["inline_list_reject_before"]),
        reject_after=re.compile(data["inline_list_reject_after"]),
        colon_term=re.compile(data["inline_colon_term"], re.M),
        lead_sentence_max=int(data["inline_lead_sentence_max"]),
        distributed_lead=re.compile(data["distributed_lead"]),
        min_trailing_predicate=int(data["min_trailing_predicate"]),
        min_refined_item=int(data["min_refined_item"]),
        list_end_word=data["list_end_word"],
        prose_clause=re.compile(data["prose_clause"]),
        term_noun=re.compile(data["term_noun"]),
        numeral=re.compile(data["numeral"]),
        min_shared_subject=int(data["min_shared_subject"]),
        subject_link=re.compile(data["subject_link"]),
        group_count=re.compile(data["group_count"]),
        bare_list_term=re.compile(data["inline_bare_list_term"]),
        bare_max_item_chars=int(data["inline_bare_max_item_chars"]),
        bare_min_count=int(data["inline_bare_min_count"]),
        bare_definition=re.compile(data["inline_bare_definition"]),
        bare_definition_anchors=word_starts(data["inline_bare_definition_anchor"]),
        bare_definition_reach=int(data["inline_bare_definition_reach"]),
        embedded_count=re.compile(data["embedded_count"]),
        semicolon_items=re.compile(data["semicolon"]),
        parallel_min_clauses=int(data["parallel_min_clauses"]),
    )


class _Covered:
    """The text ranges of known definitions (head to body end), to skip their inner parts."""

    def __init__(self, known: list[Definition]) -> None:
        ranges = sorted(
            (
                min(
                    d.term_start, d.head_start if d.head_start >= 0 else d.term_start, d.body_start
                ),
                max(d.body_end, d.term_end),
            )
            for d in known
        )
        self.starts = [s for s, _ in ranges]
        self.reach = list(itertools.accumulate((e for _, e in ranges), max))

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def _listed_before(text: str, end: int, count: int) -> list[Span] | None:
    """The ``count`` items of a 、-list ending at ``end`` (quoted, or back to the clause start)."""
    rules = _inline_rules()
    if end > 0 and text[end - 1] == "”":
        open_quote = text.rfind("“", max(0, end - 200), end - 1)
        if open_quote < 0:
            return None
        region = (open_quote + 1, end - 1)
        quoted = True
    else:
        window = max(0, end - 200)
        stop = rules.last_clause_stop.match(text, window, end)  # the greedy .* backs off to it
        region = (stop.end() if stop else window, end)
        quoted = False
    pieces = [p for p in _split(text, region, _ENUMERATION) if p[0] < p[1]]
    if len(pieces) >= 2:
        pieces = pieces[:-1] + _split_conjunction(text, pieces[-1], last_only=True)
    if len(pieces) != count:
        return None
    others = pieces[1:]
    longest = max(e - s for s, e in others)
    if longest > rules.max_item_chars or any(text[s:e].strip("“”") == "" for s, e in others):
        return None
    first = pieces[0]
    if not quoted and first[1] - first[0] > longest:
        first = (first[1] - longest, first[1])  # 全面落实堵 → 堵: a verb before the list
    return [_clean_item(text, first), *[_clean_item(text, p) for p in others]]


_ENUMERATION = re.compile("、")


def _parallel_clauses(text: str, body: Span, count: int | None) -> list[Span] | None:
    """The first ``count`` clauses of a body when they start alike (以…区，以…区，呈现…)."""
    if count is None or count < 2:
        return None
    clauses = _split(text, body, _rules().comma)
    if len(clauses) <= count:
        return None
    heads = {text[s : s + 1] for s, _ in clauses[:count]}
    if len(heads) != 1 or text[clauses[count][0]] in heads:
        return None
    return [_clean_item(text, c) for c in clauses[:count]]


def _lead_sentences(text: str, start: int, count: int) -> list[Span] | None:
    """The first sentences of the ``count`` paragraphs after ``start`` when all are short."""
    rules = _inline_rules()
    items: list[Span] = []
    pos = start
    while len(items) < count:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        stop = text.find("。", pos, line_end)
        if pos >= len(text) or stop < 0 or not 2 <= stop - pos <= rules.lead_sentence_max:
            return None
        items.append((pos, stop))
        pos = line_end
    return items


def inline_definitions(text: str, known: list[Definition]) -> list[Definition]:
    """Terms the running text defines in place, not yet among ``known`` (notes and glossaries).

    “一核”即…; a list just before the quoted term whose count it matches (堵、查…督“八字诀”);
    “四个坚持”： followed by one short lead sentence per paragraph.
    """
    rules = _inline_rules()
    covered = _Covered(known)
    taken = {d.term for d in known}
    out: list[Definition] = []

    def add(term: Span, body: Span, parts: list[Span] | None) -> None:
        out.append(_definition(text, term, term, body, "inline", None, parts))
        taken.add(text[term[0] : term[1]])

    for m in rules.sub_definition.finditer(text):
        if m.group(1) in taken or m.start() in covered:
            continue
        stop = rules.body_stop.search(text, m.end())
        body = _strip(text, m.end(), stop.start() if stop else len(text), _TRAILING)
        if body[0] < body[1]:
            add(m.span(1), body, _parallel_clauses(text, body, read_numeral_count(m.group(1))))
    for m in rules.list_term.finditer(text):
        term = m.group(1)
        if term in taken or m.start() in covered:
            continue
        if rules.reject_after.match(text, m.end(), m.end() + 8) or rules.reject_before.search(
            text, max(0, m.start() - 1), m.start()
        ):
            continue
        end = m.start()
        count = read_numeral_count(term)
        before = rules.count_before.search(text, max(0, end - 3), end)
        if before:
            count = read_numeral_count(before.group(1) + "个" + term) or count
            end = before.start()
        if count is None or count < 2:
            continue
        link = rules.list_link.search(text, max(0, end - 11), end)
        if link:
            end = link.start()
        items = _listed_before(text, end, count)
        if items:
            add(m.span(1), (items[0][0], items[-1][1]), items)
    for m in rules.bare_list_term.finditer(text):
        term = m.group(1)
        count = read_numeral_count(term)
        if term in taken or m.start() in covered or count is None:
            continue
        if count < rules.bare_min_count:
            continue
        items = _listed_before(text, m.start(), count)
        if items and all(e - s <= rules.bare_max_item_chars for s, e in items):
            add(m.span(1), (items[0][0], items[-1][1]), items)
    bare = anchored_finditer(
        rules.bare_definition, rules.bare_definition_anchors, rules.bare_definition_reach, text
    )
    for m in bare:
        term = m.group(1)
        count = read_numeral_count(term)
        if term in taken or m.start() in covered or count is None or count < 2:
            continue
        full_stop = text.find("。", m.end())
        body = _strip(text, m.end(), len(text) if full_stop < 0 else full_stop, _TRAILING)
        items = _clause_objects(text, body, count)
        if items:
            add(m.span(1), body, items)
    for m in rules.colon_term.finditer(text):
        term = m.group(1)
        count = read_numeral_count(term)
        if term in taken or m.start() in covered or count is None or count < 2:
            continue
        items = _lead_sentences(text, m.end(), count)
        if items:
            add(m.span(1), (items[0][0], items[-1][1]), items)
    return out


def _clause_objects(text: str, body: Span, count: int) -> list[Span] | None:
    """One part per ；-separated clause, each the object after a verb phrase all clauses end
    with: 依托…，开发建设A；围绕…，开发建设B → A, B. None unless there are ``count`` clauses."""
    rules = _inline_rules()
    clauses = _split(text, body, rules.semicolon_items)
    if len(clauses) != count:
        return None
    finals = [_split(text, c, _rules().comma)[-1] for c in clauses]
    shared = functools.reduce(_common_prefix, [text[s:e] for s, e in finals])
    if len(shared) < rules.min_refined_item:
        return None
    items = [(s + len(shared), e) for s, e in finals]
    if any(not rules.min_refined_item <= e - s <= _rules().max_item_chars for s, e in items):
        return None
    return [_clean_item(text, p) for p in items]


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _common_suffix(a: str, b: str) -> str:
    return _common_prefix(a[::-1], b[::-1])[::-1]


def _first_numeral(term: str) -> int:
    """Where the first numeral of a term is (清四乱 → 1), or 0."""
    match = _inline_rules().numeral.search(term)
    return match.start() if match else 0


def _term_noun(term: str) -> str:
    """The head word a numbered term counts: 五个样板 → 样板, 十个到位 → 到位, 三高 → ''."""
    match = _inline_rules().term_noun.fullmatch(term)
    return match.group(1) if match else ""


def refine(text: str, term: Span, head: Span, items: list[Span]) -> list[Span]:
    """Drop words a list writes once for all its items from its first and last item.

    稳定实现贫困人口不愁吃、不愁穿 → 不愁吃 (the sibling's start); 着力打造A、B → A (a verb before
    the list); 民生保障、…、“深圳速度”样板 → 深圳速度 (the term's head word after the list);
    …、现代化省域副中心城市建设 with head “三区一中心”建设目标 → 现代化省域副中心城市.
    """
    rules = _inline_rules()
    least = rules.min_refined_item
    out = list(items)
    strings = [text[s:e] for s, e in out]
    # first item: cut before the shared start of its siblings, else after a distributed verb
    start, end = out[0]
    siblings = strings[1:3]
    anchor = siblings[0][:2] if len(siblings) == 1 else _common_prefix(*siblings)
    cut = text.find(anchor, start + 1, end) if len(anchor) >= 2 else -1
    if cut > start and end - cut >= least and not strings[0].startswith(anchor):
        out[0] = (cut, end)
    else:
        lead = rules.distributed_lead.match(text, start, end)
        second = rules.distributed_lead.match(text, out[1][0], out[1][1])
        if lead is not None and second is None and end - lead.end() >= least:
            out[0] = (lead.end(), end)
    # last item: cut before a count label written into it (…、重点人员“四重”信访…攻坚)
    start, end = out[-1]
    for label in rules.embedded_count.finditer(text, start + least, end):
        if read_numeral_count(label.group(1)) == len(out):
            out[-1] = (start, label.start())
            return [_clean_item(text, p) for p in out]
    # last item: cut after the shared end of its siblings, or drop the term's head word
    last = text[start:end]
    shared = _common_suffix(strings[-2], strings[-3]) if len(strings) >= 3 else ""
    pos = last.rfind(shared) if len(shared) >= 2 else -1
    after_term = text[term[1] : head[1]].strip('”"')
    noun = _term_noun(text[term[0] : term[1]])
    others = strings[:-1]
    if pos >= least and len(last) - pos - len(shared) >= rules.min_trailing_predicate:
        out[-1] = (start, start + pos + len(shared))
    elif noun and last.endswith(noun) and not any(o.endswith((noun, noun[0])) for o in others):
        if len(last) - len(noun) >= least:
            out[-1] = (start, end - len(noun))
    else:
        for size in range(min(len(after_term), len(last) - least), 1, -1):
            word = after_term[:size]
            if last.endswith(word) and not any(o.endswith(word) for o in others):
                out[-1] = (start, end - size)
                break
    return [_clean_item(text, p) for p in out]


def _list_in_prose(text: str, body: Span, expected: int) -> list[Span] | None:
    """The one clause of a prose body listing ``expected`` items: 清理乱占、乱采、乱堆、乱建等."""
    rules = _inline_rules()
    for clause in _split(text, body, rules.prose_clause):
        pieces = _split(text, clause, _ENUMERATION)
        if len(pieces) != expected:
            continue
        start, end = pieces[-1]
        stop = text.find(rules.list_end_word, start + 1, end)
        if stop < 0:
            continue
        pieces[-1] = (start, stop)
        others = pieces[1:]
        longest = max(e - s for s, e in others)
        if longest > rules.max_item_chars:
            continue
        s0, e0 = pieces[0]
        lead = None
        for m in rules.distributed_lead.finditer(text, s0, e0):
            lead = m
        if lead is not None and e0 - lead.end() >= 1:
            pieces[0] = (lead.end(), e0)
        elif e0 - s0 > longest:
            pieces[0] = (e0 - longest, e0)
        return [_clean_item(text, p) for p in pieces]
    return None
