"""Writers that take an RDF dataset one named graph at a time (see
:func:`kg.rdf.convert.graph_chunks`), so that writing a corpus never holds more than one
document's quads: RDF files, the embedded store, and (in :mod:`kg.rdf.validate`) the SHACL
check. Each writes to a temporary place; :meth:`Sink.commit` puts the result where it belongs,
:meth:`Sink.abort` removes it, so a run that fails part-way leaves the old outputs whole.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from kg.io import StagedFile
from kg.rdf.serialize import OX_FORMATS, PREFIXES, JsonLdWriter

STORE_DIR = "store"
STORE_BATCH = 250_000  # quads bulk-loaded into the store at a time (Oxigraph buffers each)


class Sink(Protocol):
    def add(self, chunk: list[ox.Quad]) -> None:
        """Take the quads of one named graph (or one part of it)."""

    def finish(self) -> None:
        """Complete the output in its temporary place (after the last chunk)."""

    def commit(self) -> Path | None:
        """Put the finished output where it belongs; the path written, if any."""

    def abort(self) -> None:
        """Remove whatever was written (after a failure)."""


def write_chunks(chunks: Iterable[list[ox.Quad]], sinks: Sequence[Sink]) -> None:
    """Hand every chunk to every sink, then finish them; on any failure abort them all."""
    try:
        for chunk in chunks:
            for sink in sinks:
                sink.add(chunk)
        for sink in sinks:
            sink.finish()
    except BaseException:
        for sink in sinks:
            sink.abort()
        raise


class MergedTriples:
    """The triples of the formats that merge all graphs (Turtle, N-Triples), chunk by chunk,
    each triple once. ``shared`` tells which quads may repeat in another graph (an entity's
    type, in every graph that mentions it): only those are remembered, which keeps memory to
    them. One instance serves every merged sink of a run, so the work is done once a chunk."""

    def __init__(self, shared: Callable[[ox.Quad], bool] = lambda _quad: True) -> None:
        self.shared = shared
        self.seen: set[ox.Triple] = set()
        self.last: tuple[list[ox.Quad], list[ox.Triple]] | None = None

    def __call__(self, chunk: list[ox.Quad]) -> list[ox.Triple]:
        """The triples of ``chunk`` not given before (the same list again for the same chunk)."""
        if self.last is not None and self.last[0] is chunk:
            return self.last[1]
        out: dict[ox.Triple, None] = {}
        for q in chunk:
            triple = q.triple
            if self.shared(q):
                if triple in self.seen:
                    continue
                self.seen.add(triple)
            out[triple] = None
        self.last = (chunk, list(out))
        return self.last[1]

    def clear(self) -> None:
        self.seen.clear()
        self.last = None


class RdfFileSink:
    """One RDF file: Turtle or N-Triples (all graphs merged, each triple once, see
    :class:`MergedTriples`), N-Quads or TriG (one named graph per document), or compact
    JSON-LD."""

    def __init__(self, path: str | Path, fmt: str, merged: MergedTriples | None = None) -> None:
        self.fmt = fmt
        self.staged = StagedFile(path)
        self.merged = merged or MergedTriples()
        self.header = b""
        self.jsonld: JsonLdWriter | None = None
        if fmt == "jsonld":
            self.text: IO[str] = self.staged.path.open("w", encoding="utf-8", newline="\n")
            self.jsonld = JsonLdWriter(self.text)
        else:
            self.binary: IO[bytes] = self.staged.path.open("wb")
            self.ox_format, self.named = OX_FORMATS[fmt]
            self.prefixes = (
                PREFIXES if self.ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            )

    def add(self, chunk: list[ox.Quad]) -> None:
        if self.jsonld is not None:
            self.jsonld.add(chunk)
            return
        data: list[ox.Quad] | list[ox.Triple] = chunk if self.named else self.merged(chunk)
        payload = ox.serialize(data, format=self.ox_format, prefixes=self.prefixes) or b""
        if self.prefixes:  # the prefix lines once, at the top of the file
            if not self.header:
                self.header = payload[: _prefix_block_end(payload)]
            elif payload.startswith(self.header):
                payload = payload[len(self.header) :]
        self.binary.write(payload)

    def finish(self) -> None:
        if self.jsonld is not None:
            self.jsonld.close()
            self.text.close()
        else:
            self.binary.close()
        self.merged.clear()

    def commit(self) -> Path:
        return self.staged.commit()

    def abort(self) -> None:
        for fh in (getattr(self, "text", None), getattr(self, "binary", None)):
            if fh is not None:
                fh.close()
        self.staged.abort()


def _prefix_block_end(payload: bytes) -> int:
    """Where the ``@prefix`` lines at the top of a Turtle or TriG serialisation end."""
    pos = 0
    while payload.startswith(b"@prefix ", pos):
        pos = payload.index(b"\n", pos) + 1
    return pos


class StoreSink:
    """The embedded SPARQL store (Oxigraph) in ``out_dir/store``: bulk-loaded into a new folder,
    which replaces the old store only on :meth:`commit`."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        for stale in self.out.glob(".store.*"):  # left by a build killed while loading
            shutil.rmtree(stale, ignore_errors=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=self.out))
        self.store: ox.Store | None = ox.Store(str(self.tmp))
        self.batch: list[ox.Quad] = []

    def add(self, chunk: list[ox.Quad]) -> None:
        self.batch.extend(chunk)
        if len(self.batch) >= STORE_BATCH:
            self._load()

    def _load(self) -> None:
        assert self.store is not None
        self.store.bulk_extend(self.batch)
        self.batch = []

    def finish(self) -> None:
        assert self.store is not None
        self._load()
        self.store.flush()
        self.store.optimize()
        self.store = None  # closes the database

    def commit(self) -> Path:
        target = self.out / STORE_DIR
        old = self.out / f".store.old.{self.tmp.name}"
        if target.exists():
            target.rename(old)
        self.tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return target

    def abort(self) -> None:
        self.store = None
        self.batch = []
        shutil.rmtree(self.tmp, ignore_errors=True)
