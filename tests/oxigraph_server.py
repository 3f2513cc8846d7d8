"""A real Oxigraph server (``oxigraph serve``, from the pip package ``oxigraph`` in the test
extra) on a free port of 127.0.0.1, for the tests of kg load sparql and of the canned queries
on another engine. Started and stopped by the fixtures that use it."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

START_DEADLINE_S = 30.0  # a guard against a server that never comes up, not a measurement
# requests to the local server must not go through a proxy the machine may have configured
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def oxigraph_binary() -> str:
    """The ``oxigraph`` CLI installed beside this Python (the test extra), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_DEADLINE_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited with status {process.returncode}")
        try:
            with DIRECT.open(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"oxigraph serve did not answer at {url}")


def load(location: Path, file: Path) -> None:
    """Bulk-load an RDF file into the database folder a server will serve."""
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(file)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def serve(location: Path, *, union_default_graph: bool = False) -> Iterator[str]:
    """The base URL of ``oxigraph serve`` on ``location`` (GSP at /store, SPARQL at /query)."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(location)]
    command += ["--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
