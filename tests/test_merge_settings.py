"""Tests of the ``merge_settings`` debug exercise: the bug report, and everything else it promises.

Reproducing tests (marked ``reproduces``) fail on the module as shipped and pass once the bug is
fixed: the reported steps, and properties that generalise them (a merge changes none of its
inputs, a merge is not affected by an earlier one, changing a result changes nothing else), so
that a fix for the reported keys alone still fails. Every other test checks what already works
and must keep working: the merged values, the environment variables, the errors.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import timedelta
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.originals import merge_settings as original
from tests.submission import load

if TYPE_CHECKING:
    from solutions import merge_settings as exercise
else:
    exercise = load("merge_settings")

Settings = dict[str, Any]

# Taken when the module is imported, before any test can have changed it.
PRISTINE_DEFAULTS: Settings = copy.deepcopy(exercise.DEFAULTS)


@pytest.fixture(autouse=True)
def fresh_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give each test pristine DEFAULTS, so a test that changes them cannot fail the next one."""
    monkeypatch.setattr(exercise, "DEFAULTS", copy.deepcopy(PRISTINE_DEFAULTS), raising=False)


# --- The model: the specification, written as plainly as possible ----------------------------


def model_merge(base: Settings, *overrides: Settings) -> Settings:
    """Merge without changing anything: every level that is merged is a new dict."""
    result = base
    for override in overrides:
        result = merged(result, override)
    return result


def merged(base: Settings, override: Settings) -> Settings:
    result = dict(base)
    for key, value in override.items():
        old = result.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            result[key] = merged(old, value)
        else:
            result[key] = value
    return result


def containers(value: object, path: str) -> Iterator[tuple[str, dict[Any, Any] | list[Any]]]:
    """Every dict and list inside ``value`` (``value`` included), with its path."""
    if isinstance(value, dict):
        yield path, value
        for key, item in list(value.items()):
            yield from containers(item, f"{path}[{key!r}]")
    elif isinstance(value, list):
        yield path, value
        for index, item in enumerate(value):
            yield from containers(item, f"{path}[{index}]")


def call(base: Settings, overrides: list[Settings]) -> str:
    """The call, as the learner would type it."""
    return f"merge_settings({', '.join(repr(arg) for arg in [base, *overrides])})"


def inputs(base: Settings, overrides: list[Settings]) -> dict[str, Settings]:
    return {"base": base} | {f"overrides[{i}]": override for i, override in enumerate(overrides)}


# Few keys, so that both sides often hold a section under the same key, at several depths.
KEYS = st.sampled_from(["db", "cache", "pool", "host"])
LEAVES = (
    st.integers(0, 3)
    | st.booleans()
    | st.none()
    | st.sampled_from(["", "x", "db-acme.internal"])
    | st.lists(st.integers(0, 2), max_size=2)
)
VALUES = st.recursive(LEAVES, lambda inner: st.dictionaries(KEYS, inner, max_size=3), max_leaves=8)
SETTINGS = st.dictionaries(KEYS, VALUES, max_size=4)
OVERRIDES = st.lists(SETTINGS, max_size=3)


# --- Reproducing the report (fail on the module as shipped, pass once fixed) -----------------

ACME = {"db": {"host": "db-acme.internal", "name": "acme"}, "cache": {"ttl": 60}}
GLOBEX = {"db": {"name": "globex"}}


def check_globex(settings: Settings, after: str) -> None:
    db, cache = settings["db"], settings["cache"]
    for shown, got, expected in [
        ("db.host", db.get("host"), "db-shared.internal"),
        ("cache.ttl", cache.get("ttl"), 300),
        ("db.name", db.get("name"), "globex"),
    ]:
        assert got == expected, f"{after}, globex's {shown} was {got!r}, expected {expected!r}"


@pytest.mark.reproduces
def test_reported_steps_second_tenant_gets_the_defaults() -> None:
    first = exercise.settings_for_tenant(copy.deepcopy(ACME), {})
    assert first["db"]["host"] == "db-acme.internal", f"acme's settings were {first!r}"
    second = exercise.settings_for_tenant(copy.deepcopy(GLOBEX), {})
    check_globex(second, "after settings_for_tenant(acme, {})")


@pytest.mark.reproduces
def test_reported_steps_with_merge_settings() -> None:
    defaults = copy.deepcopy(PRISTINE_DEFAULTS)
    exercise.merge_settings(defaults, copy.deepcopy(ACME))
    assert defaults == PRISTINE_DEFAULTS, (
        f"merge_settings(defaults, acme) changed the defaults to {defaults!r}"
    )
    second = exercise.merge_settings(defaults, copy.deepcopy(GLOBEX))
    check_globex(second, "after merge_settings(defaults, acme)")


