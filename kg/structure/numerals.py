"""Reads the count a numbered slogan announces: 五个临空 → 5, 两园两带 → 2+2 = 4, 三供一业 → 4."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kg.structure.resources import load_rules


@dataclass(frozen=True, slots=True)
class _NumeralRules:
    digits: dict[str, int]
    units: dict[str, int]
    standalone: dict[str, int]
    token: re.Pattern[str]
    measure_words: frozenset[str]


@functools.cache
def _rules() -> _NumeralRules:
    data = load_rules("numerals")
    digits = {str(k): int(v) for k, v in data["digits"].items()}
    units = {str(k): int(v) for k, v in data["units"].items()}
    standalone = {str(k): int(v) for k, v in data.get("standalone", {}).items()}
    chars = re.escape("".join(digits) + "".join(units))
    alone = re.escape("".join(standalone)) or "(?!)"
    token = re.compile(rf"[0-9]+|[{alone}]|[{chars}]+")
    measure = frozenset(str(data["measure_words"]))
    return _NumeralRules(digits, units, standalone, token, measure)


def _chinese_value(token: str, rules: _NumeralRules) -> int | None:
    """Value of a Chinese numeral like 三, 十二, 二十, 一百; None for digit runs like 十四五."""
    if token in rules.digits:
        return rules.digits[token]
    total, current, pending = 0, 0, False
    for char in token:
        if char in rules.digits:
            if pending:
                return None  # two digits in a row (七五, 十四五): a name, not a number
            current, pending = rules.digits[char], True
        else:
            total += (current if pending else 1) * rules.units[char]
            current, pending = 0, False
    return total + (current if pending else 0)


@functools.lru_cache(maxsize=4096)
def read_numeral_count(term: str) -> int | None:
    """Count announced by a term that starts with a numeral, or None.

    Remembered per term (the answer depends on the term alone): definitions and slogans ask
    again for the same few hundred terms, one to several times each per document.

    Each numeral followed by a word adds up (两园两带 → 4, 四办三中心 → 7); a numeral followed by
    a measure word counts alone (四个一 → 4, 五个一百 → 5, 3个100% → 3). Bare numbers such as
    “210” or 十四五 announce no count.
    """
    rules = _rules()
    text = term.strip().strip("“”\"'")
    total = 0
    first = True
    for match in rules.token.finditer(text):
        if first and match.start() != 0:
            return None
        token = match.group()
        following = text[match.end() : match.end() + 1]
        if token in rules.standalone:
            if first and rules.token.match(following):
                return rules.standalone[token]  # 双百, 双一流: a pair
            value: int | None = rules.standalone[token]
        else:
            value = int(token) if token.isascii() else _chinese_value(token, rules)
        is_word = bool(following) and "\u4e00" <= following <= "\u9fff"
        if value is None or not is_word:
            # 七五, “210”, the 100 of 3个100%: a name or a figure, not a count of parts
            if first:
                return None
            continue
        if first and following in rules.measure_words:
            return value
        total += value
        first = False
    return total or None
