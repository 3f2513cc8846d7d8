"""Helper processes that take work off a build's critical path: the SHACL check and the PNG
pictures run beside the writing of the other outputs.

They are started when the build begins (forked where the platform forks, as the extraction
workers are: a spawned process would run the caller's main script again unless it is guarded)
and import what they will need while the parent extracts, so that this cost is hidden too. On
a machine with one CPU, or with ``workers=0``, the work runs in this process instead, in the
same order. Workers ignore SIGINT: Ctrl-C stops the parent, which ends them; they also end
when the parent is killed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

from kg.pools import die_with_parent, ignore_sigint, sigint_deferred, stop_now

T = TypeVar("T")
Submit = Callable[..., "Future[Any]"]  # Background.submit, or any function like it


class Background:
    """Run functions (module-level, with picklable arguments and results) in ``workers``
    helper processes, or right here when ``workers`` is 0."""

    def __init__(self, workers: int, warm: Sequence[str] = ()) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if workers > 0:
            try:
                with sigint_deferred():  # the workers start with SIGINT held until they ignore it
                    self.pool = ProcessPoolExecutor(
                        workers, initializer=_start, initargs=(os.getpid(), tuple(warm))
                    )
                    for _ in range(workers):  # start them all now (they start on demand)
                        self.pool.submit(_ready)
            except BaseException:  # a Ctrl-C held back above: no __exit__ will end the workers
                self.close(finished=False)
                raise

    def submit(self, fn: Callable[..., T], /, *args: Any) -> Future[T]:
        """``fn(*args)`` in a helper process, or now in this one."""
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        done: Future[T] = Future()
        try:
            done.set_result(fn(*args))
        except Exception as exc:
            done.set_exception(exc)
        return done

    def close(self, *, finished: bool = True) -> None:
        """Wait for the helpers to end (``finished``), or end them now without waiting."""
        if self.pool is not None:
            if finished:
                self.pool.shutdown(wait=True)
            else:
                with sigint_deferred():  # a second Ctrl-C must not cut the cleanup short
                    stop_now(self.pool)
            self.pool = None

    def __enter__(self) -> Background:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(finished=kind is None)


def _start(parent: int, modules: tuple[str, ...]) -> None:
    ignore_sigint()
    die_with_parent(parent)
    for name in modules:
        importlib.import_module(name)


def _ready() -> None:
    return None
