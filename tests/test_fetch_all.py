"""Tests of the ``fetch_all`` exercise: the specification in its docstring, on any design.

Every run happens on a real asyncio event loop whose clock is virtual: when nothing can run, the
clock jumps straight to the next timer, so ``asyncio.sleep(3600)`` costs no real time and every
run is deterministic. ``fetch`` is a fake transport: it records when each fetch started and
finished, how many were in flight, how many tasks were alive, and whether it was cancelled.
No run can hang: each is bounded in loop time (``asyncio.timeout``) and in real time, and a
loop where every task waits with no timer set is reported at once.

Correctness: a property over random URL lists (duplicates are common), per-URL latencies and
failures, concurrency, rate limits, start times and kinds of awaitable checks the results, the
calls, the concurrency bound, every one-second window, the tasks alive and what is left behind;
example tests pin each bug a reviewer would name, cancellation and BaseExceptions included.
Performance (``timing``): on the virtual clock, no idle slot and a rate limit used in full; in
CPU time, the cost per URL against ``asyncio.gather`` over batches, and its growth; in real time,
fetches that overlap.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import math
import selectors
import signal
import warnings
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_ratio, deadline, growth_ratio, perf_counter, thread_time

if TYPE_CHECKING:
    from solutions import fetch_all as exercise
else:
    exercise = load("fetch_all")

fetch_all = exercise.fetch_all

T = TypeVar("T")

START = 100.0  # the virtual clock's first reading: not 0, so "never" and "at time 0" differ
EPSILON = 1e-6  # the clock rounding the statement tolerates
TICK = 1e-9  # loop time each turn of the loop takes, so that polling the clock ends
REAL_SECONDS = 2.0  # real time one run may take; the runs here need milliseconds
TASKS_COUNTED = 1_000  # beyond this many tasks alive, the fake transport stops counting them


# --- A real event loop on a virtual clock ------------------------------------------------------


class RealTimeExceeded(Exception):
    """A run went on for more than REAL_SECONDS of real time."""


class LoopStalled(Exception):
    """Every task waits, and no timer is set that could ever wake one up."""


class VirtualSelector(selectors.DefaultSelector):
    """A selector that never waits: when nothing is ready, it moves the clock to the next timer.

    The event loop asks the selector to wait ``timeout`` seconds, until its earliest timer is due.
    Nothing but timers can wake these tests' loops, so instead of waiting, the selector advances
    the virtual clock by ``timeout`` and returns at once. A turn of the loop with work to do moves
    the clock by a nanosecond, as a real clock would move: code that polls the clock (with
    ``asyncio.sleep(0)``) until a moment has passed gets there. A loop that waits with no timer
    at all (``timeout=None``) can never wake up again: that is reported as a stall.
    """

    def __init__(self) -> None:
        super().__init__()
        self.now = START
        self.real_deadline = math.inf

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if perf_counter() > self.real_deadline:
            raise RealTimeExceeded
        ready = super().select(0)
        if ready or timeout == 0:
            self.now += TICK
            return ready
        if timeout is None:
            ready = super().select(0.05)  # only another thread could wake it: give it a moment
            if not ready:
                raise LoopStalled
            return ready
        self.now += timeout
        return []


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """An ordinary selector event loop whose ``time()`` is the virtual clock."""

    def __init__(self) -> None:
        self.selector = VirtualSelector()
        super().__init__(self.selector)

    def time(self) -> float:
        return self.selector.now


class Guard:
    """A run that burnt its real-time allowance fails every later run of the same test at once.

    Hypothesis would otherwise shrink a hanging example for many seconds, two seconds a try. A
    run that never gave the loop back at all (a loop with no await) fails every later run of the
    module at once: it would hang in each of them.
    """

    tripped = ""
    never_yields = ""


@pytest.fixture(autouse=True)
def fresh_guard() -> Iterator[None]:
    Guard.tripped = ""
    yield
    Guard.tripped = ""


def alarm_seconds(seconds: float) -> float:
    """``seconds``, or less if the per-test time limit (pytest-timeout's alarm) comes sooner."""
    outer, _ = signal.getitimer(signal.ITIMER_REAL)
    return min(seconds, outer - 0.25) if outer > 0.5 else seconds


def on_virtual_loop(
    main: Callable[[], Coroutine[Any, Any, T]],
    what: str,
    loop_seconds: float,
    hint: str = "",
    transports: Sequence[FakeTransport] = (),
    real_seconds: float = REAL_SECONDS,
) -> T:
    """Run ``main()`` on a fresh virtual-clock loop, bounded in loop time and in real time."""
    if Guard.tripped or Guard.never_yields:
        pytest.fail(Guard.tripped or Guard.never_yields, pytrace=False)
    loop = VirtualClockLoop()
    expired = [False]

    async def bounded() -> T:
        timeout = asyncio.timeout(loop_seconds)
        try:
            async with timeout:
                return await main()
        finally:
            expired[0] = timeout.expired()

    task = loop.create_task(bounded())
    alarm = alarm_seconds(real_seconds + 1)
    clean = False
    try:
        loop.selector.real_deadline = perf_counter() + real_seconds
        with deadline(alarm, f"{what} (on the test's event loop)"):
            result = loop.run_until_complete(task)
        clean = True
    except (RealTimeExceeded, pytest.fail.Exception) as error:
        # The alarm interrupts code that never gives the loop back; the selector stops a loop
        # that keeps turning. The alarm may be followed by the selector, on the loop's way out.
        if isinstance(error, pytest.fail.Exception) or (
            task.done() and isinstance(task.exception(), pytest.fail.Exception)
        ):
            Guard.never_yields = (
                f"{what} did not give the event loop back for {alarm:.3g} s of real time and "
                "was stopped: is there a loop with no await in it?"
            )
            pytest.fail(Guard.never_yields, pytrace=False)
        Guard.tripped = (
            f"{what} ran for more than {real_seconds:g} s of real time without finishing: does "
            "it poll with asyncio.sleep(0) (a busy wait), or swallow the CancelledError meant "
            "to stop it?"
        )
        pytest.fail(Guard.tripped, pytrace=False)
    except LoopStalled:
        pytest.fail(
            f"{what} got stuck: every task waits for something, and nothing can ever wake them "
            "(no timer is set). Is a task waiting for an event that nobody sets?",
            pytrace=False,
        )
    except (TimeoutError, asyncio.CancelledError):
        if not expired[0]:
            raise
    finally:
        leftovers = shut_down(loop, transports)
        if not clean or leftovers:
            with warnings.catch_warnings():  # a broken run's abandoned coroutines, collected now
                warnings.simplefilter("ignore")
                gc.collect()
    if expired[0]:
        pytest.fail(
            f"{what} did not return within {loop_seconds:.3g} s of loop time: is something "
            f"awaited that never finishes?{hint}",
            pytrace=False,
        )
    return result


def shut_down(loop: VirtualClockLoop, transports: Sequence[FakeTransport]) -> int:
    """Cancel what a run left behind, give it half a second to go, close the loop.

    Return how many tasks were left.
    """
    leftovers = asyncio.all_tasks(loop)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if leftovers:
            for task in leftovers:
                task.cancel()
            loop.selector.real_deadline = perf_counter() + 0.5
            with contextlib.suppress(RealTimeExceeded, LoopStalled, RuntimeError):
                loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
        for transport in transports:
            transport.close()
        loop.selector.real_deadline = math.inf
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
    return len(leftovers)


# --- The fake transport ------------------------------------------------------------------------


class FetchError(Exception):
    """What a failing fetch raises."""


class Abort(BaseException):
    """A BaseException that is not an Exception, like KeyboardInterrupt."""


class Page:
    """What a fetch returns: a new object for each call, so the tests can tell calls apart."""

    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"<page {self.url}>"


Outcome = Literal["page", "error", "abort"]
Kind = Literal["coroutine", "future"]


@dataclass(frozen=True)
class Plan:
    """How the fake transport answers one URL: after ``latency`` loop seconds, with ``outcome``.

    A latency of 0 answers without suspending at all.
    """

    latency: float = 0.0
    outcome: Outcome = "page"

    def describe(self, url: str) -> str:
        verb = {"page": "answers", "error": "raises FetchError", "abort": "raises Abort"}
        return f"{url!r} {verb[self.outcome]} after {self.latency:g} s"

    def expected(self, url: str) -> str:
        return {"page": repr(Page(url)), "error": repr(FetchError(url))}.get(self.outcome, "?")


@dataclass(eq=False)
class Call:
    """One call of ``fetch``: when it started and finished, and what it gave."""

    url: str
    started: float
    in_flight: int  # including this one
    tasks_alive: int
    finished: float | None = None
    outcome: object = None
    cancelled: bool = False


class FakeTransport:
    """``fetch``: answers each URL by its plan, with a coroutine or a Future, and records it all."""

    def __init__(
        self, plans: Mapping[str, Plan], kind: Kind = "coroutine", default: Plan | None = None
    ) -> None:
        self.plans = dict(plans)
        self.default = default or Plan()
        self.kind = kind
        self.calls: list[Call] = []
        self.in_flight = 0
        self.coroutines: list[Coroutine[Any, Any, object]] = []
        self.loop: asyncio.AbstractEventLoop | None = None

    def __call__(self, url: str) -> Awaitable[object]:
        loop = self.loop = asyncio.get_running_loop()
        self.in_flight += 1
        # Counting the tasks costs O(tasks): stop once there are far too many to count.
        alive = self.calls[-1].tasks_alive if self.calls else 0
        if alive <= TASKS_COUNTED:
            alive = len(asyncio.all_tasks(loop))
        call = Call(url, loop.time(), self.in_flight, alive)
        self.calls.append(call)
        plan = self.plans.get(url, self.default)
        if self.kind == "future":
            return self.future(call, plan, loop)
        coroutine = self.serve(call, plan)
        self.coroutines.append(coroutine)
        return coroutine

    def answer(self, call: Call, plan: Plan) -> Page:
        if plan.outcome == "page":
            call.outcome = Page(call.url)
            return call.outcome
        call.outcome = FetchError(call.url) if plan.outcome == "error" else Abort(call.url)
        raise call.outcome

    def finish(self, call: Call) -> None:
        if call.finished is None and self.loop is not None:
            call.finished = self.loop.time()
            self.in_flight -= 1

    async def serve(self, call: Call, plan: Plan) -> Page:
        try:
            if plan.latency:
                await asyncio.sleep(plan.latency)
            return self.answer(call, plan)
        except asyncio.CancelledError:
            call.cancelled = True
            raise
        finally:
            self.finish(call)

    def future(self, call: Call, plan: Plan, loop: asyncio.AbstractEventLoop) -> Awaitable[object]:
        future = loop.create_future()

        def settle() -> None:
            if future.done():
                return
            try:
                page = self.answer(call, plan)
            except BaseException as error:
                self.finish(call)
                future.set_exception(error)
            else:
                self.finish(call)
                future.set_result(page)

        def on_done(done: asyncio.Future[object]) -> None:
            if done.cancelled() and call.finished is None:
                call.cancelled = True
                self.finish(call)

        future.add_done_callback(on_done)
        if plan.latency:
            loop.call_later(plan.latency, settle)
        else:
            settle()
        return future

    def close(self) -> None:
        """Close the coroutines never awaited, which would warn when collected."""
        for coroutine in self.coroutines:
            coroutine.close()

    def describe(self, urls: Sequence[str]) -> str:
        kind = "returns a Future" if self.kind == "future" else "is a coroutine"
        plans = [self.plans.get(url, self.default).describe(url) for url in dict.fromkeys(urls)]
        return f"fetch {kind}; " + ", ".join(plans[:8]) + (", ..." if len(plans) > 8 else "")


# --- One run of fetch_all ----------------------------------------------------------------------


@dataclass
class Run:
    """One call of fetch_all on the virtual clock, and what the fake transport saw."""

    call: str
    urls: list[str]
    transport: FakeTransport
    concurrency: int
    per_second: float | None
    began: float = START
    ended: float = math.nan
    results: object = None
    error: BaseException | None = None
    unfinished: list[Call] = field(default_factory=list)  # fetches in flight when it returned
    leftovers: list[str] = field(default_factory=list)  # tasks still alive when it returned

    @property
    def calls(self) -> list[Call]:
        return self.transport.calls

    def at(self, time: float) -> str:
        return f"+{round(time - self.began, 6):g} s"

    def context(self) -> str:
        called = f"called at loop time {self.began:g}"
        return f"{self.call}, {called}, where {self.transport.describe(self.urls)}"


def describe_call(
    urls: Sequence[str], concurrency: int, per_second: float | None, lazily: bool
) -> str:
    shown = repr(list(urls)) if len(urls) <= 12 else f"[... {len(urls):,} URLs ...]"
    source = f"iter({shown})" if lazily else shown
    rate = "" if per_second is None else f", per_second={per_second:g}"
    return f"fetch_all({source}, fetch, concurrency={concurrency}{rate})"


def window(per_second: float) -> tuple[int, float]:
    """k and w of the statement: at most k starts in any [t, t + w)."""
    return (math.floor(per_second), 1.0) if per_second >= 1 else (1, 1 / per_second)


def run_fetch_all(
    urls: Sequence[str],
    transport: FakeTransport,
    *,
    concurrency: int,
    per_second: float | None = None,
    offset: float = 0.0,
    lazily: bool = False,
    real_seconds: float = REAL_SECONDS,
) -> Run:
    """Call fetch_all once on the virtual clock, ``offset`` seconds after the loop started."""
    run = Run(
        describe_call(urls, concurrency, per_second, lazily),
        list(urls),
        transport,
        concurrency,
        per_second,
    )
    latencies = sum(transport.plans.get(url, transport.default).latency for url in urls)
    spacing = 0.0 if per_second is None else window(per_second)[1] / window(per_second)[0]
    bound = latencies + 2 * len(urls) * spacing + 10  # twice what the slowest correct answer needs

    async def main() -> Run:
        loop = asyncio.get_running_loop()
        if offset:
            await asyncio.sleep(offset)
        run.began = loop.time()
        source = iter(list(urls)) if lazily else list(urls)
        try:
            run.results = await fetch_all(
                source, transport, concurrency=concurrency, per_second=per_second
            )
        except (Exception, Abort, BaseExceptionGroup) as error:  # not the tests' own, nor Ctrl-C
            run.error = error
        run.ended = loop.time()
        run.unfinished = [call for call in transport.calls if call.finished is None]
        current = asyncio.current_task()
        run.leftovers = [repr(task) for task in asyncio.all_tasks() if task is not current]
        return run

    hint = (
        ""
        if per_second is None
        else " With per_second: are the waits measured on the loop's clock, loop.time(), and "
        "not with time.monotonic()?"
    )
    return on_virtual_loop(main, run.call, bound, hint, [transport], real_seconds)


# --- Checks, each in the learner's terms --------------------------------------------------------


def check_returned_the_results(run: Run) -> None:
    assert run.error is None, f"{run.context()}: it raised {run.error!r}"
    results = run.results
    assert isinstance(results, list), f"{run.call} returned {results!r}, expected a list"
    plans = run.transport.plans
    expected = [plans.get(url, run.transport.default).expected(url) for url in run.urls]
    got = [repr(result) for result in results]
    if got != expected:
        why = ""
        if sorted(got) == sorted(expected):
            why = (
                ": the right results in the wrong order. Results follow the order of urls, not "
                "the order in which the fetches finished"
            )
        elif len(got) < len(expected) and set(got) <= set(expected):
            why = ": results are missing. Did a FetchError stop the other fetches?"
        pytest.fail(
            f"{run.context()}: it returned [{', '.join(got)}], expected "
            f"[{', '.join(expected)}]{why}",
            pytrace=False,
        )
    made = {id(call.outcome): call for call in run.calls}
    used: set[int] = set()
    for index, result in enumerate(results):
        call = made.get(id(result))
        assert call is not None and call.url == run.urls[index], (
            f"{run.context()}: result {index} is {result!r}, but no fetch({run.urls[index]!r}) "
            "returned or raised that object: put what the awaitable gave in the list, as it is"
        )
        assert id(result) not in used, (
            f"{run.context()}: the same {result!r} fills two places in the results: each "
            "occurrence of a URL gets the outcome of its own fetch"
        )
        used.add(id(result))


def check_called_fetch_once_per_url(run: Run) -> None:
    got, expected = Counter(call.url for call in run.calls), Counter(run.urls)
    assert got == expected, (
        f"{run.context()}: fetch was called {dict(got)} times per URL, expected "
        f"{dict(expected)}: once for every item of urls, duplicates included"
    )


def check_concurrency_bound(run: Run) -> None:
    busiest = max(run.calls, key=lambda call: call.in_flight, default=None)
    if busiest is not None and busiest.in_flight > run.concurrency:
        pytest.fail(
            f"{run.context()}: {busiest.in_flight} fetches were in flight at once (at "
            f"{run.at(busiest.started)}, when fetch({busiest.url!r}) started), more than "
            f"concurrency={run.concurrency}. A fetch is in flight from the call of fetch(url) "
            "until its awaitable has finished",
            pytrace=False,
        )


def check_rate_limit(run: Run) -> None:
    if run.per_second is None:
        return
    k, w = window(run.per_second)
    starts = sorted(call.started for call in run.calls)
    for first, last in zip(starts, starts[k:], strict=False):
        if last - first < w - EPSILON:
            inside = [run.at(start) for start in starts if first <= start <= last]
            pytest.fail(
                f"{run.context()}: {len(inside)} fetches started within {last - first:g} s, at "
                f"{', '.join(inside)}, but per_second={run.per_second:g} allows at most {k} "
                f"in any {w:g} s: count the starts in every window [t, t + {w:g}), not per "
                "batch and not per whole second of the clock",
                pytrace=False,
            )


def check_nothing_left_behind(run: Run) -> None:
    if run.unfinished:
        urls = [call.url for call in run.unfinished]
        pytest.fail(
            f"{run.context()}: it returned or raised while fetches of {urls} were still in "
            "flight: await every awaitable you start, and cancel the others on the way out",
            pytrace=False,
        )
    assert not run.leftovers, (
        f"{run.context()}: when it returned or raised, its tasks {run.leftovers[:3]} were still "
        "running: wait for every task you create to finish"
    )


def check_tasks_bounded(run: Run) -> None:
    most = max((call.tasks_alive for call in run.calls), default=0)
    allowed = 2 * run.concurrency + 10
    assert most <= allowed, (
        f"{run.call}: {most:,} tasks were alive at once, for {len(run.urls):,} URLs and "
        f"concurrency={run.concurrency}; the limit is 2 * concurrency + 10 = {allowed}. Do not "
        "make a task per URL up front: a fixed set of workers, or a window of tasks, stays bounded"
    )


def check_correct(run: Run) -> None:
    check_returned_the_results(run)
    check_called_fetch_once_per_url(run)
    check_concurrency_bound(run)
    check_rate_limit(run)
    check_nothing_left_behind(run)
    check_tasks_bounded(run)


# --- Properties --------------------------------------------------------------------------------

URLS = ["a", "b", "c", "d", "e"]
LATENCIES = [0.0, 0.125, 0.5, 1.0, 1.5]  # binary fractions: every loop time is exact
RATES = [0.3, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0]
PLANS = st.builds(
    Plan, st.sampled_from(LATENCIES), st.sampled_from(["page", "page", "page", "error"])
)


@dataclass
class Scenario:
    """One call of fetch_all: the URLs, how each one answers, and the arguments."""

    urls: list[str]
    plans: dict[str, Plan]
    concurrency: int
    per_second: float | None = None
    offset: float = 0.0  # loop seconds between the loop's start and the call
    kind: Kind = "coroutine"
    lazily: bool = False  # pass urls as an iterator

    def run(self) -> Run:
        return run_fetch_all(
            self.urls,
            FakeTransport(self.plans, self.kind),
            concurrency=self.concurrency,
            per_second=self.per_second,
            offset=self.offset,
            lazily=self.lazily,
        )


@st.composite
def scenarios(draw: st.DrawFn, rates: bool = True) -> Scenario:
    return Scenario(
        urls=draw(st.lists(st.sampled_from(URLS), max_size=12)),
        plans=draw(st.fixed_dictionaries(dict.fromkeys(URLS, PLANS))),
        concurrency=draw(st.integers(1, 5)),
        per_second=draw(st.none() | st.sampled_from(RATES)) if rates else None,
        offset=draw(st.sampled_from([0.0, 0.25, 0.5, 0.75])),
        kind=draw(st.sampled_from(["coroutine", "future"])),
        lazily=draw(st.booleans()),
    )


def scenario(urls: str, latencies: str, concurrency: int, **options: Any) -> Scenario:
    """A pinned scenario: ``scenario("abc", "a=1 b=0! c=0.5", 2)``; ``!`` marks a failure."""
    plans = dict.fromkeys(URLS, Plan())
    for item in latencies.split():
        url, latency = item.split("=")
        plans[url] = Plan(float(latency.rstrip("!")), "error" if latency.endswith("!") else "page")
    return Scenario(list(urls), plans, concurrency, **options)


# Each pinned example is a bug a reviewer would name.
COMPLETION_ORDER = scenario("abc", "a=1 b=0.125 c=0.5", 3)
ONE_FAILURE = scenario("abcd", "a=1 b=0! c=0.5 d=0.125", 2)
EVERYTHING_AT_ONCE = scenario("abcde", "a=1 b=1 c=1 d=1 e=1", 2)
DUPLICATES = scenario("abab", "a=0.5 b=0.125", 2)
ACROSS_A_WHOLE_SECOND = scenario("abcd", "", 10, per_second=2.0, offset=0.5)
BUCKET_BURST = scenario("abcde", "", 10, per_second=2.0)
BELOW_ONE = scenario("abc", "", 3, per_second=0.5)
FRACTIONAL = scenario("abcde", "", 5, per_second=2.5)


@settings(max_examples=300)
@given(case=scenarios())
@example(case=COMPLETION_ORDER)
@example(case=ONE_FAILURE)
@example(case=EVERYTHING_AT_ONCE)
@example(case=DUPLICATES)
@example(case=ACROSS_A_WHOLE_SECOND)
@example(case=BUCKET_BURST)
@example(case=BELOW_ONE)
@example(case=FRACTIONAL)
def test_results_calls_bounds_and_windows_follow_the_specification(case: Scenario) -> None:
    check_correct(case.run())


@settings(max_examples=100)
@given(
    count=st.integers(1, 12),
    concurrency=st.integers(1, 6),
    latency=st.sampled_from([0.125, 1.0]),
    kind=st.sampled_from(["coroutine", "future"]),
)
def test_the_concurrency_is_used(count: int, concurrency: int, latency: float, kind: Kind) -> None:
    urls = [f"u{i}" for i in range(count)]
    run = run_fetch_all(urls, FakeTransport({}, kind, Plan(latency)), concurrency=concurrency)
    check_correct(run)
    most = max(call.in_flight for call in run.calls)
    assert most == min(concurrency, count), (
        f"{run.context()}: at most {most} fetches were ever in flight at once; with every "
        f"fetch taking {latency:g} s, the first {min(concurrency, count)} must start at once. "
        "Awaiting one fetch before starting the next is not concurrent"
    )


# --- Edge cases, one per bug a reviewer would name ------------------------------------------


def test_results_come_in_the_order_of_urls() -> None:
    check_correct(COMPLETION_ORDER.run())


def test_an_exception_takes_its_slot_and_the_others_carry_on() -> None:
    check_correct(ONE_FAILURE.run())


def test_at_most_concurrency_fetches_are_in_flight() -> None:
    check_correct(EVERYTHING_AT_ONCE.run())


@pytest.mark.parametrize("kind", ["coroutine", "future"])
def test_a_fetch_starts_when_fetch_is_called(kind: Kind) -> None:
    """A Future is already running when fetch returns it: call fetch only once a slot is free."""
    check_correct(scenario("abcde", "a=1 b=1 c=1 d=1 e=1", 2, kind=kind).run())


def test_duplicate_urls_are_fetched_each_time() -> None:
    check_correct(DUPLICATES.run())


def test_a_generator_of_urls_is_read_once() -> None:
    check_correct(scenario("abcab", "a=0.5 b=0.125 c=1", 2, lazily=True).run())


def test_no_urls_give_an_empty_list() -> None:
    run = scenario("", "", 3).run()
    check_correct(run)
    assert run.results == [], f"{run.call} returned {run.results!r}, expected []"


@pytest.mark.parametrize("concurrency", [1, 4])
def test_the_rate_limit_holds_in_every_window_not_per_whole_second(concurrency: int) -> None:
    """Starting at t = 100.5, two starts then and two at 101.0 are four in [100.5, 101.5)."""
    check_correct(scenario("abcdef", "", concurrency, per_second=2.0, offset=0.5).run())


def test_a_burst_allowance_does_not_add_to_the_rate() -> None:
    """A token bucket that starts full lets per_second start at once, then one more every
    1/per_second: three in the first second for per_second=2."""
    check_correct(BUCKET_BURST.run())


@pytest.mark.parametrize("per_second", [0.3, 0.5, 1.5, 2.5])
def test_a_rate_that_is_not_a_whole_number(per_second: float) -> None:
    """Below 1, one start every 1/per_second seconds; above, floor(per_second) a second."""
    check_correct(scenario("abcde", "", 5, per_second=per_second).run())


def test_a_rate_in_the_hundreds_is_counted_exactly() -> None:
    """per_second=300: 300 fetches start at once (or spread over a second), the rest later."""
    urls = [f"u{i}" for i in range(400)]
    check_correct(run_fetch_all(urls, FakeTransport({}), concurrency=400, per_second=300.0))


def test_the_rate_limit_counts_every_call_of_fetch_all_separately() -> None:
    """Two runs in a row: the second may start at once, the windows of the first are its own."""
    first = scenario("ab", "", 2, per_second=2.0).run()
    check_correct(first)
    check_correct(scenario("abcd", "", 4, per_second=3.0).run())


def test_each_call_has_its_own_concurrency_limit() -> None:
    """Two calls at once on one loop, concurrency=2 each: four fetches in flight together."""
    transports = [FakeTransport({}, default=Plan(1.0)) for _ in range(2)]

    async def main() -> list[object]:
        return list(
            await asyncio.gather(
                *(fetch_all(["a", "b", "c"], transport, concurrency=2) for transport in transports)
            )
        )

    what = "two concurrent fetch_all(['a', 'b', 'c'], fetch, concurrency=2)"
    results = on_virtual_loop(main, what, 30, transports=transports)
    assert [repr(result) for result in results] == ["[<page a>, <page b>, <page c>]"] * 2, (
        f"{what} returned {results!r}"
    )
    busiest = [max(call.in_flight for call in transport.calls) for transport in transports]
    assert busiest == [2, 2], (
        f"{what}: each call had at most {busiest} fetches in flight, expected 2 each: the "
        "limit belongs to one call (a semaphore made at import is shared by every call)"
    )


@pytest.mark.parametrize(
    ("kind", "per_second"), [("coroutine", None), ("future", None), ("coroutine", 1.0)]
)
def test_cancelling_fetch_all_cancels_every_fetch_and_propagates(
    kind: Kind, per_second: float | None
) -> None:
    transport = FakeTransport({}, kind, Plan(3600.0))
    urls = [f"u{i}" for i in range(8)]
    what = describe_call(urls, 3, per_second, lazily=False)

    async def main() -> tuple[str, int, list[str], list[str]]:
        task = asyncio.create_task(fetch_all(urls, transport, concurrency=3, per_second=per_second))
        await asyncio.sleep(1.5)
        calls_before = len(transport.calls)
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=60)
        if not done:
            outcome = "it was still running 60 s after the cancel"
        elif task.cancelled():
            outcome = "cancelled"
        elif task.exception() is not None:
            outcome = f"it raised {task.exception()!r}"
        else:
            outcome = f"it returned {task.result()!r}"
        unfinished = [call.url for call in transport.calls if call.finished is None]
        current = asyncio.current_task()
        leftovers = [repr(t) for t in asyncio.all_tasks() if t is not current and t is not task]
        return outcome, calls_before, unfinished, leftovers

    outcome, calls_before, unfinished, leftovers = on_virtual_loop(
        main, what, 120, transports=[transport]
    )
    started = [call.url for call in transport.calls[:calls_before]]
    assert started, f"{what}: no fetch had started 1.5 s after the call"
    later = [call.url for call in transport.calls[calls_before:]]
    assert not later, (
        f"{what} was cancelled 1.5 s in, with {started} in flight, and then still started "
        f"fetches of {later}: is the CancelledError caught and the work carried on?"
    )
    not_cancelled = [call.url for call in transport.calls if not call.cancelled]
    assert not not_cancelled, (
        f"{what} was cancelled 1.5 s in, but the fetches of {not_cancelled} never saw a "
        f"CancelledError ({outcome}): cancel every fetch in flight"
    )
    assert outcome == "cancelled", (
        f"{what} was cancelled 1.5 s in, and {outcome}: the CancelledError must propagate"
    )
    if unfinished or leftovers:
        pytest.fail(
            f"{what} was cancelled; when its CancelledError came out, fetches of {unfinished} "
            f"were still in flight and its tasks {leftovers[:3]} still running: wait for what "
            "you cancelled before letting the CancelledError out",
            pytrace=False,
        )


