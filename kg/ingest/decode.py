"""Turn the bytes of a document file into text, deciding the encoding reliably.

Order of decisions: known binary signatures; BOMs (UTF-8, UTF-32, UTF-16); strict UTF-8;
UTF-16 without BOM; NUL bytes (binary); nearly-valid UTF-8; strict GB18030 (with a Big5
tie-break); nearly-valid GB18030; charset-normalizer. "Nearly valid" means a handful of bad
bytes among many good multi-byte characters: the bad bytes become U+FFFD and a warning says
where. Line endings: ``\\r\\n`` and lone ``\\r`` become ``\\n``; that text is "the document as
read", the text every offset kg reports points into.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import InputError

# A bad byte per this many good multi-byte characters still counts as "nearly valid".
_NEARLY_VALID_RATIO = 50
# Share of C0 control characters (other than tab, newline, CR, FF, VT) that makes text "binary".
_MAX_CONTROL_SHARE = 0.05
# Share of "ordinary" characters a BOM-less UTF-16 guess must reach to be believed.
_MIN_PLAUSIBLE_SHARE = 0.9
# Warnings list at most this many damage locations.
_MAX_LOCATIONS = 5
# Fewer bytes than this in no known encoding are not guessed at: charset-normalizer's answer for
# three random bytes is cp932 one time, cp852 the next.
_MIN_GUESS_BYTES = 64

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_NEWLINE = re.compile("\r\n?")
# The control characters counted: all ASCII, so they are counted among a text's ASCII bytes.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
# Bytes examined first when checking whether a whole file is "nearly valid" in some codec.
_SAMPLE_BYTES = 1 << 16
_PLAUSIBLE = re.compile(
    "[\t\n\r\f\v\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2460-\u24ff\u2500-\u257f"
    "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


@dataclass(frozen=True, slots=True)
class _Signature:
    offset: int
    prefix: bytes
    name: str


@cache
def _signatures() -> tuple[_Signature, ...]:
    """Binary-format magic numbers from ``data/binary_signatures.tsv``."""
    raw = resources.files("kg.ingest").joinpath("data/binary_signatures.tsv").read_text("utf-8")
    rows = csv.DictReader(
        (line for line in raw.splitlines() if line and not line.startswith("#")),
        delimiter="\t",
    )
    return tuple(
        _Signature(int(row["offset"]), bytes.fromhex(row["hex_prefix"]), row["name"])
        for row in rows
    )


def read_text_file(path: str | Path) -> tuple[str, str, list[str]]:
    """Read a document file as text: (text, encoding name, warnings); InputError if impossible."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(p, "is a directory, not a document file")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(p, "no such file") from None
    except PermissionError:
        raise InputError(p, "permission denied") from None
    except IsADirectoryError:
        raise InputError(p, "is a directory, not a document file") from None
    except OSError as exc:
        raise InputError(p, f"cannot read file: {exc.strerror or exc}") from None
    return decode_bytes(data, p)


def decode_bytes(data: bytes, path: str | Path) -> tuple[str, str, list[str]]:
    """Decode document bytes: (text with "\\n" line endings, encoding name, warnings)."""
    if not data:
        raise InputError(path, "empty file")
    _reject_signature(data, path)
    text, encoding, warnings = _decode(data, path)
    text = _NEWLINE.sub("\n", text)
    if not text:
        raise InputError(path, "empty file (only a byte-order mark)")
    if not text.strip():
        raise InputError(path, "file contains only whitespace")
    if _control_count(text) > _MAX_CONTROL_SHARE * len(text):
        raise InputError(path, "binary file (mostly control characters), not text")
    return text, encoding, warnings


def _control_count(text: str) -> int:
    """How many C0 control characters ``text`` holds (tab, newline, CR, FF and VT not counted).

    Counted in the text's ASCII bytes, the only place they can be: dropping the other characters
    and then the controls takes two fast C passes, where a regex tests every character."""
    ascii_bytes = text.encode("ascii", errors="ignore")
    return len(ascii_bytes) - len(ascii_bytes.translate(None, _CONTROL_BYTES))


def _reject_signature(data: bytes, path: str | Path) -> None:
    for sig in _signatures():
        if data.startswith(sig.prefix, sig.offset):
            raise InputError(path, f"binary file (looks like {sig.name}), not text")


