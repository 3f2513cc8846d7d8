"""Document metadata read from the text itself: title, district, city, province, date, year, kind.

Policy documents rarely carry clean metadata, so everything is inferred from cues in the text
(the congress line ``——2021年11月8日在曾都区第四届人民代表大会…``, signatures, review headings),
with the administrative gazetteer choosing the county and its city and province. Cue words and
patterns live in ``data/metadata.yaml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.gazetteer.admin import AdminGazetteer, Division
from kg.gazetteer.admin import load as load_gazetteer
from kg.phrases import PhraseIndex
from kg.records import DocMeta
from kg.regex import SkipScanner
from kg.resources import load_yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "metadata.yaml"
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff《》、])[ \t\u3000]+(?=[\u4e00-\u9fff《》])")
_SPACES = re.compile(r"\s+")
_SENTENCE = re.compile(r"[。，,]")  # a line with sentence punctuation is body text, not a title


@dataclass(frozen=True, slots=True)
class _Rules:
    """Compiled patterns from metadata.yaml."""

    to_simplify: re.Pattern[str]  # the characters to_simplified maps
    to_simplified: dict[str, str]
    digits: dict[int, str]
    title_max_lines: int
    title_stop: re.Pattern[str]
    title_skip: re.Pattern[str]
    title_cue: re.Pattern[str]
    title_cut: re.Pattern[str]
    title_prefix: re.Pattern[str]
    title_suffix: re.Pattern[str]
    title_keep: re.Pattern[str]
    title_max_chars: int
    kind_task: re.Pattern[str]
    kind_notice: re.Pattern[str]
    kind_report: re.Pattern[str]
    kind_plan: re.Pattern[str]
    kind_head_chars: int
    head_task: re.Pattern[str]
    head_report: re.Pattern[str]
    date_head_chars: int
    # whole-text scans: SkipScanner finds the matches of patterns re cannot skip ahead with
    delivered: tuple[SkipScanner, ...]
    signed: tuple[SkipScanner, ...]
    published: tuple[SkipScanner, ...]
    review: tuple[SkipScanner, ...]
    same_year_from_month: int
    title_year: re.Pattern[str]
    after_cues: tuple[tuple[re.Pattern[str], int], ...]
    in_title_weight: int
    self_reference: SkipScanner
    min_short_mentions: int
    short_stopwords: frozenset[str]
    speaker_head_chars: int
    speaker: tuple[re.Pattern[str], ...]


@functools.cache
def _rules() -> _Rules:
    """Load and compile metadata.yaml once."""
    raw = load_yaml(DATA_FILE)
    frags: dict[str, str] = raw["fragments"]

    def rx(pattern: str) -> re.Pattern[str]:
        for key, value in frags.items():
            pattern = pattern.replace("{" + key + "}", value)
        return re.compile(pattern)

    to_simplified = dict(raw["traditional"])
    to_simplified.update({chr(0xFF10 + i): str(i) for i in range(10)})  # full-width digits
    t, k, d, y, ds, sp = (raw[x] for x in ("title", "kind", "date", "year", "district", "speaker"))
    return _Rules(
        to_simplify=re.compile("[" + "".join(map(re.escape, sorted(to_simplified))) + "]"),
        to_simplified=to_simplified,
        digits={ord(k): v for k, v in raw["digits"].items()},
        title_max_lines=int(t["max_lines"]),
        title_stop=rx(t["stop_line"]),
        title_skip=rx(t["skip_line"]),
        title_cue=rx(t["cue"]),
        title_cut=rx(t["cut_before"]),
        title_prefix=rx(t["strip_prefix"]),
        title_suffix=rx(t["strip_suffix"]),
        title_keep=rx(t["keep_after_cue"]),
        title_max_chars=int(t["max_chars"]),
        kind_task=rx(k["task_breakdown"]),
        kind_notice=rx(k["notice"]),
        kind_report=rx(k["work_report"]),
        kind_plan=rx(k["plan"]),
        kind_head_chars=int(k["head_chars"]),
        head_task=rx(k["head_task_breakdown"]),
        head_report=rx(k["head_work_report"]),
        date_head_chars=int(d["head_chars"]),
        delivered=tuple(SkipScanner(rx(p)) for p in d["delivered"]),
        signed=tuple(SkipScanner(rx(p)) for p in d["signed"]),
        published=tuple(SkipScanner(rx(p)) for p in d["published"]),
        review=tuple(SkipScanner(rx(p)) for p in y["review"]),
        same_year_from_month=int(y["same_year_from_month"]),
        title_year=rx(y["in_title"]),
        after_cues=tuple((rx(p), int(w)) for p, w in ds["after_cues"]),
        in_title_weight=int(ds["in_title_weight"]),
        self_reference=SkipScanner(rx(ds["self_reference"])),
        min_short_mentions=int(ds["min_short_mentions"]),
        short_stopwords=frozenset(ds["short_name_stopwords"]),
        speaker_head_chars=int(sp["head_chars"]),
        speaker=tuple(rx(p) for p in sp["patterns"]),
    )


# -- small parsers ---------------------------------------------------------------------------


def _number(token: str) -> int:
    """An Arabic or Chinese number up to 99 (十二 → 12, 二十八 → 28), or a 4-digit year."""
    if token.isdigit():
        return int(token)
    translated = token.translate(_rules().digits)
    if translated.isdigit():
        return int(translated)
    tens, _, units = token.partition("十")
    if "十" not in token:
        return 0
    high = int(tens.translate(_rules().digits)) if tens else 1
    low = int(units.translate(_rules().digits)) if units else 0
    return high * 10 + low


def _date_of(match: re.Match[str]) -> dt.date | None:
    """The date in a match with groups y, m, d, or None if it is not a real date."""
    try:
        return dt.date(_number(match["y"]), _number(match["m"]), _number(match["d"]))
    except ValueError:
        return None


def _simplified(text: str) -> str:
    """``text`` with the traditional characters the cues need and full-width digits mapped.

    Found by a regular expression: few documents have any, and str.translate would look every
    character up (ten times slower)."""
    rules = _rules()
    table = rules.to_simplified
    return rules.to_simplify.sub(lambda m: table[m.group()], text)


# -- title and kind --------------------------------------------------------------------------


def _find_title(norm: str, text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The first heading-like line with a title cue, cleaned; and its span in the text.

    Cues are matched on ``norm`` (simplified); the title is cut from ``text`` (same length).
    """
    rules = _rules()
    offset = 0
    seen = 0
    for line in norm.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > rules.title_max_lines or rules.title_stop.match(line):
            break
        region = line[: rules.title_max_chars * 2]
        cut = rules.title_cut.search(region)
        if cut:
            region = region[: cut.start()]
        if rules.title_skip.search(region) or _SENTENCE.search(region):
            continue
        collapsed = _CJK_SPACE.sub("", region)
        cues = list(rules.title_cue.finditer(collapsed))
        if not cues:
            continue
        original = _CJK_SPACE.sub("", text[start : start + len(region)])
        prefix = rules.title_prefix.match(collapsed)
        end = cues[-1].end()
        if kept := rules.title_keep.match(collapsed, end):
            end = kept.end()
        title = original[prefix.end() if prefix else 0 : end]
        title = rules.title_suffix.sub("", _SPACES.sub(" ", title).strip())
        if 2 <= len(title) <= rules.title_max_chars:
            return title, (start, start + len(region))
    return None, None


