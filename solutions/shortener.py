"""URL shortener: short codes from an increasing id, one code per URL, safe across threads.

Task
----
Write the class ``Shortener(*, alphabet=BASE62)`` with ``shorten(url) -> str``,
``resolve(code) -> str`` and ``len(shortener)``, and the module constant
``BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"`` (digits, then
lowercase, then uppercase letters).

- Ids: the first distinct URL a shortener is given gets id 0, the next new one id 1, and so on,
  with no gaps. Its code is the id written in base ``len(alphabet)`` with the alphabet's
  characters as digits (``alphabet[0]`` is zero), most significant digit first, with no leading
  zeros. Id 0 is ``alphabet[0]``, never the empty string. With BASE62: id 0 is ``"0"``, id 61 is
  ``"Z"``, id 62 is ``"10"``, id 3843 is ``"ZZ"`` and id 3844 is ``"100"``, so the n-th distinct
  URL gets a code of at most ``ceil(log62(n + 1))`` characters.
- ``shorten(url)`` returns the URL's code. Shortening a URL again returns the same code and takes
  no new id. URLs are compared as exact strings, with no normalization:
  ``"http://a.com"`` and ``"http://a.com/"`` are two URLs.
- ``resolve(code)`` returns the URL the code was issued for. Any other string raises KeyError:
  a code not issued yet, a code with a leading zero digit (``"00"``), the empty string, a
  character outside the alphabet.
- ``len(shortener)`` is the number of distinct URLs shortened.
- A URL is accepted when ``urllib.parse.urlsplit(url)`` gives the scheme ``"http"`` or
  ``"https"`` (urlsplit lowercases it, so ``"HTTPS://EXAMPLE.COM"`` is accepted) and a non-empty
  netloc. Any other URL (``"ftp://example.com"``, ``"example.com"``, ``"http://"``,
  ``"http:/path"``) raises ValueError, and takes no id.
- ``alphabet`` is any string of at least 2 distinct characters; anything else (``""``, ``"a"``,
  ``"abca"``) raises ValueError. Every shortener has its own ids and codes.
- Thread-safe: when any number of threads shorten and resolve at once, every URL still gets
  exactly one code, distinct URLs get distinct codes, and the ids issued are still 0, 1, 2, ...
  with no gaps.

Examples
--------
>>> links = Shortener()
>>> links.shorten("https://example.com/a")
'0'
>>> links.shorten("https://example.com/b")
'1'
>>> links.shorten("https://example.com/a")
'0'
>>> links.resolve("1")
'https://example.com/b'
>>> len(links)
2
>>> links.resolve("2")
Traceback (most recent call last):
KeyError: '2'
>>> binary = Shortener(alphabet="ab")
>>> [binary.shorten(f"http://example.com/{n}") for n in range(5)]
['a', 'b', 'ba', 'bb', 'baa']

Limits (what the timing tests check)
------------------------------------
Times are CPU times, so that other work on a busy machine does not count.

- Shortening a new URL, shortening a URL already shortened, resolving a code and ``len`` each
  cost about the same on a shortener holding 100,000 URLs as on one holding 1,000 (the limit is
  4x): no operation may scan the URLs or codes stored.
- Filling a shortener with 100,000 URLs stays within 10x the time a plain dict and counter (with
  the same URL check) takes, timed in the same run, at every step of the way; and 1,000 calls of
  each operation on those 100,000 URLs stay within 50x the same calls on that dict and counter.
  A shortener that scans is stopped early, in a fraction of a second.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

__all__ = ["BASE62", "Shortener"]

BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
WEB_SCHEMES = frozenset({"http", "https"})


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
    parts = urlsplit(url)  # itself raises ValueError on a malformed URL such as "http://[::1"
    if parts.scheme not in WEB_SCHEMES or not parts.netloc:
        raise ValueError(f"not an http(s) URL with a netloc: {url!r}")
