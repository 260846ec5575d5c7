"""``python -m clarity`` and the ``clarity`` console script."""

from __future__ import annotations

import sys

from clarity import cli


def main() -> None:
    raise SystemExit(cli.main(sys.argv[1:]))


if __name__ == "__main__":
    main()
