"""Candidate spans: how components propose entities, and how the selector reads them back.

Every component that finds an entity calls :func:`add_candidate`; the candidate lands in
``doc.spans["candidates"]`` with its type as label and its details (rule, priority, canonical,
value …) readable with :func:`details` (and as ``span._.kg``). Components read the candidates
back as :class:`Proposal` records (:func:`proposals`, :func:`candidates`), which carry offsets,
type and details as plain values. The selector then picks a non-overlapping set for
``doc.ents``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.tokens import Doc, Span

CANDIDATES = "candidates"
DETAILS = "kg.details"
TEXT = "kg.text"
PROPOSED = "kg.proposed"
LABELS = "kg.labels"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per document (spaCy rebuilds it from tokens on every access,
    which with one token per character costs as much as a pass of a component)."""
    text: str | None = doc.user_data.get(TEXT)
    if text is None:
        text = doc.text
        doc.user_data[TEXT] = text
    return text


def span_text(span: Span) -> str:
    """``span.text`` read from the document's text (spaCy joins the span's tokens each time)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def _label_id(doc: Doc, label: str) -> int:
    """The label's hash in the document's vocabulary, looked up once per document: spaCy hashing
    the string again for every span made a candidate cost twice as much."""
    ids: dict[str, int] = doc.user_data.setdefault(LABELS, {})
    found = ids.get(label)
    if found is None:
        found = ids[label] = doc.vocab.strings.add(label)
    return found


def _store(doc: Doc) -> dict[tuple[int, int, int], dict[str, Any]]:
    store: dict[tuple[int, int, int], dict[str, Any]] = doc.user_data.setdefault(DETAILS, {})
    return store


def _key(span: Span) -> tuple[int, int, int]:
    return (span.start_char, span.end_char, span.label)  # the label's hash: no string look-up


class Proposal(NamedTuple):
    """A candidate as proposed: its character offsets and type, the span, and its details (the
    stored dict, shared by every proposal of the same span and type)."""

    start: int
    end: int
    label: str
    span: Span
    details: dict[str, Any]


def add_candidate(
    doc: Doc, start: int, end: int, label: str, rule: str, priority: int = 0, **info: Any
) -> Span | None:
    """Propose ``doc.text[start:end]`` as an entity of type ``label``; returns the span or None.

    When the same span is proposed again with the same label, the details of the proposal with
    the higher priority win and keep what the other one knew besides (a gazetteer code, say).
    """
    if end <= start:
        return None
    label_id = _label_id(doc, label)
    span = doc.char_span(start, end, label=label_id, alignment_mode="strict")
    if span is None:
        return None
    new = {"rule": rule, "priority": priority, **info}
    store = _store(doc)
    key = (start, end, label_id)  # as _key(span)
    stored = store.get(key)
    if stored is None:
        stored = store[key] = new
    else:  # merged in place: earlier proposals of this span and type share the dict
        merged = {**new, **stored} if stored.get("priority", 0) >= priority else {**stored, **new}
        stored.clear()
        stored.update(merged)
    if CANDIDATES not in doc.spans:
        doc.spans[CANDIDATES] = []
    doc.spans[CANDIDATES].append(span)
    doc.user_data.setdefault(PROPOSED, []).append(Proposal(start, end, label, span, stored))
    return span


def proposals(doc: Doc) -> list[Proposal]:
    """The candidates in the order proposed, with offsets and types as plain values: reading
    them from spaCy's Span objects, or making new ones from ``doc.spans["candidates"]`` on every
    pass, cost components a tenth of the extraction time. Read-only."""
    found: list[Proposal] = doc.user_data.get(PROPOSED, [])
    return found


def release(doc: Doc) -> None:
    """Drop the proposals of a Doc no longer worked on. Their spans refer to the Doc, which holds
    them: without this the Doc (megabytes of token data) waits for the cycle collector."""
    doc.user_data.pop(PROPOSED, None)


def candidates(doc: Doc) -> list[Proposal]:
    """The candidates proposed so far in document order: by start, the longer first."""
    return sorted(proposals(doc), key=lambda p: (p.start, -p.end))


def details(span: Span) -> dict[str, Any]:
    """The details components attached to a candidate (rule, priority, canonical, value …).

    Keyed by span *and* label, so two types proposed for one span keep their own details; the
    dict returned is the stored one, so updating it updates the candidate.
    """
    return _store(span.doc).setdefault(_key(span), {})
