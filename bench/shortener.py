"""The shortener reference against the textbook answers: a dict and a counter, and an MD5 hash.

Contenders: the reference (a lock, checked twice, around issuing an id); the textbook dict and
counter with the same URL check and no lock (not thread-safe: the floor a lock must stay near);
and a hashlib answer, the first 7 base-62 digits of the URL's MD5, salted and rehashed on a
collision. Loads: 100,000 new URLs, the same 100,000 again, and resolving their codes.
Target: the reference within 1.3x of the dict and counter on every load.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from typing import Protocol
from urllib.parse import urlsplit

from bench.common import best_seconds, print_table
from solutions.shortener import BASE62, Shortener

COUNT = 100_000


class Shortens(Protocol):
    def shorten(self, url: str) -> str: ...
    def resolve(self, code: str) -> str: ...


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(url)


def to_code(number: int) -> str:
    digits = []
    while True:
        number, digit = divmod(number, 62)
        digits.append(BASE62[digit])
        if not number:
            return "".join(reversed(digits))


class DictAndCounter:
    """The textbook answer: a dict each way, the next id from the count; no lock."""

    def __init__(self) -> None:
        self.code_of: dict[str, str] = {}
        self.url_of: dict[str, str] = {}

    def shorten(self, url: str) -> str:
        code = self.code_of.get(url)
        if code is None:
            check_url(url)
            code = self.code_of[url] = to_code(len(self.url_of))
            self.url_of[code] = url
        return code

    def resolve(self, code: str) -> str:
        return self.url_of[code]


class HashCodes:
    """The hashlib answer: 7 base-62 digits of the URL's MD5, salted again on a collision."""

    def __init__(self) -> None:
        self.code_of: dict[str, str] = {}
        self.url_of: dict[str, str] = {}

    def shorten(self, url: str) -> str:
        code = self.code_of.get(url)
        if code is None:
            check_url(url)
            salt = 0
            while True:
                digest = hashlib.md5(f"{url}#{salt}".encode(), usedforsecurity=False).digest()
                code = to_code(int.from_bytes(digest[:8]))[:7]
                if code not in self.url_of:
                    break
                salt += 1
            self.code_of[url] = code
            self.url_of[code] = url
        return code

    def resolve(self, code: str) -> str:
        return self.url_of[code]


CONTENDERS: dict[str, Callable[[], Shortens]] = {
    "reference": Shortener,
    "dict + counter (no lock)": DictAndCounter,
    "hashlib MD5, 7 digits": HashCodes,
}


def urls() -> list[str]:
    rng = random.Random(11)
    return [f"https://example.com/{rng.getrandbits(48):x}/{number}" for number in range(COUNT)]


def main() -> None:
    links = urls()
    filled: dict[str, tuple[Shortens, list[str]]] = {}
    for name, factory in CONTENDERS.items():
        shortener = factory()
        filled[name] = (shortener, [shortener.shorten(url) for url in links])

    def new(factory: Callable[[], Shortens]) -> Callable[[], None]:
        def run() -> None:
            shorten = factory().shorten
            for url in links:
                shorten(url)

        return run

    def known(shortener: Shortens) -> Callable[[], None]:
        def run() -> None:
            shorten = shortener.shorten
            for url in links:
                shorten(url)

        return run

    def resolve(shortener: Shortens, codes: list[str]) -> Callable[[], None]:
        def run() -> None:
            lookup = shortener.resolve
            for code in codes:
                lookup(code)

        return run

    loads = {
        "shorten() of new URLs": {name: new(f) for name, f in CONTENDERS.items()},
        "shorten() of known URLs": {name: known(s) for name, (s, _) in filled.items()},
        "resolve()": {name: resolve(s, codes) for name, (s, codes) in filled.items()},
    }
    for title, contenders in loads.items():
        timings = best_seconds(contenders)
        print_table(f"shortener: {title}", COUNT, timings, "reference")
        floor = timings["dict + counter (no lock)"]
        verdict = "met" if timings["reference"] <= 1.3 * floor else "NOT met"
        print(f"  target: within 1.3x of the dict and counter: {verdict}")


if __name__ == "__main__":
    main()