def _classify(title: str | None, norm: str) -> str:
    """task_breakdown, work_report, plan or other, from the title, else the first lines."""
    rules = _rules()
    head = _CJK_SPACE.sub("", norm[: rules.kind_head_chars])
    if title:
        if rules.kind_task.search(title):
            return "task_breakdown"
        if rules.kind_notice.search(title) and rules.head_task.search(head):
            return "task_breakdown"
        if rules.kind_report.search(title):
            return "work_report"
        if rules.kind_plan.search(title):
            return "plan"
    if rules.head_report.search(head):
        return "work_report"
    if rules.head_task.search(head):
        return "task_breakdown"
    return "other"


# -- date and year ---------------------------------------------------------------------------


def _find_date(norm: str) -> tuple[dt.date | None, str | None]:
    """The delivery date (else a signature date, else the page's publication date) and its kind."""
    rules = _rules()
    head = norm[: rules.date_head_chars]
    for source, patterns in (("delivered", rules.delivered), ("signed", rules.signed)):
        for region in (head, norm):
            for rx in patterns:
                for m in rx.finditer(region):
                    date = _date_of(m)
                    if date:
                        return date, source
    for rx in rules.published:
        for m in rx.finditer(norm):
            date = _date_of(m)
            if date:
                return date, "published"
    return None, None


