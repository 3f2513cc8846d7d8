"""``kg_canonical_v1``: the canonical name of every entity of the document.

Administrative divisions take the gazetteer's full name (湖北 → 湖北省); other names take the
longer form the same document uses (临空商务产业园 → 黄石港临空商务产业园, 发改局 → 区发改局),
decided by :mod:`kg.resolve.aliases`. Slogans are scoped to the document's district.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import details
from kg.resolve.aliases import resolve_aliases

SCOPED_TYPES = frozenset({"Slogan"})


class Canonical:
    """Sets ``canonical`` (and the reason when it differs from the text) on every entity."""

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta
        district = getattr(meta, "district", None)
        city = getattr(meta, "city", None)
        names = ((e.label_, e.text) for e in doc.ents)
        merges = {(m.type, m.alias): m for m in resolve_aliases(names, district, city)}
        for ent in doc.ents:
            info = details(ent)
            if "canonical" in info:
                if info["canonical"] != ent.text:
                    info.setdefault("alias_reason", "gazetteer full name")
            else:
                merge = merges.get((ent.label_, ent.text))
                info["canonical"] = merge.canonical if merge else ent.text
                if merge:
                    info["alias_reason"] = merge.reason
            if ent.label_ in SCOPED_TYPES and district:
                info["scope"] = district
        return doc


@Language.factory("kg_canonical_v1")
def make_canonical(nlp: Language, name: str) -> Canonical:
    return Canonical()