@pytest.mark.reproduces
def test_a_request_that_edits_its_settings_does_not_change_the_next() -> None:
    first = exercise.settings_for_tenant(copy.deepcopy(ACME), {})
    first["allowed_hosts"].append("acme.example.com")
    first["db"]["pool"]["size"] = 50
    first["debug"] = True
    second = exercise.settings_for_tenant({}, {})
    assert second == PRISTINE_DEFAULTS, (
        "after a request appended to its allowed_hosts and set its db.pool.size, the next "
        f"request's settings_for_tenant({{}}, {{}}) returned {second!r}, "
        f"expected the defaults {PRISTINE_DEFAULTS!r}"
    )


@given(base=SETTINGS, overrides=OVERRIDES)
@example(base={"db": {"host": "a", "port": 1}}, overrides=[{"db": {"host": "b"}}])
@example(base={"db": {"pool": {"size": 5}}}, overrides=[{"db": {"pool": {"size": 20}}}])
@example(base={"pool": {"size": 5}}, overrides=[{"pool": {"size": 20}}])
@example(base={}, overrides=[{"db": {"host": "a"}}, {"db": {"host": "b"}}])
@example(base={"db": 1}, overrides=[{"db": {"host": "a"}}, {"db": {"port": 2}}])
@pytest.mark.reproduces
def test_merge_changes_none_of_its_inputs(base: Settings, overrides: list[Settings]) -> None:
    before = [
        (name + path, container, copy.deepcopy(container))
        for name, value in inputs(base, overrides).items()
        for path, container in containers(value, "")
    ]
    shown = call(base, overrides)
    exercise.merge_settings(base, *overrides)
    for where, container, snapshot in before:
        assert container == snapshot, (
            f"{shown} changed {where}: it was {snapshot!r}, it is now {container!r}"
        )


@given(base=SETTINGS, first=OVERRIDES, second=OVERRIDES)
@example(base={"db": {"host": "a"}}, first=[{"db": {"host": "b"}}], second=[])
@example(base={"pool": {"size": 5}}, first=[{"pool": {"size": 20}}], second=[{"host": "x"}])
@pytest.mark.reproduces
def test_a_merge_is_not_affected_by_an_earlier_one(
    base: Settings, first: list[Settings], second: list[Settings]
) -> None:
    expected = model_merge(copy.deepcopy(base), *copy.deepcopy(second))
    earlier, later = call(base, first), call(base, second)
    exercise.merge_settings(base, *first)
    got = exercise.merge_settings(base, *second)
    assert got == expected, f"after {earlier}, {later} returned {got!r}, expected {expected!r}"


@given(base=SETTINGS, overrides=OVERRIDES)
@example(base={"hosts": ["localhost"]}, overrides=[])
@example(base={"hosts": ["localhost"]}, overrides=[{"db": {"host": "a"}}])
@example(base={"db": {"host": "a"}, "cache": {"ttl": 1}}, overrides=[{"db": {"host": "b"}}])
@example(base={}, overrides=[{"db": {"host": "a"}}])
@pytest.mark.reproduces
def test_changing_the_result_changes_nothing_else(
    base: Settings, overrides: list[Settings]
) -> None:
    snapshots = copy.deepcopy(inputs(base, overrides))
    shown = call(base, overrides)
    result = exercise.merge_settings(base, *overrides)
    for _, container in list(containers(result, "")):
        if isinstance(container, dict):
            container["edited"] = True
        else:
            container.append("edited")
    for name, value in inputs(base, overrides).items():
        assert value == snapshots[name], (
            f"after adding an entry to every dict and list in the result of {shown}, "
            f"{name} was {value!r}, expected it unchanged: {snapshots[name]!r}"
        )


# --- Everything else the module promises (passes before and after the fix) -------------------


@given(base=SETTINGS, overrides=OVERRIDES)
def test_result_agrees_with_a_simple_model(base: Settings, overrides: list[Settings]) -> None:
    expected = model_merge(copy.deepcopy(base), *copy.deepcopy(overrides))
    shown = call(base, overrides)
    got = exercise.merge_settings(base, *overrides)
    assert got == expected, f"{shown} returned {got!r}, expected {expected!r}"


