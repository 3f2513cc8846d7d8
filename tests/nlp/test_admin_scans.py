"""kg_admin's whole-text scans read their first character first (so that re skips ahead): the
own city's one-character form and the series tail find exactly what their plain forms find."""

from __future__ import annotations

import random
import re
from pathlib import Path

from kg.gazetteer.admin import AdminGazetteer
from kg.nlp.components.admin import AdminGazetteerComponent

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _texts(alphabet: str, count: int = 20000) -> list[str]:
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts + ["".join(rng.choices(alphabet, k=rng.randint(0, 16))) for _ in range(count)]


def test_one_character_city_matches_as_its_look_behind_form() -> None:
    component = AdminGazetteerComponent(priority=10)
    component._load_rules()
    yueyang = next(d for d in AdminGazetteer.load().divisions("city") if d.name == "岳阳市")
    shipped = component.one_char_pattern(yueyang)
    assert shipped is not None
    before = re.escape(component.one_char_before)
    plain = re.compile(rf"(?<=[{before}])[岳阳](?=(?:{component.one_char_after}))")
    found = 0
    for text in _texts("来返岳阳汉等人员、，。驻x\n"):
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in shipped.finditer(text)] == expected, text
        found += len(expected)
    assert found > 1000
    assert [m.group() for m in shipped.finditer("岳等，来岳等，来汉等，返阳人员")] == ["岳", "阳"]


def test_series_tail_scan_finds_what_finditer_finds() -> None:
    component = AdminGazetteerComponent(priority=10)
    component._load_rules()
    plain = re.compile(str(AdminGazetteer.load().matcher_rules["short_series_tail"]))
    found = 0
    for text in _texts("等片区城街道乡镇花湖、，\n"):
        expected = [(m.span(), m.span(1)) for m in plain.finditer(text)]
        assert [(m.span(), m.span(1)) for m in component.series_tail.finditer(text)] == expected
        found += len(expected)
    assert found > 1000
