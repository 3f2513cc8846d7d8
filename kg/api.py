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

from kg.errors import InputError, KgError
from kg.records import DocRecord


@dataclass(slots=True)
class ExtractionResult:
    """Records of the documents that could be read, and the errors of those that could not."""

    records: list[DocRecord] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


ProgressCallback = Callable[[int, int, str], None]
"""Told ``(done, total, file name)`` after each document, read or not."""


def extract(
    paths: Iterable[str | Path],
    *,
    overrides: dict[str, Any] | None = None,
    aliases: str | Path | None = None,
    config: str | Path | None = None,
    on_error: Callable[[InputError], None] | None = None,
    jobs: int = 1,
    on_progress: ProgressCallback | None = None,
) -> ExtractionResult:
    """Extract every document under ``paths`` and resolve names across them.

    ``overrides`` set metadata fields for every document, ``aliases`` is a user alias file,
    ``config`` a pipeline config replacing the packaged one; ``on_error`` is told of each
    unreadable document as it happens (the run goes on). ``jobs`` processes extract
    documents in parallel (0: one per CPU); the result is the same for any number.
    """
    from kg.extraction import extract_files
    from kg.ingest import iter_documents
    from kg.resolve.corpus import AliasTable, resolve_corpus

    if jobs < 0:
        raise KgError(f"jobs must be 0 (one per CPU) or more, not {jobs}")
    table = AliasTable.load(aliases) if aliases else None
    files = list(iter_documents(paths))
    result = ExtractionResult()
    items = extract_files(files, jobs=jobs, overrides=overrides, config=config)
    for done, (path, item) in enumerate(zip(files, items, strict=True), start=1):
        if isinstance(item, InputError):
            result.errors.append(item)
            if on_error:
                on_error(item)
        else:
            result.records.append(item)
        if on_progress:
            on_progress(done, len(files), path.name)
    resolve_corpus(result.records, table)
    return result
