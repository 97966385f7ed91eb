"""Per-tenant settings for a web service: the defaults, deep-merged with each tenant's overrides.

Every request builds its settings with ``settings_for_tenant(tenant, os.environ)``: the module's
``DEFAULTS``, then the tenant's overrides, then ``APP_*`` environment variables, later ones winning.

What the module promises
------------------------
- ``merge_settings(base, *overrides)`` returns a new dict: ``base`` with each override applied in
  turn. Where both sides hold a dict (a section) under the same key, the two are merged key by
  key, at any depth, and keys that only one side has are kept. Any other value from an override
  replaces the old one whole: lists are not concatenated, a dict replaces a plain value and a
  plain value replaces a dict. Values are kept as they are (a tuple stays a tuple).
- It never changes ``base`` or an override, and the result shares no dict or list with them:
  changing the result, at any depth, changes nothing else.
- ``load_env_overrides(environ, prefix="APP_")`` reads the variables whose name starts with
  ``prefix``: the rest of the name, lowercased and split on ``"__"``, is the path of sections
  and the key (``APP_DB__POOL__SIZE`` is ``db.pool.size``). ``"true"`` and ``"false"`` in any
  case become bools, an optional sign and ASCII digits an int, anything else stays a string.
  A name with an empty part (``APP_DB__``) or one that is both a value and a section
  (``APP_DB=x`` beside ``APP_DB__HOST=y``) raises ``ValueError``.

Bug report (PLAT-1184, from the on-call engineer)
--------------------------------------------------
After Tuesday's deploy, requests for the tenant "globex" were sent to acme's dedicated database.
Only the first request a worker serves after a restart is right; restarting the workers makes it
go away until acme sends the next request. Log of one worker, two requests, one second apart:

    09:12:03 INFO  worker-3 req=7f1a tenant=acme   db=acme@db-acme.internal:5432 cache.ttl=60
    09:12:04 INFO  worker-3 req=7f1b tenant=globex db=globex@db-acme.internal:5432 cache.ttl=60
    09:12:04 ERROR worker-3 req=7f1b tenant=globex
    Traceback (most recent call last):
      File "/srv/app/db.py", line 41, in connect
        return psycopg.connect(host=db["host"], port=db["port"], dbname=db["name"])
    psycopg.OperationalError: connection failed: FATAL:  database "globex" does not exist

Expected: globex overrides only its database name, so its requests go to the shared cluster
(``db.host == "db-shared.internal"``) with the default ``cache.ttl`` of 300. Steps to reproduce,
in a fresh interpreter:

    acme = {"db": {"host": "db-acme.internal", "name": "acme"}, "cache": {"ttl": 60}}
    globex = {"db": {"name": "globex"}}
    settings_for_tenant(acme, {})        # right: acme's host, ttl 60
    settings = settings_for_tenant(globex, {})
    settings["db"]["host"]               # 'db-acme.internal', expected 'db-shared.internal'
    settings["cache"]["ttl"]             # 60, expected 300

Task
----
Find the cause and fix it, without breaking anything else the module promises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Settings = dict[str, Any]

DEFAULTS: Settings = {
    "debug": False,
    "allowed_hosts": ["localhost"],
    "db": {
        "host": "db-shared.internal",
        "port": 5432,
        "name": "app",
        "pool": {"size": 5, "timeout": 30},
    },
    "cache": {"backend": "memory", "ttl": 300},
}

_INTEGER = re.compile(r"[+-]?[0-9]+")


def merge_settings(base: Mapping[str, Any], *overrides: Mapping[str, Any]) -> Settings:
    """Return ``base`` deep-merged with each of ``overrides`` in turn, later ones winning."""
    merged = dict(base)  # a copy, so that the defaults stay untouched
    for override in overrides:
        _merge_into(merged, override)
    return merged


def _merge_into(target: Settings, override: Mapping[str, Any]) -> None:
    """Write ``override`` into ``target``, merging the sections both of them have."""
    for key, value in override.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge_into(current, value)
        else:
            target[key] = value


def load_env_overrides(environ: Mapping[str, str], prefix: str = "APP_") -> Settings:
    """Turn ``APP_DB__HOST=x`` style variables into nested settings: ``{"db": {"host": "x"}}``."""
    overrides: Settings = {}
    for name, raw in environ.items():
        if not name.startswith(prefix):
            continue
        *sections, key = name[len(prefix) :].lower().split("__")
        if not key or not all(sections):
            raise ValueError(f"{name}: a part of the name is empty")
        target = overrides
        for section in sections:
            child = target.setdefault(section, {})
            if not isinstance(child, dict):
                raise ValueError(f"{name}: {section!r} is both a value and a section")
            target = child
        if isinstance(target.get(key), dict):
            raise ValueError(f"{name}: {key!r} is both a value and a section")
        target[key] = _coerce(raw)
    return overrides


def _coerce(raw: str) -> bool | int | str:
    """Read ``true``/``false`` as a bool and a whole number as an int; keep anything else."""
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    if _INTEGER.fullmatch(raw):
        return int(raw)
    return raw


def settings_for_tenant(tenant: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Return one request's settings: the defaults, then the tenant's, then the environment's."""
    return merge_settings(DEFAULTS, tenant, load_env_overrides(environ))
