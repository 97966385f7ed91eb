"""Mutant: the pool's options may be passed by position.

A reviewer would say: the statement makes everything after ``factory`` keyword-only, so that
``ConnectionPool(connect, 5, 2.0)`` is a TypeError rather than a puzzle about which number is
which.

Caught by: correctness
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar


class Connection(Protocol):
    """What the pool needs of a connection."""

    def close(self) -> None: ...


C = TypeVar("C", bound=Connection)


class PoolTimeout(TimeoutError):
    """No connection came free within the timeout."""


class PoolClosed(RuntimeError):
    """The pool is closed."""


class ConnectionPool(Generic[C]):
    """At most ``max_size`` connections made by ``factory``, shared safely between threads.

    One condition variable guards the counts and the idle stack. Factory calls, checks, resets
    and closes run outside it, so a slow connect or a hanging close never stalls other callers;
    a slot is reserved (``_open`` counted) before the factory is called, so that a slow factory
    cannot let more than ``max_size`` connections open.
    """

    def __init__(
        self,
        factory: Callable[[], C],
        max_size: int = 10,
        timeout: float = 30.0,
        check: Callable[[C], bool] | None = None,
        reset: Callable[[C], None] | None = None,
    ) -> None:
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        if timeout < 0:
            raise ValueError(f"timeout must not be negative, got {timeout}")
        self._factory = factory
        self._max_size = max_size
        self._timeout = timeout
        self._check = check
        self._reset = reset
        self._lock = threading.Condition(threading.Lock())
        self._idle: list[C] = []  # a stack: the most recently used connection is the warmest
        self._open = 0  # created (or being created) and not yet closed
        self._in_use = 0
        self._closed = False

    def connection(self, timeout: float | None = None) -> Lease[C]:
        """Return a context manager that hands out a connection and takes it back."""
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout must not be negative, got {timeout}")
        return Lease(self, self._timeout if timeout is None else timeout)

    @property
    def idle(self) -> int:
        """The number of idle connections."""
        return len(self._idle)

    @property
    def in_use(self) -> int:
        """The number of connections handed out and not yet returned."""
        return self._in_use

    def close(self) -> None:
        """Close the idle connections now and the others as they come back; refuse new callers."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._open -= len(idle)
            self._lock.notify_all()  # waiters wake up to raise PoolClosed
        for conn in idle:
            _close_quietly(conn)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _acquire(self, timeout: float) -> C:
        deadline = time.monotonic() + timeout
        while True:
            conn = self._take_idle_or_reserve(deadline)
            if conn is None:
                return self._create()
            if self._passes_check(conn):
                return conn
            self._discard(conn)

    def _take_idle_or_reserve(self, deadline: float) -> C | None:
        """Take an idle connection, or reserve a slot for a new one (None), waiting if needed."""
        with self._lock:
            while True:
                if self._closed:
                    raise PoolClosed("the pool is closed")
                if self._idle:
                    self._in_use += 1
                    return self._idle.pop()
                if self._open < self._max_size:
                    self._open += 1
                    self._in_use += 1
                    return None
                # Availability is checked before the deadline, so a wake-up that arrives as the
                # wait times out still hands over the connection that caused it.
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PoolTimeout(f"no connection came free within {self._timeout}s")
                self._lock.wait(remaining)

    def _create(self) -> C:
        try:
            return self._factory()
        except BaseException:
            self._forget_one()
            raise

    def _passes_check(self, conn: C) -> bool:
        if self._check is None:
            return True
        try:
            return bool(self._check(conn))
        except Exception:
            return False  # a check that raises is a failed check

    def _release(self, conn: C, failed: bool) -> None:
        """Take ``conn`` back: reset it if the block failed, keep it if healthy, else discard."""
        reusable = self._reset_quietly(conn) if failed else True
        if not (reusable and self._passes_check(conn)):
            self._discard(conn)
            return
        with self._lock:
            self._in_use -= 1
            if not self._closed:
                self._idle.append(conn)
                self._lock.notify()
                return
            self._open -= 1
        _close_quietly(conn)  # it came back to a closed pool

    def _reset_quietly(self, conn: C) -> bool:
        if self._reset is None:
            return False
        try:
            self._reset(conn)
        except Exception:
            return False
        return True

    def _discard(self, conn: C) -> None:
        _close_quietly(conn)
        self._forget_one()

    def _forget_one(self) -> None:
        """A handed-out connection (or a reserved slot) is gone: free its slot for a waiter."""
        with self._lock:
            self._open -= 1
            self._in_use -= 1
            self._lock.notify()


class Lease(Generic[C]):
    """The context manager ``pool.connection()`` returns: acquire on enter, return on exit."""

    __slots__ = ("_conn", "_pool", "_timeout")

    def __init__(self, pool: ConnectionPool[C], timeout: float) -> None:
        self._pool = pool
        self._timeout = timeout
        self._conn: C | None = None

    def __enter__(self) -> C:
        self._conn = self._pool._acquire(self._timeout)
        return self._conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool._release(conn, failed=exc is not None)


def _close_quietly(conn: Connection) -> None:
    """Close ``conn``; an error from close must not replace the caller's own error."""
    with contextlib.suppress(Exception):  # a connection that fails to close is gone all the same
        conn.close()
