"""Keep the endpoint table of the API reference in step with the service's registry.

The table in ``notebooks/reference/example-api.md`` sits between two marker comments and is
made by :func:`helpers.services.example.index.endpoint_table` from ``index.ENDPOINTS``, the
list that also feeds ``GET /``. After adding an endpoint to the registry, run::

    python -m helpers.services.example.reference          # rewrite the table
    python -m helpers.services.example.reference --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from .index import DOCS, endpoint_table

START = "<!-- endpoints:start -->"
END = "<!-- endpoints:end -->"
REFERENCE = Path(__file__).resolve().parents[3] / DOCS


def with_fresh_table(text: str) -> str:
    """``text`` with the lines between the markers replaced by the generated table."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"{DOCS} must hold {START} and then {END}, once each")
    head, rest = text.split(START)
    _old, tail = rest.split(END)
    return f"{head}{START}\n{endpoint_table()}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = REFERENCE.read_text(encoding="utf-8")
    fresh = with_fresh_table(text)
    if "--check" in args:
        if fresh != text:
            print(
                f"{DOCS}: the endpoint table is out of date; run "
                "python -m helpers.services.example.reference"
            )
            return 1
        return 0
    if fresh != text:
        REFERENCE.write_text(fresh, encoding="utf-8")
        print(f"{DOCS}: endpoint table rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
