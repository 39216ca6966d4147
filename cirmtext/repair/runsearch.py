"""The search of :mod:`.runorder`: the best cut of a line's pieces into runs put back in reverse
order, and the cheap proofs that a line needs no search.

A dynamic programme over the pieces of :mod:`.runpieces` scores every cut of a range of pieces
into runs, put back last-to-first, against the range as it stands. A cut at a space must make
a word (a ZWNJ was lost there); a cut where the script changes is free. Most lines of a text
that came out in order never reach it: :func:`one_run` settles a line of Arabic-script words
whose first word no later word can join before, and :func:`no_evidence` a line in which no
plan could rest on a joint, a stop or glue (what :func:`strong_plan` asks of a plan); both are
proofs, not guesses, so the decisions are those of the full search.

>>> from cirmtext.repair.runpieces import line_pieces
>>> plan = best_reversal(line_pieces("کنم. نمی"), 0, 2, None, None, at_start=True, at_end=True)
>>> plan.cuts, plan.joints
([0], 1.0)
>>> one_run("ما هر روز کار می‌کنیم.", "ما هر روز کار می‌کنیم.".split(), False)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chardata import ZWNJ
from .detect import lexicon
from .rundoc import fragment_edge
from .runevidence import (
    GLUE,
    STOP,
    STRONG_GLUE,
    bare_piece,
    end_cue,
    glue_weight,
    joins_before,
    junction,
    known_joint,
    start_cue,
)
from .runpieces import DIGITS, PERSIAN_LETTER, STOPS, TANWIN, Piece

__all__ = ["CUT", "WIDE", "Plan", "best_reversal", "direction_cut", "no_evidence", "one_run",
           "strong_plan"]

#: A run of spaces where a run is cut (LibreOffice runs that end with a space).
WIDE = 1.0
#: Each cut at a space must pay for itself.
CUT = 0.5
#: A speaker's label of the document (:func:`.rundoc.speaker_labels`) at the line's start, in a
#: document whose runs were cut at every ZWNJ: a paragraph starts there.
LABEL_START = 3.0


@dataclass(slots=True)
class Plan:
    gain: float
    cuts: list[int]  # pieces (line indices) after which a run ends
    joints: float  # new junctions that make a word: 1 each the lexicon knows, 0.5 by affix
    glue: float  # the strongest evidence of a cut where scripts were glued (see glue_weight)
    stop: bool = False  # a stop at the start of the range goes back to the end of its run
    tanwin: bool = False  # a tanwin out of place goes back onto the alef that ends its run


def direction_cut(a: Piece, b: Piece) -> bool:
    """Whether pypdf surely starts a new run between two pieces: the script changes, or a
    guillemet meets punctuation (pypdf reads guillemets left to right, and the punctuation
    next to one goes with the right-to-left run beyond it: ``از«چه» . یعنی``)."""
    if a.kind == b.kind:
        return False
    return "N" not in (a.kind, b.kind) or "M" in (a.kind, b.kind)


def best_reversal(pieces: list[Piece], lo: int, hi: int, before: str | None,
                  after: str | None, *, at_start: bool, at_end: bool,
                  sentence_start: bool = True, relaxed: bool = False,
                  fragments: bool = False, labels: frozenset[str] = frozenset()) -> Plan:
    """The best cut of ``pieces[lo:hi]`` into runs put back in reverse order.

    ``fragments``: the document's runs were cut at every
    ZWNJ (:func:`.rundoc.fragment_cut`), so a run ends after each prefix standing alone
    and starts at each suffix standing alone. ``labels``: the document's speaker labels
    (:func:`.rundoc.speaker_labels`) in such a document: each starts a run, and the line
    starts with one if it holds one.

    ``before``/``after`` are the words next to the range (the neighbouring lines' words at the
    line's edges, where the start and end cues also apply when ``at_start``/``at_end``).
    The identity (one run) is always a candidate, so the gain is never negative.
    """
    n = hi - lo
    words = [p.text for p in pieces[lo:hi]]
    first = lo + 1 if pieces[lo].kind == "N" and n > 1 else lo
    carry = "".join(c for c in pieces[first].carry if c in STOPS + "،")
    forced = [False] * n
    allowed = [False] * n
    wide = [False] * n
    glue = [glue_weight(pieces, lo + i) for i in range(n)]
    tanwin = [TANWIN in p.carry for p in pieces[lo:hi]]
    for i in range(n - 1):
        a, b = pieces[lo + i], pieces[lo + i + 1]
        if direction_cut(a, b) or b.cut_before \
                or (fragments and (fragment_edge(a, b) or b.wide or _lone_colon(b)
                                   or (labels and _label_start(pieces, lo + i + 1, labels)))):
            # pypdf starts a new run where the script changes; in a document whose runs were
            # cut at every ZWNJ, a run that ends with a space shows a wide gap after it
            allowed[i] = forced[i] = True
        elif b.space_before:
            allowed[i] = True
            wide[i] = b.wide
    if fragments and lo == 0:
        _first_run_to_wide_gap(pieces[lo:hi], allowed, forced)

    def left_edge(word: str, k: int) -> float:
        right = words[k + 1] if k + 1 < n and pieces[lo + k + 1].space_before else None
        score = start_cue(word, sentence_start, right) if at_start else 0.0
        if at_start and labels and _label_opens(word, right, labels):
            score += LABEL_START
        if before is not None and not at_start:
            score += junction(before, word)[0]
            if fragments and word[:1] == ":" and _LATIN_LABEL.fullmatch(before):
                score += LABEL_START  # ``A`` + ``: بله …``: the label's colon
        return score

    def right_edge(word: str) -> float:
        if at_end:
            return end_cue(word, after)
        return junction(word, after)[0] if after is not None else 0.0

    def cut_cost(i: int) -> float:
        """What the line as written loses when a run ends after piece ``i``."""
        value = junction(words[i], words[i + 1])[0]
        if forced[i]:
            value -= glue[i]
        else:
            value += CUT - (WIDE if wide[i] else 0.0)
        return -value

    stop_gain = 0.0
    if carry and not bare_piece(words[-1])[2]:
        stop_gain = STOP  # the stop goes back to the end: as written the run started with it
    best_plan = Plan(stop_gain, [], 0, 0, bool(stop_gain))
    if n < 2:
        return best_plan
    cut_points = [i for i in range(n - 1) if allowed[i]]
    ends = [*cut_points, n - 1]
    joinable: dict[int, list[int]] = {}  # run starts -> ends of later runs that join them

    def joining_ends(ps: int) -> list[int]:
        found = joinable.get(ps)
        if found is None:
            later = [e for e in ends if e > ps]
            found = joinable[ps] = [later[k] for k in
                                    joins_before([words[e] for e in later], words[ps],
                                                            relaxed)]
        return found

    if not joining_ends(0) and not any(forced[i] or (relaxed and wide[i]) for i in cut_points):
        return best_plan  # every cut must make a word, and nothing joins the first piece
    # best[(s, e)]: (score, joints, glue, previous run) of runs covering words[0..e], the
    # last of them s..e (in the line's order; they are put back last-to-first); a first
    # run's score is worked out when a run follows it
    best: dict[tuple[int, int], tuple[float | None, int, int, tuple[int, int] | None]] = {}
    by_end: dict[int, list[tuple[int, int]]] = {}
    next_forced = [n] * (n + 1)  # the first forced cut at or after each piece
    for k in range(n - 1, -1, -1):
        next_forced[k] = k if forced[k] else next_forced[k + 1]
    for e in [*cut_points, n - 1]:
        if next_forced[0] < e:
            break
        best[(0, e)] = (None, 0, 0, None)
        by_end.setdefault(e, []).append((0, e))
    for s in [i + 1 for i in cut_points]:
        previous = by_end.get(s - 1)
        if not previous:
            continue
        free = forced[s - 1] or (relaxed and wide[s - 1])
        limit = next_forced[s]
        cost: float | None = None
        for key in previous:
            score, joints, glued, _prev = best[key]
            ps = key[0]
            # a cut at a space must make a word (a ZWNJ was lost there)
            candidates = ends if free else joining_ends(ps)
            for e in candidates:
                if e < s:
                    continue
                if e > limit:
                    break
                if cost is None:
                    cost = cut_cost(s - 1)
                if score is None:  # the first run, ``0..s-1``, put back last
                    score = right_edge(words[s - 1] + carry if carry else words[s - 1])
                    if tanwin[0]:
                        score += _tanwin_fit(tanwin, words, 0, s - 1)
                    best[key] = (score, joints, glued, None)
                value, joined = junction(words[e], words[ps], relaxed)
                joint = (1.0 if known_joint(words[e], words[ps]) else 0.5) if joined else 0.0
                if labels and f"{words[e]}{ZWNJ}{words[ps]}" in labels:
                    value, joint = value + LABEL_START, 1.0  # ``مصاحبه`` + ``گر:``
                if tanwin[s]:
                    value += _tanwin_fit(tanwin, words, s, e)
                option = (score + cost + value, joints + joint, max(glued, glue[s - 1]), key)
                current = best.get((s, e))
                if current is None:
                    by_end.setdefault(e, []).append((s, e))
                if current is None or (option[0], option[1]) > (current[0], current[1]):
                    best[(s, e)] = option
    finals = [(score + left_edge(words[s], s) + stop_gain, joints, glued, (s, e))
              for (s, e), (score, joints, glued, _p) in best.items() if e == n - 1 and s > 0]
    if not finals:
        return best_plan
    score, joints, glued, node = max(finals, key=lambda o: (o[0], o[1]))
    gain = score - (left_edge(words[0], 0) + right_edge(words[-1]))
    if gain <= best_plan.gain:
        return best_plan
    cuts = []
    landed = False  # a tanwin out of place lands on an alef at the end of its run
    cur: tuple[int, int] | None = node
    while cur is not None:
        if cur[0] > 0:
            cuts.append(lo + cur[0] - 1)
        landed = landed or _tanwin_fit(tanwin, words, *cur) > 0
        cur = best[cur][3]
    # a line that opens with a stop standing alone (``. اگر …``, after a closing mark)
    lone_stop = at_start and _lone_stop(pieces[lo])
    return Plan(gain, sorted(cuts), joints, glued, bool(stop_gain) or lone_stop, landed)


_LATIN_LABEL = re.compile(r"[A-Za-z]{1,3}[0-9]*")


def _lone_colon(piece: Piece) -> bool:
    """A colon standing alone after a space (``A … : بله``): written against the word before
    it, it stands alone only where a run starts (a Latin label's colon, in a document whose
    runs were cut at every ZWNJ)."""
    return piece.kind == "N" and piece.space_before and piece.text[:1] == ":"


def _label_start(pieces: list[Piece], k: int, labels: frozenset[str]) -> bool:
    """Whether a speaker label (:func:`.rundoc.speaker_labels`) starts a run at piece ``k``:
    the label, its first word, or its part after a lost ZWNJ (``گر:`` of ``مصاحبه‌گر:``)."""
    text = pieces[k].text
    if text in labels:
        return True
    if k + 1 < len(pieces) and f"{text} {pieces[k + 1].text}" in labels:
        return True
    if any(label.endswith(ZWNJ + text) for label in labels):
        return True
    # the label's part before a lost ZWNJ, left at the end of a line that holds the rest
    return k == len(pieces) - 1 and any(
        label.startswith(text + ZWNJ) and any(p.text == label[len(text) + 1:] for p in pieces)
        for label in labels)


def _label_opens(word: str, right: str | None, labels: frozenset[str]) -> bool:
    """Whether a line that opens with ``word`` (``right`` after it) opens with a label."""
    return word in labels or (right is not None and f"{word} {right}" in labels) \
        or any(label.startswith(word + ZWNJ) for label in labels)


def _first_run_to_wide_gap(pieces: list[Piece], allowed: list[bool],
                           forced: list[bool]) -> None:
    """In a document whose runs were cut at every ZWNJ, the line's first run (its last in
    reading order) ends at the first wide gap: the space that ended the line is there. No cut
    that would make a word is allowed before it. A tanwin out of place (its run drawn
    elsewhere) voids the rule."""
    if any(p.cut_before for p in pieces):
        return
    wide = next((i for i in range(1, len(pieces)) if pieces[i].wide), None)
    if wide is None:
        return
    for i in range(wide - 1):
        if allowed[i] and not forced[i]:
            allowed[i] = False


#: A tanwin carried to the end of its run (:func:`.runpieces._split_at_tanwin`) lands on an
#: alef (``معمولاً``): a run that ends with one gains this much, any other run loses it.
TANWIN_FIT = 2.0


def _tanwin_fit(tanwin: list[bool], words: list[str], s: int, e: int) -> float:
    """How well run ``s..e`` takes the tanwin its first piece carries to its end: fully on an
    alef (or ``ة``, ``ء``) that the lexicon knows with a tanwin (``کاملاً``), half on another
    alef (``راً``: two runs that end with an alef otherwise tie)."""
    if not tanwin[s]:
        return 0.0
    bare = bare_piece(words[e])[0]
    if bare[-1:] not in "اةء":
        return -TANWIN_FIT
    return TANWIN_FIT if lexicon().zipf(bare + TANWIN) > 0 else TANWIN_FIT / 2


def _lone_stop(piece: Piece) -> bool:
    """A stop standing alone (``. اگر …``), or before an opening guillemet (``.«رضایت …``)."""
    if piece.kind == "M":
        return len(piece.text) == 2 and piece.text[0] in STOPS and piece.text[1] == "«"
    return piece.kind == "N" and piece.text in STOPS


def strong_plan(plan: Plan, relaxed: bool = False) -> bool:
    """Whether a plan rests on a joint, scripts glued together, a stop put back at the end or,
    in a relaxed document, a tanwin put back onto its alef.

    A joint counts when the lexicon knows the word it makes. ``relaxed``: in a document where
    other lines showed strong evidence, a word known only as a stem with an affix, or a Persian
    word glued to a Latin word or a number, is enough.
    """
    if relaxed:
        return bool(plan.joints or plan.stop or plan.glue >= GLUE or plan.tanwin)
    return plan.joints >= 1 or plan.stop or plan.glue >= STRONG_GLUE * 2 / 3


# --- proofs that a line needs no search ---------------------------------------------------


#: A character that starts a left-to-right run for pypdf (:func:`.runpieces._kind` ``L``,
#: ``D`` or ``M``): a letter or number outside the Arabic script, a Persian digit, a guillemet.
_OTHER_RUN = re.compile("[^\\W_\u0600-\u06ff\ufb50-\ufeff\u0750-\u08ff]"
                        f"|[{DIGITS}«»]")
_WIDE_GAP = re.compile(r"\s\s")


def one_run(line: str, words: list[str], relaxed: bool) -> bool:
    """A cheap proof that no reordering of the line can be found (the search's own test).

    A line of Arabic-script words and punctuation that starts with a letter and has no tanwin
    is cut into pieces at its spaces only; no cut there is forced (nor free: a wide space
    frees a cut only in a relaxed document), so every cut must join two pieces into a word,
    the first of them with the line's first word. When no later word does, the only reading
    is the line as it stands.
    """
    if not PERSIAN_LETTER.match(words[0]) or TANWIN in line or _OTHER_RUN.search(line):
        return False
    if relaxed and _WIDE_GAP.search(line):
        return False
    return not joins_before(words[1:], words[0], relaxed)


def no_evidence(pieces: list[Piece], relaxed: bool) -> bool:
    """A cheap proof that no plan of the line can be :func:`strong_plan`: no stop to put back,
    no scripts glued together strongly enough and no two pieces that make a word."""
    if _lone_stop(pieces[0]) or any(p.carry for p in pieces):
        return False
    need = GLUE if relaxed else STRONG_GLUE * 2 / 3
    if any(glue_weight(pieces, i) >= need for i in range(len(pieces) - 1)):
        return False
    words = [p.text for p in pieces]
    return not any(joins_before(words[k + 1:], y, relaxed) for k, y in enumerate(words[:-1]))
