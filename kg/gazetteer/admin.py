"""Chinese administrative divisions (province → city → county → town → village) from shipped data.

The data (``data/admin_divisions.tsv.gz`` and ``data/admin_villages.tsv.gz``) is built once from
jionlp's china_location dictionary by ``scripts/build_admin_gazetteer.py``; see ``data/NOTICE``.
Provinces, cities and counties load eagerly; the 43,000 towns and streets are made per county,
and villages and communities per town, on first use, since most documents only need those of
the counties they name. The village file is not even decompressed until a village is needed.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.resources import load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
LEVELS: tuple[str, ...] = ("province", "city", "county", "town", "village")
_RANK = {level: i for i, level in enumerate(LEVELS)}
_UPPER = ("province", "city", "county")


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division.

    ``aliases`` are official short names and prefix-free names (湖北, 黄石港, 广西);
    ``former`` are names used before a renaming (襄樊市 for 襄阳市); ``short`` are derived short
    forms of township and village names (花湖 for 花湖街道), safe only inside a known scope.
    Township and village codes are synthetic (parent code + sequence number).
    """

    code: str
    name: str
    level: str
    parent: str | None
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    short: tuple[str, ...] = ()

    def names(self, *, include_short: bool = False) -> tuple[str, ...]:
        """Full name, aliases and former names (and short forms if asked)."""
        out = (self.name, *self.aliases, *self.former)
        return (*out, *self.short) if include_short else out


def _split(field: str) -> tuple[str, ...]:
    return tuple(field.split("|")) if field else ()


