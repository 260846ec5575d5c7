"""The set-up the study's tests share: a clock the test moves, and the real App headless on
the pack list chosen from for study (the play tests' pack in ``tmp_path/packs``, the
student's store in ``tmp_path/data``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.services import GameSettings, PackCatalog, PlayerOptions, Services
from clarity.ui.sound import Sound

from .conftest import ASSETS, QUESTIONS, write_play_pack
from .menus import step


class Clock:
    """The study's clock, moved by the test: calling it gives ``at`` (an aware datetime)."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def study_app(
    tmp_path: Path,
    clock: Clock,
    *,
    guest: bool = False,
    size: tuple[int, int] = (1280, 800),
    questions: list[dict[str, object]] | None = None,
    settings: GameSettings | None = None,
) -> App:
    """The App opened (window ``size`` in pixels) over the play tests' pack (``questions``
    when given, else the play tests' own), written to ``tmp_path/packs`` unless it is there
    already; the store in ``tmp_path/data``; Ana plays, or a guest; ``settings`` the game's
    (seed 1 and the defaults when None)."""
    packs = tmp_path / "packs"
    if not (packs / "play-test.yaml").exists():
        write_play_pack(packs, questions=questions or QUESTIONS)
    services = Services(
        assets=Assets(ASSETS),
        sound=Sound(enabled=False),
        packs=PackCatalog([packs], ASSETS),
        settings=settings if settings is not None else GameSettings(seed=1),
        data_dir=tmp_path / "data",
        player_options=PlayerOptions(name=None if guest else "Ana", guest=guest),
        clock=clock,
    )
    app = App(services, WindowOptions(size=size))
    app.open()
    return app


def open_study_list(
    tmp_path: Path,
    clock: Clock,
    *,
    guest: bool = False,
    size: tuple[int, int] = (1280, 800),
    questions: list[dict[str, object]] | None = None,
) -> App:
    """The :func:`study_app` on the pack list chosen from for study, every pack loaded."""
    app = study_app(tmp_path, clock, guest=guest, size=size, questions=questions)
    app.screens.push("packs", purpose="study")
    for _ in range(600):
        step(app)
        if not app.top.loading:  # type: ignore[attr-defined]
            break
    return app
