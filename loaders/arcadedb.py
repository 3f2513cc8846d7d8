"""A private ArcadeDB server speaking Bolt, run from the ``arcadedb-embedded`` wheel (which
ships the server jars and its own Java runtime): what ``kg cypher`` queries and what the tests
load into. It binds 127.0.0.1 on free ports with a random root password, keeps its
configuration and logs in a temporary folder and its databases where the caller says, and is
stopped on exit, on Ctrl-C, on SIGTERM/SIGHUP and at interpreter exit, so no Java process
outlives kg.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from kg.errors import KgError
from kg.io import write_text_atomic

DATABASE = "kg"
USER = "root"
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0
ARCADEDB_DIR = "arcadedb"  # under a build's OUT: the embedded Cypher database
MARKER = "loaded.json"
# a short-lived server on a small graph: the quick compiler only and the simple collector
# start it in about two thirds of the time and load the seeds faster
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")

_running: set[ArcadeServer] = set()


def package_dir() -> Path:
    """The installed ``arcadedb_embedded`` folder (jars/ and jre/), found without importing
    it (importing starts nothing, but pulls in JPype)."""
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise KgError("ArcadeDB is not installed: pip install arcadedb-embedded")
    return Path(next(iter(spec.submodule_search_locations)))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a pre-exec hook asking the kernel to SIGTERM the child when kg dies, even
    by SIGKILL (prctl PR_SET_PDEATHSIG); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def hook() -> None:
        prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)

    return hook


class ArcadeServer:
    """One ArcadeDB server process with the Bolt plugin and one database, ``kg``.

    ``databases``: where the databases live (kept after stop); by default a temporary folder
    removed on stop. ``also``: more databases to create. Use as a context manager, or call
    :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self,
        databases: str | Path | None = None,
        database: str = DATABASE,
        also: tuple[str, ...] = (),
    ) -> None:
        self.database = database
        self.also = also
        self.user = USER
        self.password = secrets.token_urlsafe(24)
        self.bolt_port = 0
        self.http_port = 0
        self.startup_seconds = 0.0
        self._databases = Path(databases) if databases else None
        self._root: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._old_handlers: dict[int, Any] = {}

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def log_path(self) -> Path | None:
        return self._root / "server.log" if self._root else None

    def __enter__(self) -> ArcadeServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def command(self) -> list[str]:
        """The java command line (the password is passed in the environment, not here, so
        other users cannot read it from the process list)."""
        sp = package_dir()
        java = sp / "jre" / "bin" / ("java.exe" if os.name == "nt" else "java")
        if not java.exists():
            raise KgError(f"{java}: the Java runtime of arcadedb-embedded is missing")
        assert self._root is not None
        databases = self._databases or self._root / "databases"
        settings = {
            "arcadedb.server.rootPath": self._root,
            "arcadedb.server.databaseDirectory": databases,
            "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": self.bolt_port,
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": self.http_port,
            "arcadedb.server.defaultDatabases": ";".join(
                f"{name}[{self.user}]" for name in (self.database, *self.also)
            ),
        }
        return [
            str(java),
            *JVM_OPTIONS,
            "-cp",
            str(sp / "jars" / "*"),
            *(f"-D{k}={v}" for k, v in settings.items()),
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the server and return once its database answers over Bolt."""
        if self._process is not None:
            raise KgError("the ArcadeDB server is already running")
        began = time.monotonic()
        self._root = Path(tempfile.mkdtemp(prefix="kg-arcadedb-"))
        if self._databases:
            self._databases.mkdir(parents=True, exist_ok=True)
        self._catch_signals()
        _running.add(self)
        try:
            self._launch()
            self._wait_ready(began + timeout)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began

    def _launch(self) -> None:
        assert self._root is not None
        self.bolt_port, self.http_port = free_port(), free_port()
        env = {**os.environ, "JDK_JAVA_OPTIONS": f"-Darcadedb.server.rootPassword={self.password}"}
        env.pop("JAVA_TOOL_OPTIONS", None)
        log = (self._root / "server.log").open("wb")
        try:
            self._process = subprocess.Popen(
                self.command(),
                cwd=self._root,  # the server writes log/ into its working folder
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches kg, which stops the server itself
                preexec_fn=_parent_death_signal(),
            )
        finally:
            log.close()

    def _wait_ready(self, deadline: float) -> None:
        import neo4j
        import neo4j.exceptions as nx_err

        assert self._process is not None
        with neo4j.GraphDatabase.driver(
            self.uri, auth=(self.user, self.password), connection_timeout=2
        ) as driver:
            while True:
                if self._process.poll() is not None:
                    raise KgError(f"ArcadeDB exited on start: {self._last_log_line()}")
                try:
                    with driver.session(database=self.database) as session:
                        session.run("RETURN 1").consume()
                    return
                except (nx_err.ServiceUnavailable, nx_err.ClientError, OSError) as err:
                    if isinstance(err, nx_err.AuthError) or time.monotonic() > deadline:
                        raise KgError(
                            f"ArcadeDB did not answer on {self.uri}: {self._last_log_line()}"
                        ) from err
                time.sleep(0.1)

    def _last_log_line(self) -> str:
        path = self.log_path
        if not path or not path.exists():
            return "no log"
        text = path.read_text(encoding="utf-8", errors="replace").replace(self.password, "***")
        lines = [ln for ln in text.splitlines() if ln.strip() and "JDK_JAVA_OPTIONS" not in ln]
        errors = [ln for ln in lines if "SEVER" in ln or "Exception" in ln or "Error" in ln]
        return (errors or lines or ["empty log"])[-1].strip()

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop the server (SIGTERM lets it close its databases; SIGKILL to its process group
        after ``timeout``) and remove its temporary folder. Safe to call twice."""
        process, self._process = self._process, None
        try:
            if process is not None and process.poll() is None:
                _signal_group(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout)
                except BaseException:  # too slow, or a second Ctrl-C: do not wait politely
                    _signal_group(process.pid, signal.SIGKILL)
                    process.wait()
                    if not isinstance(sys.exc_info()[1], subprocess.TimeoutExpired):
                        raise
        finally:
            _running.discard(self)
            self._restore_signals()
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
                self._root = None

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP become KeyboardInterrupt while the server runs, so the same
        cleanup as Ctrl-C stops it (only the main thread can install handlers)."""
        if threading.current_thread() is not threading.main_thread():
            return

        def interrupt(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt(f"signal {signum}")

        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
                self._old_handlers[sig] = signal.signal(sig, interrupt)

    def _restore_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig, handler in self._old_handlers.items():
            signal.signal(sig, handler)
        self._old_handlers.clear()


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


@atexit.register
def _stop_all() -> None:
    for server in list(_running):
        server.stop()


# --- the embedded database of a build (kg cypher) ---


def graph_digest(out: str | Path) -> str:
    """The SHA-256 of ``OUT/graph.json``: the marker that says which graph a database holds."""
    from kg.graph.store import GRAPH_FILE

    path = Path(out) / GRAPH_FILE
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError:
        raise KgError(f"{path}: no graph here; run `kg build CORPUS -o {out}` first") from None
    return digest.hexdigest()


def is_loaded(home: Path, digest: str) -> bool:
    try:
        marker = json.loads((home / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(marker.get("graph_sha256") == digest and (home / "databases" / DATABASE).is_dir())


@contextlib.contextmanager
def _lock(home: Path) -> Iterator[None]:
    """One ``kg cypher`` per build at a time (two servers cannot share a database)."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        lock = (home / ".lock").open("w")
    except OSError as err:
        raise KgError(f"{home}: cannot keep the Cypher database here: {err.strerror}") from err
    with lock as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass
        except OSError:
            raise KgError(f"{home}: in use by another `kg cypher`; wait for it to end") from None
        yield


@contextlib.contextmanager
def embedded(out: str | Path, *, quiet: bool = False) -> Iterator[tuple[ArcadeServer, Any]]:
    """ArcadeDB serving the graph of ``OUT`` from ``OUT/arcadedb``, with a connected driver.

    The graph is loaded (with the Neo4j loader) unless the database already holds this very
    graph.json; the marker is written only after a complete load.
    """
    import neo4j

    from kg.graph.store import load_graph
    from kg.loaders.neo4j import bolt_errors, load

    digest = graph_digest(out)
    home = Path(out) / ARCADEDB_DIR
    with _lock(home):
        fresh = not is_loaded(home, digest)
        if fresh:
            (home / MARKER).unlink(missing_ok=True)
            shutil.rmtree(home / "databases", ignore_errors=True)
        with ArcadeServer(home / "databases") as server:
            driver = neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password))
            try:
                if fresh:
                    began = time.monotonic()
                    summary = load(
                        driver, load_graph(out), database=server.database, where=server.uri
                    )
                    marker = {"graph_sha256": digest, "loaded_seconds": time.monotonic() - began}
                    write_text_atomic(home / MARKER, json.dumps(marker) + "\n")
                    if not quiet:
                        n = sum(c.total for c in summary.nodes.values())
                        r = sum(c.total for c in summary.relationships.values())
                        print(
                            f"kg: loaded {n} nodes, {r} relationships into {home}",
                            file=sys.stderr,
                        )
                with bolt_errors("cypher", server.user, server.database):
                    yield server, driver
            finally:
                driver.close()


def forget(out: str | Path) -> None:
    """Drop the marker, so the next ``kg cypher`` reloads (after a query changed the data)."""
    (Path(out) / ARCADEDB_DIR / MARKER).unlink(missing_ok=True)
