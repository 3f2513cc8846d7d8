"""Process pools that behave at a terminal: Ctrl-C (SIGINT, sent to the whole process group)
interrupts the parent only, which then ends its workers at once; workers also end when the
parent is killed. Used by the extraction workers (:mod:`kg.extraction`) and a build's helpers
(:mod:`kg.background`)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from kg.errors import KgError


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold SIGINT back in this thread, and in processes started meanwhile, until the block
    ends. A worker started with SIGINT blocked cannot be interrupted before its initializer
    ignores the signal (:func:`ignore_sigint`); here a Ctrl-C is only delayed, and raises
    KeyboardInterrupt on leaving."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, nothing to defer
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def ignore_sigint() -> None:
    """In a worker: leave interrupts to the parent, and take back the signal it blocked."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def stop_now(pool: ProcessPoolExecutor) -> None:
    """End the workers without waiting for their tasks, then the pool's thread, so that nothing
    of the pool is left running or printing when this returns."""
    # Python 3.11 has no public way to end the workers (3.14's terminate_workers does not wait
    # for the pool's thread): its parts are reached by their private names.
    workers = list((pool._processes or {}).values())
    thread = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    # First, so that the pool's thread drops the tasks not started before it sees the workers
    # gone (it fails on a future cancelled meanwhile, with a traceback, otherwise).
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join()
    # A worker ended while sending a result leaves a partial message that the pool's thread
    # would wait for forever: this process holds the last writing end, closing it ends the wait.
    if results is not None:
        results._writer.close()
    if thread is not None:
        thread.join()


@contextmanager
def worker_deaths(what: str) -> Iterator[None]:
    """A worker process that died (killed, out of memory) as one line, :class:`KgError`, instead
    of the pool's traceback; ``what`` names the workers (``an extraction worker``)."""
    try:
        yield
    except BrokenProcessPool as exc:
        raise KgError(f"{what} ended unexpectedly (killed, or out of memory?)") from exc


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """In a worker: end when the parent ends, even if it is killed (SIGKILL leaves it no
    chance to end its workers, which would wait for work forever). Linux only; elsewhere the
    workers end when the parent closes the pool."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
