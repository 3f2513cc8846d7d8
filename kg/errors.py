"""Errors a user sees: one line naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class of every error kg reports to users."""


class InputError(KgError):
    """A document that cannot be read: missing, unreadable, binary, undecodable, empty."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
