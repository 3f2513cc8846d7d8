"""Mention propagation, brand-like companies, counted company lists and events on seed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction import run_pipeline
from kg.ingest import load_document
from kg.nlp.pipeline import build_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
SEEDS = {
    "001": "001_f32c294674d3e8c0",
    "002": "002_51ca86d34917683e",
    "003": "003_435c7080c0d33384",
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="module")
def docs(nlp: Language) -> dict[str, Doc]:
    return {k: run_pipeline(nlp, load_document(CORPUS / f"{n}.txt")) for k, n in SEEDS.items()}


def ents(doc: Doc, label: str) -> set[str]:
    return {e.text for e in doc.ents if e.label_ == label}


def rules_of(doc: Doc, text: str) -> set[str]:
    return {e._.kg.get("rule") for e in doc.ents if e.text == text}


def test_propagate_repeated_place_without_cue(docs: dict[str, Doc]) -> None:
    # 芭蕉湖 is found by its suffix where the text lists lakes (东风湖、芭蕉湖、吉家湖) and is a
    # mention too where it is followed by 水上船舶
    doc = docs["003"]
    starts = [e.start_char for e in doc.ents if e.text == "芭蕉湖" and e.label_ == "Place"]
    assert len(starts) >= 2
    assert "propagate" in rules_of(doc, "芭蕉湖")


def test_propagate_not_inside_a_longer_name(docs: dict[str, Doc]) -> None:
    # 汉正街 is a Place, but 汉正街东片扩大片 is an area of works: the road must not be cut out
    doc = docs["002"]
    text = doc.text
    start = text.index("汉正街东片扩大片")
    assert not any(e.start_char == start and e.text == "汉正街" for e in doc.ents)


def test_propagate_brand_company_names(docs: dict[str, Doc]) -> None:
    # a short core plus an industry word, between boundaries
    assert "润力专汽" in ents(docs["001"], "Company")
    assert {"远大医药"} <= ents(docs["002"], "Company")
    assert "普丰冷链" in ents(docs["003"], "Company")


def test_propagate_brand_not_generic_industry(docs: dict[str, Doc]) -> None:
    # 生物医药 and 专用汽车 are industries, not firms
    for doc in docs.values():
        assert not {"生物医药", "聚焦生物医药"} & ents(doc, "Company")


def test_propagate_brand_yields_to_project_list(docs: dict[str, Doc]) -> None:
    # 琅菱机械、康牧专汽等亿元以上项目: the text types them as projects
    assert "康牧专汽" not in ents(docs["001"], "Company")


def test_propagate_counted_company_list(docs: dict[str, Doc]) -> None:
    # 交投科技、省电力装备、中机三勘院3家骨干企业; 平安银行、兴业证券等25家金融保险机构
    assert {"交投科技", "省电力装备", "中机三勘院"} <= ents(docs["002"], "Company")
    assert {"平安银行", "兴业证券"} <= ents(docs["003"], "Company")


def test_propagate_hosted_events(docs: dict[str, Doc]) -> None:
    events = ents(docs["001"], "Event")
    assert "随州市文化和旅游产业发展大会" in events  # 办好2022年随州市文化和旅游产业发展大会
    assert "曾都区第四届运动会" in events  # 举办曾都区第四届运动会
    assert "炎帝神农创新发展（应急装备产业）大会" in events


def test_propagate_quoted_campaigns(docs: dict[str, Doc]) -> None:
    assert {"百企兴百村", "千万资金促消费"} <= ents(docs["001"], "Event")
    assert {"夏季攻势", "百日攻坚", "我们的节日", "汴河街庙会"} <= ents(docs["003"], "Event")
    # a term the document defines in its glossary stays a slogan
    assert "清、减、降" not in ents(docs["001"], "Event")


def test_propagate_event_series_list(docs: dict[str, Doc]) -> None:
    # 约惠今夏·嗨购硚口、汉正街市集等系列活动
    assert {"约惠今夏·嗨购硚口", "汉正街市集"} <= ents(docs["002"], "Event")
