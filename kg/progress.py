"""A one-line progress bar on stderr: documents done / total and the current file name.

Drawn only when the stream is a terminal, so logs and pipes stay quiet; other messages go
through :meth:`Progress.message`, which clears the bar first so lines never interleave.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

BAR_WIDTH = 24
ERASE_TO_END = "\x1b[K"  # ANSI: clear the rest of the line


class Progress:
    """Counts documents and redraws ``[#####-----] 3/5 name`` in place with ``\\r``."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.drawn = False

    def update(self, done: int, total: int, name: str) -> None:
        """Show that ``done`` of ``total`` documents are finished, the last one ``name``."""
        if not self.enabled:
            return
        filled = BAR_WIDTH * done // max(total, 1)
        line = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {name}"
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r" + line[:width] + ERASE_TO_END)
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        """Erase the bar, leaving the cursor at the start of an empty line."""
        if self.drawn:
            self.stream.write("\r" + ERASE_TO_END)
            self.stream.flush()
            self.drawn = False

    def message(self, text: str) -> None:
        """Print ``text`` as a line of its own; the bar is drawn again on the next update."""
        self.clear()
        print(text, file=self.stream)
