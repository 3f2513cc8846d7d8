"""``kg_suffix_names_v1``: names that end in a type suffix (产业园, 项目, 医院, 大道 …).

Chinese text has no spaces, so a name is found from its right edge: the suffix says the type, and
the name extends left over name characters until a stop character, a governing word such as
推进/落户 (so 推进黄石港临空智造产业园 gives 黄石港临空智造产业园), or the type's length limit.
Items of lists the text itself types (A、B、C等13个项目) are proposed too. All word lists live in
``rules/names.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, doc_text, proposals
from kg.regex import alternation, any_of, bucketed_word_starts, first_char_trie, trie

DIVISION = "AdminDivision"
PLACE = "Place"
BODY = "GovernmentBody"
_CJK_NUMERALS = "一二两三四五六七八九十百千万零〇"
_COUNT_RE = re.compile(
    rf"[0-9.{_CJK_NUMERALS}]+(?:多|余)?(?:万|亿)?[个所家批座条处项类亩]|第[0-9{_CJK_NUMERALS}]+届"
)


_NUMERAL_RE = re.compile(rf"[0-9{_CJK_NUMERALS}]+")


def generic_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """Cores made only of generic words and numerals, with at least one word longer than a
    character or a numeral (市重点 is generic; 湖滨, two one-character words, is a name)."""
    longer = alternation(w for w in words if len(w) > 1)
    strong = f"(?:{longer}|[0-9{_CJK_NUMERALS}])" if longer else f"[0-9{_CJK_NUMERALS}]"
    some = f"(?:{alternation(words)}|[0-9{_CJK_NUMERALS}])*"
    return re.compile(f"{some}{strong}{some}")


def is_name_char(ch: str, extra: str) -> bool:
    """CJK ideographs, ASCII letters and digits, and the few punctuation marks names contain."""
    return ("\u4e00" <= ch <= "\u9fff") or (ch.isascii() and ch.isalnum()) or ch in extra


@dataclass(frozen=True, slots=True)
class TypeRule:
    """How names of one type are delimited (one entry of ``types`` in names.yaml)."""

    label: str
    max_core: int
    min_core: int
    priority: int
    allow_works_verbs: bool
    not_followed_by: tuple[str, ...]
    level_prefix: bool
    generic: frozenset[str]
    bad_endings: tuple[str, ...]
    followed_ok: tuple[str, ...] = ()
    named_head: bool = False
    numeric_core: bool = False
    bare: frozenset[str] = frozenset()
    contains: frozenset[str] = frozenset()
    brackets: bool = False
    types_list: bool = False
    inner_chars: str = ""
    name_core: re.Pattern[str] | None = None
    not_starting: re.Pattern[str] | None = None
    not_across: frozenset[str] = frozenset()
    descriptor: re.Pattern[str] | None = None


class NameRules:
    """The compiled contents of names.yaml."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.generic = frozenset(data.get("generic_cores", []))
        self.by_suffix: dict[str, TypeRule] = {}
        self.label_generic: dict[str, frozenset[str]] = {}
        for key, spec in data["types"].items():
            rule = TypeRule(
                label=str(spec.get("label", key)),
                max_core=int(spec.get("max_core", 12)),
                min_core=int(spec.get("min_core", 2)),
                priority=int(spec.get("priority", 0)),
                allow_works_verbs=bool(spec.get("allow_works_verbs", False)),
                not_followed_by=tuple(spec.get("not_followed_by", [])),
                level_prefix=bool(spec.get("level_prefix", False)),
                generic=self.generic | frozenset(spec.get("generic_cores", [])),
                bad_endings=tuple(spec.get("bad_endings", [])),
                followed_ok=tuple(spec.get("followed_ok", [])),
                named_head=bool(spec.get("named_head", False)),
                numeric_core=bool(spec.get("numeric_core", False)),
                bare=frozenset(spec.get("bare_names", [])),
                contains=frozenset(spec.get("contains", [])),
                brackets=bool(spec.get("inner_brackets", False)),
                types_list=bool(spec.get("types_list", False)),
                inner_chars=str(spec.get("inner_chars", "")),
                name_core=re.compile(spec["name_cores"]) if spec.get("name_cores") else None,
                not_starting=re.compile(spec["not_starting"]) if spec.get("not_starting") else None,
                not_across=frozenset(spec.get("not_across", [])),
                descriptor=re.compile(spec["descriptors"]) if spec.get("descriptors") else None,
            )
            self.label_generic[rule.label] = self.label_generic.get(rule.label, self.generic) | (
                rule.generic
            )
            for suffix in spec["suffixes"]:
                self.by_suffix.setdefault(suffix, rule)
        self.suffix_re = bucketed_word_starts(self.by_suffix)
        self.stop_chars = frozenset(data["stop_chars"])
        self.name_punct = data.get("name_punctuation", "")
        self.stop_words = frozenset(data["stop_words"])
        self.works_verbs = frozenset(data.get("works_verbs", []))
        lengths = {len(w) for w in self.stop_words | self.works_verbs}
        self.stop_lengths = tuple(sorted(lengths, reverse=True))
        # the lengths of the stop words and works verbs by their last character, longest first
        ending: dict[str, set[int]] = {}
        for word in self.stop_words | self.works_verbs:
            ending.setdefault(word[-1], set()).add(len(word))
        self.stop_lengths_ending = {
            ch: tuple(sorted(ns, reverse=True)) for ch, ns in ending.items()
        }
        # ideographs that may stop a name: left_edge steps over any other ideograph unchecked
        self.stopping_ideographs = frozenset(
            ch for ch in self.stop_chars | set(ending) if "\u4e00" <= ch <= "\u9fff"
        )
        self.leading_trim_re = re.compile(alternation(data.get("leading_trim", [])) or "(?!)")
        self.levels = frozenset(data.get("level_words", []))
        self.generic_res = {
            words: generic_pattern(words)
            for words in {r.generic for r in self.by_suffix.values()}
            | set(self.label_generic.values())
        }
        self.generic_re = self.generic_res.get(self.generic) or generic_pattern(self.generic)
        # the characters a generic core can start and end with, in any type
        every_generic = [w for w in self.generic.union(*self.generic_res) if w]
        numerals = frozenset(_CJK_NUMERALS + "0123456789")
        self.generic_firsts = numerals.union(w[0] for w in every_generic)
        self.generic_lasts = numerals.union(w[-1] for w in every_generic)
        self.continuations: dict[str, tuple[str, ...]] = {
            word: tuple(after) for word, after in data.get("stop_word_continuations", {}).items()
        }
        idioms = data.get("idioms", [])
        self.idiom_re = re.compile(trie(idioms)) if idioms else None
        self.year_re = re.compile(data.get("leading_date", r"(?!)"))
        self.bracket_re = re.compile(data.get("inner_bracket", r"(?!)"))
        # what trim() removes, in one pattern: where it fails (at most starts) trim does nothing
        self.trimmable_re = any_of(
            p
            for p in (
                self.bracket_re.pattern,
                self.leading_trim_re.pattern,
                first_char_trie(self.stop_words | self.works_verbs),
                _COUNT_RE.pattern,
                self.year_re.pattern,
            )
            if p
        )
        self.class_after = tuple(data.get("class_after", []))
        self.body_min = int(data.get("body_stop_min", 4))
        heads = data.get("list_heads", {})
        self.list_heads: dict[str, str] = dict(heads)
        gaps: dict[int, list[str]] = {}
        long_heads = data.get("list_long_heads", {})
        default_gap = int(data.get("list_head_gap", 4))
        for head in heads:
            gaps.setdefault(int(long_heads.get(head, default_gap)), []).append(head)
        # 等 is a list's end only as a word of its own (not 平等, 等级); the regex starts with
        # the literal 等 (a look-behind in front would make the engine try every offset)
        deng = "等"
        if data.get("list_deng_not_after"):
            deng += f"(?<![{data['list_deng_not_after']}]等)"
        if data.get("list_deng_not_before"):
            deng += f"(?![{data['list_deng_not_before']}])"
        self.list_res = [
            re.compile(
                rf"{deng}(?:[0-9{_CJK_NUMERALS}]+(?:多|余)?[个所家批座条处项])?"
                rf"([\u4e00-\u9fff、（）]{{0,{gap}}}?)({alternation(words)})"
            )
            for gap, words in sorted(gaps.items())
        ]
        self.list_gap_blockers = tuple(data.get("list_gap_blockers", []))
        self.list_joiners = tuple(data.get("list_joiners", []))
        self.list_item_keeps = frozenset(data.get("list_item_keeps", []))
        abbrev = data.get("abbreviations", {})
        self.abbrev_re = re.compile(abbrev["pattern"]) if abbrev else None
        self.abbrev_label = str(abbrev.get("label", "Institution"))
        self.abbrev_blocker_re = (
            re.compile(abbrev["blocked_within"]) if abbrev.get("blocked_within") else None
        )
        self.abbrev_priority = int(abbrev.get("priority", 5))
        self.list_max_item = int(data.get("list_max_item", 24))
        self.list_min_item = int(data.get("list_min_item", 2))
        self.list_priority = int(data.get("list_priority", 2))

    def stop_before(self, text: str, pos: int, works_ok: bool, min_len: int = 1) -> bool:
        """True if a stop word (or, unless ``works_ok``, a works verb) of at least ``min_len``
        characters ends right at ``pos``, and the text does not go on to make it a noun
        (服务 stops, 服务业 and 服务中心 do not)."""
        if pos == 0:
            return False
        for n in self.stop_lengths_ending.get(text[pos - 1], ()):
            if min_len <= n <= pos:
                word = text[pos - n : pos]
                if word in self.stop_words or (not works_ok and word in self.works_verbs):
                    after = self.continuations.get(word)
                    if after and text.startswith(after, pos):
                        continue
                    return True
        return False

    def left_edge(
        self,
        text: str,
        end: int,
        limit: int,
        works_ok: bool,
        atoms: Sequence[dict[int, int]] = (),
        stops: frozenset[int] = frozenset(),
        brackets: bool = False,
        inner: str = "",
        marked: bytearray | None = None,
    ) -> int:
        """Leftmost start of a name whose core ends at ``end``, scanning at most ``limit`` chars.

        A one-character stop word right before the suffix does not stop the scan: it may end
        a name (曾都医院: 都 is a stop word, 曾都 a district). ``atoms`` (end -> start) are
        names the scan crosses whole (曾都|二中, 胜阳港社区卫生服务中心|改扩建项目); ``stops`` are
        offsets it never crosses (the end of a government body before an address). With
        ``brackets`` a short parenthesised part belongs to the name (码头（二期）项目); the
        stop characters in ``inner`` do not stop it (研发及智能制造项目). ``marked``, when
        given, flags every offset where an atom ends or a stop lies (or more): atoms and stops
        are looked up only there.
        """
        pos = end
        floor = max(0, end - limit)
        punct = self.name_punct + inner
        stopping = self.stopping_ideographs
        while pos > floor:
            if marked is None or marked[pos]:
                if pos < end and pos in stops:
                    break
                atom = pos  # the leftmost start of an atom ending here
                for ends in atoms:
                    start = ends.get(pos)
                    if start is not None and start < atom:
                        atom = start
                if atom < pos:
                    if atom < floor:
                        return -1
                    pos = atom
                    continue
            ch = text[pos - 1]
            if "\u4e00" <= ch <= "\u9fff" and ch not in stopping:
                # no stop character and no stop word's last: nothing below can stop here
                pos -= 1
                continue
            if brackets and ch == "）":
                m = self.bracket_re.search(text, max(0, pos - 12), pos)
                if m and m.end() == pos and m.start() >= floor:
                    pos = m.start()
                    continue
            if (ch in self.stop_chars and ch not in inner) or not is_name_char(ch, punct):
                break
            # a one-character stop word right before the suffix may end a name (曾都|医院)
            min_len = 2 if pos == end else 1
            if self.stop_before(text, pos, works_ok, min_len):
                break
            pos -= 1
        if pos > floor or pos == 0:
            return pos
        # hit the length limit: a name cut in the middle is worse than none
        return -1

    def segment_start(self, text: str, end: int, limit: int) -> int:
        """Start of the run of name characters ending at ``end`` (at most ``limit`` long, short
        parenthesised parts included), or -1."""
        pos = end
        floor = max(0, end - limit)
        while pos > floor:
            ch = text[pos - 1]
            if "\u4e00" <= ch <= "\u9fff" and ch not in self.stop_chars:
                pos -= 1  # a name character, no bracket: nothing below applies
                continue
            if ch == "）":
                m = self.bracket_re.search(text, max(0, pos - 12), pos)
                if m and m.end() == pos and m.start() > floor:
                    pos = m.start()
                    continue
            if ch in self.stop_chars or not is_name_char(ch, self.name_punct):
                return pos
            pos -= 1
        return pos if pos == 0 else -1

    def trim(
        self,
        text: str,
        start: int,
        end: int,
        keep: frozenset[int] = frozenset(),
        min_stop: int = 1,
    ) -> int:
        """Move ``start`` past leading modifiers, verbs and counted quantities (3个, 7所).

        Trimming stops at an offset in ``keep`` (where a division name starts: 老虎头小学).
        Stop words and modifiers shorter than ``min_stop`` are kept (有轨电车 and 原木童 after 、
        are whole items).
        """
        changed = True
        while changed and start < end and start not in keep:
            changed = False
            if not self.trimmable_re.match(text, start, end):
                break
            bracket = self.bracket_re.match(text, start, end)
            if bracket:
                # a parenthesised part is inside a name, never its start (（二）抓项目)
                start = bracket.end()
                changed = True
                continue
            # the longest leading word wins: 新建 (a verb) before 新 (a modifier)
            lead = self.leading_trim_re.match(text, start, end)  # the longest word there
            best = len(lead.group()) if lead and len(lead.group()) >= min_stop else 0
            for n in self.stop_lengths:
                word = text[start : start + n]
                if (
                    n > best
                    and start + n <= end
                    and ((n >= min_stop and word in self.stop_words) or word in self.works_verbs)
                ):
                    best = n
                    break
            if best:
                start += best
                changed = True
                continue
            m = _COUNT_RE.match(text, start, end) or self.year_re.match(text, start, end)
            if m:
                start = m.end()
                changed = True
        return start

    def is_generic(
        self, core: str, rule: TypeRule | None = None, words: frozenset[str] | None = None
    ) -> bool:
        """A core that names a class, not a thing (重点, 产业); for types with ``level_prefix`` a
        bare level word (区, 市) is a name: 区图书馆 is the district's one library."""
        if core and (core[0] not in self.generic_firsts or core[-1] not in self.generic_lasts):
            return False  # no generic word or numeral can start or end it
        if words is None:
            words = rule.generic if rule else self.generic
        if rule and rule.level_prefix and core in self.levels:
            return False
        if rule and rule.numeric_core and _NUMERAL_RE.fullmatch(core):
            return False
        if rule and rule.name_core and rule.name_core.fullmatch(core):
            return False
        pattern = self.generic_res.get(words, self.generic_re)
        return not core or core in words or pattern.fullmatch(core) is not None