class AdminGazetteer:
    """Look-ups over the division tree: by name, by code, up and down the tree, within a scope."""

    def __init__(
        self,
        divisions: Iterable[Division],
        villages: Mapping[str, str] | None = None,
        towns: dict[str, list[str]] | None = None,
    ) -> None:
        """Index ``divisions``; ``villages`` maps a parent code to its '|'-joined village names,
        ``towns`` a parent code to the data lines of its towns (one or more lines a string),
        read when first needed."""
        self._by_code: dict[str, Division] = {}
        self._by_name: dict[str, list[Division]] = {}
        self._by_short: dict[str, list[Division]] = {}
        self._children: dict[str, list[str]] = {}
        self._raw_villages: Mapping[str, str] = {} if villages is None else villages
        self._villages_done: set[str] = set()
        self._raw_towns: dict[str, list[str]] = dict(towns or {})
        rules = load_yaml(DATA_DIR / "short_forms.yaml")
        self._village_suffixes = [re.compile(p) for p in rules["village_suffixes"]]
        self._min_short = int(rules["min_short_length"])
        for d in divisions:
            self._add(d)
        self._upper = [d for d in self._by_code.values() if d.level in _UPPER]
        matcher = load_yaml(DATA_DIR / "matcher.yaml")
        self._generic = frozenset(matcher["generic_names"])
        self.matcher_rules: dict[str, object] = matcher

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls) -> AdminGazetteer:
        """The gazetteer built from the shipped data (loaded once per process)."""
        return load()

    def _add(self, d: Division) -> None:
        self._by_code[d.code] = d
        for name in dict.fromkeys(d.names()):
            self._by_name.setdefault(name, []).append(d)
        for name in d.short:
            self._by_short.setdefault(name, []).append(d)
        if d.parent:
            self._children.setdefault(d.parent, []).append(d.code)

    def _village_short(self, name: str) -> tuple[str, ...]:
        for rx in self._village_suffixes:
            short = rx.sub("", name)
            if short != name and len(short) >= self._min_short:
                return (short,)
        return ()

    def _load_towns(self, parent_code: str) -> None:
        """Index the towns directly under one county (or city without counties)."""
        for lines in self._raw_towns.pop(parent_code, ()):
            for line in filter(None, lines.split("\n")):
                self._add(_division(line))

    def _load_all_towns(self) -> None:
        for parent in list(self._raw_towns):
            self._load_towns(parent)

    def _load_towns_under(self, scope: Division) -> None:
        """Index every town in the subtree of ``scope``."""
        for code in self._children_of(scope.code):
            child = self._by_code[code]
            if child.level in _UPPER:
                self._load_towns_under(child)

    def _children_of(self, code: str) -> list[str]:
        """Codes of the divisions directly below ``code`` (its towns indexed first)."""
        self._load_towns(code)
        return self._children.get(code, [])

    def _load_villages(self, parent_code: str) -> None:
        """Materialise the villages directly under one town (or county without towns)."""
        if parent_code in self._villages_done:
            return
        self._villages_done.add(parent_code)
        self._load_towns(parent_code[:6])  # a county's towns come before its own villages
        for name, code in self._raw_village_codes(parent_code):
            self._add(
                Division(code, name, "village", parent_code, (), (), self._village_short(name))
            )

    def _load_villages_under(self, scope: Division) -> None:
        """Materialise every village in the subtree of ``scope``."""
        if scope.level == "village":
            return
        self._load_villages(scope.code)
        for code in list(self._children_of(scope.code)):
            child = self._by_code[code]
            if child.level != "village":
                self._load_villages_under(child)

    def load_all_villages(self) -> None:
        """Materialise every village in the country (slow: several seconds, ~650k rows)."""
        self._load_all_towns()
        for parent in list(self._raw_villages):
            self._load_villages(parent)

    # -- look-ups ----------------------------------------------------------------------------

    def divisions(self, level: str | None = None) -> Iterator[Division]:
        """Every division (of one level if given); villages only those loaded."""
        if level in (None, "town"):
            self._load_all_towns()
        return (d for d in self._by_code.values() if level is None or d.level == level)

    @property
    def generic_names(self) -> frozenset[str]:
        """Division names that are ordinary words in running text (城区, 矿区): see matcher.yaml."""
        return self._generic

    def get(self, code: str) -> Division | None:
        """The division with this code, or None."""
        if code not in self._by_code and len(code) == 9:
            self._load_towns(code[:6])
        if code not in self._by_code and len(code) == 12:  # its town is loaded with it
            town = code[:9]
            self._load_villages(town[:6] if town.endswith("000") else town)
        return self._by_code.get(code)

    def lookup(
        self, name: str, *, include_short: bool = False, include_villages: bool = False
    ) -> list[Division]:
        """Divisions whose full name, alias or former name is ``name`` (ordered by level, code).

        Villages are searched only among those already loaded unless ``include_villages``.
        Township short forms (花湖) are matched only with ``include_short``.
        """
        self._load_all_towns()
        if include_villages:
            self.load_all_villages()
        return self._loaded(name, include_short=include_short, include_villages=include_villages)

    def _loaded(
        self, name: str, *, include_short: bool = False, include_villages: bool = False
    ) -> list[Division]:
        """:meth:`lookup` among the towns and villages loaded so far."""
        found = list(self._by_name.get(name, ()))
        if include_short:
            found += [d for d in self._by_short.get(name, ()) if d not in found]
        if not include_villages:
            found = [d for d in found if d.level != "village"]
        return sorted(found, key=lambda d: (_RANK[d.level], d.code))

    def parent(self, division: Division) -> Division | None:
        """The division directly above, or None for a province."""
        return self._by_code.get(division.parent) if division.parent else None

    def ancestors(self, division: Division) -> list[Division]:
        """All divisions above, nearest first (黄石港区 → [黄石市, 湖北省])."""
        out: list[Division] = []
        p = self.parent(division)
        while p is not None:
            out.append(p)
            p = self.parent(p)
        return out

    def ancestor_at(self, division: Division, level: str) -> Division | None:
        """The division itself or the ancestor at ``level`` (e.g. the city of a county)."""
        if division.level == level:
            return division
        return next((a for a in self.ancestors(division) if a.level == level), None)

    def children(self, division: Division) -> list[Division]:
        """Divisions directly below (villages of a town are loaded on demand)."""
        if division.level in ("county", "town"):
            self._load_villages(division.code)
        return [self._by_code[c] for c in self._children_of(division.code)]

    def descendants(
        self, division: Division, *, include_villages: bool = True
    ) -> Iterator[Division]:
        """Every division in the subtree below ``division`` (depth first)."""
        if include_villages:
            self._load_villages_under(division)
        for code in self._children_of(division.code):
            child = self._by_code[code]
            if include_villages or child.level != "village":
                yield child
                yield from self.descendants(child, include_villages=include_villages)

    def names_below(self, division: Division) -> dict[str, str]:
        """Full names (and aliases) of the towns and villages below a county or town, each with
        the code of its division (see :meth:`get`); for reading hierarchies written out
        (阳新县龙港镇, 平江汇龙村). Cached. Villages are read from the raw data without being
        loaded: a document names many counties, and only the village it names is needed."""
        cache = self.__dict__.setdefault("_names_below", {})
        if division.code not in cache:
            out: dict[str, str] = {}
            if division.level in ("county", "town"):
                towns = list(self.descendants(division, include_villages=False))
                for parent in (*(t.code for t in towns), division.code):
                    out.update((n, c) for n, c in self._raw_village_codes(parent) if len(n) >= 2)
                for d in towns:  # a town wins over a village of the same name
                    out.update((n, d.code) for n in (d.name, *d.aliases, *d.former) if len(n) >= 2)
            cache[division.code] = out
        result: dict[str, str] = cache[division.code]
        return result

    def _raw_village_codes(self, parent_code: str) -> Iterator[tuple[str, str]]:
        """``(name, code)`` of the villages right below ``parent_code`` in the raw data (their
        codes: the parent's code and a sequence number)."""
        raw = self._raw_villages.get(parent_code)
        if not raw:
            return
        stem = parent_code.ljust(9, "0")
        for i, name in enumerate(raw.split("|"), start=1):
            yield name, f"{stem}{i:03d}"

    def is_within(self, division: Division, scope: Division) -> bool:
        """True if ``division`` is ``scope`` or lies below it."""
        return division == scope or scope in self.ancestors(division)

    def within(self, name: str, scope: Division) -> list[Division]:
        """Divisions named ``name`` (full, alias or short form) inside ``scope``'s subtree.

        Use it for township and village names, which repeat across the country: 桃园 inside
        黄石港区 matches nothing even though many counties have a 桃园村.
        """
        if scope.level != "province":  # a province has too many villages to load for this
            self._load_villages_under(scope)
        else:
            self._load_towns_under(scope)
        found = self._loaded(name, include_short=True, include_villages=False)
        found += [
            d
            for d in self._by_name.get(name, []) + self._by_short.get(name, [])
            if d.level == "village"
        ]
        seen: dict[str, Division] = {}
        for d in found:
            if d.code not in seen and self.is_within(d, scope):
                seen[d.code] = d
        return sorted(seen.values(), key=lambda d: (_RANK[d.level], d.code))

    def _matches_hint(self, division: Division, hint: str | Division | None) -> bool:
        if hint is None:
            return True
        chain = [division, *self.ancestors(division)]
        if isinstance(hint, Division):
            return hint in chain
        return any(hint in a.names() for a in chain)

    def county_candidates(self, name: str) -> list[Division]:
        """County-level divisions called ``name`` (full name, short name or former name)."""
        return [d for d in self._loaded(name) if d.level == "county"]  # counties: always loaded

    def resolve_district(
        self,
        name_or_short: str,
        hint_city: str | Division | None = None,
        hint_province: str | Division | None = None,
    ) -> Division | None:
        """The county-level division meant by a name, choosing among homonyms with the hints.

        新华区 with hint_city 平顶山 gives 平顶山市新华区. A hint that excludes every candidate is
        ignored; a name still ambiguous after the hints gives None.
        """
        candidates = self.county_candidates(name_or_short)
        for hint in (hint_city, hint_province):
            narrowed = [d for d in candidates if self._matches_hint(d, hint)]
            if narrowed:
                candidates = narrowed
        return candidates[0] if len(candidates) == 1 else None

    # -- phrase-matcher support -------------------------------------------------------------

    @functools.cached_property
    def _unambiguous_upper_shorts(self) -> dict[str, Division]:
        """Short names (≥2 chars) of provinces and cities that name nothing else at county level
        or above; a municipality's province and city count as one."""
        owners: dict[str, set[str]] = {}
        for d in self._by_code.values():
            if d.level in _UPPER:
                for n in dict.fromkeys((d.name, *d.aliases)):
                    owners.setdefault(n, set()).add(d.code)
        out: dict[str, Division] = {}
        for d in self._by_code.values():
            if d.level not in ("province", "city"):
                continue
            for alias in d.aliases:
                if len(alias) < 2 or alias in out:
                    continue
                codes = owners[alias]
                named = {self._by_code[c].name for c in codes}
                if len(codes) == 1 or (len(named) == 1 and len(codes) == 2):
                    # the municipality pair (北京市 province + city) maps to the city
                    out[alias] = max(
                        (self._by_code[c] for c in codes), key=lambda x: _RANK[x.level]
                    )
        return out

    @functools.cached_property
    def _upper_by_name(self) -> dict[str, list[Division]]:
        """Province, city and county full names, each with its divisions by code; names that are
        ordinary words (:attr:`generic_names`) are left out."""
        out: dict[str, list[Division]] = {}
        for d in sorted(self._upper, key=lambda d: d.code):
            if d.name not in self._generic:
                out.setdefault(d.name, []).append(d)
        return out

    @functools.cached_property
    def _upper_first(self) -> dict[str, Division]:
        """Each upper full name with the homonym of the lowest code, the default owner."""
        return {name: ds[0] for name, ds in self._upper_by_name.items()}

    def names_for_scope(self, scope: Division | None = None) -> dict[str, Division]:
        """Surface names to feed a phrase matcher, each with the division it denotes.

        Province, city and county full names nationwide (homonyms: the one nearest the scope);
        short names of provinces and cities when unambiguous; the short names of the scope and its
        ancestors; every township and village below a county scope (full names and short forms).
        On a clash, full names beat short forms, the scope's own short names (黄石港) beat its
        townships' (黄石港街道), township short forms beat distant cities' (洛阳镇 over 洛阳市), and
        those beat village short forms.
        """
        out: dict[str, Division] = {}
        local: list[Division] = []
        if scope is not None and scope.level in ("county", "town", "village"):
            local = list(self.descendants(scope))
        elif scope is not None and scope.level == "city":
            local = list(self.descendants(scope, include_villages=False))
        chain = [scope, *self.ancestors(scope)] if scope else []
        for level in ("village", "upper", "town", "chain"):
            if level == "upper":
                out.update(self._unambiguous_upper_shorts)
            elif level == "chain":
                for d in reversed(chain):
                    out.update((a, d) for a in d.aliases if len(a) >= 2)
            else:
                out.update((s, d) for d in local if d.level == level for s in d.short)
        for d in sorted(local, key=lambda d: -_RANK[d.level]):  # towns win over villages
            out.update((n, d) for n in (d.name, *d.aliases))
        out.update(self._upper_first)
        near = {a.code for a in chain}
        # Homonyms near the scope (the chain and the divisions right below it) win.
        for d in chain:
            for code in (d.code, *self._children_of(d.code)):
                name = self._by_code[code].name
                if name in self._upper_by_name:
                    out[name] = min(
                        self._upper_by_name[name],
                        key=lambda h: (h.parent not in near and h.code not in near, h.code),
                    )
            if d.name in self._generic:
                out[d.name] = d
        return out


