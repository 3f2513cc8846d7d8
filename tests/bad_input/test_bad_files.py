"""Files kg cannot read, or reads only with care, given to the real command line.

The decoder itself is tested byte by byte in tests/ingest/test_decode.py (every codec, BOMs,
damage locations, binary signatures) and tests/ingest/test_load.py / test_html.py (HTML, GB18030
with CRLF); here each case goes through ``kg extract`` / ``kg build`` beside a good document: a
one-line ``kg: error: PATH: PROBLEM`` or a correct record, exit 1 when anything failed, the good
document still extracted, nothing half-written.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bad_input_support import assert_spans_exact, extract, good_text, hidden_entries
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import InputError
from kg.ingest.decode import decode_bytes


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>政府工作报告</w:document>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02" + bytes(40)


def _file(data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "bad.txt"
        path.write_bytes(data)
        return path

    return make


def _missing(folder: Path) -> Path:
    return folder.parent / "missing.txt"


def _folder_without_documents(folder: Path) -> Path:
    empty = folder.parent / "empty-folder"
    empty.mkdir()
    (empty / "notes.json").write_text("{}", encoding="utf-8")
    return empty


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_file(b""), "empty file"),
        (_file(" \r\n\t\u3000\n".encode()), "file contains only whitespace"),
        (_file(PDF), "binary file (looks like PDF), not text"),
        (_file(PNG), "binary file (looks like PNG image), not text"),
        (_file(_zip()), "binary file (looks like ZIP archive (or .docx/.xlsx/.pptx)), not text"),
        (
            _file(b"\x89\xab\xcd"),
            "cannot determine the text encoding (not UTF-8, UTF-16 or GB18030)",
        ),
        (_missing, "no such file"),
        (_folder_without_documents, "folder holds no document files (.htm, .html, .txt)"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "zip", "three-bytes", "missing", "empty-folder"],
)
def test_unreadable_input_is_one_line_and_the_good_document_is_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], Path], problem: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(good_text(), encoding="utf-8")
    bad = make(corpus)
    paths = [corpus] if bad.parent == corpus else [corpus, bad]
    status, err, records = extract(paths, tmp_path / "out.jsonl", capsys)
    assert status == 1
    assert err == [f"kg: error: {bad}: {problem}", "kg: 1 of 2 documents could not be read"]
    assert list(records) == ["good"]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root reads files whatever their permissions (see tests/ingest/test_decode.py)",
)
def test_unreadable_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text(good_text(), encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(good_text(), encoding="utf-8")
    secret.chmod(0)
    status, err, records = extract([tmp_path], tmp_path.parent / "out.jsonl", capsys)
    assert status == 1
    assert err[0] == f"kg: error: {secret}: permission denied"
    assert list(records) == ["good"]


def test_a_build_with_bad_files_writes_everything_for_the_good_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(good_text(), encoding="utf-8")
    (corpus / "scan.txt").write_bytes(PDF)
    (corpus / "blank.txt").write_bytes(b"\n\n")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert f"kg: error: {corpus / 'scan.txt'}: binary file (looks like PDF), not text" in err
    assert f"kg: error: {corpus / 'blank.txt'}: file contains only whitespace" in err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in summary["documents"]] == ["good"]
    assert len(summary["failed"]) == 2
    assert (out / "report.html").is_file() and (out / "store").is_dir()
    assert hidden_entries(out) == []


def test_a_build_where_nothing_can_be_read_leaves_the_previous_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "good.txt").write_text(good_text(), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(good), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(PDF)
    assert main(["build", str(bad), "-o", str(out)]) != 0
    capsys.readouterr()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


# GBK cannot encode the seed's no-break and en spaces or its bullet: the same text without them.
GBK_SAFE = str.maketrans({"\u00a0": " ", "\u2002": " ", "•": "·"})


@pytest.mark.parametrize(
    ("codec", "bom", "reported"),
    [
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),  # GBK is read with its superset
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
    ],
)
def test_other_encodings_give_the_same_record_as_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str, bom: bytes, reported: str
) -> None:
    text = good_text().translate(GBK_SAFE)
    (tmp_path / "a_utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b_other.txt").write_bytes(bom + text.encode(codec))
    status, err, records = extract([tmp_path], tmp_path.parent / "out.jsonl", capsys)
    assert (status, err) == (0, [])
    reference, other = records["a_utf8"], records["b_other"]
    assert other["doc"]["encoding"] == reported
    assert other["entities"] == reference["entities"]
    assert other["relations"] == reference["relations"]
    assert_spans_exact(other, text)


def test_mixed_line_endings_keep_offsets_exact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = good_text()
    lines = text.split("\n")
    # "\r" then an empty line would read as "\r\n": a lone "\r" only before a non-empty line
    endings = [
        "\r" if line and i % 3 == 0 else ("\r\n" if i % 3 == 1 else "\n")
        for i, line in enumerate(lines[1:])
    ]
    mixed = lines[0] + "".join(e + line for e, line in zip(endings, lines[1:], strict=True))
    assert {"\r\n", "\r"} <= set(endings)
    (tmp_path / "a_unix.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b_mixed.txt").write_bytes(mixed.encode("utf-8"))
    status, _, records = extract([tmp_path], tmp_path.parent / "out.jsonl", capsys)
    assert status == 0
    assert records["b_mixed"]["entities"] == records["a_unix"]["entities"]
    # the document as read: every ending made "\n"
    assert_spans_exact(records["b_mixed"], mixed.replace("\r\n", "\n").replace("\r", "\n"))


def _damaged(folder: Path) -> tuple[Path, str, int]:
    """A copy of the good seed with one invalid byte in the middle: (path, text as read, pos)."""
    text = good_text()
    pos = text.index("区发改局", len(text) // 2)
    path = folder / "damaged.txt"
    path.write_bytes(text[:pos].encode() + b"\xff" + text[pos:].encode())
    return path, text[:pos] + "\ufffd" + text[pos:], pos


def test_one_invalid_byte_is_replaced_and_the_rest_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, as_read, pos = _damaged(tmp_path)
    (tmp_path / "intact.txt").write_text(good_text(), encoding="utf-8")
    status, _, records = extract([tmp_path], tmp_path.parent / "out.jsonl", capsys)
    assert status == 0
    assert_spans_exact(records["damaged"], as_read)
    # from the next line on, the same entities, one character further on
    next_line = as_read.index("\n", pos)

    def after(record: dict[str, Any], shift: int) -> list[tuple[str, str, int]]:
        return [
            (e["type"], e["text"], e["start"] - shift)
            for e in record["entities"]
            if e["start"] - shift > next_line
        ]

    assert after(records["damaged"], 1) == after(records["intact"], 0)
    assert after(records["intact"], 0)


def test_one_invalid_byte_is_reported_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, as_read, pos = _damaged(tmp_path)
    _, err, _ = extract([path], tmp_path / "out.jsonl", capsys)
    line = as_read.count("\n", 0, pos) + 1
    column = pos - as_read.rfind("\n", 0, pos)
    assert any(
        m.startswith(f"kg: warning: {path}: ") and f"line {line}, column {column}" in m for m in err
    ), err


# The span property over arbitrary text is tests/test_properties.py and the normaliser's is
# tests/ingest/test_normalize.py; what they start from is already decoded. This is the decoder.
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_bytes_decode_or_give_an_input_error(data: bytes) -> None:
    try:
        text, _, _ = decode_bytes(data, "t.txt")
    except InputError as err:
        assert str(err).startswith("t.txt: ") and "\n" not in str(err)
        return
    assert "\r" not in text and text.strip()


@given(st.lists(st.sampled_from(["\r\n", "\r", "\n", "各位代表", "x", " "]), min_size=1))
def test_line_endings_become_newlines_one_for_one(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        decoded, _, _ = decode_bytes(text.encode("utf-8"), "t.txt")
    except InputError:
        assert not text.strip()
        return
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")
