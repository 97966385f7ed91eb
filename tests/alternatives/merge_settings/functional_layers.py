"""A correct fix unlike the reference: a functional merge that never writes into a dict it got.

The base is simply the first layer: each layer builds new dicts over the result so far, and every
value taken from a layer is deep-copied, so nothing is shared with the caller's dicts.
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
    merged: Settings = {}
    for layer in (base, *overrides):
        merged = _layered(merged, layer)
    return merged


def _layered(below: Settings, layer: Mapping[str, Any]) -> Settings:
    """Return a new dict: ``layer`` over ``below``, which is never changed.

    Every value taken from ``layer`` is deep-copied and every merged section is a new dict, so
    the result shares nothing with ``layer``; ``below`` is this module's own work, never a caller's.
    """
    result = dict(below)
    for key, value in layer.items():
        current = result.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            result[key] = _layered(current, value)
        else:
            result[key] = copy.deepcopy(value)
    return result


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
