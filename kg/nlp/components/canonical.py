"""``kg_canonical_v1``: the canonical name and the scope of every entity of the document.

Administrative divisions take the gazetteer's full name (湖北 → 湖北省); other names take the
longer form the same document uses (临空商务产业园 → 黄石港临空商务产业园, 发改局 → 区发改局),
decided by :mod:`kg.resolve.aliases`. Slogans are scoped to the document's district, and
relative names (区委, 市政府, 区城投公司) to the district or city they belong to
(rules: ``nlp/rules/scope.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.rules import load_rules
from kg.nlp.spans import details, doc_text
from kg.resolve.aliases import resolve_aliases


@dataclass(frozen=True, slots=True)
class ScopeRules:
    """Which entities are scoped, and to which metadata field."""

    district_types: frozenset[str]
    relative_types: frozenset[str]
    prefixes: dict[str, str]  # level word → DocMeta field naming the scope
    not_followed_by: tuple[str, ...]

    @classmethod
    def from_file(cls, path: str) -> ScopeRules:
        data = load_rules(path)
        relative = data.get("relative") or {}
        return cls(
            district_types=frozenset(data.get("district_types") or ()),
            relative_types=frozenset(relative.get("types") or ()),
            prefixes=dict(relative.get("prefixes") or {}),
            not_followed_by=tuple(relative.get("not_followed_by") or ()),
        )

    def scope_of(self, label: str, canonical: str, meta: Any) -> str | None:
        """The district or city a name of type ``label`` is scoped to, if any."""
        if label in self.district_types:
            return getattr(meta, "district", None)
        if label not in self.relative_types or len(canonical) < 2:
            return None
        field = self.prefixes.get(canonical[0])
        if field is None or canonical[1:].startswith(self.not_followed_by):
            return None
        return getattr(meta, field, None)


class Canonical:
    """Sets ``canonical`` (and the reason when it differs from the text) and ``scope``."""

    def __init__(self, scope_rules: ScopeRules) -> None:
        self.scope_rules = scope_rules

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta
        district = getattr(meta, "district", None)
        city = getattr(meta, "city", None)
        doc_chars = doc_text(doc)
        # label and text read once per entity: spaCy looks the label up on every access
        ents = [(e, e.label_, doc_chars[e.start_char : e.end_char]) for e in doc.ents]
        names = ((label, text) for _, label, text in ents)
        merges = {(m.type, m.alias): m for m in resolve_aliases(names, district, city)}
        for ent, label, text in ents:
            info = details(ent)
            if "canonical" in info:
                if info["canonical"] != text:
                    info.setdefault("alias_reason", "gazetteer full name")
            else:
                merge = merges.get((label, text))
                info["canonical"] = merge.canonical if merge else text
                if merge:
                    info["alias_reason"] = merge.reason
            scope = self.scope_rules.scope_of(label, str(info["canonical"]), meta)
            if scope:
                info["scope"] = scope
        return doc


@Language.factory("kg_canonical_v1", default_config={"rules": "nlp/rules/scope.yaml"})
def make_canonical(nlp: Language, name: str, rules: str) -> Canonical:
    return Canonical(ScopeRules.from_file(rules))
