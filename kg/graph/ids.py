"""Stable, readable node ids: ``Type/[scope/]name``, e.g. ``Park/黄石港临空商务产业园`` or
``Slogan/黄石港区/五个临空``. An IRI is the mapping's ``id_base`` followed by the id.

Chinese characters are kept as they are (IRIs allow them); characters an IRI path segment cannot
hold (space, ``/ ? # % < > " { } | \\ ^ ` [ ]`` and controls) are percent-encoded, so every id
is one path segment per part. The same input always gives the same ids, and
:class:`IdRegistry` keeps a node's id when a later build renames it (see below).
"""

from __future__ import annotations

import csv
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from kg.io import atomic_writer

_UNSAFE = frozenset(' /?#%<>"{}|\\^`[]')


@functools.lru_cache(maxsize=1 << 16)  # the same document ids and names come back all the time
def segment(text: str) -> str:
    """``text`` as one IRI path segment (percent-encoding only what an IRI cannot hold)."""
    out: list[str] = []
    for ch in text:
        if ch in _UNSAFE or ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
        else:
            out.append(ch)
    return "".join(out)


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def entity_id(type_: str, name: str, scope: str | None = None) -> str:
    if scope:
        return f"{type_}/{segment(scope)}/{segment(name)}"
    return f"{type_}/{segment(name)}"


# node kinds whose ids name their document: their triples are in that document's graph only
DOCUMENT_LOCAL = frozenset({"Document", "Mention", "Sentence", "Section", "Task", "Assertion"})


def document_id(doc: str) -> str:
    return f"Document/{segment(doc)}"


def span_id(kind: str, doc: str, start: int, end: int) -> str:
    """Ids of things that live at a place in one document: sentences, mentions."""
    return f"{kind}/{segment(doc)}/{start}-{end}"


def section_id(doc: str, index: int) -> str:
    return f"Section/{segment(doc)}/{index}"


def task_id(doc: str, text: str) -> str:
    return f"Task/{segment(doc)}/{short_hash(text)}"


def component_id(scope: str | None, text: str) -> str:
    return entity_id("Component", text, scope)


def assertion_id(
    relation: str, doc: str, head: tuple[int, int], tail: tuple[int, int] | None, tail_id: str
) -> str:
    where = f"{head[0]}-{head[1]}/" + (f"{tail[0]}-{tail[1]}" if tail else short_hash(tail_id))
    return f"Assertion/{segment(doc)}/{relation}/{where}"


class IdRegistry:
    """Ids given in earlier builds, by every name (canonical or alias) a node answered to.

    Adding a document can make a longer form the canonical name (临空商务产业园 becomes
    黄石港临空商务产业园); the node keeps the id it had, so links to it stay valid. Stored as
    ``ids.tsv`` in the output folder: id, type, scope, name.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str], str] = {}

    def __len__(self) -> int:
        return len(self._ids)

    @classmethod
    def load(cls, path: str | Path) -> IdRegistry:
        registry = cls()
        p = Path(path)
        if p.is_file():
            with p.open(encoding="utf-8", newline="") as fh:
                rows = csv.reader(fh, delimiter="\t")
                next(rows, None)
                for row in rows:
                    if len(row) == 4:
                        registry._ids[(row[1], row[2], row[3])] = row[0]
        return registry

    def find(self, type_: str, scope: str | None, names: Iterable[str]) -> str | None:
        """The earlier id of the first of ``names`` (canonical first) that had one."""
        for name in names:
            found = self._ids.get((type_, scope or "", name))
            if found:
                return found
        return None

    def add(self, node_id: str, type_: str, scope: str | None, names: Iterable[str]) -> None:
        for name in names:
            self._ids.setdefault((type_, scope or "", name), node_id)

    def save(self, path: str | Path) -> None:
        with atomic_writer(path) as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(("id", "type", "scope", "name"))
            for (type_, scope, name), node_id in sorted(self._ids.items()):
                writer.writerow((node_id, type_, scope, name))
