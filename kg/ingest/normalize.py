"""Length-preserving character normalisation for the analysis text.

Rules are written against one spelling of punctuation, spaces and digits; this maps the others
onto it one character for one character (table in ``data/normalize.tsv``), so every offset in
the analysis text is also an offset in the source text.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_CELL = re.compile(r"U\+([0-9A-Fa-f]{4,6})(?:\.\.U\+([0-9A-Fa-f]{4,6}))?")


def _parse_cell(cell: str, line_no: int) -> list[int]:
    """Code points of one TSV cell: ``U+XXXX`` or ``U+XXXX..U+YYYY``."""
    m = _CELL.fullmatch(cell.strip())
    if m is None:
        raise ValueError(f"normalize.tsv line {line_no}: bad code point cell {cell!r}")
    first = int(m.group(1), 16)
    last = int(m.group(2), 16) if m.group(2) else first
    if last < first:
        raise ValueError(f"normalize.tsv line {line_no}: empty range {cell!r}")
    return list(range(first, last + 1))


@cache
def translation_table() -> dict[int, int]:
    """The code point mapping of ``data/normalize.tsv``, built once."""
    raw = resources.files("kg.ingest").joinpath("data/normalize.tsv").read_text("utf-8")
    table: dict[int, int] = {}
    header_seen = False
    for line_no, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        src_cell, dst_cell, *_ = line.split("\t")
        src, dst = _parse_cell(src_cell, line_no), _parse_cell(dst_cell, line_no)
        if len(dst) == 1:
            dst = dst * len(src)
        if len(src) != len(dst):
            raise ValueError(f"normalize.tsv line {line_no}: ranges of different sizes")
        for s, d in zip(src, dst, strict=True):
            if s in table and table[s] != d:
                raise ValueError(f"normalize.tsv line {line_no}: U+{s:04X} mapped twice")
            if s != d:
                table[s] = d
    return table


@cache
def _mapped() -> tuple[tuple[tuple[str, str], ...], re.Pattern[str], dict[str, str]]:
    """The ASCII characters the table maps with their replacements; a pattern of the other
    characters it maps; and the whole mapping."""
    table = {chr(k): chr(v) for k, v in translation_table().items()}
    if any(v in table for v in table.values()):
        raise ValueError(
            "normalize.tsv: a replacement is itself mapped (normalising twice differs)"
        )
    ascii_pairs = tuple((k, v) for k, v in sorted(table.items()) if k.isascii())
    others = "".join(re.escape(k) for k in sorted(table) if not k.isascii())
    return ascii_pairs, re.compile(f"[{others}]" if others else "(?!)"), table


def normalize(text: str) -> str:
    """Map punctuation, odd spaces and full-width alphanumerics one-to-one (same length).

    ASCII punctuation typed half-width (,:;()!?) is most of what needs mapping: str.replace maps
    each such character in one pass. The rarer others are found by a regular expression and
    replaced one by one. (str.translate would look every character up in the table, five times
    slower.) No replacement is itself mapped, so the order of the passes does not matter."""
    ascii_pairs, others, table = _mapped()
    out = text
    for old, new in ascii_pairs:
        out = out.replace(old, new)
    out = others.sub(lambda m: table[m.group()], out)
    assert len(out) == len(text), "normalisation must preserve length"
    return out
