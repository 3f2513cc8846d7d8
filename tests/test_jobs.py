"""``--jobs N``: the same output whatever N, errors from workers reported and the run going on,
and a progress bar only on a terminal."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
KG = [sys.executable, "-m", "kg"]
COMPARED = ("extraction.jsonl", "graph.json", "graph.trig", "summary.json")
PNG_START = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"


@pytest.fixture(scope="module")
def two_jobs_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jobs") / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--jobs", "2"]) == 0
    return out


@pytest.mark.parametrize("name", COMPARED)
def test_two_jobs_write_the_same_bytes_as_one(
    name: str, seed_build: Path, two_jobs_build: Path
) -> None:
    assert (two_jobs_build / name).read_bytes() == (seed_build / name).read_bytes()


@pytest.fixture
def corpus_with_a_broken_file(tmp_path: Path) -> Path:
    """Three seeds and, in the middle of them, a PNG image named as a text file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copyfile(seed, corpus / seed.name)
    (corpus / "001_zz_image.txt").write_bytes(PNG_START + bytes(range(256)) * 8)
    return corpus


def test_a_broken_file_among_others_is_one_line_and_exit_1(
    corpus_with_a_broken_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run = subprocess.run(
        [*KG, "build", str(corpus_with_a_broken_file), "-o", str(out), "--jobs", "2"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 1
    assert "001_zz_image.txt" in errors[0] and "binary" in errors[0]
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    expected_ids = [p.stem for p in sorted(SEEDS.glob("*.txt"))[:3]]
    assert [line.split('"id": "')[1].split('"')[0] for line in lines] == expected_ids


def test_jobs_zero_means_one_per_cpu_and_extracts_everything(tmp_path: Path) -> None:
    target = tmp_path / "records.jsonl"
    assert main(["extract", str(SEEDS), "--jobs", "0", "-o", str(target)]) == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(list(SEEDS.glob("*.txt")))


def test_a_negative_job_count_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", str(SEEDS), "--jobs", "-1"])
    assert "--jobs" in capsys.readouterr().err


def test_no_progress_when_stderr_is_not_a_terminal(corpus_with_a_broken_file: Path) -> None:
    run = subprocess.run(
        [*KG, "extract", str(corpus_with_a_broken_file), "--jobs", "2"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "\r" not in run.stderr and "4/4" not in run.stderr
    assert len(run.stderr.splitlines()) == 2  # the broken file, then the count of failures


def read_all(fd: int) -> str:
    """Everything written to a pty until its other end is closed."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the writer has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal(corpus_with_a_broken_file: Path) -> None:
    controller, terminal = pty.openpty()
    run = subprocess.Popen(
        [*KG, "extract", str(corpus_with_a_broken_file), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    shown = read_all(controller)
    os.close(controller)
    assert run.wait() == 1
    assert "\r[" in shown and "4/4" in shown
    assert "1/4 000_2902ce684fdbffb1.txt" in shown
    # the error is a line of its own, not glued to the bar
    lines = shown.replace("\x1b[K", "").replace("\r", "\n").splitlines()
    assert any(line.startswith("kg: error:") and "001_zz_image.txt" in line for line in lines)
