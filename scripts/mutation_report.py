"""Mutation testing of helpers/ with mutmut, and a report of the mutation score per module.

    python scripts/mutation_report.py              # run mutmut, then write docs/mutation-report.md
    python scripts/mutation_report.py --no-run     # only rewrite the report from the last run

mutmut changes the package one small edit at a time (a `<` into `<=`, a constant, a dropped call) and
runs the unit tests that reach the changed function; a test that fails "kills" the mutant. The targets:
at least 85% killed overall and 80% in widgets.py and plots.py. A surviving mutant is either a gap in
the tests or equivalent (no test could ever tell it apart); scripts/equivalent_mutants.toml lists the
ones judged equivalent, each with its reason, and the report shows them and every other survivor.
Not part of every CI run: it takes tens of minutes on a 2-core machine. Exit status 1 below a target.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "mutation-report.md"
EQUIVALENT = Path(__file__).with_name("equivalent_mutants.toml")
TARGETS = {"overall": 0.85, "helpers/widgets.py": 0.80, "helpers/plots.py": 0.80}


def run_mutmut(jobs: int) -> None:
    # forked test processes must not inherit a running OpenMP thread pool: with one thread there is none
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HELPERS_DEVICE": "cpu"}
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run([str(mutmut), "run", "--max-children", str(jobs)], cwd=ROOT, env=env, check=False)


def results() -> dict[str, dict[str, str]]:
    """module path -> {mutant name: status}, read from mutmut's files in mutants/."""
    from mutmut.stats import status_by_exit_code

    found = {}
    for meta in sorted((ROOT / "mutants" / "helpers").glob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        found[f"helpers/{meta.name.removesuffix('.meta')}"] = {k: status_by_exit_code[v] for k, v in codes.items()}
    return found


def diff_of(mutant: str) -> str:
    mutmut = Path(sys.executable).with_name("mutmut")
    shown = subprocess.run([str(mutmut), "show", mutant], cwd=ROOT, capture_output=True, text=True).stdout
    changed = [line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return " / ".join(line.strip() for line in changed)[:200]


def report(found: dict[str, dict[str, str]], equivalent: dict[str, str]) -> tuple[str, bool]:
    rows, survivors, ok = [], [], True
    detected_all = counted_all = 0
    for module, statuses in found.items():
        counts = Counter(statuses.values())
        equivalent_here = [m for m, s in statuses.items() if s != "killed" and m in equivalent]
        detected = counts["killed"] + counts["timeout"]
        counted = len(statuses) - len(equivalent_here)
        detected_all, counted_all = detected_all + detected, counted_all + counted
        score = detected / counted if counted else 1.0
        target = TARGETS.get(module)
        ok &= target is None or score >= target
        rows.append(f"| {module} | {len(statuses)} | {counts['killed']} | {counts['timeout']} | "
                    f"{len(equivalent_here)} | {counted - detected} | **{score:.0%}** |"
                    + (f" {target:.0%} |" if target else " |"))
        survivors += [(m, s) for m, s in statuses.items() if s not in ("killed", "timeout")]
    overall = detected_all / counted_all if counted_all else 1.0
    ok &= overall >= TARGETS["overall"]
    lines = ["# Mutation testing of helpers/", "",
             "Written by `python scripts/mutation_report.py` (mutmut; see its docstring). Score = mutants "
             "killed or timed out / mutants that are not equivalent.", "",
             "| module | mutants | killed | timed out | equivalent | survived | score | target |",
             "|---|---|---|---|---|---|---|---|", *rows,
             f"| **all** | {sum(len(s) for s in found.values())} | | | | | **{overall:.0%}** | 85% |", "",
             "## Surviving mutants judged equivalent", "", "| mutant | change | why no test can tell |",
             "|---|---|---|"]
    lines += [f"| `{m}` | `{diff_of(m)}` | {equivalent[m]} |" for m, _ in survivors if m in equivalent]
    lines += ["", "## Other survivors (gaps in the tests)", "", "| mutant | status | change |", "|---|---|---|"]
    lines += [f"| `{m}` | {s} | `{diff_of(m)}` |" for m, s in survivors if m not in equivalent]
    return "\n".join(lines) + "\n", ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-run", action="store_true", help="only rewrite the report from the last run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not args.no_run:
        run_mutmut(args.jobs)
    equivalent = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.exists() else {}
    text, ok = report(results(), equivalent)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