MERGES: dict[str, tuple[Settings, list[Settings], Settings]] = {
    "a section is merged key by key": (
        {"db": {"host": "a", "port": 1}},
        [{"db": {"host": "b"}}],
        {"db": {"host": "b", "port": 1}},
    ),
    "at any depth": (
        {"db": {"pool": {"size": 5, "timeout": 30}, "port": 1}},
        [{"db": {"pool": {"size": 20}}}],
        {"db": {"pool": {"size": 20, "timeout": 30}, "port": 1}},
    ),
    "keys only the override has are added": (
        {"db": {"host": "a"}},
        [{"db": {"port": 2}, "debug": True}],
        {"db": {"host": "a", "port": 2}, "debug": True},
    ),
    "later overrides win": (
        {"db": {"host": "a"}},
        [{"db": {"host": "b"}}, {"db": {"host": "c"}}],
        {"db": {"host": "c"}},
    ),
    "overrides build on each other": (
        {},
        [{"db": {"host": "a"}}, {"db": {"port": 2}}],
        {"db": {"host": "a", "port": 2}},
    ),
    "lists are replaced, not concatenated": (
        {"allowed_hosts": ["localhost"]},
        [{"allowed_hosts": ["example.com"]}],
        {"allowed_hosts": ["example.com"]},
    ),
    "a dict replaces a plain value": (
        {"db": "sqlite://"},
        [{"db": {"host": "a"}}],
        {"db": {"host": "a"}},
    ),
    "a plain value replaces a dict": (
        {"db": {"host": "a"}},
        [{"db": "sqlite://"}],
        {"db": "sqlite://"},
    ),
    "None is a value like any other": ({"cache": {"ttl": 300}}, [{"cache": None}], {"cache": None}),
    "an empty section changes nothing": (
        {"db": {"host": "a"}},
        [{"db": {}}],
        {"db": {"host": "a"}},
    ),
    "no overrides": ({"db": {"host": "a"}}, [], {"db": {"host": "a"}}),
    "everything empty": ({}, [{}], {}),
}


@pytest.mark.parametrize(("base", "overrides", "expected"), MERGES.values(), ids=MERGES.keys())
def test_merge_example(base: Settings, overrides: list[Settings], expected: Settings) -> None:
    shown = call(base, overrides)
    got = exercise.merge_settings(base, *overrides)
    assert got == expected, f"{shown} returned {got!r}, expected {expected!r}"
    assert isinstance(got, dict), f"{shown} returned a {type(got).__name__}, not a dict"


def test_values_are_kept_as_they_are() -> None:
    base = {"session": {"lifetime": timedelta(hours=1), "cookie": "sid"}, "origins": ("a", "b")}
    override = {"session": {"cookie": "id"}, "static_root": PurePosixPath("/srv/static")}
    got = exercise.merge_settings(base, override)
    expected = {
        "session": {"lifetime": timedelta(hours=1), "cookie": "id"},
        "origins": ("a", "b"),
        "static_root": PurePosixPath("/srv/static"),
    }
    assert got == expected, f"{call(base, [override])} returned {got!r}, expected {expected!r}"


# The module as it was handed out: the fix should leave the values of its DEFAULTS alone.
GIVEN_DEFAULTS: Settings = copy.deepcopy(original.DEFAULTS)


def test_the_defaults_are_the_ones_the_module_was_given() -> None:
    assert PRISTINE_DEFAULTS == GIVEN_DEFAULTS, (
        f"DEFAULTS is {PRISTINE_DEFAULTS!r}; the fix should leave the values it was given: "
        f"{GIVEN_DEFAULTS!r}"
    )


def test_settings_for_tenant_with_nothing_to_override_is_the_defaults() -> None:
    got = exercise.settings_for_tenant({}, {"PATH": "/usr/bin", "HOME": "/root"})
    assert got == PRISTINE_DEFAULTS, f"settings_for_tenant({{}}, ...) returned {got!r}"


def test_settings_for_tenant_environment_wins_over_tenant_over_defaults() -> None:
    tenant = {"db": {"host": "db-acme.internal", "pool": {"size": 10}}, "debug": True}
    environ = {"APP_DB__POOL__SIZE": "20", "APP_CACHE__BACKEND": "redis", "PATH": "/usr/bin"}
    got = exercise.settings_for_tenant(tenant, environ)
    expected = copy.deepcopy(PRISTINE_DEFAULTS)
    expected["debug"] = True
    expected["db"]["host"] = "db-acme.internal"
    expected["db"]["pool"]["size"] = 20
    expected["cache"]["backend"] = "redis"
    assert got == expected, (
        f"settings_for_tenant({tenant!r}, {environ!r}) returned {got!r}, expected {expected!r}"
    )


