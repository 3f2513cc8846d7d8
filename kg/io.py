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


class StagedFile:
    """A temporary file beside ``target`` that becomes ``target`` on :meth:`commit` and is
    removed on :meth:`abort`: for outputs written piece by piece and kept only if the whole
    run succeeds."""

    def __init__(self, target: str | Path) -> None:
        self.target = Path(target)
        fd, tmp = _temporary(self.target)
        os.close(fd)
        self.path = Path(tmp)

    def commit(self) -> Path:
        os.chmod(self.path, 0o666 & ~_umask())
        os.replace(self.path, self.target)
        return self.target

    def abort(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name; renamed over
    ``path`` only when the block succeeds."""
    staged = StagedFile(path)
    try:
        yield staged.path
        staged.commit()
    except BaseException:
        staged.abort()
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
