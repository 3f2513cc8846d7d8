"""``kg_suffix_names_v1``: names that end in a type suffix (产业园, 项目, 医院, 大道 …).

Chinese text has no spaces, so a name is found from its right edge: the suffix says the type, and
the name extends left over name characters until a stop character, a governing word such as
推进/落户 (so 推进黄石港临空智造产业园 gives 黄石港临空智造产业园), or the type's length limit.
Items of lists the text itself types (A、B、C等13个项目) are proposed too. All word lists live in
``rules/names.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import alternation, load_rules
from kg.nlp.spans import add_candidate, candidates, doc_text

DIVISION = "AdminDivision"
_CJK_NUMERALS = "一二两三四五六七八九十百千万零〇"
_COUNT_RE = re.compile(
    rf"[0-9.{_CJK_NUMERALS}]+(?:多|余)?(?:万|亿)?[个所家批座条处项类亩]|第[0-9{_CJK_NUMERALS}]+届"
)


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


class NameRules:
    """The compiled contents of names.yaml."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.generic = frozenset(data.get("generic_cores", []))
        self.by_suffix: dict[str, TypeRule] = {}
        type_generic: set[str] = set()
        for label, spec in data["types"].items():
            rule = TypeRule(
                label=label,
                max_core=int(spec.get("max_core", 12)),
                min_core=int(spec.get("min_core", 2)),
                priority=int(spec.get("priority", 0)),
                allow_works_verbs=bool(spec.get("allow_works_verbs", False)),
                not_followed_by=tuple(spec.get("not_followed_by", [])),
                level_prefix=bool(spec.get("level_prefix", False)),
                generic=self.generic | frozenset(spec.get("generic_cores", [])),
                bad_endings=tuple(spec.get("bad_endings", [])),
            )
            type_generic |= rule.generic
            for suffix in spec["suffixes"]:
                self.by_suffix.setdefault(suffix, rule)
        self.suffix_re = re.compile(f"(?=({alternation(list(self.by_suffix))}))")
        self.stop_chars = frozenset(data["stop_chars"])
        self.name_punct = data.get("name_punctuation", "")
        self.stop_words = frozenset(data["stop_words"])
        self.works_verbs = frozenset(data.get("works_verbs", []))
        lengths = {len(w) for w in self.stop_words | self.works_verbs}
        self.stop_lengths = tuple(sorted(lengths, reverse=True))
        self.leading_trim = tuple(sorted(data.get("leading_trim", []), key=len, reverse=True))
        self.levels = frozenset(data.get("level_words", []))
        self.generic_res = {
            words: re.compile(f"(?:{alternation(words)}|[0-9{_CJK_NUMERALS}])+")
            for words in {r.generic for r in self.by_suffix.values()}
        }
        self.generic_re = self.generic_res.get(self.generic) or re.compile(
            f"(?:{alternation(self.generic)}|[0-9{_CJK_NUMERALS}])+"
        )
        heads = data.get("list_heads", {})
        self.list_heads: dict[str, str] = dict(heads)
        self.list_re = re.compile(
            rf"等(?:[0-9{_CJK_NUMERALS}]+[个所家批座条处项])?[\u4e00-\u9fff]{{0,4}}?"
            rf"({alternation(list(heads))})"
        )
        self.list_max_item = int(data.get("list_max_item", 24))
        self.list_min_item = int(data.get("list_min_item", 2))
        self.list_priority = int(data.get("list_priority", 2))

    def stop_before(self, text: str, pos: int, works_ok: bool, min_len: int = 1) -> bool:
        """True if a stop word (or, unless ``works_ok``, a works verb) of at least ``min_len``
        characters ends right at ``pos``."""
        for n in self.stop_lengths:
            if min_len <= n <= pos:
                word = text[pos - n : pos]
                if word in self.stop_words or (not works_ok and word in self.works_verbs):
                    return True
        return False

    def left_edge(self, text: str, end: int, limit: int, works_ok: bool) -> int:
        """Leftmost start of a name whose core ends at ``end``, scanning at most ``limit`` chars.

        A one-character stop word right before the suffix does not stop the scan: it may end
        a name (曾都医院: 都 is a stop word, 曾都 a district).
        """
        pos = end
        floor = max(0, end - limit)
        while pos > floor:
            ch = text[pos - 1]
            if ch in self.stop_chars or not is_name_char(ch, self.name_punct):
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

    def trim(
        self,
        text: str,
        start: int,
        end: int,
        keep: frozenset[int] = frozenset(),
        works_ok: bool = True,
    ) -> int:
        """Move ``start`` past leading modifiers, verbs and counted quantities (3个, 7所).

        Trimming stops at an offset in ``keep`` (where a division name starts: 老虎头小学).
        """
        changed = True
        while changed and start < end and start not in keep:
            changed = False
            for word in self.leading_trim:
                if text.startswith(word, start, end):
                    start += len(word)
                    changed = True
                    break
            if changed:
                continue
            for n in self.stop_lengths:
                word = text[start : start + n]
                if start + n <= end and (
                    word in self.stop_words or (not works_ok and word in self.works_verbs)
                ):
                    start += n
                    changed = True
                    break
            m = _COUNT_RE.match(text, start, end)
            if m:
                start = m.end()
                changed = True
        return start

    def is_generic(self, core: str, rule: TypeRule | None = None) -> bool:
        """A core that names a class, not a thing (重点, 产业); for types with ``level_prefix`` a
        bare level word (区, 市) is a name: 区图书馆 is the district's one library."""
        words = rule.generic if rule else self.generic
        if rule and rule.level_prefix and core in self.levels:
            return False
        pattern = self.generic_res.get(words, self.generic_re)
        return not core or core in words or pattern.fullmatch(core) is not None


