"""``kg_admin_gazetteer_v1``: administrative divisions, matched against the shipped gazetteer.

Full names of provinces, cities and counties match anywhere, full names of towns, streets,
communities and villages only within the document's own county (or city), so that 桃园 or 小城镇
elsewhere in China do not fire. Short names of provinces, cities and the document's own county
(湖北, 黄石, 黄石港) match unless a longer proper name continues them (黄石大道). Short forms of
towns and villages (花湖, 覆盆山) are ordinary words too often (发展, 街道, 综合); they match only
where the text itself says what they are: in a list called communities (覆盆山、文化宫等7个社区) or
right before the full name of a division below them (郭镇建中村, 平江汇龙村). The rules are data in
``kg/gazetteer/data/matcher.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer.admin import AdminGazetteer, Division
from kg.nlp.spans import add_candidate, doc_text
from kg.phrases import PhraseIndex
from kg.regex import SkipScanner

LABEL = "AdminDivision"
UPPER_LEVELS = frozenset({"province", "city", "county"})
MAX_NAME = 12  # longest town or village name looked up after a division (characters)


@dataclass(frozen=True, slots=True)
class Surface:
    """A string the matcher looks for: the division it names and how (full/alias/short/cond)."""

    division: Division
    kind: str


@dataclass(slots=True)
class ScopeNames:
    """Everything the component needs for one document scope (one county, usually)."""

    names: dict[str, Surface]
    index: PhraseIndex  # finds the names
    shorts: dict[str, dict[str, Division]]  # level → short form → division (list context)
    near: frozenset[str]  # codes whose two-character names need no left-context check
    one_char: re.Pattern[str] | None = None  # the own city's one-character form (来岳, 返汉)
    city: Division | None = None


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    division: Division
    rule: str


def _kind(name: str, division: Division) -> str:
    if name == division.name or name in division.former:
        return "full"
    return "alias" if name in division.aliases else "short"


class AdminGazetteerComponent:
    """Proposes the gazetteer's division names in the document as AdminDivision candidates."""

    def __init__(self, priority: int, max_cached_scopes: int = 16) -> None:
        self.priority = priority
        self.max_cached_scopes = max_cached_scopes
        self._gazetteer: AdminGazetteer | None = None
        self._scopes: dict[str, ScopeNames] = {}
        self._province_codes: dict[str, frozenset[str]] = {}
        self._below_lengths: dict[str, dict[str, list[int]]] = {}
        self._rules_ready = False

    @property
    def gazetteer(self) -> AdminGazetteer:
        """The shipped gazetteer, loaded on first use."""
        if self._gazetteer is None:
            self._gazetteer = AdminGazetteer.load()
        return self._gazetteer

    def _load_rules(self) -> None:
        if self._rules_ready:
            return
        rules: dict[str, Any] = dict(self.gazetteer.matcher_rules)
        self.level_words = frozenset(rules["level_words"])
        self.continuation = re.compile("|".join(rules["short_name_continuations"]))
        self.full_blockers = frozenset(rules["full_name_blockers"])
        self.left_context = re.compile(rules["two_char_left_context"])
        self.distant_upper_max = int(rules["distant_upper_checked_length"])
        self.list_right = re.compile(rules["division_list_separator"])
        self.list_tail = re.compile(rules["short_list_tail"])
        self.series_tail = SkipScanner(re.compile(rules["short_series_tail"]))
        self.list_levels: dict[str, str] = dict(rules["short_list_levels"])
        self.list_separators = str(rules["short_list_separators"])
        self.list_stops = frozenset(rules["short_list_stops"])
        self.one_char_before = str(rules["one_char_before"])
        self.one_char_after = "|".join(rules["one_char_after"])
        self._rules_ready = True

    def scope_of(self, doc: Doc) -> Division | None:
        """The county (or city) the document is about, from its metadata."""
        meta = doc._.meta
        if meta is None or not meta.district:
            return None
        return self.gazetteer.resolve_district(
            meta.district, hint_city=meta.city, hint_province=meta.province
        )

    @functools.cached_property
    def county_shorts(self) -> dict[str, Surface]:
        """County short names nationwide (平江, 阳新), the same in every scope: they count only
        before a division below them."""
        self._load_rules()
        cond: dict[str, Surface] = {}
        for county in self.gazetteer.divisions("county"):
            for alias in county.aliases:
                if len(alias) >= 2 and alias not in self.level_words:
                    cond.setdefault(alias, Surface(county, "cond"))
        return cond

    def names_for(self, scope: Division | None) -> ScopeNames:
        """The look-up tables of one scope and an index of its names (cached for a few scopes)."""
        county_shorts = self.county_shorts
        key = scope.code if scope is not None else ""
        if key in self._scopes:
            return self._scopes[key]
        if len(self._scopes) >= self.max_cached_scopes:
            self._scopes.pop(next(iter(self._scopes)))
        gaz = self.gazetteer
        names: dict[str, Surface] = {}
        shorts: dict[str, dict[str, Division]] = {"town": {}, "village": {}}
        for name, division in gaz.names_for_scope(scope).items():
            kind = _kind(name, division)
            if name in self.level_words or len(name) < 2:
                continue
            names[name] = Surface(division, kind)
        near: set[str] = set()
        if scope is not None:
            chain = [scope, *gaz.ancestors(scope)]
            near = {d.code for d in chain}
            near |= self.province_codes(chain[-1])
            if scope.level in ("county", "town"):
                for d in gaz.descendants(scope):
                    for s in d.short:
                        shorts[d.level].setdefault(s, d)
                        names.setdefault(s, Surface(d, "short"))
        for alias, surface in county_shorts.items():
            names.setdefault(alias, surface)
        city = gaz.ancestor_at(scope, "city") if scope is not None else None
        scope_names = ScopeNames(
            names, PhraseIndex(names), shorts, frozenset(near), self.one_char_pattern(city), city
        )
        self._scopes[key] = scope_names
        return scope_names

    def province_codes(self, province: Division) -> frozenset[str]:
        """Codes of every division in a province down to towns (cached: scopes share them)."""
        if province.code not in self._province_codes:
            below = self.gazetteer.descendants(province, include_villages=False)
            self._province_codes[province.code] = frozenset(d.code for d in below)
        return self._province_codes[province.code]

    def one_char_pattern(self, city: Division | None) -> re.Pattern[str] | None:
        """The document's city written with one character of its two-character short name, where
        the text speaks of coming to or leaving it (中高风险地区来岳等重点人群, 来汉返汉人员).

        The character is read first and the verb before it checked after it: re skips ahead to
        a pattern's first characters, but tries one opening with a look-behind everywhere."""
        shorts = [a for a in city.aliases if len(a) == 2] if city is not None else []
        if not shorts:
            return None
        chars = re.escape("".join(sorted(set("".join(shorts)))))
        before = re.escape(self.one_char_before)
        return re.compile(rf"[{chars}](?<=[{before}][{chars}])(?=(?:{self.one_char_after}))")

    # -- finding -------------------------------------------------------------------------------

    def below_at(self, division: Division, text: str, pos: int) -> tuple[Division, int] | None:
        """The longest division below ``division`` named at ``pos``, with the name's length."""
        if division.level not in ("county", "town"):
            return None
        below, lengths = self.names_below(division)
        for length in lengths.get(text[pos : pos + 2], ()):
            code = below.get(text[pos : pos + length]) if pos + length <= len(text) else None
            if code is not None:
                found = self.gazetteer.get(code)
                assert found is not None  # the code is of the gazetteer's own data
                return found, length
        return None

    def names_below(self, division: Division) -> tuple[dict[str, str], dict[str, list[int]]]:
        """The gazetteer's names below ``division`` (name -> code), and the lengths of those
        names (up to MAX_NAME, longest first) by their first two characters: most places after
        a division start no name below it, and one look-up says so."""
        below = self.gazetteer.names_below(division)
        index = self._below_lengths.get(division.code)
        if index is None:
            found: dict[str, set[int]] = {}
            for name in below:
                if len(name) <= MAX_NAME:
                    found.setdefault(name[:2], set()).add(len(name))
            index = {two: sorted(ns, reverse=True) for two, ns in found.items()}
            self._below_lengths[division.code] = index
        return below, index

    def chain_after(self, division: Division, text: str, pos: int) -> Iterator[Found]:
        """Divisions written right after ``division`` and below it (阳新县龙港镇, 郭镇建中村)."""
        while (hit := self.below_at(division, text, pos)) is not None:
            child, length = hit
            yield Found(pos, pos + length, child, "admin_hierarchy")
            division, pos = child, pos + length

    def accept(
        self,
        text: str,
        start: int,
        end: int,
        surface: Surface,
        scope: ScopeNames,
        bounds: tuple[set[int], set[int]],
    ) -> Found | None:
        """The mention a matched name makes here (possibly shortened), or None if it is none."""
        division, kind = surface.division, surface.kind
        near = division.code in scope.near
        if kind == "full":
            if text[end - 1 : end + 1] in self.full_blockers:
                short = text[start : end - 1]
                if near and short in division.aliases and not self.continued(text, end - 1):
                    return Found(start, end - 1, division, "admin_short")
                return None
            if not near and not self.left_ok(
                text, start, end, bounds, self.checked_length(division)
            ):
                return None
            return Found(start, end, division, "admin_full")
        if kind == "alias":
            if text.startswith(division.name, start):
                return None  # the full name is matched here too and decides
            if division.level in UPPER_LEVELS and self.continued(text, end):
                return None
            if not near and not self.left_ok(
                text, start, end, bounds, self.checked_length(division)
            ):
                return None
            return Found(start, end, division, "admin_short")
        return None  # township/village short forms and other counties' short names: see below

    def checked_length(self, division: Division) -> int:
        """Up to how many characters a distant division's name needs a clean left edge: three for
        provinces, cities and counties (新兴区 in 创新兴区), two for towns and villages."""
        return self.distant_upper_max if division.level in UPPER_LEVELS else 2

    def left_ok(
        self,
        text: str,
        start: int,
        end: int,
        bounds: tuple[set[int], set[int]],
        checked: int = 2,
    ) -> bool:
        """A short name of a distant division (成县, 保定, 新兴区) must not follow a word character:
        it starts a line, follows punctuation or a preposition, or is next to another division in
        a list (北京、上海). ``bounds`` are the ends and starts of the names matched in the text."""
        ends, starts = bounds
        return (
            end - start > checked
            or start == 0
            or start in ends
            or self.left_context.match(text, start - 1) is not None
            or ((m := self.list_right.match(text, end)) is not None and m.end() in starts)
        )

    def continued(self, text: str, pos: int) -> bool:
        """True when a longer proper name goes on at ``pos`` (大道, 医院, 二中 …)."""
        return self.continuation.match(text, pos) is not None

    def in_lists(self, text: str, scope: ScopeNames) -> Iterator[Found]:
        """Short forms in a list the text calls communities/villages/streets (A、B等N个社区), or
        in a series of two or more the text calls areas (奇家岭、郭镇片区)."""
        tails = [(m, 1) for m in self.list_tail.finditer(text)]
        tails += [(m, 2) for m in self.series_tail.finditer(text)]
        for m, min_items in tails:
            level = self.list_levels.get(m.group(1))
            table = scope.shorts.get(level or "", {})
            if not table:
                continue
            left = m.start()
            while left > 0 and text[left - 1] not in self.list_stops:
                left -= 1
            pos = m.start()
            items = text[left:pos].split(self.list_separators)
            if len(items) < min_items:
                continue
            for i in range(len(items) - 1, -1, -1):
                item = items[i]
                pos -= len(item)
                hit = self._list_item(item, table, first=i == 0)
                if hit is not None:
                    offset, division = hit
                    yield Found(pos + offset, pos + len(item), division, "admin_list")
                pos -= len(self.list_separators)

    @staticmethod
    def _list_item(
        item: str, table: dict[str, Division], first: bool
    ) -> tuple[int, Division] | None:
        """The short form an item is (or, for the first item, ends with after a verb)."""
        if item in table:
            return 0, table[item]
        if first:
            for offset in range(1, len(item) - 1):
                if item[offset:] in table:
                    return offset, table[item[offset:]]
        return None

    def __call__(self, doc: Doc) -> Doc:
        scope = self.names_for(self.scope_of(doc))
        text = doc_text(doc)
        matches = [(s, e, scope.names[text[s:e]]) for s, e in scope.index.matches(text)]
        named = [(s, e) for s, e, surface in matches if surface.kind in ("full", "alias")]
        bounds = ({e for _, e in named}, {s for s, _ in named})
        found: dict[tuple[int, int], Found] = {}
        for start, end, surface in matches:
            hit = self.accept(text, start, end, surface, scope, bounds)
            followers: list[Found] = []
            if hit is None and surface.kind in ("short", "cond"):
                # a short form names its division right before a division below it (郭镇建中村)
                followers = list(self.chain_after(surface.division, text, end))
                if followers:
                    hit = Found(start, end, surface.division, "admin_hierarchy")
            elif hit is not None and hit.end == end:
                followers = list(self.chain_after(surface.division, text, end))
            if hit is None:
                continue
            found.setdefault((hit.start, hit.end), hit)
            for f in followers:
                found.setdefault((f.start, f.end), f)
        for f in self.in_lists(text, scope):
            found.setdefault((f.start, f.end), f)
        if scope.one_char is not None and scope.city is not None:
            for m in scope.one_char.finditer(text):
                found.setdefault(
                    (m.start(), m.end()), Found(m.start(), m.end(), scope.city, "admin_one_char")
                )
        for f in sorted(found.values(), key=lambda f: (f.start, f.end)):
            add_candidate(
                doc,
                f.start,
                f.end,
                LABEL,
                rule=f.rule,
                priority=self.priority,
                canonical=f.division.name,
                code=f.division.code,
                level=f.division.level,
            )
        return doc


@Language.factory("kg_admin_gazetteer_v1", default_config={"priority": 10})
def make_admin_gazetteer(nlp: Language, name: str, priority: int) -> AdminGazetteerComponent:
    """The division matcher; ``priority`` ≥ 9 makes its candidates sure (unless inside another)."""
    return AdminGazetteerComponent(priority)
