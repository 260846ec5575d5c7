"""``python -m clarity`` and the ``clarity`` console script."""

from __future__ import annotations

import os
import sys

from clarity import cli


def main() -> None:
    """Run the command line and exit with its status.

    A reader that goes away early (``clarity packs | head -1``) ends the command quietly
    with status 0, as ``head`` wants: no "Broken pipe", no traceback.
    """
    try:
        status = cli.main(sys.argv[1:])
        # flushed here, where a closed pipe can still be caught, not by the interpreter
        # on its way out
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _send_stdout_nowhere()
        status = cli.EXIT_OK
    raise SystemExit(status)


def _send_stdout_nowhere() -> None:
    """Point stdout at the null device, so that the interpreter's last flush of what is
    still buffered goes nowhere instead of failing again (the recipe in the Python
    documentation of the signal module, "Note on SIGPIPE")."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
