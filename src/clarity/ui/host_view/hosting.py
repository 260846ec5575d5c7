"""The projector's side of one hosted game, and the screens' common way of following it.

:class:`Hosting` holds the link to the server (``clarity.classroom.link.HostLink``: views
come out of its queue, teacher commands go in), the pack and the newest view. The three
host screens (lobby, play, results) are :class:`HostedScene` s: each frame the top one takes
the newest view, and when the game's phase belongs to another of them, it hands the
hosting on to that screen (so the teacher page's Start moves the projector too). The link
is closed when hosting ends: the teacher ends it, or the last host screen leaves the
stack (the window closed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit, urlunsplit

from clarity.ui.scene import Scene

if TYPE_CHECKING:
    from clarity.classroom.commands import TeacherCommand
    from clarity.classroom.views import ProjectorView
    from clarity.core.packs.loader import LoadedPack
    from clarity.ui.app import App


def spaced_pin(pin: str) -> str:
    """A six-digit PIN as it is read out: two groups of three ("482 913")."""
    return f"{pin[:3]} {pin[3:]}" if len(pin) == 6 else pin


def address_of(url: str) -> str:
    """The students' address without its query (the PIN is typed; the QR code carries it)."""
    parts = urlsplit(url)
    path = "" if parts.path in ("", "/") else parts.path
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class Link(Protocol):
    """What the projector uses of ``clarity.classroom.link.HostLink``."""

    students_url: str
    teacher_url: str
    pin: str

    def latest_view(self) -> ProjectorView | None: ...
    def send(self, command: TeacherCommand) -> None: ...
    def close(self) -> None: ...


#: The screen that shows each phase of the game (the rest are the play screen's).
SCREEN_OF_PHASE = {"lobby": "host-lobby", "ended": "host-results"}


def screen_for(phase: str) -> str:
    """The name of the host screen that shows ``phase``."""
    return SCREEN_OF_PHASE.get(phase, "host-play")


class Hosting:
    """One hosted game as the projector holds it: ``link``, ``loaded`` (its pack, for the
    board's picture) and ``view`` (the newest :class:`ProjectorView`, None until the first)."""

    def __init__(self, link: Link, loaded: LoadedPack) -> None:
        self.link = link
        self.loaded = loaded
        self.view: ProjectorView | None = None
        self.closed = False

    def poll(self) -> bool:
        """Take the newest view from the link; True when there was one."""
        if self.closed:
            return False
        view = self.link.latest_view()
        if view is None:
            return False
        self.view = view
        return True

    @property
    def failure(self) -> str | None:
        """The link's one line when its server stopped during the game (None while it
        runs, and once hosting is closed: the projector stopped it)."""
        if self.closed:
            return None
        # a link of before ``failure`` (or a made-up one) has none: it never fails
        return getattr(self.link, "failure", None)

    def send(self, command: TeacherCommand) -> None:
        """Give the server ``command`` (never blocks; nothing once closed)."""
        if not self.closed:
            self.link.send(command)

    def close(self) -> None:
        """Stop the server (the game stays saved); again does nothing."""
        if not self.closed:
            self.closed = True
            self.link.close()


class HostedScene(Scene):
    """A host screen: follows ``hosting``'s views (:meth:`view_changed` when a new one
    came) and hands over to the screen of the phase."""

    def __init__(self, app: App, hosting: Hosting) -> None:
        super().__init__(app)
        self.hosting = hosting
        self._handed_over = False

    @property
    def view(self) -> ProjectorView | None:
        return self.hosting.view

    def send(self, command: TeacherCommand) -> None:
        self.hosting.send(command)

    def follow(self) -> None:
        """Take the newest view; go to the phase's screen when it is another, or to the
        screen that says the server stopped when the link tells it failed."""
        if self._handed_over:
            return
        failure = self.hosting.failure
        if failure is not None:
            self._handed_over = True
            self.app.screens.replace("host-stopped", hosting=self.hosting, failure=failure)
            return
        if not self.hosting.poll():
            return
        view = self.hosting.view
        assert view is not None
        wanted = screen_for(view.phase)
        if wanted != self.name:
            self._handed_over = True
            self.app.screens.replace(wanted, hosting=self.hosting)
            return
        self.view_changed()

    def view_changed(self) -> None:
        """A new view came (lay out again what depends on it)."""

    def end_hosting(self) -> None:
        """Stop the server and go back to the title."""
        self.hosting.close()
        self.app.screens.reset("title")

    def update(self, dt: float) -> None:
        self.follow()

    def exit(self) -> None:
        if not self._handed_over:
            self.hosting.close()
