"""``kg cypher``: Cypher over a fresh build with nothing to set up; kg starts ArcadeDB itself,
loads the graph once, answers and stops it, leaving no Java process behind."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.cli import main

FIVE = {"科创临空", "产业临空", "生态临空", "智慧临空", "人文临空"}
SERVER_CLASS = "com.arcadedb.server.ArcadeDBServer"
DEADLINE_S = 120.0  # a guard against a hang, not a measurement


def arcadedb_processes(out: Path) -> list[int]:
    """Pids of ArcadeDB servers serving ``out`` (read from /proc: their command lines name
    the database folder, so servers of other tests or users do not count)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if SERVER_CLASS in cmdline and str(out / "arcadedb") in cmdline:
            pids.append(int(entry.name))
    return pids


def copy_of(build: Path, target: Path) -> Path:
    """A build folder of its own (``kg cypher`` keeps its database in it)."""
    target.mkdir()
    shutil.copy(build / "graph.json", target / "graph.json")
    return target


@pytest.fixture
def out(seed_build: Path, tmp_path: Path) -> Path:
    """A fresh build folder, never queried before."""
    return copy_of(seed_build, tmp_path / "out")


@pytest.fixture(scope="module")
def shared(seed_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder the tests below share, loaded by the first to query it."""
    return copy_of(seed_build, tmp_path_factory.mktemp("shared") / "out")


pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")


def test_slogan_components_right_after_a_build_and_no_java_left(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = "MATCH (s:Slogan {name:'五个临空'})-[:DEFINED_AS]->(c) RETURN c.name"
    assert main(["cypher", str(out), query, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert {row["c.name"] for row in json.loads(captured.out)} == FIVE
    assert captured.err.startswith("kg: loaded ")
    assert arcadedb_processes(out) == []
    assert (out / "arcadedb" / "databases" / "kg").is_dir()


def test_the_second_query_reuses_the_database_until_the_graph_changes(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = "MATCH (d:Document) RETURN count(d) AS documents"
    assert main(["cypher", str(out), count, "--format", "csv"]) == 0
    first = capsys.readouterr()
    assert first.out == "documents\n5\n" and "loaded" in first.err
    assert main(["cypher", str(out), count, "--format", "csv"]) == 0
    second = capsys.readouterr()
    assert second.out == first.out and "loaded" not in second.err
    graph = out / "graph.json"
    graph.write_text(graph.read_text(encoding="utf-8") + " \n", encoding="utf-8")
    assert main(["cypher", str(out), count, "--format", "csv"]) == 0
    third = capsys.readouterr()
    assert third.out == first.out and "loaded" in third.err


def test_canned_query_with_a_parameter(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["cypher", str(shared), "--query", "slogans", "--param", "name=五个临空"]
    assert main([*argv, "--param", "district=黄石港区", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    assert set(rows[0]["components"].split("、")) == FIVE
    assert rows[0]["n_components"] == 5 and rows[0]["count_matches"] is True


def test_query_from_a_file_and_an_unknown_parameter(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = tmp_path / "parks.cypher"
    query.write_text(
        "// parks of a district\n"
        "MATCH (p:Park) WHERE p.district = $district RETURN p.name AS park ORDER BY park\n",
        encoding="utf-8",
    )
    argv = ["cypher", str(shared), "--file", str(query)]
    assert main([*argv, "--param", "district=黄石港区"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0] == "park" and "黄石港临空商务产业园" in table
    assert main([*argv, "--param", "distrcit=黄石港区"]) == 2
    err = capsys.readouterr().err
    assert err == "kg: error: --param distrcit: the query has no $distrcit (it has: district)\n"


def test_a_bad_query_is_a_one_line_error_and_stops_the_server(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cypher", str(shared), "MATCH (n RETURN n"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("kg: error: cypher: ") and "SyntaxError" in err[-1]
    assert all(line.startswith("kg: ") for line in err)
    assert arcadedb_processes(shared) == []


def test_no_graph_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cypher", str(tmp_path), "RETURN 1"]) == 2
    err = capsys.readouterr().err
    assert "graph.json: no graph here; run `kg build" in err and err.count("\n") == 1


def test_shell_answers_each_query_from_standard_input(
    shared: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = (
        "// one query a statement\n"
        "MATCH (s:Slogan {name: $name})\n  -[:DEFINED_AS]->(c)\nRETURN count(c) AS parts;\n"
        "MATCH (d:Document) RETURN count(d) AS documents;\n"
        "MATCH (n RETURN n;\n"
        "MATCH (p:Park {name: '黄石港临空商务产业园'}) RETURN p.first_year AS first;\n"
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    argv = ["cypher", str(shared), "--shell", "--format", "csv", "--param", "name=五个临空"]
    assert main(argv) == 1  # one query failed; the others were answered
    captured = capsys.readouterr()
    assert captured.out == "parts\n5\ndocuments\n5\nfirst\n2020\n"
    assert captured.err.count("kg: error: cypher: ") == 1
    assert arcadedb_processes(shared) == []


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"kg cypher ended early: {process.communicate()[1].decode()}")
        if time.monotonic() > deadline:
            pytest.fail("kg cypher did not load the graph")
        time.sleep(0.2)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupting_the_shell_stops_java(out: Path, sig: signal.Signals) -> None:
    kg = Path(sys.executable).parent / "kg"
    process = subprocess.Popen(
        [str(kg), "cypher", str(out), "--shell"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for((out / "arcadedb" / "loaded.json").exists, process)
        java = arcadedb_processes(out)
        assert len(java) == 1
        process.send_signal(sig)
        _, err = process.communicate(timeout=DEADLINE_S)
        assert process.returncode == 130
        assert b"kg: interrupted" in err
        assert arcadedb_processes(out) == []
        assert not Path(f"/proc/{java[0]}").exists()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in arcadedb_processes(out):
            os.kill(pid, signal.SIGKILL)
