"""Tests of the ``longest_unique_substring`` exercise: the specification in its docstring.

Correctness: properties over small alphabets (where repeats and ties are common), over the code
points that trip ASCII tables, byte-wise and case-folding answers, and over full Unicode, against a
plain model; examples that pin each classic bug. Performance (``timing``): texts whose unique runs
are a quarter of their length, against a set-based sliding window timed alongside; the growth
from 10,000 to 100,000 characters of such texts, and of texts with no repeat at all.
"""

from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_ratio, deadline, thread_time

if TYPE_CHECKING:
    from solutions import longest_unique_substring as exercise
else:
    exercise = load("longest_unique_substring")


def longest(text: str) -> str:
    return exercise.longest_unique_substring(text)


def check(text: str, got: str, expected: str) -> None:
    """Fail with the call, what came back and what was expected.

    pytest.fail rather than ``assert got == expected``: pytest's own diff of two strings prints
    their characters raw, and a lone surrogate cannot be printed.
    """
    if got != expected:
        pytest.fail(
            f"longest_unique_substring({text!r}) returned {got!r}, expected {expected!r}",
            pytrace=False,
        )


def model(text: str) -> str:
    """The specification, as plainly as possible: from every start, extend while nothing repeats.

    Only a strictly longer run replaces the best one, so the first of the longest is kept.
    """
    best = ""
    for start in range(len(text)):
        end = start
        while end < len(text) and text[end] not in text[start:end]:
            end += 1
        if end - start > len(best):
            best = text[start:end]
    return best


def has_repeat(text: str) -> bool:
    return len(set(text)) < len(text)


# Small alphabets make repeats and ties common. TRAPS holds what breaks the usual shortcuts:
# "á" (U+00E1) and "š" (U+0161) equal "a" modulo 128 and 256, "A" is "a" once folded, "é"
# and "è" share their first UTF-8 byte, a combining accent, astral and CJK characters, NUL and a
# lone surrogate.
FEW_LETTERS = st.text(alphabet="abc", max_size=14)
CASES = st.text(alphabet="aAbB", max_size=10)
TRAPS = st.text(alphabet="aáAšbéè\u0301日本😀\U0010ffff\x00\ud800", max_size=14)
ANY_TEXT = st.text(max_size=16)
TEXTS = FEW_LETTERS | CASES | TRAPS | ANY_TEXT

PINS = [
    "abba",  # the window start must never move backwards
    "tmmzuxt",
    "abcbd",  # the first of two longest runs
    "dvdf",  # a repeat keeps the window's tail
    "aabcd",  # the longest run ends the text
    "aá",  # ASCII or modulo tables
    "éè",  # UTF-8 bytes
]


@given(text=TEXTS)
@settings(max_examples=300)
def test_result_is_a_substring_with_no_repeated_character(text: str) -> None:
    got = longest(text)
    assert isinstance(got, str), f"longest_unique_substring({text!r}) returned {got!r}, not a str"
    assert got in text, f"longest_unique_substring({text!r}) returned {got!r}, not a substring"
    assert not has_repeat(got), (
        f"longest_unique_substring({text!r}) returned {got!r}, in which a character repeats"
    )


@given(text=TEXTS)
@settings(max_examples=300)
@example(text="abba")
@example(text="tmmzuxt")
@example(text="dvdf")
@example(text="aabcd")
def test_no_longer_unique_substring_exists(text: str) -> None:
    got = longest(text)
    expected = model(text)
    assert len(got) == len(expected), (
        f"longest_unique_substring({text!r}) returned {got!r} ({len(got)} characters), but "
        f"{expected!r} has {len(expected)} and no repeated character"
    )


@given(text=TEXTS)
@settings(max_examples=300)
@example(text="abcbd")
def test_result_agrees_with_a_simple_model(text: str) -> None:
    check(text, longest(text), model(text))


@given(text=st.text(alphabet="abcdefghij", min_size=40, max_size=200))
@settings(max_examples=100)
def test_longer_texts_agree_with_a_simple_model(text: str) -> None:
    check(text, longest(text), model(text))


# --- Examples: one per classic bug ----------------------------------------------------------------

EXAMPLES = {
    "start moved backwards to an older repeat": ("abba", "ab"),
    "start moved backwards (longer)": ("tmmzuxt", "mzuxt"),
    "first of the longest, not the last": ("abcbd", "abc"),
    "first of the longest, three ties": ("abcabc", "abc"),
    "a repeat keeps the window's tail": ("dvdf", "vdf"),
    "classic abcabcbb": ("abcabcbb", "abc"),
    "classic pwwkew": ("pwwkew", "wke"),
    "longest run ends the text": ("aabcd", "abcd"),
    "no repeat: the whole text": ("abcdef", "abcdef"),
    "one character repeated": ("bbbbb", "b"),
    "a single character": ("x", "x"),
    "empty text": ("", ""),
    "case matters": ("aAa", "aA"),
    "a combining accent is a code point": ("e\u0301e", "e\u0301"),
    "beyond ASCII": ("日本語日本", "日本語"),
    "equal to 'a' modulo 128": ("aáa", "aá"),
    "equal to 'a' modulo 256": ("ašb", "ašb"),
    "beyond the BMP": ("😀a😀", "😀a"),
    "shared UTF-8 lead byte": ("éè", "éè"),
    "NUL and a lone surrogate": ("\x00\ud800\x00", "\x00\ud800"),
}


