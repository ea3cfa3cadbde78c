"""Write the repository URL and release tag into the READMEs' links and each notebook's Colab cell.

The one place for both facts is pyproject.toml: `[project.urls] Repository` and `version` (the tag is
"v" + version). After changing either, run `python scripts/sync_links.py`; `--check` (run by the
tests) only reports what disagrees. A teacher who forks the course can run it with `--use-origin`: it
first writes the GitHub repository that `git remote get-url origin` names into pyproject.toml.
Colab and Binder open the notebooks at the tag, so a published link never changes under a class;
JupyterHub's nbgitpuller follows the branch, as it is built to.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat
import tomllib

ROOT = Path(__file__).resolve().parents[1]
HUB_BRANCH = "main"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
INSTALL_LINE = re.compile(r'^(\s*)%pip install --quiet ".*"$')
GITHUB_REMOTE = re.compile(r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([\w.-]+/[\w.-]+?)(?:\.git)?/?$")
REPOSITORY_LINE = re.compile(r'^Repository = ".*"$', re.M)


def project(root: Path) -> dict:
    """The facts every link is derived from, read from pyproject.toml."""
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    url = meta["urls"]["Repository"].rstrip("/")
    owner_repo = url.removeprefix("https://github.com/")
    binder = (root / "binder" / "requirements.txt").read_text(encoding="utf-8")
    cpu_index = re.search(r"^--extra-index-url\s+(\S+)", binder, re.M).group(1)  # Binder's CPU-only torch
    return dict(name=meta["name"], url=url, owner_repo=owner_repo, repo=owner_repo.split("/")[1],
                tag=f"v{meta['version']}", cpu_index=cpu_index)


# Each README and the notebooks it links to: the English one links to notebooks/, the Russian to notebooks/ru/
READMES = {"README.md": "", "README.ru.md": "ru/"}
TEXT = {
    "": dict(release="Release `{tag}` of <{url}>. Colab and Binder open that release; Binder needs a minute or two "
                     "to start.",
             teacher="Teacher edition (the complete lesson, solutions shown)",
             student="Student edition (each exercise has an empty answer cell and a check that answers at once)",
             header="| notebook | Colab | Binder |",
             hub="and the hub's Python environment needs the helpers and their dependencies (a torch already there "
                 "is\nkept; where there is none, the extra index gives the CPU-only build instead of several GB of "
                 "CUDA):"),
    "ru/": dict(release="Релиз `{tag}` репозитория <{url}>. Colab и Binder открывают этот релиз; Binder запускается "
                        "минуту-две.",
                teacher="Версия для преподавателя (урок целиком, с решениями)",
                student="Версия для студентов (в каждом упражнении пустая ячейка ответа и проверка, отвечающая сразу)",
                header="| блокнот | Colab | Binder |",
                hub="а в Python-окружение хаба нужно поставить `helpers` и его зависимости (уже установленный torch\n"
                    "сохраняется; если его нет, дополнительный индекс даёт сборку только для CPU вместо нескольких GB "
                    "CUDA):"),
}


def notebooks(root: Path, edition: str = "") -> list[Path]:
    """An edition's notebooks (English: "", Russian: "ru/"): the teacher edition's, then the student edition's."""
    folder = root / "notebooks" / edition
    return sorted(folder.glob("*.ipynb")) + sorted((folder / "student").glob("*.ipynb"))


def install_command(p: dict) -> str:
    """The line the Colab cell runs: the helpers at the release tag (lower-bound dependencies keep Colab's torch)."""
    return f'%pip install --quiet "{p["name"]} @ git+{p["url"]}@{p["tag"]}"'


def links_block(p: dict, paths: list[str], edition: str = "") -> str:
    """A README's tables of one-click links, one row per notebook of its edition: the teacher edition
    (solutions shown) and the student edition (an empty answer cell per exercise, checked at once)."""
    text = TEXT[edition]
    binder = f"https://mybinder.org/v2/gh/{p['owner_repo']}/{p['tag']}"
    rows = [text["release"].format(**p)]
    editions = ((text["teacher"], [q for q in paths if "student/" not in q]),
                (text["student"], [q for q in paths if "student/" in q]))
    for title, names in editions:
        if not names:
            continue
        rows += ["", f"**{title}**", "", text["header"], "|---|---|---|"]
        for name in names:
            colab = f"https://colab.research.google.com/github/{p['owner_repo']}/blob/{p['tag']}/notebooks/{name}.ipynb"
            rows.append(f"| {name.rpartition('/')[2]} | [![Open in Colab]({COLAB_BADGE})]({colab}) | "
                        f"[![Launch Binder]({BINDER_BADGE})]({binder}?urlpath=lab/tree/notebooks/{name}.ipynb) |")
    return "\n".join(rows)


