"""Persian numbers whose digits pypdf gave back last-to-first.

pypdf reads a number inside a right-to-left line as its own run and, on the PDFs whose runs it
gives back last-to-first, turns the number's digits round too (``۱۴۰۱`` → ``۱۰۴۱``). Used by
:mod:`.runorder`: the numbers of a line it reorders are turned back with the line, and those of
the other lines only where the document shows the habit (:func:`reversed_numbers`).
"""

from __future__ import annotations

import re

from .runpieces import DIGITS

__all__ = ["NUMBER", "reversed_numbers", "turn_numbers"]

#: A Persian number: a digit not after a digit (the lookbehind follows the first digit so that
#: a search skips ahead to digits), then the rest of the number.
NUMBER = re.compile(f"[{DIGITS}](?<![{DIGITS}0-9][{DIGITS}])[{DIGITS}]*(?:[/٫.:][{DIGITS}]+)*"
                    f"(?![{DIGITS}0-9])")


#: A Persian-calendar year of the last two centuries (``۱۳۹۸``, ``۱۴۰۱``).
_YEAR = re.compile(f"[۱١][۳۴٣٤][{DIGITS}]{{2}}")


def reversed_numbers(text: str, reordered: int) -> list[tuple[int, int, str]]:
    """Persian numbers to turn round, when the document shows pypdf reversed its digits.

    Evidence: some lines were reordered (pypdf's runs), and more numbers start with a zero
    than end with one (``۰۲۴``, ``۰۶``; correct text has it the other way round), or more
    four-digit numbers are years of the Persian calendar read backwards (``۱۰۴۱``) than as
    written (``۱۴۰۱``).

    >>> [new for _, _, new in reversed_numbers("سال ۱۰۴۱ و ۲۱ درصد", reordered=1)]
    ['۱۴۰۱', '۱۲']
    >>> reversed_numbers("سال ۱۴۰۱ و ۱۲ درصد", reordered=1)
    []
    """
    if not reordered:
        return []
    numbers = [m for m in NUMBER.finditer(text) if len(m.group()) >= 2]
    leading = sum(1 for m in numbers if m.group()[0] in "۰٠")
    trailing = sum(1 for m in numbers if m.group()[-1] in "۰٠")
    years = sum(1 for m in numbers if _YEAR.fullmatch(m.group()))
    turned_years = sum(1 for m in numbers if _YEAR.fullmatch(m.group()[::-1]))
    if not (leading > trailing or turned_years > years):
        return []
    return [(m.start(), m.end(), m.group()[::-1]) for m in numbers
            if m.group() != m.group()[::-1]]


def turn_numbers(line: str) -> str:
    """``line`` with the digits of every number of two digits or more turned round.

    >>> turn_numbers("سال ۱۰۴۱ و ۲۱ درصد و ۵")
    'سال ۱۴۰۱ و ۱۲ درصد و ۵'
    """
    return NUMBER.sub(lambda m: m.group()[::-1] if len(m.group()) >= 2 else m.group(), line)
