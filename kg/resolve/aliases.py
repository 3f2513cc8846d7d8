"""Alias decisions: which names of one type and district are short forms of another.

Used per document (kg_canonical_v1) and across the documents of a district (kg.resolve.corpus),
so that both stages merge by the same rules. Every decision carries its reason, for review.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.resources import load_yaml

# Types whose short forms are resolved by the suffix / insertion rules.
NAMED_TYPES = frozenset({"Park", "Project", "Institution", "Place", "Company", "Event"})
LEVEL_PREFIXES = ("区", "市", "县", "省", "州", "镇", "乡", "旗")


@dataclass(frozen=True, slots=True)
class Merge:
    """``alias`` of type ``type`` is resolved to ``canonical`` because of ``reason``."""

    type: str
    alias: str
    canonical: str
    reason: str


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _unique(options: set[str]) -> str | None:
    return next(iter(options)) if len(options) == 1 else None


def own_government(name: str, district: str | None) -> str | None:
    """区政府/区人民政府 in a document about 黄石港区 → 黄石港区人民政府 (the district's own
    government, named by the official name of the division, as for divisions themselves)."""
    if not district or len(district) < 2:
        return None
    level = district[-1]
    return district + "人民政府" if name in (level + "政府", level + "人民政府") else None


def body_alias(name: str, others: set[str], own: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """发改局 → 区发改局 (level prefix); 科经 → 区科经局 (abbreviation inside one unique body);
    黄石港区政府 → 黄石港区人民政府; 市政府 → 岳阳市政府 and 区政府办 → 区政府办公室 when the
    document writes that fuller form. ``own`` are the document's own divisions (district, city),
    preferred when a level prefix is ambiguous."""
    if name.endswith("政府") and not name.endswith("人民政府"):
        full = name[:-2] + "人民政府"
        if full in others:
            return full, "full government name"
    if name.endswith("办") and name + "公室" in others:
        return name + "公室", "full office name"
    prefixed = {p + name for p in LEVEL_PREFIXES} & others
    for division in own if len(prefixed) > 1 else ():
        mine = {p for p in prefixed if p[0] == division[-1]}
        if mine:
            prefixed = mine
            break
    if found := _unique(prefixed):
        return found, "level prefix"
    if name[:1] in LEVEL_PREFIXES:
        written = {o + name[1:] for o in own if o.endswith(name[0])} & others
        if found := _unique(written):
            return found, "own division prefix"
    if len(name) >= 2 and not name.endswith(("局", "办", "委", "中心", "政府", "室")):
        containing = {o for o in others if o != name and name in o and len(o) <= len(name) + 3}
        # 科经局 and 区科经局 are one body: keep the form with its level prefix
        containing -= {o for o in containing if any(p + o in containing for p in LEVEL_PREFIXES)}
        if found := _unique(containing):
            return found, "abbreviation"
    return None


@cache
def _formal_numerals() -> dict[int, str]:
    data = load_yaml("resolve/data/numeral_variants.yaml")
    return str.maketrans(dict(data["formal"]))


@cache
def _formal_numeral() -> re.Pattern[str]:
    """Any formal numeral: most names have none, and a search costs less than translating."""
    return re.compile("[" + re.escape("".join(map(chr, _formal_numerals()))) + "]")


class NameGroup:
    """The names of one type and scope, indexed for :func:`named_alias`: by their last two
    characters (which a longer name ending in a name, or one with characters inserted, shares)
    and by their plain-numeral form, so that a look-up reads a few names, not all of them."""

    def __init__(self, names: Iterable[str]) -> None:
        table, formal = _formal_numerals(), _formal_numeral()
        self.by_tail: dict[str, list[str]] = defaultdict(list)
        self.by_plain: dict[str, set[str]] = defaultdict(set)
        for name in set(names):
            self.by_tail[name[-2:]].append(name)
            if formal.search(name):
                self.by_plain[name.translate(table)].add(name)


def numeral_variant(name: str, group: NameGroup) -> str | None:
    """中梁滨江一号 → 中梁滨江壹号: the unique other name that differs only in writing a numeral
    in its formal (大写) form."""
    variants = group.by_plain.get(name)
    if not variants or _formal_numeral().search(name):
        return None  # none, or the formal form is the canonical one
    return _unique({o for o in variants if len(o) == len(name)})


def named_alias(name: str, group: NameGroup, min_len: int = 4) -> tuple[str, str] | None:
    """临空商务产业园 → 黄石港临空商务产业园 (a unique longer name ending in it);
    胜阳港卫生服务中心 → 胜阳港社区卫生服务中心 (a unique name with a few characters inserted);
    中梁滨江一号 → 中梁滨江壹号 (a formal numeral)."""
    if len(name) < min_len:
        return None
    if variant := numeral_variant(name, group):
        return variant, "numeral variant"
    same_tail = group.by_tail.get(name[-2:], ())
    longer = {o for o in same_tail if len(o) > len(name) and o.endswith(name)}
    if found := _unique(longer):
        return found, "suffix of a longer name"
    if longer:
        return None
    inserted = {
        o
        for o in same_tail
        if 0 < len(o) - len(name) <= 3 and o[0] == name[0] and is_subsequence(name, o)
    }
    if found := _unique(inserted):
        return found, "characters inserted"
    return None


def resolve_aliases(
    names: Iterable[tuple[str, str]], district: str | None = None, city: str | None = None
) -> list[Merge]:
    """Alias merges among ``(type, name)`` pairs of one scope, resolved transitively.

    ``district`` and ``city`` (full names, when known) name the scope's own divisions: their
    governments and level-prefixed bodies resolve to them.
    """
    own = tuple(n for n in (district, city) if n)
    by_type: dict[str, set[str]] = defaultdict(set)
    for typ, name in names:
        by_type[typ].add(name)
    merges: dict[tuple[str, str], Merge] = {}
    for typ, group in by_type.items():
        if typ != "GovernmentBody" and typ not in NAMED_TYPES:
            continue  # no alias rules for this type
        named = NameGroup(group) if typ in NAMED_TYPES else None
        for name in sorted(group):
            if named is not None:
                found = named_alias(name, named)
            else:
                government = own_government(name, district)
                found = (government, "own government") if government else None
                found = found or body_alias(name, group, own)
            if found:
                merges[(typ, name)] = Merge(typ, name, found[0], found[1])
    # follow chains (商务产业园 → 临空商务产业园 → 黄石港临空商务产业园)
    resolved: list[Merge] = []
    for (typ, name), merge in sorted(merges.items()):
        target, seen = merge.canonical, {name}
        while (typ, target) in merges and target not in seen:
            seen.add(target)
            target = merges[(typ, target)].canonical
        resolved.append(Merge(typ, name, target, merge.reason))
    return resolved