class _RawVillages(Mapping[str, str]):
    """Parent code → '|'-joined village names of ``admin_villages.tsv.gz``, kept compressed until
    first read, then indexed whole: a run reads the villages of dozens of counties (a hundred for
    the five seed documents), too many to search the text for each."""

    def __init__(self, compressed: bytes) -> None:
        self._compressed = compressed
        self._index: dict[str, bytes] | None = None

    def _lines(self) -> dict[str, bytes]:
        if self._index is None:
            data = gzip.decompress(self._compressed)
            start = 0
            while data.startswith(b"#", start):  # the header
                start = data.index(b"\n", start) + 1
            body = data[start:] if data.endswith(b"\n") else data[start:] + b"\n"
            # Each line is one parent code, a tab, the names (which hold no tab): splitting at
            # both gives parent, names, parent, names… without a Python step per line.
            fields = body.replace(b"\n", b"\t").split(b"\t")
            fields.pop()  # what follows the last newline
            if len(fields) % 2:
                raise ValueError("admin_villages.tsv: a line without its one tab")
            self._index = dict(zip(map(bytes.decode, fields[0::2]), fields[1::2], strict=True))
        return self._index

    def __getitem__(self, parent: str) -> str:
        return self._lines()[parent].decode()

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())


# Consecutive town lines of one parent (code, level, parent, …): found without a Python step per
# line. Comment lines start with '#'.
_TOWN_RUN = re.compile(
    r"^(?!#)[^\t\n]*\ttown\t([^\t\n]*)\t.*\n(?:(?!#)[^\t\n]*\ttown\t\1\t.*\n)*", re.M
)


