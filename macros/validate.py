"""Command line check of data/: `python -m macros.validate [data-dir]`.

Prints every problem as `file:line:column path: message (allowed)` and exits 1, or
prints a one-line summary and exits 0. Used by editors, the pre-commit hook and CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .loader import DataErrors, load_site


def main(argv: list[str] | None = None) -> int:
    """Command line: check data/ and print every problem, or a summary."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    try:
        site = load_site(data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"Gegevens in orde: {len(site.actions)} acties, {len(site.steps)} stappen, "
        f"{sum(len(s.checklist) for s in site.steps)} checklistpunten."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
