"""Tests of the ``group_anagrams`` exercise: the specification in its docstring, on any design.

Correctness: properties over full Unicode text and over small alphabets (where anagrams and
duplicates are common), a comparison with a plain model, and examples that pin each classic bug.
Performance (``timing``): 100,000 short words against a sorted-key grouping timed alongside, the
growth from n to 10n words, and words of about 10,000 characters.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_growth, check_ratio, deadline, guarded_best_times

if TYPE_CHECKING:
    from solutions import group_anagrams as exercise
else:
    exercise = load("group_anagrams")


def group(words: Iterable[str], ignore_case: bool = False) -> list[list[str]]:
    """Call the exercise, leaving ``ignore_case`` to its default when it is False."""
    if ignore_case:
        return exercise.group_anagrams(words, ignore_case=True)
    return exercise.group_anagrams(words)


def model(words: list[str], ignore_case: bool = False) -> list[list[str]]:
    """The specification, as plainly as possible: a key that counts each code point."""
    groups: dict[frozenset[tuple[str, int]], list[str]] = {}
    for word in words:
        key = frozenset(Counter(word.casefold() if ignore_case else word).items())
        groups.setdefault(key, []).append(word)
    return list(groups.values())


def signature(word: str, ignore_case: bool) -> Counter[str]:
    return Counter(word.casefold() if ignore_case else word)


# Small alphabets make anagrams, duplicates and empty strings common; full Unicode finds the rest.
# "ß", "ẞ", "ﬀ" and "İ" are letters whose casefold changes length.
FEW_LETTERS = st.lists(st.text(alphabet="abAB", max_size=4), max_size=12)
CASE_LETTERS = st.lists(st.text(alphabet="sSßẞfﬀFiİ\u0131", max_size=3), max_size=12)
ANY_TEXT = st.lists(st.text(max_size=6), max_size=12)
WORD_LISTS = FEW_LETTERS | CASE_LETTERS | ANY_TEXT


@given(words=WORD_LISTS, ignore_case=st.booleans())
def test_groups_partition_the_input(words: list[str], ignore_case: bool) -> None:
    groups = group(words, ignore_case)
    flattened = [word for members in groups for word in members]
    assert Counter(flattened) == Counter(words), (
        f"the groups hold {sorted(flattened)}, but the input was {sorted(words)}"
    )
    assert all(members for members in groups), f"an empty group came back: {groups}"


@given(words=WORD_LISTS, ignore_case=st.booleans())
def test_members_are_anagrams_and_groups_are_not(words: list[str], ignore_case: bool) -> None:
    groups = group(words, ignore_case)
    signatures = []
    for members in groups:
        first = signature(members[0], ignore_case)
        for word in members:
            assert signature(word, ignore_case) == first, (
                f"{word!r} and {members[0]!r} share a group"
            )
        signatures.append(first)
    for i, one in enumerate(signatures):
        for j in range(i + 1, len(signatures)):
            assert one != signatures[j], (
                f"{groups[i][0]!r} and {groups[j][0]!r} are anagrams but are in different groups"
            )


@given(words=WORD_LISTS, ignore_case=st.booleans())
@example(words=["b", "a", "ba", "ab"], ignore_case=False)
def test_groups_and_members_keep_input_order(words: list[str], ignore_case: bool) -> None:
    groups = group(words, ignore_case)
    position: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        position[word].append(index)
    taken: Counter[str] = Counter()
    firsts = []
    for members in groups:
        indices = []
        for word in members:
            indices.append(position[word][taken[word]])
            taken[word] += 1
        assert indices == sorted(indices), f"the words of group {members} are not in input order"
        firsts.append(indices[0])
    assert firsts == sorted(firsts), f"groups {groups} are not in the order of their first word"


@given(words=WORD_LISTS, ignore_case=st.booleans())
def test_result_agrees_with_a_simple_model(words: list[str], ignore_case: bool) -> None:
    got = group(words, ignore_case)
    expected = model(words, ignore_case)
    assert got == expected, f"group_anagrams({words!r}, ignore_case={ignore_case}) returned {got!r}"


# --- Examples: one per classic bug ----------------------------------------------------------------

EXAMPLES = {
    "counts without separators collide": (["a" + "b" * 11, "a" * 11 + "b"], False),
    "letters outside a-z": (["Z", "t", "é", "e\u0301"], False),
    "set of letters": (["aab", "abb"], False),
    "sum of code points": (["ad", "bc"], False),
    "duplicates": (["ab", "ba", "ab"], False),
    "empty strings": (["", "x", ""], False),
    "first-seen order, not sorted": (["b", "a"], False),
    "members in input order": (["ba", "ab"], False),
    "case matters by default": (["a", "A"], False),
    "casefold, not lower": (["ß", "ss", "SS", "ẞ"], True),
    "ignore_case keeps original words": (["Tea", "EAT", "ate"], True),
    "no words": ([], False),
    "long anagrams and a long word of the same length": (
        ["a" * 40 + "b" * 40, "ab" * 40, "a" * 41 + "b" * 39, "ba" * 40],
        False,
    ),
    "long words of different lengths": (["xy" * 50, "xy" * 60, "yx" * 50], False),
    "a long word alone": (["z" * 100], False),
    "long words, ignore_case": (["A" * 50 + "b" * 50, "a" * 50 + "B" * 50, "ab" * 51], True),
    "long words over many characters": (
        ["".join(map(chr, range(0x4E00, 0x4E64))), "".join(map(chr, range(0x4E63, 0x4DFF, -1)))],
        False,
    ),
}


@pytest.mark.parametrize(("words", "ignore_case"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(words: list[str], ignore_case: bool) -> None:
    got = group(words, ignore_case)
    expected = model(words, ignore_case)
    assert got == expected, (
        f"group_anagrams({words!r}, ignore_case={ignore_case}) returned {got!r}, "
        f"expected {expected!r}"
    )


# From 80 characters on, the reference keys a word differently (by counting its characters):
# long words need properties of their own. One long word is drawn, then words made from it: its
# anagrams, and words of the same length with one character changed (anagrams of each other
# or of nothing). Drawing each character would cost hypothesis ten times as much, and so would
# its own shuffle, which draws every swap: a random.Random seeded from one draw shuffles.
LONG_ALPHABETS = ["ab", "aAbBß", "xyzé", "".join(map(chr, range(0x4E00, 0x4E80)))]


@st.composite
def long_word_lists(draw: st.DrawFn) -> list[str]:
    """Words of 80-130 characters over one alphabet, most of them alike, and a short word."""
    alphabet = draw(st.sampled_from(LONG_ALPHABETS))
    length = draw(st.integers(80, 130))
    base = (alphabet * (length // len(alphabet) + 1))[:length]
    shuffler = draw(st.randoms(use_true_random=True))
    words = draw(st.lists(st.sampled_from(alphabet[:3]), max_size=1))
    for _ in range(draw(st.integers(1, 6))):
        letters = list(base)
        if draw(st.booleans()):  # one character changed: the same length, not the same letters
            letters[draw(st.integers(0, length - 1))] = draw(st.sampled_from(alphabet))
        shuffler.shuffle(letters)
        words.append("".join(letters))
    return words


@settings(max_examples=40)
@given(words=long_word_lists(), ignore_case=st.booleans())
@example(words=["a" * 40 + "b" * 40, "a" * 41 + "b" * 39], ignore_case=False)
def test_long_words_are_grouped_like_short_ones(words: list[str], ignore_case: bool) -> None:
    got = group(words, ignore_case)
    expected = model(words, ignore_case)
    assert got == expected, (
        f"group_anagrams({words!r}, ignore_case={ignore_case}) returned {got!r}, "
        f"expected {expected!r}"
    )


@settings(max_examples=10)
@given(words=WORD_LISTS, ignore_case=st.booleans())
@example(words=["a", "A"], ignore_case=True)
def test_ignore_case_by_position_is_refused(words: list[str], ignore_case: bool) -> None:
    exercise.group_anagrams(words, ignore_case=ignore_case)  # by keyword: accepted
    with pytest.raises(TypeError):
        exercise.group_anagrams(words, ignore_case)  # type: ignore[call-arg]


def test_ignore_case_false_compares_case() -> None:
    got = exercise.group_anagrams(["a", "A"], ignore_case=False)
    assert got == [["a"], ["A"]], f"with ignore_case=False, 'a' and 'A' were grouped: {got!r}"


def test_result_is_a_list_of_lists() -> None:
    got = group(["ab", "ba", "c"])
    assert type(got) is list, f"returned a {type(got).__name__}, not a list"
    assert all(type(members) is list for members in got), f"groups are not lists: {got!r}"


def test_result_is_new_each_call() -> None:
    words = ["ab", "ba"]
    first = group(words)
    first[0].append("mutated")
    first.append(["extra"])
    assert group(words) == [["ab", "ba"]], "changing one result changed the next call's result"
    assert words == ["ab", "ba"], "the input list was changed"


def test_a_generator_is_read_once() -> None:
    words = (word for word in ["ab", "ba", "c"])
    assert group(words) == [["ab", "ba"], ["c"]], "a generator's words went missing"


class CountingIterable:
    """An iterable that records how many times it was iterated."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.iterations = 0

    def __iter__(self) -> Iterator[str]:
        self.iterations += 1
        return iter(self.words)


