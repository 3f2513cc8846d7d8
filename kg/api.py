"""The Python API: extract a set of documents into resolved records.

>>> from kg import extract
>>> result = extract(["examples/corpus"])
>>> result.records[0].doc.district
'黄石港区'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import DocRecord


@dataclass(slots=True)
class ExtractionResult:
    """Records of the documents that could be read, and the errors of those that could not."""

    records: list[DocRecord] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def extract(
    paths: Iterable[str | Path],
    *,
    overrides: dict[str, Any] | None = None,
    aliases: str | Path | None = None,
    config: str | Path | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> ExtractionResult:
    """Extract every document under ``paths`` and resolve names across them.

    ``overrides`` set metadata fields for every document, ``aliases`` is a user alias file,
    ``config`` a pipeline config replacing the packaged one; ``on_error`` is told of each
    unreadable document as it happens (the run goes on).
    """
    from kg.extraction import extract_paths
    from kg.nlp.pipeline import build_pipeline
    from kg.resolve.corpus import AliasTable, resolve_corpus

    table = AliasTable.load(aliases) if aliases else None
    nlp = build_pipeline(config)
    result = ExtractionResult()
    for item in extract_paths(nlp, paths, overrides):
        if isinstance(item, InputError):
            result.errors.append(item)
            if on_error:
                on_error(item)
        else:
            result.records.append(item)
    resolve_corpus(result.records, table)
    return result
