"""Places, parks, institutions and projects on seed text (kg_suffix_names_v1 and the selector)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction import run_pipeline
from kg.ingest import load_document
from kg.nlp.pipeline import build_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


@pytest.fixture(scope="module")
def docs(nlp: Language) -> dict[str, Doc]:
    return {p.name[:3]: run_pipeline(nlp, load_document(p)) for p in sorted(CORPUS.glob("*.txt"))}


def ents(doc: Doc, label: str) -> set[str]:
    return {e.text for e in doc.ents if e.label_ == label}


def test_places_honour_titles_are_not_parks(docs: dict[str, Doc]) -> None:
    # 创建/获评 … 示范区 and 建设 … 先行区 are titles and goals; a zone named after a place is one
    parks = set().union(*(ents(d, "Park") for d in docs.values()))
    titles = {"食品安全示范区", "全域临空先行区", "营商环境改革先行区", "慢性病综合防控示范区"}
    assert not parks & titles
    assert {"随州市何店高质量发展示范区", "青年路总部经济集聚区"} <= parks


def test_places_numbered_and_ring_roads(docs: dict[str, Doc]) -> None:
    places = set().union(*(ents(d, "Place") for d in docs.values()))
    assert {"107国道", "240国道", "西环线", "北环线", "北外环", "古田一路", "湖滨大道"} <= places
    # footbridges and set phrases are not names
    assert not places & {"人行天桥", "金山", "文山", "半壁江"}


def test_places_typed_lists_with_long_heads(docs: dict[str, Doc]) -> None:
    # …等28个市、区项目 / …等都市休闲文旅项目 / 有轨电车 after 、 keeps its 有
    assert {"擂鼓墩大道", "白鹤一路", "桃园东路"} <= ents(docs["001"], "Project")
    assert {"青山湾", "枫树坳", "盘龙山"} <= ents(docs["004"], "Project")
    assert {"有轨电车", "滴滴客服第三总部", "文都创新教育研究院"} <= ents(docs["000"], "Project")
    # the class after 等 is not a project name
    assert "优质房地产项目" not in ents(docs["004"], "Project")


def test_places_projects_contain_institutions_and_brackets(docs: dict[str, Doc]) -> None:
    projects = ents(docs["004"], "Project")
    assert "胜阳港社区卫生服务中心改扩建项目" in projects
    assert "游轮港外贸码头（二期）项目" in projects
    assert "延安路拓宽工程" in ents(docs["000"], "Project")


def test_places_institution_abbreviations(docs: dict[str, Doc]) -> None:
    assert {"十一中", "一职教", "一聋校"} <= ents(docs["002"], "Institution")
    assert {"疾控中心", "政务服务中心"} <= ents(docs["000"], "Institution")
    # plenary sessions are not schools
    all_inst = set().union(*(ents(d, "Institution") for d in docs.values()))
    assert not all_inst & {"二中", "三中", "五中"}
    assert not all_inst & {"普惠性幼儿园", "中小学", "公立医院"}


def test_places_generic_cores(nlp: Language) -> None:
    doc = nlp("推进市重点项目和湖滨大道建设，建设人行天桥3座。")
    assert "市重点项目" not in ents(doc, "Project")
    assert "湖滨大道" in ents(doc, "Place")
    assert "人行天桥" not in ents(doc, "Place")
