"""Paths of the seed documents and the shared corpus-extra excerpts used by the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "examples" / "corpus").glob("*.txt"))
EXTRA_DIR = REPO.parent / "shared" / "corpus-extra"
EXTRA = sorted(EXTRA_DIR.glob("*.txt"))


def seed(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix`` (e.g. "000")."""
    return next(p for p in SEEDS if p.name.startswith(prefix))


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def extra(name: str) -> Path:
    """A corpus-extra excerpt; skips the test when shared/ is not beside the repository."""
    path = EXTRA_DIR / name
    if not path.exists():
        pytest.skip("shared/corpus-extra is not available")
    return path
