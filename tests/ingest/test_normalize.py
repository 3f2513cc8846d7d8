"""Length-preserving normalisation of the analysis text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.normalize import normalize, translation_table

from ._corpus import SEEDS, seed_text


def test_seed_punctuation_becomes_full_width_and_keeps_offsets() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        norm = normalize(text)
        assert len(norm) == len(text)
        assert not set(",:;()!?\u00a0\u2002︰") & set(norm), path.name
        # digits, decimal points and percentages stay where they were
        assert [i for i, c in enumerate(text) if c.isdigit()] == [
            i for i, c in enumerate(norm) if c.isdigit()
        ]


def test_a_report_sentence_reads_as_in_print() -> None:
    text = seed_text("000")
    start = text.index("现在,我代表区人民政府")
    assert normalize(text)[start : start + 14] == "现在，我代表区人民政府向大会"


def test_what_must_not_change() -> None:
    keep = "①②⑩〔2025〕[1]【字体】《政府工作报告》“六稳”15.4%、。—— ABC abc 123 〇"
    assert normalize(keep) == keep


def test_odd_forms_are_mapped() -> None:
    assert normalize("比例１︰２∶３") == "比例1：2：3"
    assert normalize("ＧＤＰ增长８．５％") == "GDP增长8.5%"
    assert normalize("代区长\u3000严荣勇\u00a0\u2002x") == "代区长 严荣勇  x"
    assert normalize("「五個臨空」") == "“五個臨空”"
    assert normalize("(一)突出疫后重振!") == "（一）突出疫后重振！"


def test_table_is_idempotent() -> None:
    table = translation_table()
    assert not set(table.values()) & set(table), "a mapped character is mapped again"


@given(st.text())
def test_normalize_keeps_length_and_is_idempotent(text: str) -> None:
    norm = normalize(text)
    assert len(norm) == len(text)
    assert normalize(norm) == norm
    table = translation_table()
    assert all(n == t for t, n in zip(text, norm, strict=True) if ord(t) not in table)
    assert [i for i, c in enumerate(text) if c == "\n"] == [
        i for i, c in enumerate(norm) if c == "\n"
    ]


MAPPED_AND_NOT = sorted({chr(c) for c in translation_table()} | set("黄石港 ,.:;\n"))


@given(st.text(alphabet=st.sampled_from(MAPPED_AND_NOT)))
def test_every_mapped_character_is_replaced_by_its_table_entry(text: str) -> None:
    assert normalize(text) == text.translate(translation_table())
