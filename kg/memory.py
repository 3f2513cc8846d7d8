"""Keeping what outlives a piece of work out of the garbage collector's sight."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def long_lived() -> Iterator[None]:
    """Everything made so far out of the garbage collector's sight while the block runs
    (``gc.freeze``). What outlives the work (the gazetteer and spaCy's vocabulary during an
    extraction, the records and the graph while a build writes) was otherwise traversed by
    every collection the work's short-lived objects triggered: a tenth of the extraction time,
    half of the time of writing the merged Turtle and N-Triples."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def kept(items: Iterable[T]) -> Iterator[T]:
    """``items`` one by one, each put out of the collector's sight, with everything made so far,
    once the caller has it, until the iteration ends. For results the caller keeps (extraction
    records, each a thousand objects): every collection traversed them all again, a second of
    the parent's time in a 20 MB extraction, taken from its workers' cores. Whatever the caller
    makes meanwhile is frozen too: for work that leaves no garbage cycles behind."""
    with long_lived():
        for item in items:
            yield item
            gc.freeze()
