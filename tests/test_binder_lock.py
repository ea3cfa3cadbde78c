"""Binder installs a lock: every package at one exact version, generated from requirements.txt."""
import importlib.util
import re
import shlex
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "binder" / "requirements.lock"

spec = importlib.util.spec_from_file_location("lock_binder", ROOT / "scripts" / "lock_binder.py")
lock_binder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lock_binder)


def pins(text: str) -> dict[str, str]:
    """name -> version of every `name==version` line (comments and options left out)."""
    found = {}
    for line in text.splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            [specifier] = requirement.specifier
            assert specifier.operator == "==", f"not an exact pin: {line!r}"
            found[requirement.name.lower()] = specifier.version
    return found


def test_every_tested_pin_is_in_the_lock_at_the_same_version():
    locked = pins(LOCK.read_text())
    for name, version in pins((ROOT / "requirements.txt").read_text()).items():
        assert name in locked, f"{name} is pinned in requirements.txt but missing from the lock: " \
                               "run python scripts/lock_binder.py"
        assert Version(locked[name]).public == Version(version).public, \
            f"{name}: requirements.txt says {version}, the lock {locked[name]}: run python scripts/lock_binder.py"


def test_the_lock_pins_everything_with_the_cpu_build_of_torch():
    text = LOCK.read_text()
    locked = pins(text)  # asserts every package line is an exact pin
    options = [line for line in text.splitlines() if line.startswith("-")]
    assert options == ["-e ."], "the lock holds exact pins and the package itself, nothing else"
    assert Version(locked["torch"]).local == "cpu", "Binder has no GPU: the CPU-only torch, without CUDA"
    assert not [name for name in locked if name.startswith(("nvidia-", "triton"))]
    assert len(locked) > 80, "the lock holds every transitive dependency, not only the direct ones"


def test_the_lock_was_written_by_the_documented_command():
    header = re.search(r"^#\s+(uv pip compile .*)$", LOCK.read_text(), re.M).group(1)
    expected = [arg for arg in lock_binder.command()[1:] if arg != "--quiet"]
    # where the CPU build comes from (a local folder or PyTorch's index) is not recorded in the header
    for option in ("--find-links", "--extra-index-url", "--index-strategy"):
        while option in expected:
            at = expected.index(option)
            del expected[at:at + 2]
    assert shlex.split(header)[1:] == expected


def test_binder_installs_the_lock_with_cpu_torch_on_the_tested_python():
    import sys

    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert "-r requirements.lock" in lines
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in lines
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}", \
        "Binder must run the Python version the tests run on"
