"""Company and Event boundaries on seed text: suffixes, platform companies, list heads, stop
words, local meetings, defined terms and coordinated firms; no garbage on corpus-extra."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from kg.extraction import run_pipeline
from kg.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
EXTRA = ROOT.parent / "shared" / "corpus-extra"
SEEDS = {
    "000": "000_2902ce684fdbffb1",
    "001": "001_f32c294674d3e8c0",
    "002": "002_51ca86d34917683e",
    "003": "003_435c7080c0d33384",
    "004": "004_c20798e18fc459eb",
}


@pytest.fixture(scope="module")
def docs(nlp: Any) -> dict[str, Doc]:
    return {k: run_pipeline(nlp, load_document(CORPUS / f"{n}.txt")) for k, n in SEEDS.items()}


def ents(doc: Doc, label: str) -> set[str]:
    return {e.text for e in doc.ents if e.label_ == label}


def test_company_suffixes_branch_brickworks_and_platform_abbreviation(
    docs: dict[str, Doc],
) -> None:
    # 成立曾都分公司, 关停岳龙页岩砖厂, 推动区经建投市场化转型
    assert "曾都分公司" in ents(docs["001"], "Company")
    assert "岳龙页岩砖厂" in ents(docs["003"], "Company")
    assert "区经建投" in ents(docs["003"], "Company")


def test_platform_companies_named_by_level_and_remit(docs: dict[str, Doc]) -> None:
    # 在全省率先组建乡村振兴投资公司; 筹备成立区城市发展集团; 组建湖北曾都发展集团公司
    assert "乡村振兴投资公司" in ents(docs["001"], "Company")
    assert "湖北曾都发展集团公司" in ents(docs["001"], "Company")
    assert "集团公司" not in ents(docs["001"], "Company")
    assert "区城市发展集团" in ents(docs["002"], "Company")


def test_company_starts_after_governing_verbs(docs: dict[str, Doc]) -> None:
    # 协助天海航运、永辉智能等企业; 整合区城投公司; 协调市金控集团中小企业融资担保公司成立
    companies = ents(docs["000"], "Company") | ents(docs["001"], "Company")
    assert {"天海航运", "区城投公司", "市金控集团中小企业融资担保公司"} <= companies
    assert not {"协助天海航运", "整合区城投公司", "协调市金控集团"} & companies


def test_list_item_after_comma_keeps_a_one_character_modifier(docs: dict[str, Doc]) -> None:
    # 支持金银丰食品、大自然米业、原木童等企业
    assert "原木童" in ents(docs["001"], "Company")
    assert "木童" not in ents(docs["001"], "Company")


def test_company_list_head_is_a_word_and_near(docs: dict[str, Doc]) -> None:
    # 引导山场、农田、水面等资源向企业…聚集; 资质等级建筑业企业 (等 inside 等级)
    companies = ents(docs["001"], "Company")
    assert not {"山场", "农田", "水面", "工业企业"} & companies


def test_ji_and_relocation_end_a_place(docs: dict[str, Doc]) -> None:
    # 加紧猛汉酒业搬迁及晟辉公园府部分建筑征收拆迁
    assert "猛汉酒业" in ents(docs["000"], "Company")
    assert not any("及" in p for p in ents(docs["000"], "Place"))
    # a project keeps its 及: 金龙应急救援产品研发及智能制造项目
    assert "金龙应急救援产品研发及智能制造项目" in ents(docs["001"], "Project")


def test_firm_coordinated_with_a_known_firm(docs: dict[str, Doc]) -> None:
    # 润力专汽和金龙集团、重汽华威分别获评国家、省级专精特新“小巨人”企业
    assert "重汽华威" in ents(docs["001"], "Company")


def test_local_organ_meetings_are_not_events(docs: dict[str, Doc]) -> None:
    # 召开区政府全会、常务会; 中央、省、市、区委经济工作会议精神 — but 中央经济工作会议 is one
    events = ents(docs["003"], "Event")
    assert not {"区政府全会", "区委经济工作会议"} & events
    assert {"区政府", "区委"} <= ents(docs["003"], "GovernmentBody")
    assert "中央经济工作会议" in ents(docs["002"], "Event")


def test_duration_alone_is_no_campaign_name(docs: dict[str, Doc]) -> None:
    # 推进菜市场提质改造三年攻坚行动
    assert "三年攻坚行动" not in ents(docs["003"], "Event")


def test_event_list_items(docs: dict[str, Doc]) -> None:
    # 承办应急产业发展高端论坛、博览会等活动: a bare type word is no item;
    # 承办世界大健康博览会环同济健康城展区、…等活动: the event ends where its suffix does
    assert "博览会" not in ents(docs["001"], "Event")
    assert "世界大健康博览会" in ents(docs["002"], "Event")
    assert "环同济健康城" in ents(docs["002"], "Park")


def test_event_edges(docs: dict[str, Doc]) -> None:
    # 举办首届全省元宇宙产业峰会; 承办大众电影百花奖六十周年艺术展和产业论坛; 持续擦亮磁湖文化节
    events = ents(docs["002"], "Event")
    assert {"全省元宇宙产业峰会", "大众电影百花奖六十周年艺术展"} <= events
    assert "磁湖文化节" in ents(docs["004"], "Event")
    assert "擦亮磁湖文化节" not in ents(docs["004"], "Event")


def test_glossary_long_form_is_not_an_event(docs: dict[str, Doc]) -> None:
    # 9.“清、减、降”专项行动：“清文件、减审批、降收费”专项行动 spells out the defined term;
    # “执行力提升年活动” inside another definition is still an event
    assert "清文件、减审批、降收费" not in ents(docs["001"], "Event")
    assert "执行力提升年活动" in ents(docs["003"], "Event")


# Strings seen as wrong Company entities on corpus-extra: descriptions glued to the name,
# industries in a counted list, classes of firms, a partner across the preposition 与.
EXTRA_GARBAGE = {
    "世界领军企业鑫联环保科技",
    "世界500强企业吉利控股",
    "中国民营企业500强湖南金荣集团",
    "2024中药上市公司",
    "仓储物流",
    "域内企业互补",
}


def test_no_garbage_companies_on_corpus_extra(nlp: Any) -> None:
    if not EXTRA.is_dir():
        pytest.skip(f"{EXTRA} is absent")
    found: set[str] = set()
    for path in sorted(EXTRA.glob("*.txt")):
        doc = run_pipeline(nlp, load_document(path))
        found |= {e.text for e in doc.ents if e.label_ in ("Company", "Event")}
    assert not found & EXTRA_GARBAGE
    assert {"吉利控股集团", "湖南金荣集团", "鑫联环保科技"} <= found