def test_a_base_exception_propagates_and_cancels_the_rest() -> None:
    transport = FakeTransport({"boom": Plan(0.5, "abort")}, default=Plan(10.0))
    urls = ["a", "boom", "b", "c", "d"]
    run = run_fetch_all(urls, transport, concurrency=3)
    (abort,) = [call.outcome for call in transport.calls if call.url == "boom"]
    error = run.error
    inside = error.exceptions if isinstance(error, BaseExceptionGroup) else (error,)
    assert abort in inside, (
        f"{run.context()}: fetch('boom') raised Abort, a BaseException that is not an "
        f"Exception; it must propagate out of fetch_all, but "
        + (f"fetch_all returned {run.results!r}" if error is None else f"it raised {error!r}")
        + ". Catch Exception, never BaseException"
    )
    later = [call.url for call in transport.calls if call.started > run.began + 0.5 + EPSILON]
    assert not later, f"{run.context()}: fetches of {later} started after the Abort"
    check_nothing_left_behind(run)


def test_the_default_concurrency_is_50() -> None:
    transport = FakeTransport({}, default=Plan(1.0))
    urls = [f"u{i}" for i in range(60)]

    async def main() -> object:
        return await fetch_all(urls, transport)

    what = "fetch_all([... 60 URLs ...], fetch)"
    results = on_virtual_loop(main, what, 30, transports=[transport])
    assert isinstance(results, list) and len(results) == len(urls), f"{what} returned {results!r}"
    most = max(call.in_flight for call in transport.calls)
    assert most == 50, (
        f"{what}, every fetch taking 1 s: {most} fetches were in flight at once, expected the "
        "default concurrency, 50"
    )


