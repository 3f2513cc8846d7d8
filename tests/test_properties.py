"""Properties of the whole extraction on arbitrary text: nothing raises, every span is exact."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extraction import extract_document
from kg.ingest.document import SourceDocument
from kg.ingest.furniture import blank, find_furniture
from kg.ingest.normalize import normalize
from kg.records import DocMeta

SEED = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "000_2902ce684fdbffb1.txt"
PIECES = SEED.read_text(encoding="utf-8").split("。")


@cache
def pipeline() -> Any:
    from kg.nlp.pipeline import build_pipeline

    return build_pipeline()


def source_of(text: str) -> SourceDocument:
    analysis = normalize(text)
    analysis = blank(analysis, find_furniture(analysis))
    meta = DocMeta(id="t", path="t.txt", district="黄石港区", city="黄石市", province="湖北省")
    return SourceDocument(text=text, analysis=analysis, meta=meta)


# Text built from report sentences, footnote and quote debris, ASCII punctuation and noise.
fragments = st.one_of(
    st.sampled_from(PIECES),
    st.sampled_from(
        [
            "[[[]",
            "]]",
            "“",
            "”",
            "《",
            "》",
            "(",
            ")",
            ":",
            ";",
            ",",
            "\n",
            "  ",
            "[1]",
            "①",
            "总投资",
            "亿元",
            "(牵头单位:",
            "责任单位:区发改局",
            "等项目",
        ]
    ),
    st.text(max_size=12),
)
documents = st.lists(fragments, max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_every_span_is_exact_and_nothing_raises(text: str) -> None:
    record = extract_document(pipeline(), source_of(text))
    for entity in record.entities:
        assert text[entity.start : entity.end] == entity.text
        assert entity.text.strip() == entity.text and entity.text
    for relation in record.relations:
        assert 0 <= relation.start <= relation.end <= len(text)
        for span in (relation.head_span, relation.tail_span):
            if span:
                assert 0 <= span[0] < span[1] <= len(text)