def _decode(data: bytes, path: str | Path) -> tuple[str, str, list[str]]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_lenient(data[len(bom) :], name.removesuffix("-sig"), name)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        return guess
    nearly = _nearly_valid(data, "utf-8")
    if nearly is not None:
        return nearly
    gb = _strict(data, "gb18030")
    if gb is not None:
        big5 = _strict(data, "big5")
        if big5 is not None and _prefer_big5(gb, big5, data):
            return big5, "big5", ["decoded as big5 (it also decodes as gb18030, less plausibly)"]
        return gb, "gb18030", []
    nearly = _nearly_valid(data, "gb18030")
    if nearly is not None:
        return nearly
    best = _charset_normalizer_best(data) if len(data) >= _MIN_GUESS_BYTES else None
    if best is None:
        raise InputError(path, "cannot determine the text encoding (not UTF-8, UTF-16 or GB18030)")
    text, _, warnings = _decode_lenient(data, best, best)
    warnings.insert(0, f"encoding guessed as {best} by charset-normalizer")
    return text, best, warnings


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _implausible(text: str) -> int:
    """Characters rarely seen in real documents (private use, odd blocks): a wrong-codec sign."""
    return len(text) - len(_PLAUSIBLE.findall(text))


def _prefer_big5(gb: str, big5: str, data: bytes) -> bool:
    """Bytes valid in both GB18030 and Big5: keep the more plausible text."""
    gb_bad, big5_bad = _implausible(gb), _implausible(big5)
    if gb_bad != big5_bad:
        return big5_bad < gb_bad
    return _charset_normalizer_best(data) == "big5"


def _utf16_without_bom(data: bytes) -> tuple[str, str, list[str]] | None:
    """UTF-16 without BOM: try both byte orders, keep a decoding that reads as ordinary text."""
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data[: len(data) - len(data) % 2], codec)
        if text and _implausible(text) <= (1 - _MIN_PLAUSIBLE_SHARE) * len(text):
            return text, codec, [f"no byte-order mark: decoded as {codec} (guessed)"]
    return None


def _nearly_valid(data: bytes, codec: str) -> tuple[str, str, list[str]] | None:
    """Decode with a few bad bytes if the rest is clearly ``codec``; None if it is not."""
    if len(data) > 2 * _SAMPLE_BYTES:
        sample = data[:_SAMPLE_BYTES].decode(codec, errors="surrogateescape")
        bad, good = _bad_and_good(sample)
        # A sample this damaged cannot belong to a nearly valid file of this codec.
        if good < _NEARLY_VALID_RATIO * (bad - 4):
            return None
    escaped = data.decode(codec, errors="surrogateescape")
    bad, good = _bad_and_good(escaped)
    if bad == 0 or good < _NEARLY_VALID_RATIO * bad:
        return None
    return _replace_escaped(escaped, codec, codec)


def _bad_and_good(escaped: str) -> tuple[int, int]:
    """(bytes that failed, well-decoded non-ASCII characters) of surrogate-escaped text."""
    # Encoding with errors="ignore" drops exactly the lone surrogates standing for bad bytes.
    bad = len(escaped) - len(escaped.encode("utf-32-le", errors="ignore")) // 4
    ascii_count = len(escaped.encode("ascii", errors="ignore"))
    return bad, len(escaped) - bad - ascii_count - escaped.count("\ufffd")


def _decode_lenient(data: bytes, codec: str, name: str) -> tuple[str, str, list[str]]:
    """Decode, replacing bad bytes by U+FFFD and reporting where they were."""
    return _replace_escaped(data.decode(codec, errors="surrogateescape"), codec, name)


def _replace_escaped(escaped: str, codec: str, name: str) -> tuple[str, str, list[str]]:
    """Turn runs of surrogate-escaped bytes into one U+FFFD each and describe their places."""
    runs = list(_ESCAPED_RUN.finditer(escaped))
    if not runs:
        return escaped, name, []
    locations: list[str] = []
    line, line_start, byte_pos, prev = 1, 0, 0, 0
    for m in runs[:_MAX_LOCATIONS]:
        chunk = escaped[prev : m.start()]
        line += chunk.count("\n")
        nl = escaped.rfind("\n", prev, m.start())
        if nl >= 0:
            line_start = nl + 1
        byte_pos += len(chunk.encode(codec, errors="surrogateescape"))
        locations.append(f"line {line}, column {m.start() - line_start + 1} (byte {byte_pos})")
        byte_pos += len(m.group())
        prev = m.end()
    bad_bytes = sum(len(m.group()) for m in runs)
    more = f" and {len(runs) - _MAX_LOCATIONS} more places" if len(runs) > _MAX_LOCATIONS else ""
    warning = (
        f"decoded as {name} with {bad_bytes} invalid byte{'s' if bad_bytes > 1 else ''} "
        f"replaced by U+FFFD at {'; '.join(locations)}{more}"
    )
    return _ESCAPED_RUN.sub("\ufffd", escaped), name, [warning]


def _charset_normalizer_best(data: bytes) -> str | None:
    """charset-normalizer's guess, with GBK/GB2312 guesses widened to gb18030."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    name = best.encoding.lower().replace("_", "-")
    if name in {"gbk", "gb2312", "cp936", "gb18030", "hz", "euc-cn"}:
        return "gb18030"
    return name
