"""Screens found by name: the one place that knows which class draws which screen.

A scene that wants another screen asks for it by name (``app.screens.push("pause",
on_restart=...)``) instead of importing its module, so the scene modules never import
each other: no import cycle, and each can be loaded alone. The modules are imported the
first time their screen opens, which keeps the game's first frame quick (the title does
not pay for the play screen). The idea is Tuxemon's state manager, which registers its
states by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clarity.ui.app import App
    from clarity.ui.scene import Scene

#: Screen name -> "module:Class". Every screen the game can open is listed here.
SCREENS: Mapping[str, str] = {
    "title": "clarity.ui.scenes.title:TitleScene",
    "players": "clarity.ui.scenes.players:PlayersScene",
    "packs": "clarity.ui.scenes.packs:PackScene",
    "play": "clarity.ui.scenes.play:PlayScene",
    "study": "clarity.ui.scenes.study:StudyScene",
    "sprint": "clarity.ui.scenes.sprint:SprintScene",
    "pause": "clarity.ui.scenes.pause:PauseScene",
    "results": "clarity.ui.scenes.results:ResultsScene",
    "cabinet": "clarity.ui.scenes.cabinet:CabinetScene",
    "history": "clarity.ui.scenes.history:HistoryScene",
    "high-scores": "clarity.ui.scenes.highscores:HighScoresScene",
    "dialog": "clarity.ui.scenes.dialog:DialogScene",
    "settings": "clarity.ui.scenes.settings:SettingsScene",
    "class-setup": "clarity.ui.scenes.class_setup:ClassSetupScene",
    "class-play": "clarity.ui.scenes.class_play:ClassPlayScene",
    "class-results": "clarity.ui.scenes.class_results:ClassResultsScene",
    "host-lobby": "clarity.ui.scenes.host_lobby:HostLobbyScene",
    "host-play": "clarity.ui.scenes.host_play:HostPlayScene",
    "host-results": "clarity.ui.scenes.host_results:HostResultsScene",
    "host-stopped": "clarity.ui.scenes.host_stopped:HostStoppedScene",
    "import-report": "clarity.ui.scenes.import_report:ImportReportScene",
}


class UnknownScreen(LookupError):
    """A screen name that :data:`SCREENS` does not list (a bug, not a player's doing)."""


class Screens:
    """Makes and opens the screens of one :class:`~clarity.ui.app.App` by name.

    ``make(name, **kwargs)`` builds the scene as ``Class(app, **kwargs)``; ``push``,
    ``replace`` and ``reset`` build it and hand it to the App's stack of the same name.
    Raises :class:`UnknownScreen` for a name that is not in ``table``.
    """

    def __init__(self, app: App, table: Mapping[str, str] = SCREENS) -> None:
        self._app = app
        self._table = dict(table)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._table)

    def scene_class(self, name: str) -> type[Scene]:
        try:
            where = self._table[name]
        except KeyError:
            raise UnknownScreen(f"no screen is called {name!r}") from None
        module_name, _, class_name = where.partition(":")
        return getattr(importlib.import_module(module_name), class_name)

    def make(self, name: str, /, **kwargs: Any) -> Scene:
        return self.scene_class(name)(self._app, **kwargs)

    def push(self, name: str, /, **kwargs: Any) -> Scene:
        scene = self.make(name, **kwargs)
        self._app.push(scene)
        return scene

    def replace(self, name: str, /, **kwargs: Any) -> Scene:
        scene = self.make(name, **kwargs)
        self._app.replace(scene)
        return scene

    def reset(self, name: str, /, **kwargs: Any) -> Scene:
        scene = self.make(name, **kwargs)
        self._app.reset(scene)
        return scene
