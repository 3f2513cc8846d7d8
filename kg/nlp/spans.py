"""Candidate spans: how components propose entities, and how the selector reads them back.

Every component that finds an entity calls :func:`add_candidate`; the candidate lands in
``doc.spans["candidates"]`` with its type as label and its details (rule, priority, canonical,
value …) in ``span._.kg``. The selector then picks a non-overlapping set for ``doc.ents``.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

CANDIDATES = "candidates"


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """The span covering exactly ``[start, end)`` or ``None`` when it does not fall on tokens."""
    return doc.char_span(start, end, label=label, alignment_mode="strict")


def add_candidate(
    doc: Doc, start: int, end: int, label: str, rule: str, priority: int = 0, **info: Any
) -> Span | None:
    """Propose ``doc.text[start:end]`` as an entity of type ``label``; returns the span or None."""
    if end <= start:
        return None
    span = char_span(doc, start, end, label)
    if span is None:
        return None
    details = {"rule": rule, "priority": priority, **info}
    span._.kg = details
    if CANDIDATES not in doc.spans:
        doc.spans[CANDIDATES] = []
    doc.spans[CANDIDATES].append(span)
    return span


def candidates(doc: Doc) -> list[Span]:
    """All candidates proposed so far, in document order."""
    if CANDIDATES not in doc.spans:
        return []
    return sorted(doc.spans[CANDIDATES], key=lambda s: (s.start_char, -s.end_char))


def details(span: Span) -> dict[str, Any]:
    """The details a component attached to a candidate (empty dict if none)."""
    value = span._.kg
    return value if isinstance(value, dict) else {}