@pytest.mark.parametrize(("text", "expected"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(text: str, expected: str) -> None:
    check(text, longest(text), expected)


def test_many_distinct_code_points() -> None:
    # Small enough for an O(n * k) answer to finish: the timing tests are the ones that time.
    alphabet = [chr(code) for code in range(0x20, 0x600)] + [chr(0x1F000 + i) for i in range(200)]
    random.Random(5).shuffle(alphabet)
    text = "".join(alphabet[:1200] + alphabet[400:])
    got = longest(text)
    expected = model_by_window(text)
    if got != expected:
        pytest.fail(
            f"on a text of {len(text):,} characters from {len(alphabet):,} code points, the "
            f"answer had {len(got):,} characters and started at index {text.find(got):,}; "
            f"expected {len(expected):,} characters from index {text.find(expected):,}",
            pytrace=False,
        )


def test_result_is_a_str() -> None:
    got = longest("abcab")
    assert type(got) is str, f"longest_unique_substring('abcab') returned a {type(got).__name__}"


# --- Performance ----------------------------------------------------------------------------------


def model_by_window(text: str) -> str:
    """The calibration: the textbook set-based sliding window, timed on the same machine."""
    window: set[str] = set()
    left = window_from = window_size = 0
    for right, char in enumerate(text):
        while char in window:
            window.remove(text[left])
            left += 1
        window.add(char)
        if right + 1 - left > window_size:
            window_from, window_size = left, right + 1 - left
    return text[window_from : window_from + window_size]


def unique_runs(size: int, seed: int) -> str:
    """A text whose unique runs are a quarter of its length, and whose repeats are far apart.

    Every other character cycles through ``size // 8`` code points beyond Latin-1, so each
    repeats ``size // 4`` characters later; the characters between them cycle through twice as
    many astral code points, so none of them repeats within a window. Restarting the window after
    a repeat re-reads a quarter of the text; searching the window misses on every astral
    character and reads all of it: both are O(n * k) = O(n^2 / 4).
    """
    rng = random.Random(seed)
    cycling = [chr(0x100 + i) for i in range(size // 8)]
    between = [chr(0x10000 + i) for i in range(size // 4)]
    rng.shuffle(cycling)
    rng.shuffle(between)
    pairs = zip(itertools.cycle(cycling), itertools.cycle(between))
    return "".join(a + b for a, b in itertools.islice(pairs, size // 2))


def allowance(text: str) -> float:
    """Seconds one call on ``text`` may take: a multiple of a set-based window timed now."""
    (calibration,) = best_times([lambda: model_by_window(text)], repeat=1)
    return 2 * THROUGHPUT_LIMIT * calibration + 0.05


THROUGHPUT_LIMIT = 5  # the reference measures about 1x a set-based window, its string search 20x


@pytest.mark.timing
def test_long_unique_runs_within_a_factor_of_a_set_window() -> None:
    text = unique_runs(100_000, seed=1)
    with deadline(allowance(text), "a text of 100,000 characters"):
        longest(text)  # an O(n * k) answer is stopped here, in about a second
    theirs, ours = best_times(
        [lambda: model_by_window(text), lambda: longest(text)],
        repeat=3,
        clock=thread_time,
        stop_above=THROUGHPUT_LIMIT,
    )
    check_ratio(
        ours / theirs,
        limit=THROUGHPUT_LIMIT,
        message="a text of 100,000 characters with unique runs of 25,000 took longer than a "
        "set-based sliding window in this run",
    )


GROWTH_LIMIT = 35  # 10x the text costs 10-20x (a larger dict); an O(n * k) answer costs 100x


@pytest.mark.timing
def test_ten_times_the_text_costs_about_ten_times_as_much() -> None:
    small, large = unique_runs(10_000, seed=2), unique_runs(100_000, seed=3)
    with deadline(allowance(large), "a text of 100,000 characters"):
        longest(large)  # an O(n * k) answer is stopped here, in about a second
    small_time, large_time = best_times(
        [lambda: longest(small), lambda: longest(large)],
        repeat=5,
        clock=thread_time,
        stop_above=GROWTH_LIMIT,
    )
    check_ratio(
        large_time / small_time,
        limit=GROWTH_LIMIT,
        message="a text of 100,000 characters cost far more than 10x one of 10,000: the cost "
        "grows with the window's length (is the window restarted, searched or copied for each "
        "character?)",
    )


def distinct(size: int, seed: int) -> str:
    """``size`` distinct code points in random order, half beyond Latin-1, half astral."""
    alphabet = [chr(0x100 + i) for i in range(size // 2)]
    alphabet += [chr(0x10000 + i) for i in range(size - size // 2)]
    random.Random(seed).shuffle(alphabet)
    return "".join(alphabet)


@pytest.mark.timing
def test_ten_times_the_text_without_repeats_costs_about_ten_times_as_much() -> None:
    small, large = distinct(10_000, seed=4), distinct(100_000, seed=5)
    with deadline(allowance(large), "a text of 100,000 distinct characters"):
        longest(large)  # slicing out each better window is stopped here, in about a second
    small_time, large_time = best_times(
        [lambda: longest(small), lambda: longest(large)],
        repeat=5,
        clock=thread_time,
        stop_above=GROWTH_LIMIT,
    )
    check_ratio(
        large_time / small_time,
        limit=GROWTH_LIMIT,
        message="a text of 100,000 distinct characters cost far more than 10x one of 10,000: "
        "the cost grows with the answer's length (is each better window sliced out as the best "
        "one grows?)",
    )