def test_input_is_iterated_once() -> None:
    words = CountingIterable(["ab", "ba"])
    group(words)
    assert words.iterations == 1, f"the input was iterated {words.iterations} times, not once"


# --- Performance ----------------------------------------------------------------------------------


LOWERCASE = bytes(ord("a") + byte % 26 for byte in range(256))  # a random byte -> a letter


def short_words(count: int, seed: int = 1) -> list[str]:
    """Words of 1-8 lowercase letters: many unique, some anagrams of each other.

    Drawn a byte at a time (a-v come up a tenth more often than w-z): a draw per letter would
    cost as much as grouping the words.
    """
    rng = random.Random(seed)
    text = rng.randbytes(8 * count).translate(LOWERCASE).decode()
    return [text[8 * i : 8 * i + 1 + byte % 8] for i, byte in enumerate(rng.randbytes(count))]


def sorted_key_grouping(words: Iterable[str]) -> list[list[str]]:
    """The calibration: the textbook sorted-key grouping, timed on the same machine."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())


THROUGHPUT_LIMIT = 8  # a Counter-based key, correct but slower, measures about 4x


@pytest.mark.timing
def test_100k_short_words_within_a_factor_of_sorted_key_grouping() -> None:
    words = short_words(100_000)
    ours, theirs = guarded_best_times(  # a quadratic grouping is stopped in about a second
        lambda: group(words),
        lambda: sorted_key_grouping(words),
        repeat=2,
        allowance=2 * THROUGHPUT_LIMIT,
        what="grouping 100,000 short words",
    )
    check_ratio(
        ours / theirs,
        limit=THROUGHPUT_LIMIT,
        message="grouping 100,000 short words was slower than a sorted-key grouping in this run",
    )


SMALL_INPUT, LARGE_INPUT = 500, 5_000
# 10x the words should cost about 10x (the reference and a Counter key both measure 9-11x in CPU
# time, even beside 16 busy processes); pairwise comparison costs 100x.
GROWTH_LIMIT = 25


def anagrams_of_one_word(count: int) -> list[str]:
    """``count`` shuffles of one 8-letter word: a single group that grows with the input."""
    rng = random.Random(5)
    letters = list("triangle")
    words = []
    for _ in range(count):
        rng.shuffle(letters)
        words.append("".join(letters))
    return words


def mixed_case_words(count: int) -> list[str]:
    """Short words with about a third of their letters capitalized, for ``ignore_case=True``."""
    rng = random.Random(6)
    return ["".join(c.upper() if rng.random() < 0.3 else c for c in w) for w in short_words(count)]


def guarded(words: list[str], ignore_case: bool, what: str) -> Callable[[], object]:
    """Group ``words`` once under a deadline, then return an action that groups them again.

    The deadline stops a quadratic design before it is timed for seconds: it is generous (100x
    a sorted-key grouping, in wall time) since only the growth that follows is scored.
    """
    (calibration,) = best_times([lambda: sorted_key_grouping(words)], repeat=3)
    with deadline(100 * calibration + 0.05, what):
        group(words, ignore_case)
    return lambda: group(words, ignore_case)


@pytest.mark.timing
def test_ten_times_the_words_cost_about_ten_times_as_much() -> None:
    inputs = {
        "grouping words that are mostly different": (short_words, False),
        "grouping anagrams of one word, one group": (anagrams_of_one_word, False),
        "grouping with ignore_case=True": (mixed_case_words, True),
    }
    operations = {}
    for name, (words, ignore_case) in inputs.items():
        small = guarded(words(SMALL_INPUT), ignore_case, f"{name} ({SMALL_INPUT:,} words)")
        large = guarded(words(LARGE_INPUT), ignore_case, f"{name} ({LARGE_INPUT:,} words)")
        operations[name] = (small, large)
    check_growth(
        operations,
        rounds=7,
        limit=GROWTH_LIMIT,
        small_label=f"{SMALL_INPUT:,}",
        large_label=f"{LARGE_INPUT:,} words",
    )


LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"
CJK = "".join(map(chr, range(0x4E00, 0x4E00 + 20_000)))  # most of a 10,000-char word distinct


def long_words(count: int, length: int, alphabet: str = LETTERS) -> list[str]:
    """Long words in anagram pairs: each word and its reversal.

    Its characters are drawn one by one, so the reversal is as random a word as a shuffle would
    be, and costs nothing: shuffling took twice as long as grouping these words.
    """
    rng = random.Random(4)
    words = []
    for _ in range(count // 2):
        word = "".join(rng.choices(alphabet, k=length))
        words += [word, word[::-1]]
    return words


LONG_INPUTS = {
    "30 letters": (40, LETTERS),
    # Most characters of a word are distinct: a key that scans the word once per distinct
    # character is quadratic here. Ten words, so that such a key is stopped within a second.
    "20,000 characters": (10, CJK),
}


@pytest.mark.timing
@pytest.mark.parametrize("alphabet", LONG_INPUTS)
def test_long_words_within_a_factor_of_sorted_key_grouping(alphabet: str) -> None:
    count, letters = LONG_INPUTS[alphabet]
    words = long_words(count, 10_000, letters)
    what = f"grouping {count} words of 10,000 characters drawn from {alphabet}"
    ours, theirs = guarded_best_times(
        lambda: group(words),
        lambda: sorted_key_grouping(words),
        repeat=3,
        allowance=2 * THROUGHPUT_LIMIT,
        slack=0.05,
        what=what,
    )
    check_ratio(
        ours / theirs,
        limit=THROUGHPUT_LIMIT,
        message=f"{what} was slower than a sorted-key grouping",
    )
