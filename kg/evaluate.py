"""Scoring extraction records against gold annotations (``kg eval``).

Entities are scored per type twice: strict (same type, same start and end) and overlap (same type,
overlapping spans, one-to-one). Predictions overlapping a gold ``ignore`` span are not counted.
Relations are scored per type as sets of (head, tail) per document, with and without the role.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError

_STRIP = " \u3000\t\n“”\"‘’'。,;、.:，；："


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Report:
    strict: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overlap: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations_role: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    documents: list[str] = field(default_factory=list)
    errors: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    @staticmethod
    def total(table: dict[str, Counts]) -> Counts:
        out = Counts()
        for c in table.values():
            out.add(c)
        return out

    def to_json(self) -> dict[str, Any]:
        def dump(table: dict[str, Counts]) -> dict[str, Any]:
            out = {k: v.to_json() for k, v in sorted(table.items())}
            out["ALL"] = self.total(table).to_json()
            return out

        return {
            "documents": self.documents,
            "entities_strict": dump(self.strict),
            "entities_overlap": dump(self.overlap),
            "relations": dump(self.relations),
            "relations_with_role": dump(self.relations_role),
        }


def norm(text: str) -> str:
    return text.strip(_STRIP)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_entities(pred: list[dict[str, Any]], gold: dict[str, Any], report: Report) -> None:
    ignore = [(i["start"], i["end"]) for i in gold.get("ignore", [])]
    preds = [p for p in pred if not any(_overlaps((p["start"], p["end"]), s) for s in ignore)]
    golds = gold["entities"]
    gold_keys = {(g["type"], g["start"], g["end"]) for g in golds}
    pred_keys = {(p["type"], p["start"], p["end"]) for p in preds}
    doc = gold.get("doc", "")
    for typ, s, e in pred_keys:
        hit = (typ, s, e) in gold_keys
        report.strict[typ].tp += hit
        report.strict[typ].fp += not hit
    for typ, _, _ in gold_keys - pred_keys:
        report.strict[typ].fn += 1
    # overlap: one-to-one greedy in document order
    used: set[int] = set()
    by_type: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for k, g in enumerate(golds):
        by_type[g["type"]].append((k, g))
    for p in sorted(preds, key=lambda x: (x["start"], x["end"])):
        match = next(
            (
                k
                for k, g in by_type[p["type"]]
                if k not in used and _overlaps((p["start"], p["end"]), (g["start"], g["end"]))
            ),
            None,
        )
        if match is None:
            report.overlap[p["type"]].fp += 1
            report.errors["fp"].append({"doc": doc, **{k: p[k] for k in ("type", "text", "start")}})
        else:
            used.add(match)
            report.overlap[p["type"]].tp += 1
    for k, g in enumerate(golds):
        if k not in used:
            report.overlap[g["type"]].fn += 1
            report.errors["fn"].append({"doc": doc, **{k: g[k] for k in ("type", "text", "start")}})


def _relation_keys(rels: list[dict[str, Any]], role: bool) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    for r in rels:
        role_value = str((r.get("attrs") or {}).get("role", "")) if role else ""
        keys.add((r["type"], norm(r["head"]), norm(r["tail"]), role_value))
    return keys


def score_relations(pred: list[dict[str, Any]], gold: dict[str, Any], report: Report) -> None:
    for role, table in ((False, report.relations), (True, report.relations_role)):
        p, g = _relation_keys(pred, role), _relation_keys(gold["relations"], role)
        for key in p:
            table[key[0]].tp += key in g
            table[key[0]].fp += key not in g
        for key in g - p:
            table[key[0]].fn += 1
        if not role:
            doc = gold.get("doc", "")
            report.errors["rel_fp"].extend({"doc": doc, "rel": list(k)} for k in sorted(p - g))
            report.errors["rel_fn"].extend({"doc": doc, "rel": list(k)} for k in sorted(g - p))


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold files of a folder, keyed by document stem."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise KgError(f"{gold_dir}: not a folder of gold JSON files")
    gold = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[Path(data.get("doc", path.name)).stem] = data
    if not gold:
        raise KgError(f"{gold_dir}: no gold JSON files found")
    return gold


def evaluate(pred_path: str | Path, gold_dir: str | Path) -> Report:
    """Score a JSONL file of extraction records against the gold files of ``gold_dir``."""
    gold = load_gold(gold_dir)
    report = Report()
    try:
        lines = Path(pred_path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise KgError(f"{pred_path}: cannot read predictions: {err.strerror}") from err
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            stem = Path(record["doc"].get("path") or record["doc"]["id"]).stem
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise KgError(f"{pred_path}:{n}: not an extraction record ({err})") from err
        if stem not in gold:
            continue
        report.documents.append(stem)
        score_entities(record["entities"], gold[stem], report)
        score_relations(record["relations"], gold[stem], report)
    missing = sorted(set(gold) - set(report.documents))
    if missing:
        raise KgError(f"{pred_path}: no predictions for gold documents {', '.join(missing)}")
    return report


# Relation types always listed in the tables, found or not: the ones the targets are set for.
HEADLINE_RELATIONS = ("definedAs", "responsibleFor")


def entity_rows(report: Report, total: str) -> list[tuple[str, Counts, Counts]]:
    """(type, strict, overlap) per entity type, then the totals under the name ``total``."""
    types = sorted(set(report.strict) | set(report.overlap))
    rows = [(t, report.strict[t], report.overlap[t]) for t in types]
    rows.append((total, report.total(report.strict), report.total(report.overlap)))
    return rows


def relation_rows(report: Report) -> list[tuple[str, Counts, Counts]]:
    """(type, without role, with role) per relation type."""
    types = set(report.relations) | set(report.relations_role) | set(HEADLINE_RELATIONS)
    return [(t, report.relations[t], report.relations_role[t]) for t in sorted(types)]


def format_report(report: Report) -> str:
    """A plain-text table of the scores."""
    lines = [
        f"documents: {len(report.documents)}",
        "",
        f"{'entity type':<16}{'strict P':>9}{'R':>7}{'F1':>7}   {'overlap P':>9}{'R':>7}"
        f"{'F1':>7}{'gold':>6}",
    ]
    for name, s, o in entity_rows(report, "ALL"):
        lines.append(
            f"{name:<16}{s.precision:>9.3f}{s.recall:>7.3f}{s.f1:>7.3f}   "
            f"{o.precision:>9.3f}{o.recall:>7.3f}{o.f1:>7.3f}{s.tp + s.fn:>6}"
        )
    lines += ["", f"{'relation type':<16}{'P':>9}{'R':>7}{'F1':>7}   {'+role F1':>9}{'gold':>6}"]
    for t, c, r in relation_rows(report):
        lines.append(
            f"{t:<16}{c.precision:>9.3f}{c.recall:>7.3f}{c.f1:>7.3f}   {r.f1:>9.3f}{c.tp + c.fn:>6}"
        )
    return "\n".join(lines)


def format_markdown(report: Report) -> str:
    """The scores as Markdown tables (for EVALUATION.md)."""
    lines = [
        "| entity type | strict P | strict R | strict F1 | overlap F1 | gold |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s, o in entity_rows(report, "**all**"):
        lines.append(
            f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {o.f1:.3f} "
            f"| {s.tp + s.fn} |"
        )
    lines += [
        "",
        "| relation type | P | R | F1 | F1 with role | gold |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for t, c, r in relation_rows(report):
        lines.append(
            f"| {t} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {r.f1:.3f} "
            f"| {c.tp + c.fn} |"
        )
    return "\n".join(lines) + "\n"