def hub_block(p: dict, names: list[str], edition: str = "") -> str:
    """A README's nbgitpuller link template for a class's JupyterHub."""
    first = f"lab/tree/{p['repo']}/notebooks/{names[0]}.ipynb"
    query = urlencode(dict(repo=p["url"], branch=HUB_BRANCH, urlpath=first), quote_via=quote, safe="")
    return "\n".join([
        "```text", f"https://YOUR-HUB/hub/user-redirect/git-pull?{query}", "```", "",
        TEXT[edition]["hub"], "", "```bash",
        f'pip install --extra-index-url {p["cpu_index"]} "{p["name"]} @ git+{p["url"]}@{HUB_BRANCH}"',
        "```"])


def replace_block(text: str, marker: str, body: str) -> str:
    """Replace what lies between `<!-- marker:start ... -->` and `<!-- marker:end -->` with body."""
    pattern = re.compile(rf"(<!-- {marker}:start[^>]*-->\n)(?:.*?\n)?(<!-- {marker}:end -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"a README has no <!-- {marker}:start --> ... <!-- {marker}:end --> block")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def synced_readme(root: Path, p: dict, readme: str = "README.md") -> str:
    edition = READMES[readme]
    names = [path.relative_to(root / "notebooks").with_suffix("").as_posix() for path in notebooks(root, edition)]
    text = (root / readme).read_text(encoding="utf-8")
    return replace_block(replace_block(text, "links", links_block(p, names, edition)), "hub-links",
                         hub_block(p, names, edition))


def synced_notebook(path: Path, p: dict) -> str:
    """The notebook's JSON with its first code cell's install line set to install_command."""
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code")
    lines = cell.source.split("\n")
    matches = [i for i, line in enumerate(lines) if INSTALL_LINE.match(line)]
    if not matches:
        raise ValueError(f"{path.name}: the first code cell has no `%pip install --quiet \"...\"` line for Colab")
    for i in matches:
        lines[i] = INSTALL_LINE.match(lines[i]).group(1) + install_command(p)
    cell.source = "\n".join(lines)
    return nbformat.writes(notebook) + "\n"


def disagreements(root: Path = ROOT, write: bool = False) -> list[str]:
    """The files whose links differ from pyproject.toml (rewritten when `write`)."""
    p = project(root)
    wanted = {root / readme: synced_readme(root, p, readme) for readme in READMES}
    wanted.update({path: synced_notebook(path, p) for edition in READMES.values() for path in notebooks(root, edition)})
    stale = [path for path, text in wanted.items() if path.read_text(encoding="utf-8") != text]
    if write:
        for path in stale:
            path.write_text(wanted[path], encoding="utf-8")
    return [str(path.relative_to(root)) for path in stale]


def origin_url(root: Path = ROOT) -> str | None:
    """The https address of the GitHub repository `git remote get-url origin` names, if it names one."""
    result = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True)
    match = GITHUB_REMOTE.match(result.stdout.strip()) if result.returncode == 0 else None
    return f"https://github.com/{match.group(1)}" if match else None


def use_repository(root: Path, url: str) -> None:
    """Write `url` into pyproject.toml as the repository every link is derived from."""
    pyproject = root / "pyproject.toml"
    pyproject.write_text(REPOSITORY_LINE.sub(f'Repository = "{url}"', pyproject.read_text(encoding="utf-8")),
                         encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report disagreements, change nothing")
    parser.add_argument("--use-origin", action="store_true",
                        help="first set pyproject.toml's repository to the GitHub repository of `origin`")
    args = parser.parse_args()
    check, origin = args.check, origin_url()
    if args.use_origin:
        if origin is None:
            print("`git remote get-url origin` names no GitHub repository; edit pyproject.toml instead")
            return 1
        use_repository(ROOT, origin)
    elif origin and origin != project(ROOT)["url"]:
        print(f"note: origin is {origin}; to derive the links from it, run with --use-origin")
    stale = disagreements(write=not check)
    verb = "disagrees with pyproject.toml" if check else "rewritten"
    print("\n".join(f"{name}: {verb}" for name in stale) or "links agree with pyproject.toml")
    return 1 if stale and check else 0


if __name__ == "__main__":
    sys.exit(main())
