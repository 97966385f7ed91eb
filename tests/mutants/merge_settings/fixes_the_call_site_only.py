"""Mutant: settings_for_tenant passes a deep copy of DEFAULTS; merge_settings is unchanged.

A reviewer would say: the fix is in the wrong place: the reported steps pass, but merge_settings
still writes into whatever base it is given, and every other caller keeps the bug.

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
    return merge_settings(copy.deepcopy(DEFAULTS), tenant, load_env_overrides(environ))
