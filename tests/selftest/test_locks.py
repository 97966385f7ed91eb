"""Every session installs from a lock that pins, exactly, what pyproject.toml asks for.

``requirements/grade.txt``, ``selftest.txt`` and ``mutation.txt`` are made by ``nox -s lock``
from the dependency groups of the same names. A range edited in pyproject.toml without remaking
the lock, or a lock edited by hand past a range, would let two machines grade with different
tools.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.selftest.conftest import ROOT

GROUPS = ("grade", "selftest", "mutation")


def group_requirements(groups: dict[str, Any], name: str) -> list[Requirement]:
    found = []
    for entry in groups[name]:
        if isinstance(entry, dict):
            found += group_requirements(groups, entry["include-group"])
        else:
            found.append(Requirement(entry))
    return found


def pins(group: str) -> dict[str, str]:
    lines = (ROOT / "requirements" / f"{group}.txt").read_text().splitlines()
    found: dict[str, str] = {}
    for line in lines:
        text = line.split("#")[0].split(";")[0].strip()
        if text:
            name, _, version = text.partition("==")
            assert version, f"requirements/{group}.txt: {line!r} is not pinned with =="
            found[canonicalize_name(name)] = version.strip()
    return found


@pytest.mark.parametrize("group", GROUPS)
def test_the_lock_pins_every_requirement_within_its_range(group: str) -> None:
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    locked = pins(group)
    for requirement in group_requirements(groups, group):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements/{group}.txt"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/{group}.txt pins {name}=={locked[name]}, outside {requirement}; "
            "run nox -s lock"
        )


def test_grading_tools_are_the_same_in_both_locks() -> None:
    grade, selftest = pins("grade"), pins("selftest")
    assert {name: selftest.get(name) for name in grade} == grade