def test_concurrency_and_per_second_are_keyword_only() -> None:
    call: Any = fetch_all  # the second call below is wrong on purpose
    call(["a"], FakeTransport({}), concurrency=2).close()  # by keyword: accepted (and closed)
    with pytest.raises(TypeError):
        call(["a"], FakeTransport({}), 2).close()  # a coroutine made anyway is closed unawaited


@pytest.mark.parametrize(
    ("concurrency", "per_second"), [(0, None), (-1, None), (1, 0.0), (1, -2.0), (1, math.nan)]
)
def test_invalid_arguments_raise_value_error(concurrency: int, per_second: float | None) -> None:
    transport = FakeTransport({})

    async def main() -> object:
        return await fetch_all(["a"], transport, concurrency=concurrency, per_second=per_second)

    what = describe_call(["a"], concurrency, per_second, lazily=False)
    with pytest.raises(ValueError):
        on_virtual_loop(main, what, 10, transports=[transport])


@pytest.mark.parametrize("concurrency", [10, 300])
def test_thousands_of_urls_never_make_a_task_each(concurrency: int) -> None:
    """1,000 URLs rather than 10,000, and time to spare: a slow answer fails the timing tests,
    not this one."""
    urls = [f"u{i}" for i in range(1_000)]
    transport = FakeTransport({}, default=Plan(0.125))
    run = run_fetch_all(urls, transport, concurrency=concurrency, lazily=True, real_seconds=8)
    check_tasks_bounded(run)
    check_correct(run)


