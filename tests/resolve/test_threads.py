"""Following one thing across years: formal numerals and projects named after a facility."""

from __future__ import annotations

from kg.resolve.aliases import resolve_aliases
from kg.resolve.threads import NodeName, threads


def test_a_formal_numeral_is_the_same_name() -> None:
    merges = resolve_aliases([("Project", "中梁滨江一号"), ("Project", "中梁滨江壹号")])
    assert [(m.alias, m.canonical, m.reason) for m in merges] == [
        ("中梁滨江一号", "中梁滨江壹号", "numeral variant")
    ]
    assert resolve_aliases([("Project", "中梁滨江一号"), ("Project", "中梁滨江二号")]) == []


def test_a_project_continues_the_facility_it_is_named_after() -> None:
    nodes = [
        NodeName("Institution/十四中", "Institution", "黄石港区", ("十四中",)),
        NodeName("Project/十四中改扩建项目", "Project", "黄石港区", ("十四中改扩建项目",)),
        NodeName("Institution/中山小学", "Institution", "黄石港区", ("中山小学",)),
        NodeName(
            "Project/中山小学二期改扩建工程", "Project", "黄石港区", ("中山小学二期改扩建工程",)
        ),
    ]
    found = threads(nodes)
    assert found["Institution/十四中"] == "Project/十四中改扩建项目"
    assert found["Institution/中山小学"] == "Project/中山小学二期改扩建工程"
    assert found["Project/十四中改扩建项目"] == "Project/十四中改扩建项目"


def test_threads_never_join_parks_other_districts_or_ambiguous_projects() -> None:
    nodes = [
        NodeName("Park/临空科创产业园", "Park", "黄石港区", ("临空科创产业园",)),
        NodeName("Project/临空科创产业园项目", "Project", "黄石港区", ("临空科创产业园项目",)),
        NodeName("Institution/区图书馆", "Institution", "曾都区", ("区图书馆",)),
        NodeName("Project/区图书馆改造项目", "Project", "黄石港区", ("区图书馆改造项目",)),
        NodeName("Institution/一中", "Institution", "岳阳楼区", ("一中",)),
        NodeName("Project/一中改扩建项目", "Project", "岳阳楼区", ("一中改扩建项目",)),
        NodeName("Project/一中迁建项目", "Project", "岳阳楼区", ("一中迁建项目",)),
    ]
    found = threads(nodes)
    assert all(found[n.id] == n.id for n in nodes)
