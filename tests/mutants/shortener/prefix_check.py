"""Mutant: a URL is accepted when it starts with "http://" or "https://".

A reviewer would say: "http://" and "https:///path" pass though they name no host, and
"HTTPS://EXAMPLE.COM" is refused though its scheme is https; parse the URL with urlsplit.

Caught by: correctness
"""

from __future__ import annotations

import threading

__all__ = ["BASE62", "Shortener"]

BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Shortener:
    """Short codes for http(s) URLs: the next id in base ``len(alphabet)``, once per URL."""

    def __init__(self, *, alphabet: str = BASE62) -> None:
        if len(alphabet) < 2 or len(set(alphabet)) != len(alphabet):
            raise ValueError(f"alphabet must hold at least 2 distinct characters: {alphabet!r}")
        self._alphabet = alphabet
        self._code_of: dict[str, str] = {}  # url -> code
        self._url_of: dict[str, str] = {}  # code -> url; its size is the next id
        # Guards issuing an id: reading the next id and storing the new code must be one step.
        self._lock = threading.Lock()

    def shorten(self, url: str) -> str:
        """Return the code of ``url``, issuing the next id if it is new."""
        # A dict lookup is atomic, so a URL already shortened needs no lock. A URL is stored
        # only once it is valid, so finding it also proves it valid.
        code = self._code_of.get(url)
        if code is not None:
            return code
        check_url(url)
        with self._lock:
            # Check again under the lock: another thread may have issued this URL's code since.
            code = self._code_of.get(url)
            if code is None:
                code = to_code(len(self._url_of), self._alphabet)
                # Code first, so that whoever sees the code can resolve it.
                self._url_of[code] = url
                self._code_of[url] = code
        return code

    def resolve(self, code: str) -> str:
        """Return the URL ``code`` was issued for; raise KeyError if it was never issued."""
        return self._url_of[code]

    def __len__(self) -> int:
        """Return the number of distinct URLs shortened."""
        return len(self._url_of)


def to_code(number: int, alphabet: str) -> str:
    """Write ``number`` in base ``len(alphabet)``, most significant digit first."""
    base = len(alphabet)
    digits = []
    while True:  # at least once, so that 0 is alphabet[0] and not ""
        number, digit = divmod(number, base)
        digits.append(alphabet[digit])
        if not number:
            break
    return "".join(reversed(digits))


def check_url(url: str) -> None:
    """Raise ValueError unless ``url`` is an http or https URL with a netloc."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL with a netloc: {url!r}")
