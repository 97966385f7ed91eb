"""Alternative design: URLs in a list indexed by id, and resolve() decodes the code to an id.

Nothing maps codes to URLs. shorten() keeps a dict from URL to id and encodes the id on every
call; resolve() turns the code back into an id, refusing what was never issued (the empty code, a
leading zero digit, a character outside the alphabet, an id past the end), and indexes the list.
One lock guards every read and write. It must lose no correctness or performance points.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Shortener:
    """Short codes for http(s) URLs: the next id in base ``len(alphabet)``, once per URL."""

    def __init__(self, *, alphabet: str = BASE62) -> None:
        digit_of = {char: value for value, char in enumerate(alphabet)}
        if len(alphabet) < 2 or len(digit_of) != len(alphabet):
            raise ValueError("the alphabet needs at least 2 characters, none repeated")
        self._alphabet = alphabet
        self._digit_of = digit_of
        self._urls: list[str] = []  # the URL of each id
        self._ids: dict[str, int] = {}  # the id of each URL
        self._lock = threading.Lock()

    def shorten(self, url: str) -> str:
        """Return the code of ``url``, issuing the next id if it is new."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"{url!r} is not an http(s) URL")
        with self._lock:
            number = self._ids.get(url)
            if number is None:
                number = self._ids[url] = len(self._urls)
                self._urls.append(url)
        return self._encode(number)

    def resolve(self, code: str) -> str:
        """Return the URL ``code`` was issued for; raise KeyError if it was never issued."""
        if not code or (len(code) > 1 and code[0] == self._alphabet[0]):
            raise KeyError(code)
        number = 0
        for char in code:
            digit = self._digit_of.get(char)
            if digit is None:
                raise KeyError(code)
            number = number * len(self._alphabet) + digit
        with self._lock:
            if number >= len(self._urls):
                raise KeyError(code)
            return self._urls[number]

    def __len__(self) -> int:
        """Return the number of distinct URLs shortened."""
        with self._lock:
            return len(self._urls)

    def _encode(self, number: int) -> str:
        base = len(self._alphabet)
        code = ""
        while True:
            number, digit = divmod(number, base)
            code = self._alphabet[digit] + code
            if not number:
                return code
