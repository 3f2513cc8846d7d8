"""Speed mechanisms of the name and pattern rules find exactly what the plain scans find.

Anchored rules (patterns.yaml ``anchor``/``reach``) try their regex only before the anchor
words; the suffix scan of names.yaml finds every suffix start with :func:`word_starts` split
into buckets by first character; the left edge, segment start, trim and generic-core test of a
name skip checks that cannot succeed. Each is compared with the plain computation on the seed
texts and on strings built to sit at the limits. The pattern component looks up only the
candidate types its rules give way to, and propagates found names with a literal-led scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from kg.ingest import load_document
from kg.nlp.components.names import NameRules, is_name_char
from kg.nlp.components.patterns import PatternRules, find_all
from kg.nlp.rules import load_rules
from kg.nlp.spans import add_candidate, proposals
from kg.regex import alternation, word_starts

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

# Strings at the limits of each anchored rule: the longest prefix before the anchor word,
# matches next to each other, anchors inside other anchors, a match at the text's start.
TRICKY = [
    "代理区长王小明。代区长苏海峰，区长:石进\n审核人：张艳艳",
    "责任编辑王平，主任编辑李华。居委会主任唐述被评为先进，学者王平、王华。",
    "市长王平、市长李强、县长张三等",
    "党的十九届五中全会，十九届五中全会；党的二十届三中全会精神，党的二十一届三中全会",
    "曾都区第四届龙舟运动会，黄石港区第十二届龙虾节，大冶湖新区第100届龙虾节",
    "举办黄石港区第四届运动会、西塞山区第二届大会代表大会",
    "，加快推进湖北猛汉酒业，做大做强润力专汽获评，远大医药、猛汉酒业和润力专汽等",
    "引进猛汉酒业远大医药签约康牧专汽；支持绿色食品、生物医药成功",
    "交投科技、省电力装备、中机三勘院3家骨干企业，平安银行、兴业证券等125家金融保险机构",
    "约惠今夏·嗨购硚口、汉正街市集等系列活动，春风行动、百日攻坚等一系列主题活动",
    "家家",
    "届届届",
]


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [load_document(path).analysis for path in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def pattern_rules() -> PatternRules:
    return PatternRules(load_rules("nlp/rules/patterns.yaml"))


@pytest.fixture(scope="module")
def name_rules() -> NameRules:
    return NameRules(load_rules("nlp/rules/names.yaml"))


def spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


def anchored(rules: PatternRules) -> list[tuple[str, re.Pattern[str], re.Pattern[str], int]]:
    """Every anchored regex of patterns.yaml: id, regex, anchor finder, reach."""
    found = [(r.id, r.pattern, r.anchors, r.reach) for r in rules.rules]
    found += [(b.id, b.pattern, b.anchors, b.reach) for b in rules.brands]
    found += [(x.id, x.head, x.anchors, x.reach) for x in rules.lists]
    return [(i, p, a, n) for i, p, a, n in found if a is not None]


def test_anchored_rules_cover_the_costly_regexes(pattern_rules: PatternRules) -> None:
    ids = {rule_id for rule_id, *_ in anchored(pattern_rules)}
    assert {"person_after_title", "event_division_edition", "company_brand"} <= ids


def test_anchored_rules_match_like_the_plain_regex(
    pattern_rules: PatternRules, seed_texts: list[str]
) -> None:
    for rule_id, pattern, anchors, reach in anchored(pattern_rules):
        hits = 0
        for text in [*seed_texts, *TRICKY, "\n".join(TRICKY)]:
            plain = spans(pattern.finditer(text))
            assert spans(find_all(pattern, anchors, reach, text)) == plain, rule_id
            hits += len(plain)
        assert hits, f"{rule_id} matched nothing: the comparison proves nothing"


def test_tricky_strings_reach_the_limits(pattern_rules: PatternRules) -> None:
    # each reach is needed: one less loses a match of the strings above
    for rule_id, pattern, anchors, reach in anchored(pattern_rules):
        shorter = [spans(find_all(pattern, anchors, reach - 1, t)) for t in TRICKY]
        assert shorter != [spans(pattern.finditer(t)) for t in TRICKY], rule_id


def test_word_starts_finds_every_suffix_start_in_seed_text(seed_texts: list[str]) -> None:
    # the suffixes of names.yaml, some inside others (科技 in 科技园区)
    suffixes = load_rules("nlp/rules/names.yaml")["types"]["Park"]["suffixes"] + ["科技", "园区"]
    every = re.compile(f"(?=({alternation(suffixes)}))")
    for text in seed_texts:
        expected = [(m.start(1), m.group(1)) for m in every.finditer(text)]
        assert [(m.start(1), m.group(1)) for m in word_starts(suffixes).finditer(text)] == expected


def stop_before_plainly(r: NameRules, text: str, pos: int, works_ok: bool, min_len: int) -> bool:
    """A stop word (or works verb) of at least ``min_len`` ends at ``pos``, not made a noun."""
    words = r.stop_words if works_ok else r.stop_words | r.works_verbs
    return any(
        len(w) >= min_len
        and text.endswith(w, 0, pos)
        and not (r.continuations.get(w) and text.startswith(r.continuations[w], pos))
        for w in words
    )


def test_stop_before_checks_the_words_ending_at_an_offset(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    text = seed_texts[0][:4000] + "推进服务业发展示范区总投资公司共享"
    stops = 0
    for pos in range(len(text) + 1):
        for works_ok in (False, True):
            for min_len in (1, 2):
                expected = stop_before_plainly(name_rules, text, pos, works_ok, min_len)
                assert name_rules.stop_before(text, pos, works_ok, min_len) == expected, pos
                stops += expected
    assert stops > 100


def test_trim_prefilter_changes_nothing(name_rules: NameRules, seed_texts: list[str]) -> None:
    plain = NameRules(load_rules("nlp/rules/names.yaml"))
    plain.trimmable_re = re.compile("")  # never rules a start out
    trimmed = 0
    for text in seed_texts:
        for start in range(len(text)):
            end = min(len(text), start + 12)
            for min_stop in (1, 2):
                expected = plain.trim(text, start, end, min_stop=min_stop)
                assert name_rules.trim(text, start, end, min_stop=min_stop) == expected
                trimmed += expected != start
    assert trimmed > 1000


def test_bucketed_suffix_scan_finds_what_word_starts_finds(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    # the suffix scan of names.yaml, on real text
    plain, found = word_starts(name_rules.by_suffix), 0
    for text in seed_texts:
        expected = [(m.start(1), m.group(1)) for m in plain.finditer(text)]
        got = name_rules.suffix_re.finditer(text)
        assert [(m.start(), m[m.lastindex or 0]) for m in got] == expected
        found += len(expected)
    assert found > 1000


def left_edges(r: NameRules, text: str, marked: bytearray | None = None) -> list[int]:
    """left_edge at every offset of ``text``, with and without works verbs, atoms, stops,
    brackets and inner stop characters (atoms and stops looked up where ``marked`` says)."""
    atoms = [{end: end - 3 for end in range(5, len(text), 7)}]
    stops = frozenset(range(11, len(text), 13))
    return [
        r.left_edge(text, end, limit, works_ok, *extra)
        for end in range(len(text) + 1)
        for limit, works_ok, extra in (
            (12, False, ()),
            (14, True, (atoms, stops, True, "及", marked)),
            (24, True, ()),
        )
    ]


def marks(text: str, offsets: Iterable[int]) -> bytearray:
    """One flag per offset of ``text`` (and its end), set at ``offsets``."""
    flags = bytearray(len(text) + 1)
    for offset in offsets:
        flags[offset] = 1
    return flags


def test_left_edge_steps_over_plain_ideographs_as_the_full_checks_do(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    plain = NameRules(load_rules("nlp/rules/names.yaml"))
    # every ideograph "may stop a name": the full checks run at every character
    plain.stopping_ideographs = frozenset(map(chr, range(0x4E00, 0xA000)))
    texts = [t[:6000] for t in seed_texts] + ["码头（二期）项目推进服务业发展研发及智能制造项目"]
    for text in texts:
        assert left_edges(name_rules, text) == left_edges(plain, text)
    # a stop word's last character left out of the set makes a difference: the test can fail
    plain.stopping_ideographs = name_rules.stopping_ideographs - {"进"}
    assert any(left_edges(name_rules, t) != left_edges(plain, t) for t in texts)


def test_left_edge_looks_up_atoms_and_stops_only_where_marked(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    texts = [t[:3000] for t in seed_texts]
    for text in texts:
        # the atoms of left_edges end at 5, 12, 19 …; its stops lie at 11, 24, 37 …
        both = marks(text, [*range(5, len(text), 7), *range(11, len(text), 13)])
        assert left_edges(name_rules, text, both) == left_edges(name_rules, text)
    # atoms left unmarked are not crossed: the marks make a difference, the test can fail
    assert any(
        left_edges(name_rules, t, marks(t, range(11, len(t), 13))) != left_edges(name_rules, t)
        for t in texts
    )


def suffix_cores(r: NameRules, text: str) -> list[tuple[str, str]]:
    """Every stretch of up to 8 characters before a suffix of ``text``, with the suffix."""
    found = []
    for m in r.suffix_re.finditer(text):
        suffix = m[m.lastindex or 0]
        found += [
            (text[start : m.start()], suffix)
            for start in range(max(0, m.start() - 8), m.start() + 1)
        ]
    return found


def test_generic_core_prefilter_changes_nothing(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    plain = NameRules(load_rules("nlp/rules/names.yaml"))
    anything = frozenset("".join(seed_texts))
    plain.generic_firsts = plain.generic_lasts = anything  # the regex decides every core
    cores = [pair for text in seed_texts for pair in suffix_cores(name_rules, text)]
    labels = {rule.label for rule in name_rules.by_suffix.values()}

    def verdicts(r: NameRules) -> list[bool]:
        by_rule = [r.is_generic(core, r.by_suffix[suffix]) for core, suffix in cores]
        by_label = [
            r.is_generic(core, words=r.label_generic[label])
            for label in sorted(labels)
            for core, _ in cores[::7]
        ]
        return by_rule + by_label

    expected = verdicts(plain)
    assert verdicts(name_rules) == expected
    assert sum(expected) > 500
    # a generic word's last character left out: a generic core taken for a name, it can fail
    plain.generic_lasts = anything - {"点"}
    assert verdicts(plain) != expected


def segment_start_plainly(r: NameRules, text: str, end: int, limit: int) -> int:
    """segment_start checking every character for stop characters and brackets."""
    pos, floor = end, max(0, end - limit)
    while pos > floor:
        ch = text[pos - 1]
        if ch == "）":
            m = r.bracket_re.search(text, max(0, pos - 12), pos)
            if m and m.end() == pos and m.start() > floor:
                pos = m.start()
                continue
        if ch in r.stop_chars or not is_name_char(ch, r.name_punct):
            return pos
        pos -= 1
    return pos if pos == 0 else -1


def test_segment_start_steps_over_ideographs_as_the_full_checks_do(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    texts = [t[:6000] for t in seed_texts] + ["码头（二期）项目、研发及智能制造、A座和B区"]
    starts = 0
    for text in texts:
        for end in range(len(text) + 1):
            expected = segment_start_plainly(name_rules, text, end, 24)
            assert name_rules.segment_start(text, end, 24) == expected, end
            starts += 0 < expected < end
    assert starts > 1000


def test_abbreviation_pattern_finds_what_the_repeat_finds(
    name_rules: NameRules, seed_texts: list[str]
) -> None:
    assert name_rules.abbrev_re is not None
    pattern = name_rules.abbrev_re.pattern
    numeral = "[一二三四五六七八九十]"
    repeat = re.compile(pattern.replace(f"{numeral}{numeral}{{0,2}}", f"{numeral}{{1,3}}", 1))
    assert repeat.pattern != pattern
    texts = [*seed_texts, "十四中、一职教、曾都二中和一二三四中，十九届五中全会，市一中心"]
    found = [spans(repeat.finditer(t)) for t in texts]
    assert [spans(name_rules.abbrev_re.finditer(t)) for t in texts] == found
    assert sum(map(len, found)) >= 4


def test_a_slogan_stays_a_slogan_and_found_names_propagate(
    nlp: Any, pattern_rules: PatternRules
) -> None:
    text = "开展“春风行动”活动。春风行动取得成效。"
    quoted = (text.index("春"), text.index("”"))

    def proposed(slogan: bool) -> set[tuple[int, int, str, str]]:
        doc = nlp.make_doc(text)
        if slogan:
            add_candidate(doc, *quoted, "Slogan", rule="test")
        pattern_rules(doc)
        return {(p.start, p.end, p.label, p.details["rule"]) for p in proposals(doc)}

    again = text.rindex("春风行动")
    assert (*quoted, "Event", "event_quoted_campaign") in proposed(slogan=False)
    assert (again, again + 4, "Event", "propagated") in proposed(slogan=False)
    assert not any(label == "Event" for _, _, label, _ in proposed(slogan=True))
