"""Build kg's administrative-division gazetteer from jionlp's china_location data (one-off).

Usage::

    pip download --no-deps jionlp          # a wheel; unzip jionlp/dictionary/ from it
    python scripts/build_admin_gazetteer.py path/to/china_location.zip \
        [--changes path/to/china_location_change.txt] [--out kg/gazetteer/data]

The source is a tab-indented tree (province / city / county with code and short name, then
township and village names without codes). Writes ``admin_divisions.tsv.gz`` (province, city,
county, town rows), ``admin_villages.tsv.gz`` (village and community names grouped by parent)
and ``NOTICE``. Township and village codes are synthetic (parent code + sequence number),
stable only for one build of one source file. kg does not depend on jionlp at run time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "gazetteer" / "data"
LEVELS = ("province", "city", "county", "town", "village")


@dataclass
class Node:
    """One division while building."""

    code: str
    name: str
    level: str
    parent: str
    aliases: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)


def read_source(zip_path: Path) -> list[str]:
    """Return the lines of china_location.txt inside the jionlp zip."""
    with zipfile.ZipFile(zip_path) as zf:
        member = next(n for n in zf.namelist() if n.endswith("china_location.txt"))
        return zf.read(member).decode("utf-8").splitlines()


def make_stripper(patterns: list[str], min_len: int) -> Callable[[str], str | None]:
    """Return a function giving the short form of a name, or None."""
    compiled = [re.compile(p) for p in patterns]

    def strip(name: str) -> str | None:
        current = name
        for _ in range(2):  # 三官殿办事处街道 needs two passes
            for rx in compiled:
                short = rx.sub("", current)
                if short != current and len(short) >= min_len:
                    current = short
                    break
        return current if current != name else None

    return strip


def build(lines: list[str], rules: dict[str, Any]) -> tuple[list[Node], dict[str, list[str]]]:
    """Parse the tree into division rows and village lists keyed by parent code."""
    pseudo = set(rules["pseudo_divisions"])
    town_short = make_stripper(rules["town_suffixes"], rules["min_short_length"])
    endings = tuple(rules["prefixed_town_endings"])
    nodes: list[Node] = []
    by_code: dict[str, Node] = {}
    villages: dict[str, list[str]] = {}
    stack: list[str] = []  # stack[depth] = code of the nearest real division at that depth
    seq: dict[str, int] = {}

    def next_code(stem: str, width: int) -> str:
        """Next unused code stem + sequence number."""
        while True:
            seq[stem] = seq.get(stem, 0) + 1
            code = stem + str(seq[stem]).zfill(width)
            if code not in by_code:
                return code

    for raw in lines:
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        parts = raw.strip("\t").split("\t")
        name = parts[0].strip()
        del stack[depth:]
        parent = stack[-1] if stack else ""
        if name in pseudo:
            stack.append(parent)  # children attach to the grandparent
            continue
        if depth == 4:
            villages.setdefault(parent, []).append(name)
            stack.append(parent)
            continue
        level = LEVELS[depth]
        if len(parts) == 3:
            code, short = parts[1], parts[2]
            if code in by_code and depth == 1:  # municipality city repeats its province code
                code = code[:2] + "0100"
            elif code in by_code:  # a few counties share a code in the source
                code = next_code(parent[:4], 2)
        elif depth == 2:  # county without a code (Taiwan)
            code, short = next_code(parent[:4], 2), ""
        else:
            code, short = next_code(parent, 3), ""
        if code in by_code:
            sys.exit(f"duplicate code {code} for {name} (and {by_code[code].name})")
        node = Node(code, name, level, parent)
        for alias in short.split("/"):
            if alias and alias != name:
                node.aliases.append(alias)
        if level == "town":
            ancestor = by_code.get(parent)
            if ancestor:
                for prefix in (ancestor.name, *ancestor.aliases):
                    rest = name[len(prefix) :]
                    if name.startswith(prefix) and len(rest) >= 2 and rest.endswith(endings):
                        node.aliases.append(rest)
                        break
            s = town_short(node.aliases[-1] if node.aliases else name)
            if s:
                node.short.append(s)
        nodes.append(node)
        by_code[code] = node
        stack.append(code)
    return nodes, villages


def add_former_names(nodes: list[Node], change_lines: list[str]) -> int:
    """Attach pre-change names (襄樊市 for 襄阳市) from china_location_change.txt."""
    index = {}
    names = {n.code: n for n in nodes}
    for n in nodes:
        if n.level in ("province", "city", "county"):
            path = [n.name]
            p = names.get(n.parent)
            while p:
                path.insert(0, p.name)
                p = names.get(p.parent)
            index[tuple(path)] = n
    added = 0
    for line in change_lines:
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_parts = old.split("\t")[2:]
        old_names = old_parts[0::2]
        old_shorts = old_parts[1::2]
        new_path = tuple(new.split("\t"))
        node = index.get(new_path)
        if node is None:
            continue
        for alias in (old_names[-1], old_shorts[-1] if len(old_shorts) == len(old_names) else ""):
            if alias and alias != node.name and alias not in node.aliases + node.former:
                node.former.append(alias)
                added += 1
    return added


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("zip", type=Path, help="jionlp/dictionary/china_location.zip")
    ap.add_argument("--changes", type=Path, help="jionlp/dictionary/china_location_change.txt")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args()

    rules = yaml.safe_load((DATA / "short_forms.yaml").read_text(encoding="utf-8"))
    lines = read_source(args.zip)
    nodes, villages = build(lines, rules)
    former = 0
    if args.changes:
        former = add_former_names(nodes, args.changes.read_text(encoding="utf-8").splitlines())

    args.out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    buf.write("#code\tlevel\tparent\tname\taliases\tformer\tshort\n")
    for n in nodes:
        cols = [
            n.code,
            n.level,
            n.parent,
            n.name,
            *("|".join(x) for x in (n.aliases, n.former, n.short)),
        ]
        buf.write("\t".join(cols) + "\n")
    write_gz(args.out / "admin_divisions.tsv.gz", buf.getvalue())
    buf = io.StringIO()
    buf.write("#parent\tnames (village code = parent code padded to 9 digits + 3-digit index)\n")
    for parent, names in villages.items():
        if len(names) > 999:
            sys.exit(f"too many villages under {parent}")
        buf.write(parent + "\t" + "|".join(names) + "\n")
    write_gz(args.out / "admin_villages.tsv.gz", buf.getvalue())

    digest = hashlib.sha256(args.zip.read_bytes()).hexdigest()[:16]
    counts = {lv: sum(1 for n in nodes if n.level == lv) for lv in LEVELS}
    counts["village"] = sum(len(v) for v in villages.values())
    (args.out / "NOTICE").write_text(
        "Administrative-division gazetteer data\n"
        "=======================================\n\n"
        "admin_divisions.tsv.gz and admin_villages.tsv.gz are derived from the china_location\n"
        "dictionary of JioNLP (https://github.com/dongrixinyu/JioNLP), Copyright dongrixinyu,\n"
        "licensed under the Apache License, Version 2.0\n"
        "(http://www.apache.org/licenses/LICENSE-2.0).\n\n"
        f"Source files: jionlp/dictionary/china_location.zip (china_location.txt, sha256 {digest}…)"
        + (" and jionlp/dictionary/china_location_change.txt" if args.changes else "")
        + "\n"
        f"Built: {dt.date.today().isoformat()} by scripts/build_admin_gazetteer.py\n"
        "Changes: reformatted to TSV; municipality city codes moved to xx0100; township and\n"
        "village codes are synthetic (parent code + sequence); short forms derived by the rules\n"
        "in short_forms.yaml; former names added from the change list; pseudo-levels such as\n"
        "省直辖行政区划 removed.\n"
        f"Counts: {counts}; former names: {former}\n",
        encoding="utf-8",
    )
    print(counts, "former names:", former)


def write_gz(path: Path, text: str) -> None:
    """Write text gzip-compressed with a fixed mtime, so rebuilds are byte-identical."""
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))


if __name__ == "__main__":
    main()
