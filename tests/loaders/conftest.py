"""An empty Oxigraph server for each test of kg load sparql."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import free_port, serve


@pytest.fixture
def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on."""
    return free_port()


@pytest.fixture
def oxigraph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The base URL of an empty Oxigraph server: GSP at ``/store``, SPARQL at ``/query``."""
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # an http_proxy of the machine must not apply
    with serve(tmp_path / "oxigraph") as base:
        yield base