@functools.cache
def load(data_dir: Path = DATA_DIR) -> AdminGazetteer:
    """Load the shipped gazetteer once per process; towns and villages stay raw until needed."""
    divisions: list[Division] = []
    towns: dict[str, list[str]] = {}
    text = gzip.decompress((data_dir / "admin_divisions.tsv.gz").read_bytes()).decode()
    if not text.endswith("\n"):
        text += "\n"
    end = 0  # the lines between runs of towns are the provinces, cities and counties
    for run in _TOWN_RUN.finditer(text):
        divisions.extend(_divisions(text[end : run.start()]))
        towns.setdefault(run[1], []).append(run[0])
        end = run.end()
    divisions.extend(_divisions(text[end:]))
    villages = _RawVillages((data_dir / "admin_villages.tsv.gz").read_bytes())
    return AdminGazetteer(divisions, villages, towns)


def _divisions(text: str) -> Iterator[Division]:
    """The divisions of the lines of ``text`` (province, city, county), comments left out."""
    return (_division(line) for line in text.split("\n") if line and not line.startswith("#"))


def _division(line: str) -> Division:
    """A division from a line of ``admin_divisions.tsv``."""
    code, level, parent, name, aliases, former, short = line.split("\t")
    return Division(
        code, name, level, parent or None, _split(aliases), _split(former), _split(short)
    )
