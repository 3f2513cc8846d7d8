"""The custom attributes kg keeps on spaCy objects, registered in one place.

``doc._.meta`` holds the document's metadata (set before the pipeline runs, used to scope the
gazetteer), ``doc._.structure`` its layout, ``doc._.tasks`` task items of a task breakdown,
``doc._.relations`` the extracted relations, and
``span._.kg`` per-candidate details (canonical name, normalised value, rule that found it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp.spans import details


def register_extensions() -> None:
    """Register the extensions once; safe to call repeatedly."""
    for name, default in (
        ("meta", None),
        ("structure", None),
        ("tasks", None),
        ("relations", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("kg"):
        Span.set_extension("kg", getter=lambda span: details(span))


register_extensions()
