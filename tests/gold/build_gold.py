"""Build the gold JSON files from hand-marked annotation sources.

Each seed document ``examples/corpus/NAME.txt`` has an annotation source
``tests/gold/src/NAME.ann.txt``: the document text, unchanged, with entity mentions wrapped in
``⟦Type|text⟧`` or ``⟦Type|text|canonical⟧`` (``⟦?|text⟧`` marks a genuinely ambiguous string that
evaluation ignores), and ``tests/gold/src/NAME.rel.tsv`` with one relation per line:
``type<TAB>head<TAB>tail[<TAB>role]``. This script strips the markup, checks that what is left is
exactly the document, and writes ``tests/gold/NAME.json`` with character offsets.

    python tests/gold/build_gold.py            # all documents with a source
    python tests/gold/build_gold.py 000        # documents whose name starts with 000
    python tests/gold/build_gold.py --corpus ../shared/corpus-extra --gold tests/gold_extra

The second form builds another gold set (sources in GOLD/src/) over another corpus folder.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from kg.records import ENTITY_TYPES as ENTITY_TYPES_ORDERED
from kg.records import RELATION_TYPES as RELATION_TYPES_ORDERED

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
GOLD = Path(__file__).resolve().parent

ENTITY_TYPES = set(ENTITY_TYPES_ORDERED)
RELATION_TYPES = set(RELATION_TYPES_ORDERED)
MARK = re.compile(r"⟦([^|⟦⟧]+)\|([^|⟦⟧]+)(?:\|([^|⟦⟧]+))?⟧")


def parse_annotations(marked: str, name: str) -> tuple[str, list[dict], list[dict]]:
    """Strip markup; return (plain text, entities, ignore spans) with offsets into plain text."""
    plain: list[str] = []
    entities: list[dict] = []
    ignore: list[dict] = []
    pos = 0  # position in plain text
    last = 0
    for m in MARK.finditer(marked):
        chunk = marked[last : m.start()]
        if "⟦" in chunk or "⟧" in chunk:
            raise SystemExit(f"{name}: malformed markup near {chunk[-40:]!r}")
        plain.append(chunk)
        pos += len(chunk)
        typ, text, canonical = m.group(1).strip(), m.group(2), m.group(3)
        start, end = pos, pos + len(text)
        if typ == "?":
            ignore.append({"text": text, "start": start, "end": end})
        elif typ in ENTITY_TYPES:
            entities.append(
                {
                    "type": typ,
                    "text": text,
                    "start": start,
                    "end": end,
                    "canonical": (canonical or text).strip(),
                }
            )
        else:
            raise SystemExit(f"{name}: unknown entity type {typ!r} at {text!r}")
        plain.append(text)
        pos = end
        last = m.end()
    tail = marked[last:]
    if "⟦" in tail or "⟧" in tail:
        raise SystemExit(f"{name}: malformed markup near {tail[:40]!r}")
    plain.append(tail)
    return "".join(plain), entities, ignore


def parse_relations(path: Path) -> list[dict]:
    relations: list[dict] = []
    if not path.exists():
        return relations
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] not in RELATION_TYPES:
            raise SystemExit(f"{path.name}:{n}: expected type<TAB>head<TAB>tail[<TAB>role]")
        rel = {"type": parts[0], "head": parts[1].strip(), "tail": parts[2].strip(), "attrs": {}}
        if len(parts) > 3 and parts[3].strip():
            rel["attrs"]["role"] = parts[3].strip()
        relations.append(rel)
    return relations


def build(stem: str, corpus: Path = CORPUS, gold: Path = GOLD) -> Path:
    source = (corpus / f"{stem}.txt").read_text(encoding="utf-8")
    marked = (gold / "src" / f"{stem}.ann.txt").read_text(encoding="utf-8")
    plain, entities, ignore = parse_annotations(marked, stem)
    if plain != source:
        i = next(
            (k for k, (a, b) in enumerate(zip(plain, source, strict=False)) if a != b),
            min(len(plain), len(source)),
        )
        raise SystemExit(
            f"{stem}: annotated text differs from the document at offset {i}: "
            f"annotated {plain[max(0, i - 20) : i + 20]!r} "
            f"vs document {source[max(0, i - 20) : i + 20]!r}"
        )
    for e in entities:
        assert source[e["start"] : e["end"]] == e["text"]
    out = gold / f"{stem}.json"
    data = {
        "doc": f"{stem}.txt",
        "entities": entities,
        "relations": parse_relations(gold / "src" / f"{stem}.rel.tsv"),
        "ignore": ignore,
    }
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("prefixes", nargs="*", help="only documents whose name starts so")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the documents")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold folder (sources in src/)")
    args = parser.parse_args()
    stems = sorted(p.name[: -len(".ann.txt")] for p in (args.gold / "src").glob("*.ann.txt"))
    if args.prefixes:
        stems = [s for s in stems if any(s.startswith(a) for a in args.prefixes)]
    for stem in stems:
        out = build(stem, args.corpus, args.gold)
        data = json.loads(out.read_text(encoding="utf-8"))
        print(
            f"{out.name}: {len(data['entities'])} entities, {len(data['relations'])} relations, "
            f"{len(data['ignore'])} ignored"
        )


if __name__ == "__main__":
    main()
