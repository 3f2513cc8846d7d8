"""``kg_admin_gazetteer_v1``: administrative divisions, matched against the shipped gazetteer.

Province, city and county names match anywhere; towns, streets, communities and villages only
within the document's own county (or city), so that 桃园 or 小城镇 elsewhere in China do not fire.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.gazetteer.admin import AdminGazetteer
from kg.nlp.spans import add_candidate

LABEL = "AdminDivision"


class AdminGazetteerComponent:
    """Proposes every gazetteer name in the document as an AdminDivision candidate."""

    def __init__(self, nlp: Language, priority: int, max_cached_scopes: int = 16) -> None:
        self.nlp = nlp
        self.priority = priority
        self.max_cached_scopes = max_cached_scopes
        self._gazetteer: AdminGazetteer | None = None
        self._matchers: dict[str, tuple[PhraseMatcher, dict[str, Any]]] = {}

    @property
    def gazetteer(self) -> AdminGazetteer:
        if self._gazetteer is None:
            self._gazetteer = AdminGazetteer.load()
        return self._gazetteer

    def scope_of(self, doc: Doc) -> Any:
        meta = doc._.meta
        if meta is None or not meta.district:
            return None
        return self.gazetteer.resolve_district(
            meta.district, hint_city=meta.city, hint_province=meta.province
        )

    def matcher_for(self, scope: Any) -> tuple[PhraseMatcher, dict[str, Any]]:
        key = scope.code if scope is not None else ""
        if key not in self._matchers:
            if len(self._matchers) >= self.max_cached_scopes:
                self._matchers.pop(next(iter(self._matchers)))
            names = self.gazetteer.names_for_scope(scope)
            matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
            matcher.add(LABEL, [self.nlp.make_doc(n) for n in sorted(names)])
            self._matchers[key] = (matcher, names)
        return self._matchers[key]

    def __call__(self, doc: Doc) -> Doc:
        matcher, names = self.matcher_for(self.scope_of(doc))
        for _, start, end in matcher(doc):
            span = doc[start:end]
            division = names.get(span.text)
            if division is None:
                continue
            add_candidate(
                doc,
                span.start_char,
                span.end_char,
                LABEL,
                rule="admin_gazetteer",
                priority=self.priority,
                canonical=division.name,
                code=division.code,
                level=division.level,
            )
        return doc


@Language.factory("kg_admin_gazetteer_v1", default_config={"priority": 10})
def make_admin_gazetteer(nlp: Language, name: str, priority: int) -> AdminGazetteerComponent:
    return AdminGazetteerComponent(nlp, priority)