# --- Performance on the virtual clock: no idle slot, the rate used in full ---------------------


def check_no_idle_slot(run: Run) -> None:
    """Whenever a fetch finishes with URLs left, the slot is refilled at the same loop time."""
    finishes = sorted({call.finished for call in run.calls if call.finished is not None})
    for moment in [run.began, *finishes]:
        soon = moment + EPSILON  # what happens within a few turns of the loop happens at once
        started = [call for call in run.calls if call.started <= soon]
        in_flight = sum(call.finished is None or call.finished > soon for call in started)
        waiting = len(run.urls) - len(started)
        if waiting and in_flight < run.concurrency:
            later = min(call.started for call in run.calls if call.started > soon)
            pytest.fail(
                f"{run.context()}: at {run.at(moment)} only {in_flight} fetches were in flight "
                f"and {waiting} URLs were waiting, yet the next fetch started only at "
                f"{run.at(later)}: start a fetch as soon as a slot is free (no polling with "
                "asyncio.sleep, no batch that waits for its slowest fetch)",
                pytrace=False,
            )


def check_returns_promptly(run: Run) -> None:
    last = max((call.finished or math.inf for call in run.calls), default=run.began)
    assert run.ended <= last + EPSILON, (
        f"{run.context()}: its last fetch finished at {run.at(last)}, but it returned only at "
        f"{run.at(run.ended)}: return as soon as the last fetch has finished"
    )


