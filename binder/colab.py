"""Google Colab only: make the cloned course usable from the notebook's running kernel.

Each notebook's setup cell runs this with ``%run`` after cloning the course (see
``helpers/course/nav.py``). Colab's kernel already has requests, pandas, Flask and friends at
Colab's own versions; replacing them under a running kernel breaks it, so the pinned
``requirements.txt`` is never installed here. Instead:

1. install only the packages the course needs that Colab lacks (with pip's default of leaving
   every already-satisfied package alone), and the course's ``helpers`` without dependencies;
2. put the course on ``sys.path`` (an editable install is only seen by new processes);
3. change into ``notebooks/`` so relative paths (``%load ../helpers/solutions/...``) hold.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

COURSE = Path(__file__).resolve().parents[1]
# import name -> what to install when it is missing (small, pure Python; Colab has the rest)
NEEDED = {
    "responses": "responses",
    "httpbin": "httpbin",
    "waitress": "waitress",
    "dotenv": "python-dotenv",
}


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *args], check=True)


def main() -> None:
    missing = [package for name, package in NEEDED.items() if not importlib.util.find_spec(name)]
    if missing:
        pip(*missing)
    try:
        metadata.version("requests-course-helpers")
    except metadata.PackageNotFoundError:  # for new processes, e.g. `python -m helpers.serve`
        pip("--no-deps", "-e", str(COURSE))
    if str(COURSE) not in sys.path:
        sys.path.insert(0, str(COURSE))
    os.chdir(COURSE / "notebooks")
    print(f"Course ready in {COURSE} (installed: {', '.join(missing) or 'nothing new'}).")


main()
