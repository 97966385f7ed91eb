"""The README's install works on a Python that refuses ``pip install`` (PEP 668).

Debian's own ``/usr/bin/python3`` carries the EXTERNALLY-MANAGED marker: ``pip install nox``
is refused there, as on Debian 12, Ubuntu 24.04 or Homebrew. The README's way for such a Python
is run as written, in a sandbox with its own HOME and a bare PATH, and the nox it installs must
then grade a copy of this repository.
"""

from __future__ import annotations

import re
import subprocess
import sysconfig
from pathlib import Path

from tests.selftest.conftest import ROOT, copy_repo

SYSTEM_PYTHON = Path("/usr/bin/python3")


def externally_managed(python: Path) -> bool:
    """Whether ``python`` is a system Python that refuses pip installs."""
    done = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0 and (Path(done.stdout.strip()) / "EXTERNALLY-MANAGED").is_file()


def readme_venv_line() -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(r"^python3 -m venv .*?(?=\s+#|$)", text, flags=re.MULTILINE)
    assert match, "the README no longer shows how to install nox where pip install is refused"
    return match.group(0)


def test_the_readme_install_works_where_pip_install_is_refused(tmp_path: Path) -> None:
    assert externally_managed(SYSTEM_PYTHON), (
        f"{SYSTEM_PYTHON} is not an externally managed Python; this machine cannot show PEP 668"
        f" (this interpreter's stdlib: {sysconfig.get_path('stdlib')})"
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python3").symlink_to(SYSTEM_PYTHON)

    def sh(command: str, cwd: Path = home) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
            check=False, timeout=900,
        )  # fmt: skip

    refused = sh("python3 -m pip install nox")
    assert refused.returncode != 0 and "externally-managed" in refused.stdout + refused.stderr

    installed = sh(readme_venv_line())
    assert installed.returncode == 0, installed.stderr[-800:]

    repo = copy_repo(tmp_path / "katas")
    graded = sh("~/.local/nox/bin/nox -s grade -- group_anagrams --impl solutions", cwd=repo)
    assert graded.returncode == 0, graded.stdout[-800:] + graded.stderr[-800:]
    assert "group_anagrams" in graded.stdout and "50/50" in graded.stdout  # correctness
    assert "uv binary not found" not in graded.stderr