@pytest.mark.timing
@settings(max_examples=100)
@given(case=scenarios(rates=False))
@example(case=scenario("abcd", "a=1 b=0.125 c=0.125 d=0.125", 2))
def test_no_loop_time_passes_between_a_finish_and_the_next_start(case: Scenario) -> None:
    run = case.run()
    check_correct(run)
    check_no_idle_slot(run)
    check_returns_promptly(run)


@pytest.mark.timing
@pytest.mark.parametrize(
    ("per_second", "concurrency", "latency"),
    [
        *((rate, 10, latency) for rate in (0.5, 1.0, 2.5, 3.0) for latency in (0.0, 1.0)),
        (2.0, 1, 0.25),  # one slot, freed twice as fast as the rate allows a start
        (3.0, 2, 0.5),
    ],
)
def test_a_rate_limit_is_used_in_full(per_second: float, concurrency: int, latency: float) -> None:
    """Ten fetches whose slots free up at least as fast as the rate allows starts: all start
    within (10 - 1) * w / k seconds."""
    urls = [f"u{i}" for i in range(10)]
    transport = FakeTransport({}, default=Plan(latency))
    run = run_fetch_all(urls, transport, concurrency=concurrency, per_second=per_second)
    check_correct(run)
    k, w = window(per_second)
    allowed = (len(urls) - 1) * w / k
    starts = sorted(call.started for call in run.calls)
    assert starts[-1] - starts[0] <= allowed + EPSILON, (
        f"{run.context()}: the {len(urls)} fetches took {starts[-1] - starts[0]:g} s to start "
        f"(at {', '.join(run.at(start) for start in starts)}); per_second={per_second:g} "
        f"allows them all within {allowed:g} s. Does it wait for a batch to finish, or sleep "
        "a whole second after each batch?"
    )
    check_returns_promptly(run)


