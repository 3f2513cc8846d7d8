"""Decoding document files: encodings, BOMs, line endings, damage, binary and unreadable files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.decode import decode_bytes, read_text_file

from ._corpus import extra, seed_text

SEED = seed_text("000")


@pytest.mark.parametrize(
    ("codec", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-32", "utf-32-le"),
        ("gb18030", "gb18030"),
    ],
)
def test_seed_round_trips_through_every_encoding(tmp_path: Path, codec: str, reported: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(SEED.encode(codec))
    text, encoding, warnings = read_text_file(path)
    assert text == SEED
    assert encoding == reported
    assert warnings == []


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    for bom_codec, bom in (("utf-16-be", b"\xfe\xff"), ("utf-16-le", b"\xff\xfe")):
        path = tmp_path / f"{bom_codec}.txt"
        path.write_bytes(bom + SEED.encode(bom_codec))
        text, encoding, _ = read_text_file(path)
        assert encoding == bom_codec
        assert text[0] == "2"  # "2020年黄石港区…", no U+FEFF in front
        assert text == SEED


def test_gbk_file_is_decoded_as_gb18030() -> None:
    # GBK text (the seed without its en space and bullet) decodes with the superset codec.
    gbk_text = SEED.replace("\u2002", " ").replace("•", "·")
    text, encoding, _ = decode_bytes(gbk_text.encode("gbk"), "report.txt")
    assert encoding == "gb18030"
    assert text == gbk_text


def test_short_gbk_text_is_not_mistaken_for_anything_else() -> None:
    text, encoding, _ = decode_bytes("政府工作报告".encode("gb2312"), "t.txt")
    assert (text, encoding) == ("政府工作报告", "gb18030")


def test_utf16_without_bom_is_guessed_with_a_warning() -> None:
    text, encoding, warnings = decode_bytes(SEED.encode("utf-16-be"), "t.txt")
    assert text == SEED
    assert encoding == "utf-16-be"
    assert "byte-order mark" in warnings[0]


def test_big5_traditional_text_is_not_read_as_gb18030_garbage() -> None:
    sentence = extra("04.txt").read_text(encoding="utf-8")[:40].replace("?", "")
    text, encoding, _ = decode_bytes(sentence.encode("big5"), "t.txt")
    assert encoding == "big5"
    assert text == sentence


def test_crlf_and_lone_cr_become_newlines() -> None:
    endings = ("\r\n", "\r", "\n")
    lines = SEED.split("\n")
    # A lone "\r" before an empty line would read as "\r\n": use it only before text.
    mixed = lines[0] + "".join(
        ("\r" if line and i % 3 == 1 else endings[i % 3 // 2 * 2]) + line
        for i, line in enumerate(lines[1:])
    )
    assert mixed.count("\r") > 100
    text, _, _ = decode_bytes(mixed.encode("utf-8"), "t.txt")
    assert "\r" not in text
    assert text == SEED


def _damage(data: bytes, before: bytes) -> bytes:
    """``data`` with one invalid byte inserted just before the first ``before``."""
    pos = data.index(before)
    return data[:pos] + b"\xff" + data[pos:]


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_one_bad_byte_is_replaced_and_located(codec: str) -> None:
    anchor = "聚焦疫后重振"
    damaged = _damage(SEED.encode(codec), anchor.encode(codec))
    text, encoding, warnings = decode_bytes(damaged, "t.txt")
    assert encoding == codec
    pos = SEED.index(anchor)
    assert text == SEED[:pos] + "\ufffd" + SEED[pos:]
    line = SEED.count("\n", 0, pos) + 1
    column = pos - SEED.rfind("\n", 0, pos)
    byte = len(SEED[:pos].encode(codec))
    assert len(warnings) == 1
    assert codec in warnings[0]
    assert f"line {line}, column {column} (byte {byte})" in warnings[0]


@pytest.mark.parametrize(("controls", "binary"), [(4, False), (6, True)])
def test_control_characters_count_against_every_character(controls: int, binary: bool) -> None:
    """Up to 5 % control characters among Chinese text is damage, not a binary file."""
    prose = ("各位代表：现在我代表区人民政府向大会报告工作，请予审议。" * 4)[: 100 - controls]
    text = prose + "\x07\x1b\x00\x7f\x08\x0e"[:controls]  # 100 characters
    if binary:
        with pytest.raises(InputError, match="control characters"):
            decode_bytes(text.encode("utf-8"), "report.txt")
    else:
        assert decode_bytes(text.encode("utf-8"), "report.txt")[0] == text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(30), "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(30), "Office"),
        (bytes(range(256)) * 8, "NUL"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 text \x0e\x0f\x10\x11\x12" * 20, "control"),
    ],
)
def test_binary_files_are_rejected_with_a_one_line_message(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: binary file")
    assert kind in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b" \n\t\r\n\xe3\x80\x80 \n", "only whitespace"),
    ],
)
def test_empty_and_blank_files_are_rejected(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem):
        read_text_file(path)


def test_missing_file_and_directory_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as info:
        read_text_file(tmp_path / "nope.txt")
    assert info.value.path == str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path)


def test_permission_denied_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("各位代表:", encoding="utf-8")
    if os.name == "posix" and os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads everything: simulate the OS refusing

        def refuse(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=re.escape(f"{path}: permission denied")):
        read_text_file(path)


def test_large_gb18030_file_decodes_in_linear_time() -> None:
    import time

    data = (SEED * 300).encode("gb18030")  # ~10 MB
    start = time.perf_counter()
    text, encoding, _ = decode_bytes(data, "big.txt")
    assert encoding == "gb18030"
    assert len(text) == len(SEED) * 300
    assert time.perf_counter() - start < 10
