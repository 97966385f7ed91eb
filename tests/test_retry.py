"""Tests of the ``retry`` exercise: the specification in its docstring, on any design.

Correctness: properties over failure scripts, parameters and exception types check the number of
calls, every wait and the exception that comes out, against a model of the specification, for
sync functions, async functions, and async functions with an awaitable ``sleep``. Example tests
pin each bug a reviewer would name. Performance (``timing``): real waits last about the delays,
concurrent async retries overlap, and a call that succeeds costs about what a plain wrapper does,
whatever ``max_retries`` is.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_growth, check_ratio, growth_ratio

if TYPE_CHECKING:
    from solutions import retry as exercise
else:
    exercise = load("retry")

retry = exercise.retry


class TransientError(Exception):
    """The failure the tests usually retry on."""


class RefusedError(TransientError):
    """A subclass of TransientError: retrying on TransientError must retry this too."""


class FatalError(Exception):
    """An Exception that is not a TransientError."""


class Abort(BaseException):
    """A BaseException that is not an Exception, like KeyboardInterrupt."""


Mode = Literal["sync", "async", "async, awaitable sleep"]
MODES: list[Mode] = ["sync", "async", "async, awaitable sleep"]
RESULT = "done"


class Options(TypedDict, total=False):
    """Keyword arguments of ``retry`` that the tests vary (``sleep`` is always injected)."""

    max_retries: int
    base_delay: float
    max_delay: float
    jitter: bool
    exceptions: type[BaseException] | tuple[type[BaseException], ...]


@dataclass
class Script:
    """A function under retry: it raises the scripted exceptions in turn, then returns RESULT."""

    failures: Sequence[BaseException]
    calls: list[tuple[object, ...]] = field(default_factory=list)

    def step(self, *args: object) -> str:
        self.calls.append(args)
        if len(self.calls) <= len(self.failures):
            raise self.failures[len(self.calls) - 1]
        return RESULT


@dataclass
class Outcome:
    """What one call of a decorated function did: its result or exception, calls and waits."""

    result: str | None
    error: BaseException | None
    calls: int
    waits: list[float]


def run(mode: Mode, script: Script, **options: Unpack[Options]) -> Outcome:
    """Decorate ``script`` in ``mode`` with ``options``, call it once with (1, 2) and observe."""
    waits: list[float] = []

    async def record_when_awaited(seconds: float) -> None:
        waits.append(seconds)

    def call() -> str:
        if mode == "sync":
            return retry(sleep=waits.append, **options)(script.step)(1, 2)

        async def step(*args: object) -> str:
            return script.step(*args)

        sleep = waits.append if mode == "async" else record_when_awaited
        return asyncio.run(retry(sleep=sleep, **options)(step)(1, 2))

    try:
        result = call()
    except BaseException as error:
        return Outcome(None, error, len(script.calls), waits)
    assert all(args == (1, 2) for args in script.calls), (
        f"the function was called with {script.calls}, expected (1, 2) each time"
    )
    return Outcome(result, None, len(script.calls), waits)


def delays(count: int, options: Options) -> list[float]:
    """d_1 ... d_count, straight from the specification."""
    base_delay, max_delay = options["base_delay"], options["max_delay"]
    return [min(max_delay, base_delay * 2 ** (n - 1)) for n in range(1, count + 1)]


def expected_calls(
    failures: Sequence[BaseException], options: Options
) -> tuple[int, BaseException | None]:
    """The model: how many calls happen, and which exception comes out (None: success)."""
    for index, failure in enumerate(failures):
        if not isinstance(failure, options["exceptions"]) or index == options["max_retries"]:
            return index + 1, failure
    return len(failures) + 1, None


def describe(outcome: Outcome) -> str:
    came = f"raised {outcome.error!r}" if outcome.error else f"returned {outcome.result!r}"
    return f"{came} after {outcome.calls} call(s), waiting {outcome.waits}"


# --- Properties ----------------------------------------------------------------------------

FAILURE_TYPES = st.sampled_from([TransientError, RefusedError, FatalError, Abort])
EXCEPTION_CHOICES: list[type[BaseException] | tuple[type[BaseException], ...]] = [
    TransientError,
    (TransientError,),
    RefusedError,
    (FatalError, RefusedError),
    Exception,
    (Abort, TransientError),
]
DELAY = st.sampled_from([0.0, 0.1, 1.0, 3.0]) | st.floats(0, 5, allow_subnormal=False)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Script, Options]:
    max_retries = draw(st.integers(0, 5))
    kinds = draw(st.lists(FAILURE_TYPES, max_size=max_retries + 2))
    options: Options = {
        "max_retries": max_retries,
        "base_delay": draw(DELAY),
        "max_delay": draw(DELAY),
        "exceptions": draw(st.sampled_from(EXCEPTION_CHOICES)),
    }
    return Script([kind(f"failure {n}") for n, kind in enumerate(kinds, 1)]), options


@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=150)
@given(scenario=scenarios())
def test_calls_waits_and_outcome_follow_the_specification(
    mode: Mode, scenario: tuple[Script, Options]
) -> None:
    script, options = scenario
    options["jitter"] = False
    outcome = run(mode, script, **options)
    calls, error = expected_calls(script.failures, options)
    waits = delays(calls - 1, options)
    expected = Outcome(None if error else RESULT, error, calls, waits)
    assert outcome.error is error, (
        f"it {describe(outcome)}; expected it to have {describe(expected)}"
    )
    assert outcome.result == expected.result
    assert outcome.calls == calls, f"it {describe(outcome)}; expected {calls} call(s)"
    assert len(outcome.waits) == len(waits), f"it {describe(outcome)}; expected waits {waits}"
    for got, want in zip(outcome.waits, waits, strict=True):
        assert math.isclose(got, want, rel_tol=1e-9), f"waits {outcome.waits}, expected {waits}"


@pytest.mark.parametrize("mode", MODES)
@settings(max_examples=100)
@given(scenario=scenarios())
def test_jittered_waits_stay_within_their_delays(
    mode: Mode, scenario: tuple[Script, Options]
) -> None:
    script, options = scenario
    options["jitter"] = True
    outcome = run(mode, script, **options)
    calls, error = expected_calls(script.failures, options)
    limits = delays(calls - 1, options)
    assert outcome.error is error, f"it {describe(outcome)}; expected {error!r} to come out"
    assert outcome.calls == calls, f"it {describe(outcome)}; expected {calls} call(s)"
    assert len(outcome.waits) == len(limits), f"it {describe(outcome)}; expected {calls - 1} waits"
    for n, (wait, limit) in enumerate(zip(outcome.waits, limits, strict=True), 1):
        assert 0 <= wait <= limit, f"wait {n} was {wait}, outside [0, d_{n}] = [0, {limit}]"


# --- Edge cases, one per bug a reviewer would name ------------------------------------------


def always_failing(count: int, kind: type[BaseException] = TransientError) -> Script:
    return Script([kind(f"failure {n}") for n in range(1, count + 1)])


@pytest.mark.parametrize("mode", MODES)
def test_max_retries_means_that_many_more_calls(mode: Mode) -> None:
    script = always_failing(10)
    outcome = run(mode, script, max_retries=3, jitter=False, base_delay=1.0)
    assert outcome.calls == 4, f"max_retries=3 on a function that always fails: {describe(outcome)}"
    assert outcome.waits == [1.0, 2.0, 4.0], "three retries wait 1, 2, 4 and never after the last"


@pytest.mark.parametrize("mode", MODES)
def test_by_default_three_retries_wait_a_tenth_of_a_second_doubling(mode: Mode) -> None:
    outcome = run(mode, always_failing(10), jitter=False)
    assert outcome.calls == 4, f"by default max_retries=3, so 4 calls; it {describe(outcome)}"
    assert len(outcome.waits) == 3 and all(
        math.isclose(got, want) for got, want in zip(outcome.waits, [0.1, 0.2, 0.4], strict=True)
    ), f"by default base_delay=0.1: the waits are 0.1, 0.2, 0.4; it {describe(outcome)}"


@pytest.mark.parametrize("mode", MODES)
def test_by_default_no_wait_is_longer_than_ten_seconds(mode: Mode) -> None:
    outcome = run(mode, always_failing(10), max_retries=6, base_delay=2, jitter=False)
    assert outcome.waits == [2, 4, 8, 10, 10, 10], (
        f"by default max_delay=10.0; with base_delay=2 it {describe(outcome)}"
    )


class Backoff(TypedDict, total=False):
    """The options whose defaults the statement gives (and ``jitter``, always given here)."""

    max_retries: int
    base_delay: float
    max_delay: float


DEFAULTS: Backoff = {"max_retries": 3, "base_delay": 0.1, "max_delay": 10.0}


@settings(max_examples=60)
@given(
    chosen=st.fixed_dictionaries(
        {},
        optional={
            "max_retries": st.integers(0, 6),
            "base_delay": DELAY,
            "max_delay": st.sampled_from([0.0, 0.5, 3.0, 10.0, 20.0]),
        },
    ),
    mode=st.sampled_from(MODES),
)
def test_options_left_out_take_their_defaults(chosen: Backoff, mode: Mode) -> None:
    options: Options = {**DEFAULTS, **chosen, "jitter": False, "exceptions": Exception}
    script = always_failing(options["max_retries"] + 2)
    outcome = run(mode, script, jitter=False, **chosen)
    waits = delays(options["max_retries"], options)
    assert outcome.calls == options["max_retries"] + 1, (
        f"retry(jitter=False, **{chosen}) on a function that always fails: it "
        f"{describe(outcome)}; the defaults are {DEFAULTS}"
    )
    assert len(outcome.waits) == len(waits) and all(
        math.isclose(got, want) for got, want in zip(outcome.waits, waits, strict=True)
    ), f"retry(jitter=False, **{chosen}): waits {outcome.waits}, expected {waits}"


@pytest.mark.parametrize("mode", MODES)
def test_max_retries_zero_calls_once_and_never_waits(mode: Mode) -> None:
    outcome = run(mode, always_failing(3), max_retries=0)
    assert (outcome.calls, outcome.waits) == (1, []), f"max_retries=0: {describe(outcome)}"


@pytest.mark.parametrize("mode", MODES)
def test_the_last_exception_itself_comes_out(mode: Mode) -> None:
    script = always_failing(10)
    outcome = run(mode, script, max_retries=2, exceptions=TransientError)
    assert outcome.error is script.failures[2], (
        f"it {describe(outcome)}; expected the third failure itself, not the first and not a "
        "wrapper around it"
    )


@pytest.mark.parametrize("mode", MODES)
def test_an_unlisted_exception_propagates_at_once(mode: Mode) -> None:
    script = Script([TransientError("retry me"), FatalError("not me")])
    outcome = run(mode, script, exceptions=TransientError, jitter=False)
    assert outcome.error is script.failures[1], f"it {describe(outcome)}"
    assert outcome.calls == 2
    assert len(outcome.waits) == 1, "one wait, before the retry; none after the FatalError error"


@pytest.mark.parametrize("mode", MODES)
def test_subclasses_of_a_listed_exception_are_retried(mode: Mode) -> None:
    outcome = run(
        mode, Script([RefusedError("a subclass of TransientError")]), exceptions=(TransientError,)
    )
    assert outcome.result == RESULT, (
        f"RefusedError subclasses TransientError, yet it {describe(outcome)}"
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", [KeyboardInterrupt, SystemExit, asyncio.CancelledError, Abort])
def test_base_exceptions_are_never_retried_by_default(
    mode: Mode, kind: type[BaseException]
) -> None:
    script = Script([kind()])
    outcome = run(mode, script)
    assert outcome.error is script.failures[0], f"{kind.__name__}: it {describe(outcome)}"
    assert (outcome.calls, outcome.waits) == (1, []), f"{kind.__name__}: it {describe(outcome)}"


@pytest.mark.parametrize("mode", MODES)
def test_a_listed_base_exception_is_retried(mode: Mode) -> None:
    outcome = run(mode, Script([Abort()]), exceptions=(Abort, TransientError))
    assert outcome.result == RESULT, f"exceptions lists Abort, yet it {describe(outcome)}"


@pytest.mark.parametrize("mode", MODES)
def test_delays_double_from_base_delay_up_to_max_delay(mode: Mode) -> None:
    outcome = run(mode, always_failing(6), max_retries=5, base_delay=0.5, max_delay=3, jitter=False)
    assert outcome.waits == [0.5, 1.0, 2.0, 3.0, 3.0], f"it {describe(outcome)}"


@pytest.mark.parametrize("mode", MODES)
def test_jittered_waits_never_exceed_max_delay(mode: Mode) -> None:
    outcome = run(mode, always_failing(30), max_retries=30, base_delay=1, max_delay=2)
    assert len(outcome.waits) == 30, f"it {describe(outcome)}; expected 30 waits"
    assert max(outcome.waits) <= 2, f"max_delay=2, yet the waits were {outcome.waits}"


@pytest.mark.parametrize("mode", MODES)
def test_thousands_of_retries_work(mode: Mode) -> None:
    outcome = run(mode, always_failing(3000), max_retries=3000, max_delay=60, jitter=False)
    assert outcome.calls == 3001, f"max_retries=3000: {outcome.calls} calls, then {outcome.error!r}"
    assert outcome.waits[-1] == 60


def test_full_jitter_is_uniform_between_zero_and_the_delay() -> None:
    """2,000 draws capped at d=1: a uniform draw lands below 1/2 about half the time.

    The bounds are 9 standard deviations wide, so a correct implementation fails about once in
    10**18 runs; "equal jitter" (d/2 + uniform(0, d/2)) and no jitter fail every time.
    """
    outcome = run("sync", always_failing(2001), max_retries=2000, base_delay=1, max_delay=1)
    waits = outcome.waits
    assert len(waits) == 2000, f"max_retries=2000, always failing: {len(waits)} waits"
    below_half = sum(wait < 0.5 for wait in waits) / len(waits)
    below_tenth = sum(wait < 0.1 for wait in waits) / len(waits)
    assert 0.4 < below_half < 0.6 and 0.04 < below_tenth < 0.16, (
        f"with jitter, d=1: {below_half:.0%} of 2,000 waits were below 0.5 and {below_tenth:.0%} "
        "below 0.1; a uniform draw from [0, 1] gives about 50% and 10%"
    )


def test_bare_decorator_works_and_keeps_the_metadata() -> None:
    def greet(name: str) -> str:
        """Say hello."""
        return f"hello {name}"

    decorated = retry(greet)
    assert decorated("ada") == "hello ada", "@retry with no arguments must decorate directly"
    assert (decorated.__name__, decorated.__doc__) == ("greet", "Say hello.")
    assert decorated.__wrapped__ is greet  # type: ignore[attr-defined]


@pytest.mark.parametrize("is_async", [False, True])
def test_decorator_factory_keeps_the_metadata(is_async: bool) -> None:
    def plain(x: int) -> int:
        """Return x."""
        return x

    async def coroutine(x: int) -> int:
        """Return x."""
        return x

    func: Callable[[int], object] = coroutine if is_async else plain
    decorated = retry(max_retries=5)(func)
    assert decorated.__name__ == func.__name__, "use functools.wraps"
    assert decorated.__doc__ == "Return x."
    assert decorated.__wrapped__ is func  # type: ignore[attr-defined]


def test_each_call_has_its_own_attempt_count() -> None:
    failures_left = {"first": 2, "second": 2}

    @retry(max_retries=2, sleep=lambda _: None)
    def fetch(name: str) -> str:
        if failures_left[name]:
            failures_left[name] -= 1
            raise TransientError(name)
        return name

    assert fetch("first") == "first"
    assert fetch("second") == "second", "the second call must get its own two retries"


def test_threads_each_get_their_own_retries() -> None:
    per_thread = threading.local()
    start = threading.Barrier(8)
    results: list[str] = []

    @retry(max_retries=3, base_delay=0.001, jitter=False)
    def work() -> str:
        per_thread.calls = getattr(per_thread, "calls", 0) + 1
        if per_thread.calls <= 3:
            raise TransientError(f"attempt {per_thread.calls}")
        return "ok"

    def thread() -> None:
        start.wait()
        results.append(work())

    threads = [threading.Thread(target=thread) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["ok"] * 8, (
        "8 threads, each failing 3 times with max_retries=3, must all succeed"
    )


@pytest.mark.parametrize("option", ["max_retries", "base_delay", "max_delay"])
def test_negative_arguments_raise_value_error(option: str) -> None:
    with pytest.raises(ValueError):
        retry(**{option: -1})(lambda: None)  # type: ignore[call-overload]


def test_a_decorated_coroutine_function_is_a_coroutine_function() -> None:
    async def fetch() -> int:
        return 1

    decorated = retry(fetch)
    assert inspect.iscoroutinefunction(decorated), "retry(async_function) must be async too"
    assert asyncio.run(decorated()) == 1


def test_async_retries_never_block_the_event_loop() -> None:
    """Other tasks must run while a retry waits with the default sleep, asyncio.sleep."""
    events: list[str] = []

    @retry(max_retries=1, base_delay=0.01, jitter=False)
    async def flaky() -> None:
        events.append("call")
        if events.count("call") == 1:
            raise TransientError("once")

    async def ticker(done: asyncio.Event) -> None:
        while not done.is_set():
            events.append("tick")
            await asyncio.sleep(0)

    async def main() -> None:
        done = asyncio.Event()
        ticking = asyncio.create_task(ticker(done))
        await asyncio.sleep(0)
        await flaky()
        done.set()
        await ticking

    asyncio.run(main())
    between = events[events.index("call") + 1 : len(events) - events[::-1].index("call") - 1]
    assert "tick" in between, "nothing else ran while the retry waited: it blocked the event loop"


# --- Performance -----------------------------------------------------------------------------

ROUNDS = 5


def identity(x: int) -> int:
    return x


def plain_wrapper(func: Callable[[int], int]) -> Callable[[int], int]:
    """The calibration: a wrapper that catches and re-raises, and does nothing else."""

    def wrapper(*args: int) -> int:
        try:
            return func(*args)
        except Exception:
            raise

    return wrapper


def calls(func: Callable[[int], object], count: int) -> Callable[[], None]:
    def action() -> None:
        for i in range(count):
            func(i)

    return action


@pytest.mark.timing
def test_a_call_that_succeeds_costs_about_a_plain_wrapper() -> None:
    plain, retried = best_times(  # 500 calls: well within one time slice of a busy machine
        [calls(plain_wrapper(identity), 500), calls(retry(identity), 500)], repeat=7
    )
    check_ratio(
        retried / plain, 5, "a call that succeeds at once cost more than 5 plain wrappers' calls"
    )


@pytest.mark.timing
def test_a_call_that_succeeds_costs_the_same_whatever_max_retries_is() -> None:
    few = calls(retry(max_retries=3)(identity), 200)
    many = calls(retry(max_retries=10_000)(identity), 200)
    ratio = growth_ratio(few, many, rounds=ROUNDS, limit=2)
    check_ratio(ratio, 2, "a call that succeeds cost more with max_retries=10,000 than with 3")


# Short calls: a call of 4 ms on a busy machine is often cut by another process's time slice.
FEW_FAILURES, MANY_FAILURES = 100, 1_000


def fails_then_succeeds(mode: Mode, failures: int, runner: asyncio.Runner) -> Callable[[], object]:
    """One call that fails ``failures`` times and then succeeds, with waits that cost nothing.

    Each failure is a new exception that nothing keeps (a Script keeps them all, with their
    tracebacks: megabytes at 1,000 failures, which would time the memory rather than the retry).
    """

    async def nap(seconds: float) -> None:
        pass

    def action() -> object:
        left = failures

        def step() -> str:
            nonlocal left
            if left:
                left -= 1
                raise TransientError("again")
            return RESULT

        async def async_step() -> str:
            return step()

        options: Options = {"max_retries": failures, "base_delay": 0.001, "jitter": False}
        if mode == "sync":
            return retry(sleep=lambda seconds: None, **options)(step)()
        sleep = (lambda seconds: None) if mode == "async" else nap
        return runner.run(retry(sleep=sleep, **options)(async_step)())

    return action


@pytest.mark.timing
def test_each_retry_costs_the_same_however_many_came_before() -> None:
    with asyncio.Runner() as runner:
        check_growth(
            {
                f"a call that fails again and again ({mode})": (
                    fails_then_succeeds(mode, FEW_FAILURES, runner),
                    fails_then_succeeds(mode, MANY_FAILURES, runner),
                )
                for mode in MODES
            },
            rounds=9,
            limit=25,  # 10x the retries should cost 10x (the reference measures 9-11x)
            small_label=f"{FEW_FAILURES:,}",
            large_label=f"{MANY_FAILURES:,} failures",
        )


DELAYS = (0.01, 0.02, 0.04)


def sleeps_then_succeeds(mode: Mode) -> Callable[[], object]:
    """A function that fails three times under real sleeping: waits of 10, 20 and 40 ms."""

    def action() -> object:
        script = always_failing(3)
        if mode == "sync":
            return retry(max_retries=3, base_delay=0.01, jitter=False)(script.step)()

        async def step() -> str:
            return script.step()

        return asyncio.run(retry(max_retries=3, base_delay=0.01, jitter=False)(step)())

    return action


def sleeps_directly(mode: Mode) -> Callable[[], object]:
    """The calibration: the same three sleeps, made directly."""

    async def asleep() -> None:
        for seconds in DELAYS:
            await asyncio.sleep(seconds)

    def action() -> None:
        if mode == "sync":
            for seconds in DELAYS:
                time.sleep(seconds)
        else:
            asyncio.run(asleep())

    return action


@pytest.mark.timing
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_real_waits_last_about_the_delays(mode: Mode) -> None:
    retried, direct = best_times([sleeps_then_succeeds(mode), sleeps_directly(mode)], repeat=2)
    assert retried >= sum(DELAYS), f"the waits (10+20+40 ms) took only {retried * 1000:.0f} ms"
    check_ratio(retried / direct, 1.5, "the retries waited longer than the delays they were due")


async def retry_twice_for_real() -> str:
    script = always_failing(2)

    async def step() -> str:
        return script.step()

    return await retry(max_retries=2, base_delay=0.02, jitter=False)(step)()


async def concurrently(count: int) -> None:
    await asyncio.gather(*(retry_twice_for_real() for _ in range(count)))


@pytest.mark.timing
def test_ten_concurrent_async_retries_take_about_the_time_of_one() -> None:
    one, ten = best_times(
        [lambda: asyncio.run(concurrently(1)), lambda: asyncio.run(concurrently(10))], repeat=3
    )
    check_ratio(ten / one, 3, "ten concurrent retries took longer than three run alone")
