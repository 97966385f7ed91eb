"""Mutant: the merge is a copy and a dict.update, no longer recursive.

A reviewer would say: nothing is shared any more, but a section in an override now replaces the
whole section: globex's {"db": {"name": ...}} loses db.host, db.port and db.pool.

Caught by: correctness
"""

from __future__ import annotations

import copy
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
    merged = copy.deepcopy(dict(base))
    for override in overrides:
        merged.update(copy.deepcopy(dict(override)))
    return merged


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
