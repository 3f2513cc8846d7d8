"""Very large inputs (``-m slow``): a 50 MB document and a document of one 2 MB line.

No timing is asserted; they must complete and give exact spans. Growth measured by hand is in
the issue 6 report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_support import SEEDS, assert_spans_exact, extract

SEED = (SEEDS / "000_2902ce684fdbffb1.txt").read_text(encoding="utf-8")


def _document(path: Path, megabytes: int, one_line: bool) -> str:
    piece = SEED.replace("\n", "") if one_line else SEED
    text = piece * (megabytes * 2**20 // len(piece.encode()) + 1)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.slow
def test_one_line_of_2_mb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _document(tmp_path / "line.txt", 2, one_line=True)
    status, err, records = extract([tmp_path / "line.txt"], tmp_path / "out.jsonl", capsys)
    assert (status, err) == (0, [])
    assert_spans_exact(records["line"], text)


@pytest.mark.slow
def test_document_of_50_mb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _document(tmp_path / "big.txt", 50, one_line=False)
    status, err, records = extract([tmp_path / "big.txt"], tmp_path / "out.jsonl", capsys)
    assert (status, err) == (0, [])
    assert_spans_exact(records["big"], text)
