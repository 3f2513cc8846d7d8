"""A build killed mid-way and run again ends complete and consistent, with no temporary files.

(A second build into the same folder giving the same bytes is tests/test_build.py.)
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bad_input_support import SEEDS, hidden_entries

from kg.cli import main

KG = Path(sys.executable).with_name("kg")
GUARD_S = 300.0  # against a hang, not a measurement


def test_killed_build_is_completed_by_the_next_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, corpus / seed.name)
        shutil.copy(seed, corpus / f"copy_{seed.name}")
    out = tmp_path / "out"
    build = subprocess.Popen(
        [str(KG), "build", str(corpus), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + GUARD_S
    # kill it as soon as it has a temporary file open in OUT: it is writing
    while not (out.is_dir() and hidden_entries(out)):
        assert build.poll() is None, "the build finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()

    assert main(["build", str(corpus), "-o", str(out)]) == 0
    assert hidden_entries(out) == []
    clean = tmp_path / "clean"
    assert main(["build", str(corpus), "-o", str(clean)]) == 0
    for name in ("extraction.jsonl", "graph.json", "graph.ttl", "graph.trig", "summary.json"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
