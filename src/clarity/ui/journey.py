"""The way from the title to a round, and to the screens about a player.

Play asks who is playing (unless somebody was chosen in this session or on the command
line), then offers that player's interrupted round back, then the pack choice. The
trophy cabinet and the history also ask who is playing first. The scenes are imported
when needed: the title imports this module, and its first frame must stay quick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import pygame

from clarity.ui.menu_frame import short_date

if TYPE_CHECKING:
    from clarity.core.pack_loader import LoadedPack
    from clarity.ui.app import App
    from clarity.ui.scene import Scene


def start_playing(app: App) -> None:
    """The title's Play: who plays, their interrupted round, then the pack choice."""
    from clarity.ui.scenes.packs import PackScene  # noqa: PLC0415 - see the module

    def pack_choice() -> Scene:
        return PackScene(app)

    _after_player(app, lambda: resume_offer(app, pack_choice) or pack_choice())


def open_cabinet(app: App) -> None:
    from clarity.ui.scenes.cabinet import CabinetScene  # noqa: PLC0415

    _after_player(app, lambda: CabinetScene(app))


def open_history(app: App) -> None:
    from clarity.ui.scenes.history import HistoryScene  # noqa: PLC0415

    _after_player(app, lambda: HistoryScene(app))


def open_high_scores(app: App, pack_id: str | None = None) -> None:
    from clarity.ui.scenes.highscores import HighScoresScene  # noqa: PLC0415

    app.push(HighScoresScene(app, pack_id))


def change_player(app: App) -> None:
    """Who's playing, then back to where it was asked from."""
    from clarity.ui.scenes.players import PlayersScene  # noqa: PLC0415

    app.push(PlayersScene(app))


def first_round_scene(app: App, loaded: LoadedPack) -> Scene:
    """``clarity play``: the player's interrupted round on offer, else a round of ``loaded``."""
    from clarity.ui.scenes.play import PlayScene  # noqa: PLC0415

    def new_round() -> Scene:
        return PlayScene(app, loaded, seed=app.services.settings.seed)

    return resume_offer(app, new_round) or new_round()


def resume_offer(app: App, otherwise: Callable[[], Scene]) -> Scene | None:
    """The offer to continue the player's interrupted round; None when there is none.

    ``otherwise`` makes the scene for "Start a new one". A round that no longer fits
    its pack (the pack was edited or removed) is dropped without asking.
    """
    from clarity.progress import Progress  # noqa: PLC0415
    from clarity.ui.scenes.dialog import Choice, DialogScene  # noqa: PLC0415
    from clarity.ui.scenes.play import PlayScene  # noqa: PLC0415

    session = app.services.session
    if not session.offer_resume:
        return None
    progress = session.progress(app.services.bundled_pack_ids)
    interrupted = progress.resumable()
    if interrupted is None:
        return None
    loaded = app.services.packs.by_id(interrupted.pack_id)
    restored = Progress.restore(interrupted, loaded) if loaded is not None else None
    if loaded is None or restored is None:
        progress.drop()
        return None

    def carry_on() -> None:
        app.push(PlayScene(app, loaded, round_=restored))

    def start_new() -> None:
        progress.drop()
        app.push(otherwise())

    def back() -> None:
        # the round stays saved, offered again next time; with nothing below, the title
        if len(app.scenes) <= 1:
            from clarity.ui.scenes.title import TitleScene  # noqa: PLC0415

            app.push(TitleScene(app))

    if restored.question is None:
        where = "The final guess is waiting"
    else:
        where = f"Question {restored.question_number}"
    return DialogScene(
        app,
        f"Continue your round of {loaded.title}?",
        f"{where}  ·  {restored.score:,} points  ·  {_saved_when(interrupted.updated_at)}",
        [
            Choice("Continue", carry_on, "C", keys=(pygame.K_c,), primary=True),
            Choice("Start a new one", start_new, "N", keys=(pygame.K_n,)),
            Choice("Back", back, "Esc"),
        ],
        name="resume",
    )


def _saved_when(moment: datetime) -> str:
    """When a round was left, as a player says it: today at 10:17, or 23 Nov 2026."""
    if moment.date() == datetime.now(moment.tzinfo).date():
        return f"left today at {moment:%H:%M}"
    return f"left on {short_date(moment)}"


def _after_player(app: App, next_scene: Callable[[], Scene | None]) -> None:
    """Ask who plays when nobody was chosen yet, then go on to ``next_scene()``."""
    from clarity.ui.scenes.players import PlayersScene  # noqa: PLC0415

    session = app.services.session
    session.open()
    if session.has_players and not session.chosen:

        def chosen() -> None:
            scene = next_scene()
            if scene is not None:
                app.replace(scene)
            else:
                app.pop()

        app.push(PlayersScene(app, on_chosen=chosen))
        return
    scene = next_scene()
    if scene is not None:
        app.push(scene)
