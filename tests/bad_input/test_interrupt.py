"""Ctrl-C during ``--jobs 2``: the run stops with one line and status 130, no worker is left
running, and nothing is half-written (an earlier build stays whole, byte for byte). A worker
killed by someone else (the out-of-memory killer, say) ends the run the same way, status 2.

A terminal sends SIGINT to its whole foreground process group, kg and its pool workers alike;
each run here is started in a session of its own and the signal is sent to that group.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad_input_support import SEEDS, hidden_entries

KG = Path(sys.executable).with_name("kg")
GUARD_S = 120.0  # against a hang, not a measurement
COPIES = 3  # the seeds three times: the run is far from done when it is interrupted
INTERRUPTED = "kg: interrupted"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds copied under distinct names."""
    folder = tmp_path_factory.mktemp("interrupt") / "corpus"
    folder.mkdir()
    for copy in range(COPIES):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, folder / f"copy{copy}_{seed.name}")
    return folder


@pytest.fixture
def earlier_build(seed_build: Path, tmp_path: Path) -> Path:
    """OUT holding a complete build of the seeds, as a user's earlier run left it."""
    out = tmp_path / "out"
    shutil.copytree(seed_build, out)
    return out


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def start(args: list[str], stderr: int) -> subprocess.Popen[bytes]:
    """``kg ARGS`` in a session (and process group) of its own, as a terminal's foreground job."""
    return subprocess.Popen(
        [str(KG), *args], stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
    )


def children(pid: int) -> list[int]:
    """Process ids of the live children of ``pid``."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += map(int, (task / "children").read_text().split())
        except FileNotFoundError:  # the thread has just ended
            continue
    return found


def wait_for_workers(run: subprocess.Popen[bytes], deadline: float) -> None:
    """Return once ``run`` has its two pool workers."""
    while len(children(run.pid)) < 2:
        assert run.poll() is None, "kg ended before its workers started"
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.01)


def assert_group_gone(pgid: int, deadline: float) -> None:
    """No process of the group is left (kg itself has been waited for)."""
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        assert time.monotonic() < deadline, f"processes of group {pgid} are still running"
        time.sleep(0.01)


def interrupt(run: subprocess.Popen[bytes], deadline: float) -> int:
    """Ctrl-C: SIGINT to the whole group; kg's exit status once it and its workers are gone."""
    os.killpg(run.pid, signal.SIGINT)
    status = run.wait(timeout=max(deadline - time.monotonic(), 1.0))
    assert_group_gone(run.pid, deadline)
    return status


def skip_without_proc() -> None:
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to see the worker processes")


def test_ctrl_c_while_the_workers_start_leaves_the_earlier_build(
    corpus: Path, earlier_build: Path
) -> None:
    skip_without_proc()
    before = contents(earlier_build)
    deadline = time.monotonic() + GUARD_S
    run = start(["build", str(corpus), "-o", str(earlier_build), "--jobs", "2"], subprocess.PIPE)
    assert run.stderr is not None
    wait_for_workers(run, deadline)
    assert interrupt(run, deadline) == 130
    assert run.stderr.read().decode() == INTERRUPTED + "\n"  # no traceback from any worker
    assert hidden_entries(earlier_build) == []
    assert contents(earlier_build) == before


def screen_lines(shown: str) -> list[str]:
    """The lines a terminal shows for ``shown``: each bar redraw (``\\r``) overwrites the last."""
    lines = shown.replace("\x1b[K", "").replace("\r\n", "\n").split("\n")
    return [line.rsplit("\r", 1)[-1] for line in lines if line.rsplit("\r", 1)[-1]]


class Terminal:
    """A pty for kg's stderr, read as it is written."""

    def __init__(self) -> None:
        self.controller, self.terminal = pty.openpty()
        self.shown = b""

    def read_until(self, text: bytes, run: subprocess.Popen[bytes], deadline: float) -> None:
        while text not in self.shown:
            assert run.poll() is None, f"kg ended before showing {text!r}"
            assert time.monotonic() < deadline, f"kg never showed {text!r}"
            if select.select([self.controller], [], [], 0.1)[0]:
                self.shown += os.read(self.controller, 4096)

    def read_rest(self) -> str:
        """Everything until kg and its workers have closed the terminal."""
        while True:
            try:
                chunk = os.read(self.controller, 4096)
            except OSError:  # EIO: no writer is left
                break
            if not chunk:
                break
            self.shown += chunk
        return self.shown.decode("utf-8", errors="replace")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    term = Terminal()
    yield term
    os.close(term.controller)


def test_ctrl_c_at_a_terminal_while_documents_are_extracted(
    corpus: Path, earlier_build: Path, terminal: Terminal
) -> None:
    skip_without_proc()
    before = contents(earlier_build)
    total = len(list(corpus.iterdir()))
    deadline = time.monotonic() + GUARD_S
    run = start(["build", str(corpus), "-o", str(earlier_build), "--jobs", "2"], terminal.terminal)
    os.close(terminal.terminal)
    # the first document is done and the workers are busy with the next ones
    terminal.read_until(f"] 1/{total} ".encode(), run, deadline)
    assert interrupt(run, deadline) == 130
    shown = terminal.read_rest()
    assert "Traceback" not in shown
    assert screen_lines(shown) == [INTERRUPTED]  # the progress bar is replaced, not appended to
    assert hidden_entries(earlier_build) == []
    assert contents(earlier_build) == before


@pytest.mark.parametrize("existing", [None, "an earlier extraction\n"])
def test_ctrl_c_during_extract_writes_nothing(
    corpus: Path, tmp_path: Path, existing: str | None
) -> None:
    skip_without_proc()
    target = tmp_path / "records.jsonl"
    if existing is not None:
        target.write_text(existing, encoding="utf-8")
    deadline = time.monotonic() + GUARD_S
    run = start(["extract", str(corpus), "--jobs", "2", "-o", str(target)], subprocess.PIPE)
    assert run.stderr is not None
    wait_for_workers(run, deadline)
    assert interrupt(run, deadline) == 130
    assert run.stderr.read().decode() == INTERRUPTED + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ([] if existing is None else [target.name])
    if existing is not None:
        assert target.read_text(encoding="utf-8") == existing


def test_a_worker_killed_by_the_system_ends_the_run_with_one_line(
    corpus: Path, tmp_path: Path
) -> None:
    skip_without_proc()
    target = tmp_path / "records.jsonl"
    deadline = time.monotonic() + GUARD_S
    run = start(["extract", str(corpus), "--jobs", "2", "-o", str(target)], subprocess.PIPE)
    assert run.stderr is not None
    wait_for_workers(run, deadline)
    os.kill(children(run.pid)[0], signal.SIGKILL)
    status = run.wait(timeout=GUARD_S)
    assert_group_gone(run.pid, deadline)
    assert (status, run.stderr.read().decode()) == (
        2,
        "kg: error: an extraction worker ended unexpectedly (killed, or out of memory?)\n",
    )
    assert list(tmp_path.iterdir()) == []
