"""Fixtures for the structure tests: seed documents as analysis text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
EXTRA = ROOT.parent / "shared" / "corpus-extra"

# what ingest does to the source text before analysis: ASCII ,:;() to full width, same length
_TO_FULL_WIDTH = str.maketrans(",:;()", "，：；（）")


def analysis_text(path: Path) -> str:
    """The file read as utf-8 with ASCII ``,:;()`` mapped to full width."""
    return path.read_text(encoding="utf-8").translate(_TO_FULL_WIDTH)


@pytest.fixture(scope="session")
def seed() -> Callable[[str], str]:
    """Analysis text of a seed document by its number prefix ("000" … "004")."""

    def load(number: str) -> str:
        (path,) = CORPUS.glob(f"{number}_*.txt")
        return analysis_text(path)

    return load


@pytest.fixture(scope="session")
def extra() -> Callable[[str], str]:
    """Analysis text of a corpus-extra excerpt by name ("05"); skips when shared/ is absent."""

    def load(name: str) -> str:
        path = EXTRA / f"{name}.txt"
        if not path.exists():
            pytest.skip("shared/corpus-extra is not available")
        return analysis_text(path)

    return load
