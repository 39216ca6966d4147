"""Singulars of Arabic broken plurals (``افراد`` → ``فرد``, ``مسائل`` → ``مسئله``).

Persian borrows many Arabic plurals whose singular is not the plural minus a suffix but
another pattern over the same root: أفعال (``افکار`` → ``فکر``), فُعول (``علوم`` → ``علم``),
مَفاعِل (``مراکز`` → ``مرکز``), فَواعِل (``عوامل`` → ``عامل``), فَعائِل (``دلایل`` → ``دلیل``),
فَعالِل (``عناصر`` → ``عنصر``), مَفاعیل (``مفاهیم`` → ``مفهوم``), فُعَلاء (``علما`` → ``عالم``).
:func:`broken_plural_singular` undoes these patterns and keeps a candidate only if hazm's
lexicon lists it as a singular noun or adjective; it is asked only about words the lexicon
tags as plural, so ordinary words that happen to fit a pattern (``کتاب``) are never touched.

>>> broken_plural_singular("افراد"), broken_plural_singular("مسائل")
('فرد', 'مسئله')
>>> broken_plural_singular("کتاب") is None
True
"""

from __future__ import annotations

import re

from ..resources import word_frequencies, word_tags

__all__ = ["broken_plural_singular"]

_L = "[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]"
#: (plural pattern, singular templates): groups are root consonants.
_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(rf"^{pattern}$".replace("C", f"({_L})")), templates)
    for pattern, templates in (
        ("اCCا[ءئ]?", (r"\1\2و", r"\1\2ء", r"\1\2ی", r"\1\2")),  # أفعاء: اعضا، اشیاء
        ("اCCاC", (r"\1\2\3", r"\1\2\3ه")),  # أفعال: افراد، اطراف، اخبار
        ("اCاCC", (r"ا\1\2\3",)),  # أفاعل: اکابر
        ("CواCC", (r"\1ا\2\3", r"\1ا\2\3ه")),  # فواعل: عوامل، قواعد، حوادث
        ("CواC", (r"\1ا\2ه", r"\1ا\2\2")),  # فواعّ: مواد
        ("CCا[یئ]C", (r"\1\2ی\3", r"\1\2ی\3ه", r"\1\2ا\3ه", r"\1\2ئ\3ه", r"\1\2\3ت",
                      r"\1\2ا\3ت")),  # فعائل: دلایل، مسائل، صنایع، علائم
        ("CCاCیC", (r"\1\2\3ی\4", r"\1\2\3و\4", r"\1ا\3و\4")),  # مفاعیل، تفاعیل، فواعیل
        ("CCاCC", (r"\1\2\3\4", r"\1\2\3\4ه")),  # فعالل، مفاعل: عناصر، مراکز، مناطق
        ("CCوC", (r"\1\2\3", r"\1أ\3")),  # فعول: علوم، اصول، رئوس
        ("CCاC", (r"\1\2\3", r"\1\2\3ه", r"\1\2ی\3")),  # فعال: نقاط، رجال
        ("CCCا[ء]?", (r"\1ا\2\3", r"\1\2ی\3")),  # فعلاء: علما، وزرا
    )
)

#: أفعال has the shape of the verbal noun إفعال (اعلام "announcement", اعمال "applying"); hazm
#: tags such double words also AJ, and they are left alone.
_AFAAL = _PATTERNS[1][0]


def broken_plural_singular(word: str) -> str | None:
    """The singular of ``word`` if hazm's lexicon tags it plural and a broken-plural pattern
    leads to a singular noun or adjective it lists (the most frequent one), else ``None``."""
    known = word_tags()
    tags = known.get(word, frozenset())
    if "PL" not in tags or tags & {"DET", "ADV"}:  # حدود "about" is a function word
        return None
    freqs = word_frequencies()
    found: set[str] = set()
    for pattern, templates in _PATTERNS:
        m = pattern.match(word)
        if not m or (pattern is _AFAAL and "AJ" in tags):
            continue
        root = m.groups()
        for template in templates:
            single = m.expand(template)
            found.add(single)
            if len(root) > 1 and root[-1] == root[-2]:  # a doubled root: حقوق → حق
                found.add(single.replace(root[-1] * 2, root[-1]))
    found = {f for f in found if f != word and known.get(f, frozenset()) & {"N", "AJ"}
             and "PL" not in known.get(f, frozenset())}
    return max(sorted(found), key=lambda f: freqs.get(f, 0)) if found else None
