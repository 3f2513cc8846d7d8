"""Find page furniture (site metadata, menus, footers, URLs) so analysis can ignore it.

Patterns live in ``data/furniture.yaml`` and run on the normalised text (same length as the
input), so the spans returned are offsets into the text as given. Short lines are blanked
whole; in a long line (a page saved as one line) only the matched field or phrase is, so report
text is never lost. Every regex is linear: atomic groups and possessive quantifiers only.
"""

from __future__ import annotations

import bisect
import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import cache

from kg.ingest.normalize import normalize
from kg.regex import LineStartScanner, SkipScanner, alternation, any_of
from kg.resources import load_yaml

Span = tuple[int, int]

# a Latin word ending a line; the look-behind after its first letter (not before it) lets re
# skip to Latin letters quickly
_LINE_END = re.compile(r"[A-Za-z](?<![A-Za-z]{2})[A-Za-z]*+$", re.M)
_LATIN = frozenset(string.ascii_letters)
_NOT_NEWLINE = re.compile("[^\n]")
_INTRA_SPACE = "[ \t]*"


@dataclass(frozen=True, slots=True)
class _Rules:
    max_line: int
    field_line: LineStartScanner
    field_value: re.Pattern[str]
    line_any: SkipScanner
    buttons: LineStartScanner
    inline: SkipScanner
    watermark_token: re.Pattern[str]
    watermark_min_lines: int
    watermark_min_share: float


def _spaced(word: str) -> str:
    """A literal word that may have spaces between its characters (索 引 号)."""
    return _INTRA_SPACE.join(re.escape(ch) for ch in word)


@cache
def _rules() -> _Rules:
    """Compile ``data/furniture.yaml`` once."""
    cfg = load_yaml("ingest/data/furniture.yaml")
    prefix = cfg["line_prefix"]
    keywords = sorted(set(cfg["field_keywords"]), key=len, reverse=True)
    fields = "(?>" + "|".join(_spaced(k) for k in keywords) + ")"
    sep = cfg["button_separators"]
    words = "(?>" + alternation(cfg["button_words"]) + ")"  # atomic: 关闭窗口 beats 关闭
    wm = cfg["watermark"]
    return _Rules(
        max_line=int(cfg["max_line_length"]),
        field_line=LineStartScanner(rf"^{prefix}{fields}[ \t]*："),
        field_value=re.compile(rf"{fields}[ \t]*：[ \t]*[^ \t\n|]*"),
        line_any=SkipScanner(any_of(cfg["line_patterns"], re.M)),
        buttons=LineStartScanner(rf"^[ \t]*+(?:{sep}*+{words})++{sep}*+$"),
        inline=SkipScanner(any_of(cfg["inline_patterns"], re.M)),
        watermark_token=re.compile(wm["token"]),
        watermark_min_lines=int(wm["min_lines"]),
        watermark_min_share=float(wm["min_share"]),
    )


class _Lines:
    """Line boundaries of a text, found in O(log n) per query."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def bounds(self, pos: int) -> Span:
        i = bisect.bisect_left(self.newlines, pos)
        start = self.newlines[i - 1] + 1 if i > 0 else 0
        end = self.newlines[i] if i < len(self.newlines) else len(self.text)
        return start, end


def find_furniture(text: str, *, normalized: bool = False) -> list[Span]:
    """Sorted, non-overlapping (start, end) spans of page furniture in ``text``; never a newline.

    ``normalized=True`` says ``text`` is already normalised, saving a pass over it."""
    rules = _rules()
    norm = text if normalized else normalize(text)
    lines = _Lines(norm)
    spans: list[Span] = []

    def line_or_match(m: re.Match[str], fallback: Span) -> None:
        start, end = lines.bounds(m.start())
        spans.append((start, end) if end - start <= rules.max_line else fallback)

    for m in rules.field_line.finditer(norm):
        value = rules.field_value.search(norm, m.start(), lines.bounds(m.start())[1])
        line_or_match(m, value.span() if value else m.span())
    for m in rules.line_any.finditer(norm):
        line_or_match(m, m.span())
    for m in rules.buttons.finditer(norm):
        if m.end() - m.start() <= rules.max_line:
            spans.append(m.span())
    spans.extend(m.span() for m in rules.inline.finditer(norm))
    spans.extend(_watermarks(norm, len(lines.newlines) + 1))
    return _merge([(s, e) for s, e in spans if e > s])


def _watermarks(norm: str, line_count: int) -> list[Span]:
    """Spans of an anti-scraping token that ends many lines (…提出意见。pbY)."""
    rules = _rules()
    if _latin_line_ends(norm) < rules.watermark_min_lines:
        return []  # no token can end enough lines: most documents, found without a regex scan
    counts = Counter(
        m.group() for m in _LINE_END.finditer(norm) if rules.watermark_token.fullmatch(m.group())
    )
    if not counts:
        return []
    token, n = counts.most_common(1)[0]
    if n < rules.watermark_min_lines or n < rules.watermark_min_share * line_count:
        return []
    standalone = re.compile(rf"(?<![A-Za-z]){re.escape(token)}(?![A-Za-z])")
    return [m.span() for m in standalone.finditer(norm)]


def _latin_line_ends(norm: str) -> int:
    """How many lines end with a Latin letter: one match of _LINE_END each."""
    return sum(1 for line in norm.split("\n") if line[-1:] in _LATIN)


def _merge(spans: list[Span]) -> list[Span]:
    """Sort and merge overlapping or touching spans."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def blank(text: str, spans: list[Span]) -> str:
    """``text`` with every character inside ``spans`` replaced by a space, newlines kept."""
    if not spans:
        return text
    pieces: list[str] = []
    prev = 0
    for start, end in spans:
        pieces.append(text[prev:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        prev = end
    pieces.append(text[prev:])
    return "".join(pieces)