def _find_year(
    kind: str, title: str | None, norm: str, date: dt.date | None, date_source: str | None
) -> int | None:
    """The year the document is about: reviewed year of a report, task year of a breakdown."""
    rules = _rules()
    title_year = None
    if title and (m := rules.title_year.search(title)):
        title_year = _number(m["y"])
    review_year = None
    for rx in rules.review:
        if m := rx.search(norm):
            review_year = _number(m["y"])
            break
    if kind == "work_report":
        if review_year:
            return review_year
        if date and date_source == "delivered":
            return date.year if date.month >= rules.same_year_from_month else date.year - 1
        return title_year or (date.year if date else None)
    return title_year or review_year or (date.year if date else None)


# -- district, city, province -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _NameIndex:
    """County-level names (full and short) and the characters county names end in."""

    full: dict[str, list[Division]]
    short: dict[str, list[Division]]
    generic: frozenset[str]
    full_index: PhraseIndex
    short_index: PhraseIndex


@functools.cache
def _name_index(gaz: AdminGazetteer) -> _NameIndex:
    """Index the gazetteer's county-level names for scanning text (once per gazetteer)."""
    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    upper: set[str] = set()
    for level in ("province", "city"):
        for d in gaz.divisions(level):
            upper.update(d.names())
    for d in gaz.divisions("county"):
        for name in (d.name, *d.former):
            if len(name) >= 2:
                full.setdefault(name, []).append(d)
    for d in gaz.divisions("county"):
        for alias in d.aliases:
            if len(alias) >= 2 and alias not in upper and alias not in full:
                short.setdefault(alias, []).append(d)
    return _NameIndex(
        full=full,
        short=short,
        generic=gaz.generic_names,
        full_index=PhraseIndex(full),
        short_index=PhraseIndex(short),
    )


def _scan_full(norm: str, index: _NameIndex) -> list[tuple[str, int, int]]:
    """Every county-level full name in the text (longest at each end position)."""
    longest: dict[int, int] = {}  # end -> start
    for start, end in index.full_index.matches(norm):
        longest[end] = min(start, longest.get(end, start))
    return [(norm[start:end], start, end) for end, start in sorted(longest.items())]


def _scan_short(norm: str, index: _NameIndex) -> Counter[str]:
    """How often each county short name (西和 for 西和县) occurs in the text."""
    return Counter(norm[start:end] for start, end in index.short_index.matches(norm))


def _own_unit(norm: str) -> str | None:
    """县, 区, 市 or 旗: how the document speaks of its own unit (我县, 区政府)."""
    counts = Counter(m["u"] or m["v"] for m in _rules().self_reference.finditer(norm))
    return counts.most_common(1)[0][0] if counts else None


