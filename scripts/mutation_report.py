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
import difflib
import functools
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "mutation-report.md"
EQUIVALENT = Path(__file__).with_name("equivalent_mutants.toml")
TARGETS = {"overall": 0.85, "helpers/widgets.py": 0.80, "helpers/plots.py": 0.80}
# Keyword arguments that only set how a figure or a control looks: sizes, colours, line styles, layering,
# placement, text. A mutant that changes nothing but one of them, or that changes only the case of a
# text or wraps it in "XX", is judged equivalent for the lesson: it changes what a figure looks like or
# how a sentence is spelt, not what is computed, drawn where, or reported. Tests pin what the figures
# show (see tests/test_slider_content.py), not their line widths.
PRESENTATION_KEYWORDS = {
    "alpha", "aspect", "backgroundcolor", "bbox", "bbox_to_anchor", "boxstyle", "c", "capsize", "cmap",
    "color", "colors", "description", "drawstyle", "edgecolor", "edgecolors", "extend", "facecolor",
    "figsize", "fontsize", "fontweight", "framealpha", "ha", "hatch", "height_ratios", "interpolation",
    "label", "labelpad", "layout", "linestyle", "linestyles", "linewidth", "linewidths", "loc", "ls", "lw",
    "marker", "markersize", "mec", "mew", "mfc", "ms", "nbins", "ncol", "ncols", "pad", "rotation", "s",
    "shrink", "steps", "title", "va", "width_ratios", "xlabel", "ylabel", "zorder", "fontstyle", "size",
    "readout_format", "interval", "format",
}
PRESENTATION_CALLS = re.compile(r"(locator_params|\.legend\(|set_(major|minor)_(locator|formatter)|rcParams|"
                                r"Figure\(|rc_context|set_title|set_xlabel|set_ylabel|\.annotate\(|minorticks)")


def run_mutmut(jobs: int) -> None:
    # forked test processes must not inherit a running OpenMP thread pool: with one thread there is none
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HELPERS_DEVICE": "cpu"}
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run([str(mutmut), "run", "--max-children", str(jobs)], cwd=ROOT, env=env, check=False)


