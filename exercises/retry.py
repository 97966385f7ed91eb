"""Retry with exponential backoff and full jitter: a decorator for sync and async functions.

Task
----
Write ``retry``, usable bare (``@retry``) or with arguments (``@retry(max_retries=5)``)::

    retry(func=None, /, *, max_retries=3, base_delay=0.1, max_delay=10.0, jitter=True,
          exceptions=Exception, sleep=None)

- The decorated function is called. When it raises an instance of ``exceptions`` (a class or a
  tuple of classes; subclasses count), the decorator waits and calls it again, at most
  ``max_retries`` more times: ``max_retries + 1`` calls in all.
- Any other exception propagates at once, with no wait. A BaseException that is not an
  Exception (KeyboardInterrupt, SystemExit, asyncio.CancelledError) is never retried unless
  ``exceptions`` lists it.
- The delay before retry n (n = 1, 2, ...) is ``d_n = min(max_delay, base_delay * 2**(n - 1))``.
  With ``jitter=True`` the wait is drawn uniformly from [0, d_n] ("full jitter"); with
  ``jitter=False`` it is exactly d_n. ``max_retries`` in the thousands must work (no
  OverflowError).
- ``sleep(seconds)`` is called exactly once before each retry (a zero wait included) and never
  after the last attempt. It defaults to ``time.sleep``.
- When the retries run out, the last exception itself propagates: the same object, not wrapped,
  and not the first one. A call that succeeds returns its result at once.
- Each call of the decorated function has its own attempt count: nothing is shared between
  calls, and the decorated function is safe to call from several threads.
- The decorated function keeps ``__name__``, ``__doc__`` and ``__wrapped__``, and type checkers
  still see its signature.
- A negative ``max_retries``, ``base_delay`` or ``max_delay`` raises ValueError when decorating.
- Coroutine functions: the decorated function is a coroutine function too. It waits with
  ``asyncio.sleep`` by default and never blocks the event loop; an injected ``sleep`` may return
  an awaitable, which is awaited.

Examples
--------
>>> waits = []
>>> calls = []
>>> @retry(max_retries=2, base_delay=1.0, jitter=False, sleep=waits.append)
... def flaky() -> str:
...     calls.append(1)
...     if len(calls) < 3:
...         raise ConnectionError("try again")
...     return "ok"
>>> flaky(), len(calls), waits
('ok', 3, [1.0, 2.0])

Limits (what the timing tests check)
------------------------------------
- With real sleeping, the total wait is at least the sum of the delays and not far above it,
  for sync and async functions alike.
- Ten concurrent async retries finish in about the time of one.
- A call that succeeds at once costs within a small factor of a plain wrapper timed in the same
  run, whatever ``max_retries`` is.
- Each retry costs the same however many came before it: a call that fails 1,000 times costs
  about ten times what one that fails 100 times costs (the waits aside).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar, overload

P = ParamSpec("P")
R = TypeVar("R")

ExceptionTypes = type[BaseException] | tuple[type[BaseException], ...]


@overload
def retry(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def retry(
    func: None = None,
    /,
    *,
    max_retries: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    jitter: bool = True,
    exceptions: ExceptionTypes = Exception,
    sleep: Callable[[float], object] | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def retry(
    func: Callable[P, R] | None = None,
    /,
    *,
    max_retries: int = 3,
    base_delay: float = 0.1,
    max_delay: float = 10.0,
    jitter: bool = True,
    exceptions: ExceptionTypes = Exception,
    sleep: Callable[[float], object] | None = None,
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Retry ``func`` on ``exceptions`` with capped exponential backoff and optional full jitter."""
    # TODO: validate the arguments, then return the decorated function (bare use) or a
    # decorator (use with arguments). Keep a separate path for coroutine functions.
    raise NotImplementedError