def _choose_surface(
    norm: str, index: _NameIndex, title_span: tuple[int, int] | None
) -> tuple[str | None, list[Division]]:
    """The county-level name the document is about, and the divisions it may denote."""
    rules = _rules()
    unit = _own_unit(norm)
    scores: Counter[str] = Counter()
    first: dict[str, int] = {}
    for surface, start, end in _scan_full(norm, index):
        plain = 0 if surface in index.generic else 1  # 老城区 counts only with a cue
        weight = plain + sum(w for rx, w in rules.after_cues if rx.match(norm, end))
        if title_span and title_span[0] <= start < title_span[1]:
            weight += rules.in_title_weight
        if unit and surface.endswith(unit):
            weight *= 2
        if weight:
            scores[surface] += weight
            first.setdefault(surface, start)
    if scores:
        best = max(scores, key=lambda s: (scores[s], -first[s]))
        return best, index.full[best]
    shorts = _scan_short(norm, index)
    candidates = sorted(
        (
            (count, s)
            for s, count in shorts.items()
            if count >= rules.min_short_mentions
            and s not in rules.short_stopwords
            and (unit is None or any(d.name.endswith(unit) for d in index.short[s]))
        ),
        reverse=True,
    )
    if not candidates or (len(candidates) > 1 and candidates[1][0] == candidates[0][0]):
        return None, []  # nothing, or a tie between short names: too weak to choose
    best = candidates[0][1]
    divisions = [d for d in index.short[best] if unit is None or d.name.endswith(unit)]
    return best, divisions


def _evidence(gaz: AdminGazetteer, division: Division, norm: str) -> int:
    """How strongly the text supports this division: mentions of its city, province, towns."""
    score = 0
    for ancestor in gaz.ancestors(division):
        for name in dict.fromkeys(ancestor.names()):
            if len(name) >= 2:
                score += 3 * norm.count(name)
    for town in gaz.descendants(division, include_villages=False):
        if len(town.name) >= 3 and town.name in norm:
            score += 2
    return score


def _resolve_place(
    gaz: AdminGazetteer, norm: str, title_span: tuple[int, int] | None
) -> tuple[str | None, Division | None]:
    """The district name as the text gives it, and its division if homonyms can be told apart."""
    index = _name_index(gaz)
    surface, candidates = _choose_surface(norm, index, title_span)
    if surface is None:
        return None, None
    if len(candidates) == 1:
        chosen: Division | None = candidates[0]
    else:
        scored = sorted(((_evidence(gaz, d, norm), d.code, d) for d in candidates), reverse=True)
        top = scored[0][0]
        chosen = scored[0][2] if top > 0 and scored[1][0] < top else None
    name = surface if surface in index.full else (chosen.name if chosen else None)
    return name, chosen


# -- speaker ---------------------------------------------------------------------------------


def _find_speaker(norm: str) -> str | None:
    """The person delivering the report (严荣勇 from ``代区长  严荣勇``)."""
    rules = _rules()
    head = norm[: rules.speaker_head_chars]
    for rx in rules.speaker:
        if m := rx.search(head):
            return m["name"]
    return None


# -- entry point -----------------------------------------------------------------------------


def read_metadata(text: str, path: Path, gazetteer: AdminGazetteer | None = None) -> DocMeta:
    """Read a document's metadata from its text; ``id`` is the file stem.

    Fields that cannot be inferred stay None (``kind`` falls back to ``other``).
    """
    gaz = gazetteer or load_gazetteer()
    norm = _simplified(text)
    title, title_span = _find_title(norm, text)
    kind = _classify(title, norm)
    date, date_source = _find_date(norm)
    year = _find_year(kind, title, norm, date, date_source)
    district, division = _resolve_place(gaz, norm, title_span)
    city = province = None
    if division is not None:
        city_div = gaz.ancestor_at(division, "city")
        province_div = gaz.ancestor_at(division, "province")
        city = city_div.name if city_div else None
        province = province_div.name if province_div else None
    return DocMeta(
        id=path.stem,
        path=str(path),
        title=title,
        district=district,
        city=city,
        province=province,
        year=year,
        date=date.isoformat() if date else None,
        kind=kind,
        speaker=_find_speaker(norm),
    )
