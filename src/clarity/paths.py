"""Where a player's own data lives: the data folder and the packs folder inside it.

Pure functions: the caller passes the command-line value and the environment in, and
nothing here creates a folder (whoever writes a file makes its folder then).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

APP_NAME = "clarity-challenge"
DATA_DIR_ENV = "CLARITY_DATA_DIR"


def data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """``--data-dir`` if given, else ``$CLARITY_DATA_DIR``, else the platform's user data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    from_env = environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    # appauthor=False: on Windows, no extra "clarity-challenge\clarity-challenge" level.
    # imported only when it is needed: it costs plain clarity's first frame 20 ms
    import platformdirs  # noqa: PLC0415

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_packs_dir(data_dir: Path) -> Path:
    """The folder where a teacher puts their own packs."""
    return data_dir / "packs"
