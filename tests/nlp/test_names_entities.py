"""Named things (parks, places, institutions, events, people …) on the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from kg.extraction import run_pipeline
from kg.ingest import load_document
from kg.nlp.pipeline import build_pipeline

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def docs() -> dict[str, Doc]:
    nlp = build_pipeline()
    names = [
        "000_2902ce684fdbffb1",
        "001_f32c294674d3e8c0",
        "002_51ca86d34917683e",
        "003_435c7080c0d33384",
    ]
    return {n[:3]: run_pipeline(nlp, load_document(CORPUS / f"{n}.txt")) for n in names}


def ents(doc: Doc, label: str) -> set[str]:
    return {e.text for e in doc.ents if e.label_ == label}


def test_names_division_inside_a_name_yields_to_the_name(docs: dict[str, Doc]) -> None:
    # 黄石 / 天方 / 沈家营 are divisions of the gazetteer, but here they start longer names
    doc = docs["000"]
    assert {"黄石大道", "沈家营码头公园"} <= ents(doc, "Place")
    assert {"天方幼儿园", "天虹幼儿园"} <= ents(doc, "Institution")
    assert "江北工业园" in ents(doc, "Park")
    heads = {e.text for e in doc.ents if e.label_ == "AdminDivision"}
    assert "天方" not in heads


def test_names_district_institutions_and_stop_words(docs: dict[str, Doc]) -> None:
    assert "区图书馆" in ents(docs["000"], "Institution")
    # 都 is a stop word, but 曾都 is a district: 曾都医院 stays whole
    assert "曾都医院" in ents(docs["001"], "Institution")
    # a stop word right before the suffix leaves no name: 东升小学等学校 is not one
    assert "东升小学等学校" not in ents(docs["003"], "Institution")


def test_names_generic_phrases_are_not_names(docs: dict[str, Doc]) -> None:
    all_projects = set().union(*(ents(d, "Project") for d in docs.values()))
    assert not all_projects & {"引进项目", "加强项目", "更多项目", "重大项目", "上重点项目"}
    all_places = set().union(*(ents(d, "Place") for d in docs.values()))
    assert not all_places & {"总体思路", "之路", "背街", "一带一路", "绿水青山", "口袋公园"}
    all_companies = set().union(*(ents(d, "Company") for d in docs.values()))
    assert not all_companies & {"现代物流", "传统商贸", "未来科技", "信息科技"}


def test_names_typed_list_items_take_the_list_type(docs: dict[str, Doc]) -> None:
    # 新工一路、裕民大道、六草屋大道、明珠公园、桃园市场、城北雨污管网等…项目
    projects = ents(docs["001"], "Project")
    assert {"裕民大道", "六草屋大道", "明珠公园"} <= projects


def test_names_events_and_people(docs: dict[str, Doc]) -> None:
    assert "春风行动" in ents(docs["000"], "Event")
    assert "磁湖文化节" in ents(docs["000"], "Event")
    assert "党的二十大" in ents(docs["002"], "Event")
    assert "十九届五中全会" in ents(docs["003"], "Event")
    assert {"马克思", "毛泽东", "邓小平"} <= ents(docs["003"], "Person")
    # a people's congress is the meeting of an organ, not an event
    all_events = set().union(*(ents(d, "Event") for d in docs.values()))
    assert not any(e.endswith("代表大会") for e in all_events)
