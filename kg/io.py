"""Writing outputs so that a failed or interrupted run never leaves a half-written file."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temporary(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target``, after removing those a killed run left there.

    A run killed between creating its temporary file and renaming it cannot clean up; the next
    writer of the same file does, so that no stale ``.NAME.*.tmp`` piles up in an output folder.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name; renamed over
    ``path`` only when the block succeeds."""
    target = Path(path)
    fd, tmp = _temporary(target)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only on success."""
    with atomic_path(path) as tmp, tmp.open("w", encoding=encoding, newline="\n") as fh:
        yield fh


def write_text_atomic(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically."""
    with atomic_writer(path) as fh:
        fh.write(text)
