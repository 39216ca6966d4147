"""place_stranded_marks: ASCII marks pdfminer gave on lines of their own (two-font pages).

The documents are our own sentences, laid out the way pdfminer gives a LibreOffice page set in
two fonts: each box of lines, then its marks on lines of their own.
"""

from __future__ import annotations

from cirmtext.repair import normalize
from cirmtext.repair.align import apply_changes
from cirmtext.repair.strandedmarks import stranded_mark_changes

TURNS = [
    ("س امروز به دفتر رفتید", ["."]),
    ("ج بله، صبح زود رفتم و کارها را تمام کردم", [".", ":"]),
    ("س بعد از آن چه شد", ["."]),
    ("ج به خانه برگشتم و کمی استراحت کردم", [".", ":"]),
]


def document(turns: list[tuple[str, list[str]]], *, visual: bool = False) -> str:
    out = []
    for line, marks in turns:
        # a full stop right under its box ends it; the colon comes after a blank line
        body = line[::-1] if visual else line
        out.append(body + "\n" + "".join(f"{m}\n\n" if m == "." else f" {m}\n\n"
                                         for m in marks))
    return "".join(out)


def test_colon_and_full_stop_go_back() -> None:
    text = document(TURNS)
    fixed = apply_changes(text, stranded_mark_changes(text))
    assert fixed.split("\n\n")[:2] == ["س امروز به دفتر رفتید.",
                                       "ج: بله، صبح زود رفتم و کارها را تمام کردم."]
    assert "\n.\n" not in fixed
    assert "\n :\n" not in fixed


def test_visual_order_lines_get_their_marks_where_turning_puts_them() -> None:
    text = document(TURNS * 2, visual=True)
    out = normalize(text)
    assert "ج: بله، صبح زود رفتم و کارها را تمام کردم." in out
    assert "\n.\n" not in out


def test_few_lone_marks_are_left() -> None:
    text = "س امروز به دفتر رفتید\n.\n\nج بله، صبح زود رفتم و کارها را تمام کردم و برگشتم\n" * 2
    assert stranded_mark_changes(text) == []


def test_ordinary_document_is_left() -> None:
    text = "س: امروز به دفتر رفتید؟\n\nج: بله، صبح زود رفتم.\n\n(پایان)\n"
    assert stranded_mark_changes(text) == []
    assert normalize(text) == text
