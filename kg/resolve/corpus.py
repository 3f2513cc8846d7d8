"""Resolution across documents: one canonical name per thing within each district.

Automatic merges follow :mod:`kg.resolve.aliases` over all names a district's documents use, so
临空商务产业园 in a 2025 task breakdown joins 黄石港临空商务产业园 of the 2020 report. A user alias
file overrides and extends these decisions; every merge is returned for review (``merges.tsv``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import KgError
from kg.records import DocRecord
from kg.resolve.aliases import Merge, resolve_aliases

ANY_DISTRICT = "*"


@dataclass(slots=True)
class AliasTable:
    """User decisions: ``aliases[district][alias] = canonical`` and pairs never to merge."""

    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    keep_apart: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path) -> AliasTable:
        """Read an alias file (YAML, see ``examples/aliases.yaml``)."""
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise KgError(f"{path}: cannot read alias file: {err}") from err
        if not isinstance(data, dict):
            raise KgError(f"{path}: an alias file maps districts to {{alias: canonical}}")
        table = cls()
        for pair in data.pop("keep_apart", []) or []:
            table.keep_apart.add(frozenset(pair))
        for district, mapping in data.items():
            if not isinstance(mapping, dict):
                raise KgError(f"{path}: entry {district!r} must map aliases to canonical names")
            table.aliases[str(district)] = {str(k): str(v) for k, v in mapping.items()}
        return table

    def lookup(self, district: str | None, name: str) -> str | None:
        for key in (district or "", ANY_DISTRICT):
            found = self.aliases.get(key, {}).get(name)
            if found:
                return found
        return None


@dataclass(frozen=True, slots=True)
class DistrictMerge:
    district: str
    merge: Merge


def resolve_corpus(
    records: list[DocRecord], table: AliasTable | None = None
) -> list[DistrictMerge]:
    """Rewrite ``canonical`` of every entity in place; return the merges made, for review."""
    table = table or AliasTable()
    by_district: dict[str, list[DocRecord]] = defaultdict(list)
    for record in records:
        by_district[record.doc.district or ""].append(record)
    made: list[DistrictMerge] = []
    for district, group in sorted(by_district.items()):
        names = {(e.type, e.canonical) for r in group for e in r.entities}
        automatic = {
            (m.type, m.alias): m
            for m in resolve_aliases(names)
            if frozenset((m.alias, m.canonical)) not in table.keep_apart
        }
        decided: dict[tuple[str, str], Merge] = {}
        for typ, name in names:
            user = table.lookup(district, name)
            if user and user != name:
                decided[(typ, name)] = Merge(typ, name, user, "alias file")
            elif (typ, name) in automatic:
                decided[(typ, name)] = automatic[(typ, name)]
        for record in group:
            for entity in record.entities:
                merge = decided.get((entity.type, entity.canonical))
                if merge:
                    entity.canonical = merge.canonical
                    entity.attrs["alias_reason"] = merge.reason
        made.extend(DistrictMerge(district, m) for _, m in sorted(decided.items()))
    return made