def division_bounds(doc: Doc) -> tuple[dict[int, int], frozenset[int]]:
    """Administrative divisions proposed so far: end offset -> leftmost start, and all starts."""
    ends: dict[int, int] = {}
    starts: set[int] = set()
    for span in candidates(doc):
        if span.label_ == DIVISION:
            ends[span.end_char] = min(span.start_char, ends.get(span.end_char, span.start_char))
            starts.add(span.start_char)
    return ends, frozenset(starts)


class SuffixNames:
    """Proposes suffix-anchored names and typed list items as candidates."""

    def __init__(self, rules: NameRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        divisions, keep = division_bounds(doc)
        self.find_suffixed(doc, text, divisions, keep)
        self.find_list_items(doc, text, keep)
        return doc

    def find_suffixed(
        self, doc: Doc, text: str, divisions: dict[int, int], keep: frozenset[int]
    ) -> None:
        """Propose every name ending in a type suffix whose core is not generic."""
        r = self.rules
        for m in r.suffix_re.finditer(text):
            suffix = m.group(1)
            s_start = m.start(1)
            s_end = s_start + len(suffix)
            rule = r.by_suffix[suffix]
            if rule.not_followed_by and text.startswith(rule.not_followed_by, s_end):
                continue
            if divisions.get(s_end, s_end) <= s_start:
                # the "suffix" ends a division name (黄石港, 平江, 六角亭街), it does not type one
                continue
            works_ok = rule.allow_works_verbs
            start = r.left_edge(text, s_start, rule.max_core, works_ok)
            if start < 0:
                continue
            start = r.trim(text, start, s_start, keep, works_ok)
            core = text[start:s_start]
            if len(core) < rule.min_core or r.is_generic(core, rule):
                continue
            if rule.bad_endings and text.endswith(rule.bad_endings, start, s_end):
                continue
            add_candidate(doc, start, s_end, rule.label, rule="suffix", priority=rule.priority)

    def find_list_items(self, doc: Doc, text: str, keep: frozenset[int]) -> None:
        """Propose the items of lists that the text types itself (A、B、C等N个项目)."""
        r = self.rules
        for m in r.list_re.finditer(text):
            label = r.list_heads[m.group(1)]
            end = m.start()
            items: list[tuple[int, int]] = []
            while end > 0:
                start = r.left_edge(text, end, r.list_max_item, True)
                if start < 0:
                    break
                start = r.trim(text, start, end, keep, works_ok=False)
                if end - start >= r.list_min_item and not r.is_generic(text[start:end]):
                    items.append((start, end))
                if start > 0 and text[start - 1] == "、":
                    end = start - 1
                    continue
                break
            for start, item_end in items:
                add_candidate(
                    doc, start, item_end, label, rule="list_item", priority=r.list_priority
                )


@Language.factory("kg_suffix_names_v1", default_config={"rules": "nlp/rules/names.yaml"})
def make_suffix_names(nlp: Language, name: str, rules: str) -> SuffixNames:
    """The suffix-name component configured by ``rules`` (see rules/names.yaml)."""
    return SuffixNames(NameRules(load_rules(rules)))
