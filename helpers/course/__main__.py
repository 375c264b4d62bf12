"""Command line: ``python -m helpers.course {nav,run,lint,bench,site}``."""

from __future__ import annotations

import argparse
from pathlib import Path

from helpers.course import bench, execute, lint, nav
from helpers.course.manifest import NOTEBOOKS, by_number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.course")
    sub = parser.add_subparsers(dest="command", required=True)
    p_nav = sub.add_parser("nav", help="regenerate navigation cells and the README contents")
    p_nav.add_argument("--check", action="store_true", help="only report what is stale")
    p_run = sub.add_parser("run", help="re-execute notebooks in place (all, or those named)")
    p_run.add_argument("notebooks", nargs="*", help="numbers (03) or file names; default: all")
    sub.add_parser("lint", help="report notebook problems")
    sub.add_parser("bench", help="time the notebook suite against the one-cell floor")
    p_site = sub.add_parser("site", help="build the browser edition (JupyterLite) into build/lite")
    p_site.add_argument(
        "--pyodide", help="the full Pyodide distribution: a .tar.bz2 URL or path, or a folder "
        "(default: $COURSE_PYODIDE_DIST, else the npm package, which has no pandas)",
    )  # fmt: skip
    p_site.add_argument("--out", type=Path, help="where to build (default: build/lite)")
    args = parser.parse_args(argv)

    if args.command == "nav":
        stale = nav.sync_all(write=not args.check)
        verb = "stale" if args.check else "updated"
        print("\n".join(f"{verb}: {name}" for name in stale) or "navigation is up to date")
        return 1 if args.check and stale else 0
    if args.command == "run":
        chosen = [by_number(n) for n in args.notebooks] if args.notebooks else list(NOTEBOOKS)
        nav.sync_all(only=chosen)
        for nb in chosen:
            seconds = execute.execute(nb)
            print(f"executed {nb.filename} in {seconds:.1f} s", flush=True)
        return 0
    if args.command == "lint":
        problems = lint.lint_all()
        print("\n".join(problems) or "no problems")
        return 1 if problems else 0
    if args.command == "site":
        from helpers.course import site

        return site.main(args.out or site.OUT, args.pyodide)
    return bench.main()


if __name__ == "__main__":
    raise SystemExit(main())
