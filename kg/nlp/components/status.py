"""``kg_status_v1``: the lifecycle status of each project, park, institution or place mention:
planned, started, ongoing, completed or mentioned, from the cue words that govern it in its
clause and the role of its section (rules: ``nlp/rules/status.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from kg.nlp.rules import load_rules
from kg.nlp.spans import details, doc_text
from kg.regex import leading_words
from kg.structure.model import DocStructure


@dataclass(frozen=True, slots=True)
class StatusRules:
    types: frozenset[int]  # the types' hashes, as ``Span.label`` holds them
    clause_break: re.Pattern[str]
    cue: re.Pattern[str]  # longest cue first at each position
    status_of: dict[str, str]  # cue → status
    commitment_sections: frozenset[str]
    in_commitment: dict[str, str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> StatusRules:
        status_of = {cue: status for status, cues in data["cues"].items() for cue in cues}
        return cls(
            types=frozenset(get_string_id(t) for t in data["types"]),
            clause_break=re.compile("[" + re.escape(data["clause_breaks"]) + "]"),
            cue=re.compile(leading_words(status_of)),
            status_of=status_of,
            commitment_sections=frozenset(data.get("in_commitment_sections") or ()),
            in_commitment=dict(data.get("in_commitment") or {}),
        )


class Status:
    """Sets ``status`` (and ``status_cue``, the status the cue itself says) on mentions."""

    def __init__(self, rules: StatusRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        # by the label's hash: ``label_`` looks the string up on every access
        ents = [e for e in doc.ents if e.label in self.rules.types]
        if not ents:
            return doc
        text = doc_text(doc)
        # the last break before a mention is the first one after it in the reversed text: two
        # searches as long as the clause, where listing every break cost a pass over the text
        backwards = text[::-1]
        structure = doc._.structure or DocStructure()
        for ent in ents:
            before = self.rules.clause_break.search(backwards, len(text) - ent.start_char)
            clause_start = len(text) - before.start() if before else 0
            after = self.rules.clause_break.search(text, ent.end_char)
            clause_end = after.start() if after else len(text)
            cue = self.governing_cue(text, clause_start, ent.start_char, ent.end_char, clause_end)
            info = details(ent)
            if cue is None:
                info["status"] = "mentioned"
                continue
            status = self.rules.status_of[cue]
            section = structure.section_at(ent.start_char)
            role = structure.sections[section].role if section is not None else None
            if role in self.rules.commitment_sections:
                info["status"] = self.rules.in_commitment.get(status, status)
            else:
                info["status"] = status
            info["status_cue"] = cue
        return doc

    def governing_cue(
        self, text: str, start: int, ent_start: int, ent_end: int, end: int
    ) -> str | None:
        """The nearest cue before the mention in its clause, else the nearest one after it."""
        before = [m.group() for m in self.rules.cue.finditer(text, start, ent_start)]
        if before:
            return before[-1]
        after = self.rules.cue.search(text, ent_end, end)
        return after.group() if after else None


@Language.factory("kg_status_v1", default_config={"rules": "nlp/rules/status.yaml"})
def make_status(nlp: Language, name: str, rules: str) -> Status:
    return Status(StatusRules.from_data(load_rules(rules)))
