"""Helper processes (kg/background.py): the same results as in-process work, deaf to Ctrl-C,
and gone when the build stops early."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.build
from kg.background import Background
from kg.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
KG = Path(sys.executable).with_name("kg")
GUARD_S = 60.0  # against a hang, not a measurement


def test_results_and_errors_come_back_as_from_a_call() -> None:
    for workers in (0, 1):
        with Background(workers) as helpers:
            assert helpers.submit(divmod, 7, 2).result() == (3, 1)
            with pytest.raises(ZeroDivisionError):
                helpers.submit(divmod, 1, 0).result()


def test_a_helper_ignores_ctrl_c_and_ends_when_told() -> None:
    helpers = Background(1)
    pid = helpers.submit(os.getpid).result()
    assert pid != os.getpid()
    os.kill(pid, signal.SIGINT)  # what a terminal sends the whole process group
    assert helpers.submit(os.getpid).result() == pid
    helpers.submit(time.sleep, GUARD_S)
    helpers.close(finished=False)  # as when the build is interrupted: no waiting for the task
    deadline = time.monotonic() + GUARD_S
    while _alive(pid):
        assert time.monotonic() < deadline, "the helper outlived close()"
        time.sleep(0.01)


def test_helpers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    """SIGKILL gives a build no chance to end its helpers: they must notice by themselves."""
    build = subprocess.Popen(
        [str(KG), "build", str(SEEDS), "-o", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + GUARD_S
    while len(children := _children(build.pid)) < 2:  # the helpers start with the build
        assert build.poll() is None, "the build ended before its helpers were seen"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    build.kill()
    build.wait()
    while any(_alive(pid) for pid in children):
        assert time.monotonic() < deadline, "a helper outlived its killed build"
        time.sleep(0.01)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(c) for c in text.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_a_build_with_helpers_writes_what_one_without_writes(
    seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SHACL check and the pictures done in helper processes (the session's seed build,
    on this machine's CPUs) and in the build's own process give the same files."""
    monkeypatch.setattr(kg.build, "helper_count", lambda: 0)
    alone = tmp_path / "alone"
    assert main(["build", str(SEEDS), "-o", str(alone)]) == 0
    names = sorted(p.name for p in alone.iterdir() if p.is_file())
    assert names == sorted(p.name for p in seed_build.iterdir() if p.is_file())
    for name in names:
        assert (alone / name).read_bytes() == (seed_build / name).read_bytes(), name