# --- Performance in CPU time and real time -----------------------------------------------------


async def instant(url: str) -> str:
    """A fetch that yields to the loop once and answers."""
    await asyncio.sleep(0)
    return url


async def gather_in_batches(urls: list[str], size: int) -> list[object]:
    """The calibration: asyncio.gather over batches of ``size`` URLs, one batch after another."""
    results: list[object] = []
    for start in range(0, len(urls), size):
        batch = urls[start : start + size]
        results += await asyncio.gather(*(instant(url) for url in batch), return_exceptions=True)
    return results


def on_a_loop(make: Callable[[], Coroutine[Any, Any, object]]) -> Callable[[], None]:
    """An action for the timing helpers: run ``make()`` on a fresh virtual-clock loop."""

    def action() -> None:
        loop = VirtualClockLoop()
        try:
            loop.run_until_complete(make())
        finally:
            shut_down(loop, [])  # after a `deadline` stopped it, the tasks it left behind

    return action


def fetching(count: int, per_second: float | None = None) -> Callable[[], None]:
    urls = [f"u{i}" for i in range(count)]
    return on_a_loop(lambda: fetch_all(urls, instant, concurrency=50, per_second=per_second))


def batches(count: int) -> Callable[[], None]:
    urls = [f"u{i}" for i in range(count)]
    return on_a_loop(lambda: gather_in_batches(urls, 50))


