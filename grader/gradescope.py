"""``python -m grader.gradescope DEST [--hidden DIR]``: a Gradescope autograder bundle.

Gradescope runs an autograder for each submission on its own machines. The bundle is
``DEST/autograder.zip`` with what its "Upload your autograder" form asks for:

- ``setup.sh``: run once when the image is built; installs Python's venv support and the grading
  tools at the versions pinned in ``requirements/grade.txt``;
- ``run_autograder``: run for each submission; finds the exercise modules the student uploaded
  (``exercises/NAME.py`` or ``NAME.py``, at any depth), grades them with this grader and writes
  ``/autograder/results/results.json``;
- ``source/``: the committed repository as ``export`` makes it (no references, mutants or
  benchmarks), plus the hidden pack when one is given, which students never see.

``AUTOGRADER_ROOT`` (default ``/autograder``) and ``KATA_PYTHON`` let the bundle run elsewhere,
as the self-test runs it in a folder laid out as Gradescope lays it out.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError, hidden_folder
from grader.config import ConfigError, load_config
from grader.export import export

SETUP = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image.
set -euo pipefail
apt-get update -qq
apt-get install -y -qq python3 python3-venv python3-pip > /dev/null
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet -r /autograder/source/requirements/grade.txt
"""

RUN = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission: grade it, write results/results.json.
set -uo pipefail
root="${AUTOGRADER_ROOT:-/autograder}"
python="${KATA_PYTHON:-$root/venv/bin/python}"
impl="$(mktemp -d)"
for name in $(sed -n 's/^name = "\\(.*\\)"$/\\1/p' "$root/source/exercises/info.toml"); do
  found="$(find "$root/submission" -name "$name.py" -path "*exercises/*" | head -n 1)"
  [ -n "$found" ] || found="$(find "$root/submission" -name "$name.py" | head -n 1)"
  [ -n "$found" ] && cp "$found" "$impl/$name.py"
done
mkdir -p "$root/results"
hidden=()
[ -d "$root/source/hidden" ] && hidden=(--hidden "$root/source/hidden")
cd "$root/source" && "$python" -m grader --impl "$impl" "${hidden[@]}" \\
  --format gradescope --output "$root/results/results.json" > "$root/results/report.txt"
status=$?
cat "$root/results/report.txt"
# 0 and 1 are grades (1: below the pass mark); anything else is a broken run.
[ "$status" -le 1 ] || exit "$status"
exit 0
"""


def bundle(root: Path, dest: Path, hidden: Path | None) -> Path:
    """Write ``dest/autograder.zip``; return its path."""
    if dest.exists() and any(dest.iterdir()):
        raise UsageError(f"{dest} exists and is not empty; choose a new folder")
    with tempfile.TemporaryDirectory(prefix="kata-gradescope-") as scratch:
        source = Path(scratch) / "source"
        export(root, source, hints=False)
        shutil.rmtree(source / ".git", ignore_errors=True)
        shutil.rmtree(source / ".github", ignore_errors=True)
        if hidden is not None:
            shutil.copytree(hidden, source / "hidden")
        dest.mkdir(parents=True, exist_ok=True)
        archive = dest / "autograder.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle_zip:
            for name, text in (("setup.sh", SETUP), ("run_autograder", RUN)):
                info = zipfile.ZipInfo(name)
                info.external_attr = 0o755 << 16  # executable, as Gradescope requires
                bundle_zip.writestr(info, text)
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    bundle_zip.write(path, Path("source") / path.relative_to(source))
    return archive


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s gradescope --", description="Write a Gradescope bundle.")
    parser.add_argument("dest", type=Path, metavar="DEST", help="a new or empty folder")
    parser.add_argument("--hidden", metavar="DIR", help="a hidden pack to grade with")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        root = args.root.resolve()
        hidden = hidden_folder(args.hidden) if args.hidden else load_config(root).hidden
        archive = bundle(root, args.dest.resolve(), hidden)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(f"Wrote {archive}: upload it as the autograder (Gradescope, Configure Autograder).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
