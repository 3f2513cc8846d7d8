"""Scans that check the character before a match after its first character (so that re skips
ahead) still find matches at the text's start and after a line break, and still refuse them
after the characters the rules exclude."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from kg.gazetteer.admin import AdminGazetteer
from kg.nlp.components.bodies import GovernmentBodies
from kg.nlp.components.slogans import SloganRules, Slogans
from kg.nlp.rules import load_rules
from kg.nlp.spans import details
from kg.phrases import PhraseIndex

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def bodies() -> GovernmentBodies:
    return GovernmentBodies(load_rules("nlp/rules/government_bodies.yaml"))


def body_texts(bodies: GovernmentBodies, text: str) -> set[str]:
    return {m.group() for _, p in bodies.patterns for m in p.finditer(text)}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("区委书记讲话", "区委"),
        ("会议指出\n区发改局牵头", "区发改局"),
        ("人大、政协的监督", "人大"),
        ("接受人大监督", "人大"),
        ("\n街道党工委书记", "街道党工委"),
        ("花湖街办负责", "花湖街办"),
        ("发改局牵头", "发改局"),
        ("国务院印发", "国务院"),
    ],
)
def test_bodies_at_the_start_and_after_a_break(
    bodies: GovernmentBodies, text: str, found: str
) -> None:
    assert found in body_texts(bodies, text)


@pytest.mark.parametrize(
    ("text", "not_found"),
    [
        ("社区委员会", "区委"),  # 区 ends 社区
        ("城市政府", "市政府"),  # 市 ends 城市
        ("全省政府", "省政府"),
        ("人大代表", "人大"),  # 人大 only where the text speaks of the organ
        ("湖北人大、政协", "人大"),  # after a CJK character that is not a preposition
    ],
)
def test_bodies_not_after_excluded_characters(
    bodies: GovernmentBodies, text: str, not_found: str
) -> None:
    assert not_found not in body_texts(bodies, text)


def test_street_office_on_a_later_line_only_where_a_suffix_is(bodies: GovernmentBodies) -> None:
    text = "各街道负责落实\n花湖街道办事处、黄石港街道办负责；\n其他镇政府\n二〇二四年"
    found = body_texts(bodies, text)
    assert {"花湖街道办事处", "黄石港街道办", "其他镇政府"} <= found


@pytest.fixture(scope="module")
def slogans() -> Slogans:
    return Slogans(SloganRules(load_rules("nlp/rules/slogans.yaml")))


def test_slogans_at_the_start_and_not_after_a_numeral(slogans: Slogans) -> None:
    assert "两园两带" in slogans.shorthands("两园两带建设")
    assert "五共理念" not in slogans.shorthands("第五共理念")
    assert "五共" in slogans.shorthands("五共理念")
    assert "三个三" in slogans.shorthands("坚持\n三个三战略")
    assert "两园两带" not in slogans.shorthands("十两园两带")


def test_amounts_at_the_start_and_never_from_a_fraction(nlp: Any) -> None:
    def amounts(text: str) -> list[str]:
        doc = nlp.get_pipe("kg_amounts")(nlp.make_doc(text))
        return [s.text for s in doc.spans["candidates"]] if "candidates" in doc.spans else []

    assert amounts("3亿元用于建设") == ["3亿元"]
    assert amounts("增加\n12.5万元") == ["12.5万元"]
    assert amounts("第.5亿元") == []


def test_task_key_lines_at_a_line_start_only(nlp: Any) -> None:
    text = "1.推进项目建设。\n牵头单位：区发改局\n2.做好招商工作。各责任单位：要落实"
    doc = nlp.get_pipe("kg_tasks")(nlp.make_doc(text))
    units = [(u.role, text[u.start : u.end]) for t in doc._.tasks for u in t.units]
    assert units == [("lead", "区发改局")]
    spans = doc.spans.get("candidates", [])
    assert [details(s)["rule"] for s in spans] == ["task_unit"]


def test_phrase_index_finds_every_name_among_thousands() -> None:
    """Thousands of names share the hashed table with unrelated bigrams of the text."""
    names = [f"{chr(0x4E00 + i)}{chr(0x4E00 + 7 * i % 997)}村" for i in range(3000)]
    text = "".join(chr(0x4E00 + (i * 31) % 2000) for i in range(5000)) + names[1234]
    found = PhraseIndex(names).matches(text)
    wanted = set(names)
    plain = [(i, i + 3) for i in range(len(text) - 2) if text[i : i + 3] in wanted]
    assert found == plain and (len(text) - 3, len(text)) in found


# matcher.yaml's list tails as they read plainly (its comment gives them): the shipped forms
# start with their first character so that re skips ahead, and must match exactly the same
PLAIN_TAILS = {
    "short_list_tail": "等?(?:[0-9]+|[一二两三四五六七八九十百几]+)个[\u4e00-\u9fff]{0,2}?"
    "(社区|小区|村|街道|镇|乡)",
    "short_series_tail": "(?:等[\u4e00-\u9fff]{0,2}?)?(片区|城区|街道|乡镇)",
}


@pytest.mark.parametrize("key", sorted(PLAIN_TAILS))
def test_admin_list_tails_match_as_their_plain_form(key: str) -> None:
    shipped = re.compile(str(AdminGazetteer.load().matcher_rules[key]))
    plain = re.compile(PLAIN_TAILS[key])
    rng = random.Random(7)
    alphabet = "等个社区小村街道镇乡片城0129一二两三十百几、，\n花湖"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 24))) for _ in range(20000)]
    found = 0
    for text in texts:
        expected = [(m.span(), m.span(1)) for m in plain.finditer(text)]
        assert [(m.span(), m.span(1)) for m in shipped.finditer(text)] == expected, text
        found += len(expected)
    assert found > 300