def results() -> dict[str, dict[str, str]]:
    """module path -> {mutant name: status}, read from mutmut's files in mutants/."""
    from mutmut.stats import status_by_exit_code

    found = {}
    mutants = ROOT / "mutants"
    for meta in sorted((mutants / "helpers").rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        module = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        found[module] = {k: status_by_exit_code[v] for k, v in codes.items()}
    return found


@functools.cache
def line_spans(module: str):
    """mutmut's index of where each generated function lies in the mutated copy of `module`."""
    from mutmut.mutation.data import MutantLineSpans

    return MutantLineSpans.load(module)


def changed_lines(mutant: str, module: str) -> tuple[list[str], list[str]]:
    """The lines a mutant removes and adds: what `mutmut show` prints, read from mutmut's index of the
    mutated file instead of parsing the file once per mutant (minutes instead of an hour)."""
    from mutmut.mutation.diff_apply import generated_function_names

    names = generated_function_names(mutant)
    original, mutated = ([re.sub("|".join(map(re.escape, names)), "f", line) for line in source.splitlines()]
                         for source in line_spans(module).read_function_sources(names))
    lines = list(difflib.unified_diff(original, mutated, lineterm=""))
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def diff_of(removed: list[str], added: list[str]) -> str:
    old, new = " ".join(removed).strip()[:100], " ".join(added).strip()[:100] or "(removed)"
    return f"{old} → {new}".replace("|", "\\|").replace("`", "'")


def enclosing_keyword(line: str, at: int) -> str | None:
    """The keyword argument (`name=`) whose value holds position `at` of a line, if any."""
    if re.match(r"\s*(\w+)\s*=(?!=)", line[at:]):  # the mutant removed or renamed the whole argument
        return re.match(r"\s*(\w+)", line[at:]).group(1)
    depth = 0
    for k in range(at - 1, -1, -1):
        char = line[k]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth == 0:
                break
            depth -= 1
        elif char == "," and depth == 0:
            break
    else:
        k = -1
    found = re.match(r"\s*(\w+)\s*=(?!=)", line[k + 1:])
    return found.group(1) if found else None


def presentation_only(removed: list[str], added: list[str]) -> str | None:
    """Why a mutant only changes how something looks or is spelt, or None if it may change more."""
    old, new = "\n".join(removed), "\n".join(added)
    if not old:
        return None
    if PRESENTATION_CALLS.search(old):
        return "a call that only lays out or styles a figure (legend, ticks, sizes, titles, fonts)"
    shortest = min(len(old), len(new))
    start = next((k for k in range(shortest) if old[k] != new[k]), shortest)
    tail = next((k for k in range(shortest - start) if old[-1 - k] != new[-1 - k]), shortest - start)
    before, after = old[start:len(old) - tail], new[start:len(new) - tail]
    if before.upper() == after.upper() or after.replace("XX", "") == before:
        return "the case of a text, or XX around it: how a label or message is spelt"
    keyword = enclosing_keyword(old, start)
    if keyword in PRESENTATION_KEYWORDS:
        return f"only the figure's `{keyword}=`: how it looks, not what it shows"
    return None


def report(found: dict[str, dict[str, str]], judged: dict[str, str]) -> tuple[str, bool]:
    """The report's text; `judged` maps each surviving mutant judged equivalent to the reason."""
    equivalent = judged
    rows, survivors, ok = [], [], True
    detected_all = counted_all = not_run_all = 0
    for module, statuses in found.items():
        counts = Counter(statuses.values())
        equivalent_here = [m for m, s in statuses.items() if s != "killed" and m in equivalent]
        detected = counts["killed"] + counts["timeout"]
        not_run = counts["not checked"]  # a run stopped early leaves these: they count neither way
        counted = len(statuses) - len(equivalent_here) - not_run
        not_run_all += not_run
        detected_all, counted_all = detected_all + detected, counted_all + counted
        score = detected / counted if counted else 1.0
        target = TARGETS.get(module)
        ok &= (target is None or score >= target) and not not_run
        shown = f"**{score:.0%}**" if counted else "–"
        rows.append(f"| {module} | {len(statuses)} | {counts['killed']} | {counts['timeout']} | "
                    f"{len(equivalent_here)} | {counted - detected} | {not_run} | {shown} |"
                    + (f" {target:.0%} |" if target else " |"))
        survivors += [(m, s) for m, s in statuses.items() if s not in ("killed", "timeout", "not checked")]
    overall = detected_all / counted_all if counted_all else 1.0
    ok &= overall >= TARGETS["overall"]
    lines = ["# Mutation testing of helpers/", "",
             "Written by `python scripts/mutation_report.py` (mutmut; see its docstring). Score = mutants "
             "killed or timed out / mutants that are not equivalent.", "",
             "| module | mutants | killed | timed out | equivalent | survived | not run | score | target |",
             "|---|---|---|---|---|---|---|---|---|", *rows,
             f"| **all** | {sum(len(s) for s in found.values())} | | | | | {not_run_all} | **{overall:.0%}** | 85% |",
             "", *([f"{not_run_all} mutants were not run: the run was stopped before them. A module's score counts "
                   "only the mutants that were run; run the script again to finish (mutmut resumes)."]
                   if not_run_all else []), "",
             "## Surviving mutants judged equivalent", "",
             "A mutant that changes only how a figure looks (a line width, a colour, a font size, where a legend "
             "sits) or how a text is spelt (its case, or XX around it) is judged equivalent for the lesson: it "
             "changes no number computed, drawn or reported. The figure snapshots (tests/figure_snapshot.py) kill "
             "most of them; those left change a style no test's figure shows (an artist's first style, which "
             "its first redraw replaces, or a figure built only by a notebook). The list below gives each such "
             "survivor and the reason.", "",
             "| mutant | change | why it is judged equivalent |", "|---|---|---|"]
    lines += [f"| `{m}` | `{CHANGES[m]}` | {equivalent[m]} |" for m, _ in survivors if m in equivalent]
    lines += ["", "## Other survivors (gaps in the tests)", "", "| mutant | status | change |", "|---|---|---|"]
    lines += [f"| `{m}` | {s} | `{CHANGES[m]}` |" for m, s in survivors if m not in equivalent]
    return "\n".join(lines) + "\n", ok


CHANGES: dict[str, str] = {}  # mutant -> its change, filled by main()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-run", action="store_true", help="only rewrite the report from the last run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not args.no_run:
        run_mutmut(args.jobs)
    judged = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")) if EQUIVALENT.exists() else {}
    found = results()
    os.chdir(ROOT)  # mutmut reads its mutants/ folder relative to the working directory
    for module, statuses in found.items():
        for mutant, status in statuses.items():
            if status in ("killed", "timeout", "not checked"):
                continue
            removed, added = changed_lines(mutant, module)
            CHANGES[mutant] = diff_of(removed, added)
            reason = presentation_only(removed, added)
            if reason and mutant not in judged:
                judged[mutant] = reason
    text, ok = report(found, judged)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