THROUGHPUT_LIMIT = 4  # the reference measures about 0.5x, a window of one task per URL about 1.5x
GROWTH_LIMIT = 20  # 10x the URLs should cost about 10x; quadratic bookkeeping costs 100x


def allowance(baseline: Callable[[], None], multiple: float) -> float:
    """Real seconds one run may take before it is stopped: ``multiple`` times ``baseline``.

    The deadline's alarm counts real time, so the baseline is timed in real time too, now: a
    busy machine slows both alike. The half second on top covers a bad moment.
    """
    (calibration,) = best_times([baseline], repeat=1, clock=perf_counter)
    return multiple * calibration + 0.5


@pytest.mark.timing
def test_cost_per_url_within_a_factor_of_gather_over_batches() -> None:
    ours, baseline = fetching(5_000), batches(5_000)
    with deadline(allowance(baseline, 4 * THROUGHPUT_LIMIT), "fetch_all over 5,000 URLs"):
        ours()  # a quadratic answer is stopped here, in about a second
    mine, theirs = best_times([ours, baseline], repeat=5, clock=thread_time)
    check_ratio(
        mine / theirs,
        THROUGHPUT_LIMIT,
        "fetch_all over 5,000 URLs (concurrency=50, a fetch that answers at once) cost more "
        "CPU time than asyncio.gather over batches of 50, timed in the same run",
    )


