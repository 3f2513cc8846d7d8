"""Parses ``term:definition`` entries (footnotes, endnotes, glossaries) into Definition records.

The body of an entry is split into components when it is a list of short items
(五个临空:科创临空、产业临空、…) and kept whole when it is prose. All spans index the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.structure.model import Definition, DefinitionSource
from kg.structure.numerals import read_numeral_count
from kg.structure.resources import load_rules

Span = tuple[int, int]

_OPENERS = "“(（《「『"
_CLOSERS = "”)）》」』"
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
    """For each position in ``[start, end)``, whether it lies outside quotes and brackets."""
    depth = 0
    out: list[bool] = []
    for pos in range(start, end):
        char = text[pos]
        if char in _CLOSERS:
            depth = max(depth - 1, 0)
            out.append(False)
        elif char in _OPENERS:
            out.append(False)
            depth += 1
        else:
            out.append(depth == 0)
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
    by_conjunction = [p for s in by_item for p in _split_conjunction(text, s, last_only=False)]
    if expected is not None:
        for level in (by_semicolon, by_clause, by_item, by_conjunction):
            items = _drop_tail(text, [_clean_item(text, p) for p in level])
            if len(items) == expected >= 2 and all(
                0 < e - s <= rules.max_item_chars for s, e in items
            ):
                return items
    items = list(by_item)
    if len(items) >= 2:
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
