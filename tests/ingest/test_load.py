"""load_document and iter_documents: the SourceDocument the rest of kg works on."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_documents, load_document, normalize

from ._corpus import SEEDS, seed, seed_text
from .test_html import PARAGRAPHS, _page


def _newlines(s: str) -> list[int]:
    return [i for i, c in enumerate(s) if c == "\n"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_loads_with_offsets_into_the_file(path: Path) -> None:
    doc = load_document(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert len(doc.analysis) == len(doc.text)
    assert _newlines(doc.analysis) == _newlines(doc.text)
    assert doc.meta.id == path.stem
    assert doc.meta.path == str(path)
    assert doc.meta.encoding == "utf-8"
    assert doc.warnings == []
    for start, end in doc.furniture:
        assert doc.analysis[start:end].strip() == ""
        assert doc.text[start:end].strip() != ""


def test_analysis_is_clean_and_aligned() -> None:
    doc = load_document(seed("000"))
    assert "发布时间" in doc.text and "发布时间" not in doc.analysis
    assert "ICP备" not in doc.analysis
    start = doc.text.index("现在,我代表区人民政府向大会报告工作")
    assert doc.analysis[start : start + 12] == "现在，我代表区人民政府向"
    # a span found in the analysis text is the same span in the source text
    at = doc.analysis.index("黄石港临空商务产业园")
    assert doc.text[at : at + 10] == "黄石港临空商务产业园"


def test_gb18030_crlf_copy_reads_as_the_same_document(tmp_path: Path) -> None:
    text = seed_text("004")
    path = tmp_path / "004_gb.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    doc = load_document(path)
    original = load_document(seed("004"))
    assert doc.text == text
    assert doc.analysis == original.analysis
    assert doc.furniture == original.furniture
    assert doc.meta.encoding == "gb18030"
    assert doc.meta.id == "004_gb"


def test_damaged_file_loads_with_a_warning(tmp_path: Path) -> None:
    data = seed_text("001").encode("utf-8")
    cut = data.index("五大支柱产业".encode())
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\x80" + data[cut:])
    doc = load_document(path)
    assert doc.text.count("\ufffd") == 1
    assert len(doc.warnings) == 1 and "utf-8" in doc.warnings[0] and "line" in doc.warnings[0]


def test_html_page_text_is_the_extracted_text(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(_page(PARAGRAPHS).encode("gb18030"))
    doc = load_document(path)
    assert doc.meta.encoding == "gb18030"
    assert doc.text.startswith("2020年黄石港区政府工作报告")
    for paragraph in PARAGRAPHS:
        at = doc.text.index(paragraph)
        assert doc.analysis[at : at + len(paragraph)] == normalize(paragraph)
    assert "<p" not in doc.text and "script" not in doc.text
    # the date line stays in the text (for the metadata reader) but not in the analysis
    assert "发布时间:2020-12-27" in doc.text and "发布时间" not in doc.analysis


def test_html_saved_as_txt_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(_page(PARAGRAPHS), encoding="utf-8")
    doc = load_document(path)
    assert PARAGRAPHS[0] in doc.text and "<html" not in doc.text
    assert any("HTML" in w for w in doc.warnings)


def test_html_page_without_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><script>var a;</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        load_document(path)


def test_pdf_named_txt_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    with pytest.raises(InputError, match=r"binary file \(looks like PDF\)"):
        load_document(path)


def _copy_seed(tmp_path: Path, prefix: str = "000") -> Path:
    path = tmp_path / "report.txt"
    path.write_text(seed_text(prefix), encoding="utf-8")
    return path


def test_sidecar_then_overrides_win_over_what_was_read(tmp_path: Path) -> None:
    path = _copy_seed(tmp_path)
    (tmp_path / "report.meta.json").write_text(
        json.dumps({"year": 2021, "district": "西塞山区", "title": "改过的标题"}), encoding="utf-8"
    )
    doc = load_document(path, overrides={"year": "2019", "kind": "plan"})
    assert doc.meta.district == "西塞山区"
    assert doc.meta.title == "改过的标题"
    assert doc.meta.year == 2019  # the explicit override beats the sidecar
    assert doc.meta.kind == "plan"
    assert doc.meta.id == "report"


def test_sidecar_named_after_the_full_file_name(tmp_path: Path) -> None:
    path = _copy_seed(tmp_path)
    (tmp_path / "report.txt.meta.json").write_text('{"id": "hsg-2020"}', encoding="utf-8")
    assert load_document(path).meta.id == "hsg-2020"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"year": 2021,}', "invalid JSON at line 1"),
        ('["year"]', "must be a JSON object"),
        ('{"yaer": 2021}', "unknown metadata field 'yaer'"),
        ('{"year": "twenty"}', "'year' must be a number"),
        ('{"kind": "speech"}', "'kind' must be one of"),
    ],
)
def test_bad_sidecar_is_an_input_error_naming_it(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = _copy_seed(tmp_path)
    sidecar = tmp_path / "report.meta.json"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as info:
        load_document(path)
    assert info.value.path == str(sidecar)


def test_bad_override_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="override: unknown metadata field 'distrct'"):
        load_document(_copy_seed(tmp_path), overrides={"distrct": "黄石港区"})


def test_metadata_falls_back_when_the_reader_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "kg.ingest.metadata", None)  # import now fails
    path = _copy_seed(tmp_path)
    doc = load_document(path, overrides={"year": 2020})
    assert doc.meta.id == "report"
    assert doc.meta.path == str(path)
    assert doc.meta.title is None
    assert doc.meta.year == 2020
    assert doc.meta.encoding == "utf-8"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.txt")


def test_iter_documents_expands_folders_and_keeps_files(tmp_path: Path) -> None:
    for name in (
        "b/2.txt",
        "b/1.htm",
        "a.html",
        "c/d/3.TXT",
        "notes.json",
        "x.meta.json",
        ".hidden/4.txt",
        "b/.5.txt",
        "pic.png",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("各位代表", encoding="utf-8")
    given = tmp_path / "notes.json"
    found = list(iter_documents([given, tmp_path, "missing.txt"]))
    assert found == [
        given,
        tmp_path / "a.html",
        tmp_path / "b/1.htm",
        tmp_path / "b/2.txt",
        tmp_path / "c/d/3.TXT",
        Path("missing.txt"),
    ]