@pytest.mark.timing
@pytest.mark.parametrize("per_second", [None, 50.0])
def test_ten_times_the_urls_cost_about_ten_times_as_much(per_second: float | None) -> None:
    # A rate-limited start costs about 5 times an unlimited one: fewer URLs keep the time down,
    # and 50 a second keeps the 500 URLs in the steady state too (400 would start most at once).
    count = 1_000 if per_second is None else 500
    small, large = fetching(count, per_second), fetching(10 * count, per_second)
    what = f"fetch_all over {10 * count:,} URLs" + (
        "" if per_second is None else f" with per_second={per_second:g}"
    )
    with deadline(allowance(small, 3 * GROWTH_LIMIT), what):
        large()  # a quadratic answer is stopped here, in about a second
    ratio = growth_ratio(small, large, rounds=4, limit=GROWTH_LIMIT, clock=thread_time)
    check_ratio(
        ratio,
        GROWTH_LIMIT,
        f"{what} cost far more than 10x {count:,} URLs: the bookkeeping grows faster than the "
        "URLs (a scan of every task, or of every start, made so far?)",
    )


async def sleeps(url: str) -> str:
    await asyncio.sleep(0.02)
    return url


def fetch_twenty_for_real() -> None:
    asyncio.run(fetch_all([f"u{i}" for i in range(20)], sleeps, concurrency=10))


def sleep_twice_for_real() -> None:
    """The calibration: two rounds of ten concurrent 20 ms sleeps, what fetch_all must match."""

    async def twice() -> None:
        for _ in range(2):
            await asyncio.gather(*(asyncio.sleep(0.02) for _ in range(10)))

    asyncio.run(twice())


@pytest.mark.timing
def test_fetches_overlap_in_real_time() -> None:
    ours, direct = best_times([fetch_twenty_for_real, sleep_twice_for_real], repeat=3)
    check_ratio(
        ours / direct,
        1.5,
        "20 fetches of 20 ms with concurrency=10, on a real event loop, took longer than two "
        "rounds of 10 concurrent 20 ms sleeps",
    )
