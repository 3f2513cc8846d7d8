"""Plain-text products of a run: the JSONL records, summary counts, the alias-merge table."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from kg.errors import InputError
from kg.records import DocRecord


def jsonl_lines(records: Iterable[DocRecord]) -> Iterator[str]:
    """One SPEC JSON object per line, one line per document."""
    return (json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)


def jsonl(records: Iterable[DocRecord]) -> str:
    """The lines of :func:`jsonl_lines` as one string."""
    return "".join(jsonl_lines(records))


def summary(records: list[DocRecord], errors: list[InputError]) -> dict[str, Any]:
    """Counts a reader checks first: documents, entities and relations per type, failures."""
    return {
        "documents": [
            {k: v for k, v in r.doc.to_json().items() if k in ("id", "district", "year", "kind")}
            | {"entities": len(r.entities), "relations": len(r.relations)}
            for r in records
        ],
        "entities": dict(sorted(Counter(e.type for r in records for e in r.entities).items())),
        "relations": dict(sorted(Counter(x.type for r in records for x in r.relations).items())),
        "failed": [{"path": e.path, "problem": e.problem} for e in errors],
        "warnings": [{"path": r.doc.path, "warning": w} for r in records for w in r.warnings],
    }


def merges_tsv(records: list[DocRecord]) -> str:
    """Every surface resolved to another canonical name, with the reason, for review."""
    rows: Counter[tuple[str, str, str, str, str]] = Counter()
    for r in records:
        for e in r.entities:
            if e.canonical != e.text:
                reason = str(e.attrs.get("alias_reason", ""))
                rows[(r.doc.district or "", e.type, e.text, e.canonical, reason)] += 1
    lines = ["district\ttype\talias\tcanonical\treason\tmentions"]
    lines += ["\t".join((*k, str(n))) for k, n in sorted(rows.items())]
    return "\n".join(lines) + "\n"


def print_summary(data: dict[str, Any], out: Any = sys.stdout) -> None:
    """The summary as a few lines for a terminal."""
    docs = data["documents"]
    print(
        f"{len(docs)} documents, {sum(d['entities'] for d in docs)} entities, "
        f"{sum(d['relations'] for d in docs)} relations",
        file=out,
    )
    for d in docs:
        print(
            f"  {d['id']}: {d['district'] or '?'} {d['year'] or '?'} {d['kind']}: "
            f"{d['entities']} entities, {d['relations']} relations",
            file=out,
        )
    print("  entities:  " + ", ".join(f"{k} {v}" for k, v in data["entities"].items()), file=out)
    print("  relations: " + ", ".join(f"{k} {v}" for k, v in data["relations"].items()), file=out)
    if data["failed"]:
        print(f"{len(data['failed'])} failed:", file=out)
        for f in data["failed"]:
            print(f"  {f['path']}: {f['problem']}", file=out)
