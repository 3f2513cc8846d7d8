"""kg: a knowledge-graph builder for Chinese local-government policy documents.

The public API: :func:`extract` (documents → resolved records), :func:`build` (a corpus into an
output folder with every product), :func:`build_graph` (records → the graph model),
:func:`load_graph` (the model a build saved), :func:`recurring` and :func:`slogans` (the
cross-year questions), :func:`build_pipeline` (the spaCy pipeline), :func:`load_document` (one
decoded document with its metadata) and the record types.
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
    "build",
    "build_graph",
    "build_pipeline",
    "extract",
    "load_document",
    "load_graph",
    "recurring",
    "slogans",
]

_LAZY = {
    "extract": "kg.api",
    "ExtractionResult": "kg.api",
    "build": "kg.build",
    "build_graph": "kg.graph.model",
    "load_graph": "kg.graph.store",
    "recurring": "kg.analysis.recurrence",
    "slogans": "kg.analysis.slogans",
    "build_pipeline": "kg.nlp.pipeline",
    "load_document": "kg.ingest",
    "DocMeta": "kg.records",
    "DocRecord": "kg.records",
    "Entity": "kg.records",
    "Relation": "kg.records",
}

if TYPE_CHECKING:
    from kg.analysis.recurrence import recurring
    from kg.analysis.slogans import slogans
    from kg.api import ExtractionResult, extract
    from kg.build import build
    from kg.graph.model import build_graph
    from kg.graph.store import load_graph
    from kg.ingest import load_document
    from kg.nlp.pipeline import build_pipeline
    from kg.records import DocMeta, DocRecord, Entity, Relation


def __getattr__(name: str) -> Any:
    """Import heavy parts (spaCy) only when they are used, so ``kg --help`` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