# --- load_env_overrides ----------------------------------------------------------------------


def test_env_names_become_nested_sections() -> None:
    environ = {
        "APP_DB__HOST": "db.internal",
        "APP_DB__POOL__SIZE": "20",
        "APP_DB__POOL_TIMEOUT": "5",
        "APP_DEBUG": "true",
        "HOME": "/root",
        "app_db__port": "1",
        "MYAPP_DB__HOST": "x",
    }
    got = exercise.load_env_overrides(environ)
    expected = {
        "db": {"host": "db.internal", "pool": {"size": 20}, "pool_timeout": 5},
        "debug": True,
    }
    assert got == expected, (
        f"load_env_overrides({environ!r}) returned {got!r}, expected {expected!r}"
    )


def test_env_prefix_can_be_chosen() -> None:
    environ = {"SVC_CACHE__TTL": "60", "APP_CACHE__TTL": "1"}
    got = exercise.load_env_overrides(environ, prefix="SVC_")
    assert got == {"cache": {"ttl": 60}}, (
        f"load_env_overrides({environ!r}, 'SVC_') returned {got!r}"
    )


def test_env_with_no_matching_names_is_empty() -> None:
    got = exercise.load_env_overrides({"PATH": "/usr/bin"})
    assert got == {}, f"load_env_overrides({{'PATH': '/usr/bin'}}) returned {got!r}"


def test_env_names_after_other_variables_are_still_read() -> None:
    environ = {"PATH": "/usr/bin", "HOME": "/root", "APP_DEBUG": "true"}
    got = exercise.load_env_overrides(environ)
    assert got == {"debug": True}, f"load_env_overrides({environ!r}) returned {got!r}"


COERCIONS: dict[str, object] = {
    "true": True,
    "FALSE": False,
    "True": True,
    "42": 42,
    "-7": -7,
    "+3": 3,
    "007": 7,
    "1.5": "1.5",
    "yes": "yes",
    "": "",
    "0x10": "0x10",
    "1_000": "1_000",
    " 42": " 42",
    "\u0661\u0662": "\u0661\u0662",  # Arabic-Indic digits: int() reads them, the promise does not
}


@pytest.mark.parametrize(("raw", "expected"), COERCIONS.items(), ids=map(repr, COERCIONS))
def test_env_value_coercion(raw: str, expected: object) -> None:
    got = exercise.load_env_overrides({"APP_VALUE": raw})["value"]
    assert got == expected and type(got) is type(expected), (
        f"APP_VALUE={raw!r} was read as {got!r} ({type(got).__name__}), "
        f"expected {expected!r} ({type(expected).__name__})"
    )


@pytest.mark.parametrize("name", ["APP_DB__", "APP___HOST", "APP_DB____HOST", "APP_"])
def test_env_name_with_an_empty_part_raises(name: str) -> None:
    with pytest.raises(ValueError):
        exercise.load_env_overrides({name: "x"})


@pytest.mark.parametrize(
    "environ",
    [{"APP_DB": "x", "APP_DB__HOST": "y"}, {"APP_DB__HOST": "y", "APP_DB": "x"}],
    ids=["value first", "section first"],
)
def test_env_name_both_value_and_section_raises(environ: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        exercise.load_env_overrides(environ)


ENV_KEYS = st.sampled_from(["db", "host", "pool_size", "a"])
ENV_LEAVES = st.integers(-5, 50) | st.booleans() | st.sampled_from(["x", "1.5", "", "db.internal"])
ENV_SETTINGS = st.recursive(
    ENV_LEAVES, lambda inner: st.dictionaries(ENV_KEYS, inner, min_size=1, max_size=3)
).filter(lambda value: isinstance(value, dict))


def environment(settings: Settings, name: str = "APP_") -> dict[str, str]:
    """The variables that spell ``settings``: ``{"db": {"host": "x"}}`` is ``APP_DB__HOST=x``."""
    variables: dict[str, str] = {}
    for key, value in settings.items():
        if isinstance(value, dict):
            variables |= environment(value, f"{name}{key.upper()}__")
        else:
            variables[f"{name}{key.upper()}"] = str(value)
    return variables


@given(settings=ENV_SETTINGS)
def test_env_reads_back_the_settings_it_spells(settings: Settings) -> None:
    environ = environment(settings)
    got = exercise.load_env_overrides(environ)
    assert got == settings, (
        f"load_env_overrides({environ!r}) returned {got!r}, expected {settings!r}"
    )
