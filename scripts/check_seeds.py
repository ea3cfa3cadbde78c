"""Run every notebook under other seeds and count, for each assert, on how many seeds it held.

    python scripts/check_seeds.py                      # seeds 1 to 10, every notebook
    python scripts/check_seeds.py --seeds 2 notebooks/03_optimizers.ipynb
    python scripts/check_seeds.py --report docs/claims-over-seeds.md

Each notebook's `SEED` lives in a cell tagged `parameters`; papermill runs the notebook with another
value injected after it. Inside the kernel, an IPython AST transformer turns every `assert cond` into
a call that records whether `cond` held and carries on, so one failed claim does not hide the others;
each `check()` of an exercise counts as an assert that its reference solution is judged correct. Any
other exception ends that run and counts as a failure. Exit status 1 when an assert held on fewer than
90% of the seeds (9 of 10; with fewer seeds, all of them), when an assert was not reached on some seed,
or on any exception. Notebooks that failed are kept in results/seeds/ for reading.
"""
import argparse
import json
import math
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEPT = ROOT / "results" / "seeds"
REQUIRED_SHARE = 0.9

# Run at kernel start-up (IPython's startup folder): every assert in every later cell is recorded.
RECORDER = r'''
import ast, json, os

_LOG = os.environ["CHECK_SEEDS_LOG"]


def __record_assert__(claim, held):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps({"claim": claim, "held": bool(held)}) + "\n")


class _RecordAsserts(ast.NodeTransformer):
    def visit_Assert(self, node):
        claim = ast.Constant(ast.unparse(node.test))
        call = ast.Call(ast.Name("__record_assert__", ast.Load()), [claim, node.test], [])
        return ast.fix_missing_locations(ast.copy_location(ast.Expr(call), node))


get_ipython().user_ns["__record_assert__"] = __record_assert__
get_ipython().ast_transformers.append(_RecordAsserts())

# An exercise's check in the teacher edition is a claim too: its reference solution is judged correct.
import helpers.exercises as _exercises


def _recorded_check(id, answer, **context):
    feedback = _exercises.evaluate(id, answer, **context)
    if feedback.correct is not None:
        __record_assert__(f"exercise {id}: the reference solution is judged correct", feedback.correct)
    print(feedback)


_exercises.check = _recorded_check
'''


def run_one(notebook: str, seed: int, workdir: str) -> dict:
    """Execute `notebook` with SEED = seed; return the recorded asserts and any error."""
    import papermill

    log = Path(workdir) / f"{Path(notebook).stem}-{seed}.jsonl"
    os.environ["CHECK_SEEDS_LOG"] = str(log)
    os.environ["IPYTHONDIR"] = str(Path(workdir) / "ipython")
    os.environ.setdefault("HELPERS_DEVICE", "cpu")
    output = Path(workdir) / f"{Path(notebook).stem}-seed{seed}.ipynb"
    start, error = time.perf_counter(), None
    try:
        papermill.execute_notebook(notebook, str(output), parameters={"SEED": seed}, kernel_name="python3",
                                   progress_bar=False, cwd=str(Path(notebook).parent), execution_timeout=600)
    except Exception as exc:  # a failed run is a result to report, not a reason to stop the others
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    if error or any(not r["held"] for r in records):
        KEPT.mkdir(parents=True, exist_ok=True)
        if output.exists():
            output.replace(KEPT / output.name)
    return dict(notebook=Path(notebook).name, seed=seed, error=error, records=records,
                seconds=time.perf_counter() - start)


def summarize(runs: list[dict], seeds: list[int]) -> tuple[str, bool]:
    """A markdown table per notebook: each assert, on how many seeds it held; and whether all is well."""
    ok, lines = True, []
    needed = math.ceil(REQUIRED_SHARE * len(seeds) - 1e-9)  # 9 of 10; all of 2
    for name in sorted({r["notebook"] for r in runs}):
        mine = [r for r in runs if r["notebook"] == name]
        verdicts = []  # per run: claim -> held every time it was reached
        for r in mine:
            verdict = {}
            for rec in r["records"]:
                verdict[rec["claim"]] = verdict.get(rec["claim"], True) and rec["held"]
            verdicts.append(verdict)
        claims = list(dict.fromkeys(claim for verdict in verdicts for claim in verdict))
        lines += [f"### {name}", "", "| assert | held on | |", "|---|---|---|"]
        for claim in claims:
            failed_on = [r["seed"] for r, verdict in zip(mine, verdicts, strict=True) if not verdict.get(claim)]
            held = len(mine) - len(failed_on)
            good = held >= needed
            ok &= good
            shown = (claim if len(claim) <= 110 else claim[:107] + "...").replace("|", r"\|")
            note = "" if not failed_on else f"failed or not reached on seed {', '.join(map(str, failed_on))}"
            lines.append(f"| `{shown}` | {held} of {len(mine)} | {'' if good else '**BELOW** '}{note} |")
        for r in mine:
            if r["error"]:
                ok = False
                error = r["error"].replace("|", r"\|")[:300]
                lines.append(f"| *run with seed {r['seed']} raised* | | {error} |")
        lines.append("")
    return "\n".join(lines), ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    parser.add_argument("--seeds", type=int, default=10, help="run seeds 1 to N (default 10)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once")
    parser.add_argument("--report", type=Path, help="also write the tables to this markdown file")
    args = parser.parse_args()
    notebooks = [str(Path(p).resolve()) for p in args.notebooks] or sorted(
        str(p) for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
    seeds = list(range(1, args.seeds + 1))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        startup = Path(workdir) / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-record-asserts.py").write_text(RECORDER, encoding="utf-8")
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(run_one, nb, seed, workdir) for nb in notebooks for seed in seeds]
            runs = []
            for future in futures:
                run = future.result()
                runs.append(run)
                failed = sum(not rec["held"] for rec in run["records"])
                print(f"{run['notebook']} seed {run['seed']}: {len(run['records'])} asserts recorded, "
                      f"{failed} failed{', ' + run['error'] if run['error'] else ''} ({run['seconds']:.0f} s)",
                      flush=True)
    table, ok = summarize(runs, seeds)
    minutes = (time.perf_counter() - start) / 60
    header = (f"# Claims over seeds\n\nEvery assert of every notebook, run with seeds {seeds[0]} to {seeds[-1]} "
              f"(`python scripts/check_seeds.py --seeds {len(seeds)}`; {minutes:.0f} minutes). An assert must "
              f"hold on at least {REQUIRED_SHARE:.0%} of the seeds.\n\n")
    print("\n" + table)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(header + table, encoding="utf-8")
    print("every claim held often enough" if ok else "SOME CLAIMS FAILED (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
