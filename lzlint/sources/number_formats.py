"""Word's number formats (w:numFmt values) as functions from a counter to its text.

A function returns None where the format cannot show the value (⑳ is the last
circled number); the caller reports that instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable

_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "十", "百", "千")
_LEGAL_UNITS = ("", "拾", "佰", "仟")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _DIGITS, units: tuple[str, ...] = _UNITS, bare_ten: bool = True) -> str | None:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (below 10000)."""
    if not 0 < n < 10000:
        return None
    parts: list[str] = []
    zero = False
    text = str(n)
    for position, char in enumerate(text):
        digit = int(char)
        unit = units[len(text) - position - 1]
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(digits[digit] + unit)
    result = "".join(parts)
    # 十一, not 一十一, for 10-19 (as Word and GB/T 9704 headings write it).
    if bare_ten and 10 <= n < 20:
        result = result[1:]
    return result


def _enclosed(first: int, last: int) -> Callable[[int], str | None]:
    def fmt(n: int) -> str | None:
        return chr(first + n - 1) if 1 <= n <= last else None

    return fmt


_MAX_LETTERS = 30  # 780 items, as far as Word's own lists go


def _letters(base: str) -> Callable[[int], str | None]:
    # Word repeats the letter: a … z, aa … zz, aaa …; a start of 10^11 in a
    # planted file would ask for gigabytes, so beyond _MAX_LETTERS it is not rendered.
    def fmt(n: int) -> str | None:
        if n < 1 or (n - 1) // 26 + 1 > _MAX_LETTERS:
            return None
        return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1)

    return fmt


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str | None:
    if not 0 < n < 4000:
        return None
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _cycle(symbols: str) -> Callable[[int], str | None]:
    def fmt(n: int) -> str | None:
        return symbols[n - 1] if 1 <= n <= len(symbols) else None

    return fmt


def _full_width(n: int) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in str(n))


FORMATS: dict[str, Callable[[int], str | None]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL_DIGITS, _LEGAL_UNITS, bare_ten=False),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "lowerLetter": _letters("a"),
    "upperLetter": _letters("A"),
    "lowerRoman": _roman,
    "upperRoman": lambda n: (_roman(n) or "").upper() or None,
    "none": lambda n: "",
}
