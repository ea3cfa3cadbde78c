"""Write binder/requirements.lock: every package Binder installs, each at one exact version.

    python scripts/lock_binder.py          # after changing requirements.txt; tests/test_binder_lock.py
                                           # fails while the lock and requirements.txt disagree

uv resolves requirements.txt for Binder's machine (Linux x86-64, the Python of binder/runtime.txt)
with PyTorch's CPU-only build, which has no CUDA libraries to pull in. The CPU build comes from the
index named in binder/requirements.txt; where a local folder of wheels is configured for pip
(PIP_FIND_LINKS, as on machines without access to that index), uv looks there instead.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
LOCK = BINDER / "requirements.lock"


def command() -> list[str]:
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip().removeprefix("python-")
    cpu_index = re.search(r"^--extra-index-url\s+(\S+)", (BINDER / "requirements.txt").read_text(encoding="utf-8"),
                          re.M).group(1)
    local = [d for d in os.environ.get("PIP_FIND_LINKS", "").split() if Path(d).is_dir()]
    where = [arg for d in local for arg in ("--find-links", d)] or [
        "--extra-index-url", cpu_index, "--index-strategy", "unsafe-best-match"]
    uv = Path(sys.executable).with_name("uv")
    return [str(uv if uv.exists() else "uv"), "pip", "compile", "requirements.txt", "--output-file",
            str(LOCK.relative_to(ROOT)), "--python-version", runtime, "--python-platform", "x86_64-manylinux_2_28",
            "--no-emit-find-links", "--no-emit-index-url", "--quiet", *where]


if __name__ == "__main__":
    sys.exit(subprocess.run(command(), cwd=ROOT).returncode)
