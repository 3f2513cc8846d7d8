"""kg: a knowledge-graph builder for Chinese local-government policy documents.

The public API: :func:`extract` (documents → resolved records), :func:`build_pipeline` (the spaCy
pipeline), :func:`load_document` (one decoded document with its metadata) and the record types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "DocMeta",
    "DocRecord",
    "Entity",
    "ExtractionResult",
    "Relation",
    "__version__",
    "build_pipeline",
    "extract",
    "load_document",
]

_LAZY = {
    "extract": "kg.api",
    "ExtractionResult": "kg.api",
    "build_pipeline": "kg.nlp.pipeline",
    "load_document": "kg.ingest",
    "DocMeta": "kg.records",
    "DocRecord": "kg.records",
    "Entity": "kg.records",
    "Relation": "kg.records",
}

if TYPE_CHECKING:
    from kg.api import ExtractionResult, extract
    from kg.ingest import load_document
    from kg.nlp.pipeline import build_pipeline
    from kg.records import DocMeta, DocRecord, Entity, Relation


def __getattr__(name: str) -> Any:
    """Import heavy parts (spaCy) only when they are used, so ``kg --help`` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
