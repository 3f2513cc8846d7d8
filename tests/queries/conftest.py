"""The seed graph for the canned queries: the embedded store of the session's seed build, and
the same graph served by a real Oxigraph server with the union default graph (as the queries'
README tells users of other engines to configure it)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.rdf.sparql import open_store, select
from kg.resources import queries_path

START_DEADLINE_S = 30.0  # a guard against a server that never comes up, not a measurement

Ask = Callable[..., list[dict[str, Any]]]
# requests to the local server must not go through a proxy the machine may have configured
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def canned(name: str) -> str:
    """The text of ``queries/NAME.rq``."""
    return queries_path(f"{name}.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_store(seed_build: Path) -> ox.Store:
    """The embedded store ``kg build`` wrote for the seeds, opened once."""
    return open_store(seed_build)


@pytest.fixture(scope="session")
def ask(seed_store: ox.Store) -> Ask:
    """``ask("slogans", district="黄石港区")``: a canned query's rows as dicts."""

    def run(query: str, /, **params: str) -> list[dict[str, Any]]:
        return select(seed_store, canned(query), params).records()

    return run


def _oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def _free_port() -> int:
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


@pytest.fixture(scope="module")
def union_server(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The SPARQL query URL of ``oxigraph serve --union-default-graph`` on a free port of
    127.0.0.1, holding the seeds' ``graph.trig``; stopped after the module."""
    binary = _oxigraph_binary()
    location = tmp_path_factory.mktemp("oxigraph")
    subprocess.run(
        [binary, "load", "--location", str(location), "--file", str(seed_build / "graph.trig")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", process)
        yield base + "/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