def division_bounds(doc: Doc) -> tuple[dict[int, int], frozenset[int]]:
    """Administrative divisions proposed so far: end offset -> leftmost start, and all starts."""
    ends: dict[int, int] = {}
    starts: set[int] = set()
    for p in proposals(doc):
        if p.label == DIVISION:
            ends[p.end] = min(p.start, ends.get(p.end, p.start))
            starts.add(p.start)
    return ends, frozenset(starts)


def body_ends(doc: Doc, min_len: int) -> frozenset[int]:
    """Ends of government bodies of at least ``min_len`` characters proposed so far: a name
    does not reach back across one (区人民政府|磁湖路180号)."""
    return frozenset(p.end for p in proposals(doc) if p.label == BODY and len(p.span) >= min_len)


def covered(pattern: re.Pattern[str] | None, text: str) -> bytearray:
    """One flag per character of ``text``: inside a match of ``pattern`` (an idiom)."""
    flags = bytearray(len(text))
    if pattern is not None:
        for m in pattern.finditer(text):
            flags[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return flags


class SuffixNames:
    """Proposes suffix-anchored names, typed list items and numbered abbreviations."""

    def __init__(self, rules: NameRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        divisions, keep = division_bounds(doc)
        lists = self.list_heads(text)
        self.find_suffixed(doc, text, divisions, keep, {m.end(2) for m in lists})
        self.find_list_items(doc, text, keep, lists)
        self.find_abbreviations(doc, text, divisions)
        return doc

    def list_heads(self, text: str) -> list[re.Match[str]]:
        """Typed list heads (等N个项目), the nearest head after each 等."""
        r = self.rules
        nearest: dict[int, re.Match[str]] = {}
        for pattern in r.list_res:
            for m in pattern.finditer(text):
                if r.list_gap_blockers and any(w in m.group(1) for w in r.list_gap_blockers):
                    continue
                old = nearest.get(m.start())
                if old is None or m.end() < old.end():
                    nearest[m.start()] = m
        return [nearest[k] for k in sorted(nearest)]

    def find_suffixed(
        self,
        doc: Doc,
        text: str,
        divisions: dict[int, int],
        keep: frozenset[int],
        head_ends: set[int],
    ) -> None:
        """Propose every name ending in a type suffix whose core is not generic.

        Types with ``named_head`` (demonstration zones, 集聚区 …) need a core that starts with
        a division or a place found before it: 何店高质量发展示范区 is an area, 食品安全示范区
        a title.
        """
        r = self.rules
        place_starts: set[int] = set(keep)
        found: dict[str, dict[int, int]] = {}
        stops = body_ends(doc, r.body_min)
        # where an atom or a stop of any type may lie: left_edge looks them up only there
        marked = bytearray(len(text) + 1)
        for offset in (*divisions, *stops):
            marked[offset] = 1
        idiom = covered(r.idiom_re, text)
        for m in r.suffix_re.finditer(text):
            suffix = m[m.lastindex or 0]
            s_start = m.start()
            s_end = s_start + len(suffix)
            if idiom[s_start] or s_end in head_ends:
                # inside a set phrase, or the head of a typed list (等都市休闲文旅项目)
                continue
            rule = r.by_suffix[suffix]
            blocked = (
                rule.not_followed_by
                and text.startswith(rule.not_followed_by, s_end)
                and not text.startswith(rule.followed_ok, s_end)
            )
            if blocked and rule.label != PLACE:
                continue
            if divisions.get(s_end, s_end) <= s_start:
                # the "suffix" ends a division name (黄石港, 平江, 六角亭街), it does not type one
                continue
            works_ok = rule.allow_works_verbs
            atoms = [divisions]
            if rule.contains:
                atoms += [found[label] for label in rule.contains if label in found]
            if rule.not_across:
                # nor across a name of another type (世界大健康博览会|环同济健康城)
                ends = stops.union(*(found.get(label, {}) for label in rule.not_across))
            else:
                ends = stops
            start = r.left_edge(
                text,
                s_start,
                rule.max_core,
                works_ok,
                atoms,
                ends,
                rule.brackets,
                rule.inner_chars,
                marked,
            )
            if start < 0:
                continue
            start = r.trim(text, start, s_start, keep)
            if rule.descriptor:
                # a name starts after the last description of its bearer (500强企业|吉利控股集团)
                start = max(
                    (d.end() for d in rule.descriptor.finditer(text, start, s_start)), default=start
                )
            if rule.not_starting and rule.not_starting.match(text, start, s_start):
                # a routine meeting of a local organ (区委经济工作会议), not a named event
                continue
            if blocked:
                # not a place name here (巴陵大桥|市场), but a place still heads a zone's name
                place_starts.add(start)
                continue
            if start > 0 and text.endswith(r.class_after, 0, start):
                # 等优质房地产项目: the class of the listed items, not a name
                continue
            core = text[start:s_start]
            if not core and suffix in rule.bare:
                add_candidate(doc, start, s_end, rule.label, rule="bare", priority=rule.priority)
                continue
            if len(core) < rule.min_core or r.is_generic(core, rule):
                continue
            if rule.bad_endings and text.endswith(rule.bad_endings, start, s_end):
                continue
            if rule.named_head and start not in place_starts:
                continue
            if rule.label == PLACE:
                place_starts.add(start)
            found.setdefault(rule.label, {})[s_end] = start
            marked[s_end] = 1
            add_candidate(doc, start, s_end, rule.label, rule="suffix", priority=rule.priority)
            if (
                rule.types_list
                and start > 0
                and text[start - 1] == "、"
                and found.get(PLACE, {}).get(s_start) == start
            ):
                # A路、B路、C路项目: the suffix types the whole list of places
                generic = r.label_generic.get(rule.label, r.generic)
                for a, b in self.list_items(text, start - 1, keep, generic):
                    add_candidate(doc, a, b, rule.label, rule="list_item", priority=r.list_priority)

    def list_items(
        self, text: str, end: int, keep: frozenset[int], generic: frozenset[str]
    ) -> list[tuple[int, int]]:
        """The items of the list ending at ``end``, right to left.

        Items after 、 (or a final 和/及) run from the separator, so a name that begins with a
        stop word (有轨电车, 文都…) stays whole; the first item stops at a governing verb.
        """
        r = self.rules
        items: list[tuple[int, int]] = []
        last = True
        while end > 0:
            seg = r.segment_start(text, end, r.list_max_item)
            if seg < 0:
                break
            sep = text[seg - 1] if seg > 0 else ""
            joined = last and text.endswith(r.list_joiners, 0, seg)
            last = False
            if sep == "、" or joined:
                start = r.trim(text, seg, end, keep, min_stop=2)
            else:
                start = r.left_edge(text, end, r.list_max_item, True)
                if start < 0:
                    break
                start = r.trim(text, start, end, keep)
            if end - start >= r.list_min_item and not r.is_generic(text[start:end], words=generic):
                items.append((start, end))
            if sep == "、":
                end = seg - 1
            elif joined:
                joiner = next(j for j in r.list_joiners if text.endswith(j, 0, seg))
                end = seg - len(joiner)
                # a final 和/及 joins a list only when a 、 list precedes it
                before = r.segment_start(text, end, r.list_max_item)
                if before <= 0 or text[before - 1] != "、":
                    break
            else:
                break
        return items

    def find_list_items(
        self, doc: Doc, text: str, keep: frozenset[int], lists: list[re.Match[str]]
    ) -> None:
        """Propose the items of lists that the text types itself (A、B、C等N个项目)."""
        r = self.rules
        items: list[tuple[str, int, int]] = []
        for m in lists:
            label = r.list_heads[m.group(2)]
            generic = r.label_generic.get(label, r.generic)
            items.extend((label, a, b) for a, b in self.list_items(text, m.start(), keep, generic))
        # the candidates so far that start where an item starts: start -> end -> labels
        starts = {start for _, start, _ in items}
        known: dict[int, dict[int, set[str]]] = {}
        for p in proposals(doc):
            if p.start in starts:
                known.setdefault(p.start, {}).setdefault(p.end, set()).add(p.label)
        for label, start, item_end in items:
            if self.typed_item(text, start, item_end, label, known):
                add_candidate(
                    doc, start, item_end, label, rule="list_item", priority=r.list_priority
                )

    def typed_item(
        self, text: str, start: int, end: int, label: str, known: dict[int, dict[int, set[str]]]
    ) -> bool:
        """Whether a list item takes the list's type: not a bare type word (博览会), not a name of
        a type listed under ``list_item_keeps`` (北京、上海等活动: divisions stay divisions), and
        not a name of the list's type with more after it (世界大健康博览会|环同济健康城展区)."""
        r = self.rules
        at_start = known.get(start, {})
        if text[start:end] in r.by_suffix or at_start.get(end, set()) & r.list_item_keeps:
            return False
        return not any(label in labels for b, labels in at_start.items() if b < end)

    def find_abbreviations(self, doc: Doc, text: str, divisions: dict[int, int]) -> None:
        """Propose numbered school abbreviations (十四中, 一职教, 曾都二中).

        The abbreviation must start a name: after a non-name character, a stop word, or a
        division name, which it then includes.
        """
        r = self.rules
        if r.abbrev_re is None:
            return
        for m in r.abbrev_re.finditer(text):
            start, end = m.start(), m.end()
            if r.abbrev_blocker_re and r.abbrev_blocker_re.match(text, end):
                continue
            if start in divisions:
                start = divisions[start]
            elif (
                start > 0
                and is_name_char(text[start - 1], r.name_punct)
                and not r.stop_before(text, start, works_ok=False, min_len=1)
            ):
                continue
            add_candidate(
                doc, start, end, r.abbrev_label, rule="abbreviation", priority=r.abbrev_priority
            )


@Language.factory("kg_suffix_names_v1", default_config={"rules": "nlp/rules/names.yaml"})
def make_suffix_names(nlp: Language, name: str, rules: str) -> SuffixNames:
    """The suffix-name component configured by ``rules`` (see rules/names.yaml)."""
    return SuffixNames(NameRules(load_rules(rules)))
