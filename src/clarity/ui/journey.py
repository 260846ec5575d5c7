"""The way from the title to a round, and to the screens about a player.

Play asks who is playing (unless somebody was chosen in this session or on the command
line), then offers that player's interrupted round back, then the pack choice. The
trophy cabinet and the history also ask who is playing first. The screens are opened
by name (``app.screens``), so this module imports none of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from clarity.ui.choices import Choice
from clarity.ui.host_view.hosting import Hosting
from clarity.ui.keys import Digit, Letter

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.scene import Scene


def start_playing(app: App) -> None:
    """The title's Play: who plays, their interrupted round, then the pack choice."""

    def pack_choice() -> Scene:
        return app.screens.make("packs")

    _after_player(app, lambda: resume_offer(app, pack_choice) or pack_choice())


def choose_pack_for(app: App, purpose: str) -> None:
    """The title's Study and True or False: who plays, then the pack choice for ``purpose``
    ("study" or "sprint"), which opens that screen on the chosen pack."""
    _after_player(app, lambda: app.screens.make("packs", purpose=purpose))


def start_class_game(app: App) -> None:
    """The title's Class game: the interrupted class game on offer, else the pack choice,
    then the class game's setup on the chosen pack (teams, rules, buzzers)."""

    def pack_choice() -> Scene:
        return app.screens.make("packs", on_choose=set_up)

    def set_up(loaded: LoadedPack) -> None:
        # in the pack choice's place: Esc on the setup goes back to the title
        app.screens.replace("class-setup", loaded=loaded)

    app.push(class_resume_offer(app, pack_choice) or pack_choice())


def choose_class_game(app: App) -> None:
    """The title's Class game: on one screen (teams at the projector, buzzers) or on the
    students' devices (each answers on a phone or laptop)."""
    t = app.translator
    app.screens.push(
        "dialog",
        heading=t.gettext("Class game"),
        message=t.gettext("Where do the students answer?"),
        choices=[
            # Translators: the class game in teams at one screen, with buzzers
            Choice(t.gettext("On one screen"), lambda: start_class_game(app), keys=(Digit(1),)),
            # Translators: the class game where every student answers on a phone or laptop
            Choice(t.gettext("On students' devices"), lambda: start_hosting(app), keys=(Digit(2),)),
            Choice(t.gettext("Back"), _stay, key_hint="Esc"),
        ],
        name="class-kind",
    )


def start_hosting(app: App) -> None:
    """Class game on students' devices: the pack choice, then (when the teacher has
    classes) which class plays, then the game's server starts on the classroom network and
    the lobby shows how to join (or, when it cannot start, a dialog says why: the port in
    use...)."""

    def host(loaded: LoadedPack, class_name: str | None) -> None:
        from clarity.classroom.link import HostConfig, start_host_thread  # noqa: PLC0415 - aiohttp

        settings = app.services.settings
        store = settings.store
        config = HostConfig(
            pack_id=loaded.id,
            data_dir=app.services.data_dir,
            config_dir=store.path.parent if store is not None else None,
            language=settings.language().language,
            port=None,
            pack_file=loaded.path,  # found already: the server reads no other pack
            class_name=class_name,
        )
        link = start_host_thread(config)
        if link.error is not None:
            t = app.translator
            app.screens.replace(
                "dialog",
                heading=t.gettext("The class game cannot start"),
                message=link.error,
                choices=[Choice(t.gettext("Back"), _stay, key_hint="Esc")],
                name="host-failed",
            )
            return
        app.screens.replace("host-lobby", hosting=Hosting(link, loaded))

    def chosen(loaded: LoadedPack) -> None:
        classes = app.services.classes.all()
        if not classes:
            host(loaded, None)
            return
        app.screens.push("dialog", **class_choice(app, [c.name for c in classes], loaded, host))

    app.screens.push("packs", on_choose=chosen)


#: The class list of a game without one: students join with nicknames only. No class can
#: be called "" (a player's name rules), and the class list of a class not found is empty.
NICKNAMES_ONLY = ""
#: Classes offered with a number key (the rest by the arrows).
NUMBERED_CLASSES = 7


def class_choice(
    app: App,
    names: list[str],
    loaded: LoadedPack,
    host: Callable[[LoadedPack, str | None], None],
) -> dict[str, object]:
    """The dialog's arguments for choosing who plays: a class (its players make the list
    students pick their name from), everybody, or nicknames only; Esc back to the packs."""
    t = app.translator
    choices = [
        Choice(name, functools.partial(host, loaded, name), keys=(Digit(number),))
        if number <= NUMBERED_CLASSES
        else Choice(name, functools.partial(host, loaded, name))
        for number, name in enumerate(names, start=1)
    ]
    choices += [
        # Translators: the class list of a class game on devices: every player
        Choice(t.gettext("Everybody"), lambda: host(loaded, None), keys=(Letter("V"),)),
        # Translators: no class list: students type a nickname to join
        Choice(
            t.gettext("Nicknames only"),
            lambda: host(loaded, NICKNAMES_ONLY),
            keys=(Letter("N"),),
        ),
        Choice(t.gettext("Back"), _stay, key_hint="Esc"),
    ]
    return {
        "heading": t.gettext("Which class is playing?"),
        "message": t.gettext(
            "The students of the class pick their name from its list when they join; "
            "anybody else joins with a nickname."
        ),
        "choices": choices,
        "name": "host-class",
    }


def class_resume_offer(app: App, otherwise: Callable[[], Scene]) -> Scene | None:
    """The offer to continue the interrupted class game; None when there is none (or no
    saved data to keep one in). A game whose pack is gone or changed is dropped without
    asking. Continuing goes through the setup's buzzers (they are not saved: the pads may
    be others now)."""
    if app.services.data_dir is None:
        return None
    interrupted = app.services.class_game_in_progress()
    if interrupted is None:
        return None
    setup, snapshot = interrupted
    loaded = app.services.packs.by_id(setup.pack_id)
    if loaded is None or loaded.pack is None or not _restorable(loaded, snapshot):
        app.services.drop_class_progress()
        return None

    def carry_on() -> None:
        app.screens.push("class-setup", loaded=loaded, resume=(setup, snapshot))

    def start_new() -> None:
        app.services.drop_class_progress()
        app.push(otherwise())

    t = app.translator
    teams = t.join([team.name for team in setup.teams])
    return app.screens.make(
        "dialog",
        # Translators: {pack} is the pack's title, as the pack writes it
        heading=t.gettext("Continue the class game of {pack}?", pack=loaded.title),
        # Translators: {teams} lists the teams' names: "Owls, Foxes and Team 3"
        message=t.gettext("Teams: {teams}", teams=teams),
        choices=[
            Choice(t.gettext("Continue"), carry_on, keys=(Letter("C"),), primary=True),
            # Translators: a new class game (the word for "game" may need its own form)
            Choice(t.pgettext("class game", "Start a new one"), start_new, keys=(Letter("N"),)),
            Choice(t.gettext("Back"), _stay, key_hint="Esc"),
        ],
        name="class-resume",
    )


def _restorable(loaded: LoadedPack, snapshot: dict[str, object]) -> bool:
    from clarity.core.class_round import ClassRound  # noqa: PLC0415 - only with a saved game

    assert loaded.pack is not None
    try:
        ClassRound.restore(loaded.pack, snapshot)
    except ValueError:
        return False
    return True


def _stay() -> None:
    """Back from an offer: the dialog has left; the title is under it."""


def open_cabinet(app: App) -> None:
    _after_player(app, lambda: app.screens.make("cabinet"))


def open_history(app: App) -> None:
    _after_player(app, lambda: app.screens.make("history"))


def open_high_scores(app: App, pack_id: str | None = None) -> None:
    app.screens.push("high-scores", pack_id=pack_id)


def change_player(app: App) -> None:
    """Who's playing, then back to where it was asked from."""
    app.screens.push("players")


def first_round_scene(app: App, loaded: LoadedPack) -> Scene:
    """``clarity play``: the player's interrupted round on offer, else a round of ``loaded``."""

    def new_round() -> Scene:
        return app.screens.make("play", loaded=loaded, seed=app.services.settings.seed)

    session = app.services.session
    session.open()
    if session.held_elsewhere is not None:
        # --player names someone playing in another window: ask who plays here rather
        # than start a guest round without a word
        def chosen() -> None:
            app.replace(resume_offer(app, new_round) or new_round())

        return app.screens.make("players", on_chosen=chosen)
    return resume_offer(app, new_round) or new_round()


def resume_offer(app: App, otherwise: Callable[[], Scene]) -> Scene | None:
    """The offer to continue the player's interrupted round; None when there is none.

    ``otherwise`` makes the scene for "Start a new one". A round that no longer fits
    its pack (the pack was edited or removed) is dropped without asking.
    """
    session = app.services.session
    if not session.offer_resume:
        return None
    progress = session.progress(app.services.bundled_pack_ids)
    interrupted = progress.resumable()
    if interrupted is None:
        return None
    loaded = app.services.packs.by_id(interrupted.pack_id)
    restored = progress.restore(interrupted, loaded) if loaded is not None else None
    if loaded is None or restored is None:
        progress.drop()
        return None

    def carry_on() -> None:
        app.screens.push("play", loaded=loaded, round_=restored)

    def start_new() -> None:
        progress.drop()
        app.push(otherwise())

    def back() -> None:
        # the round stays saved, offered again next time; with nothing below, the title
        if len(app.scenes) <= 1:
            app.screens.push("title")

    t = app.translator
    if restored.question is None:
        where = t.gettext("The final guess is waiting")
    else:
        # Translators: where the interrupted round stopped: "Question 4"
        where = t.gettext("Question {number}", number=restored.question_number)
    points = t.ngettext("{count} point", "{count} points", restored.score)
    # Translators: the interrupted round: "Question 4  ·  120 points  ·  left today at 10:17"
    summary = t.gettext(
        "{where}  ·  {points}  ·  {left}",
        where=where,
        points=points,
        left=_saved_when(interrupted.updated_at, t),
    )
    return app.screens.make(
        "dialog",
        # Translators: {pack} is the pack's title, as the pack writes it
        heading=t.gettext("Continue your round of {pack}?", pack=loaded.title),
        message=summary,
        choices=[
            Choice(t.gettext("Continue"), carry_on, keys=(Letter("C"),), primary=True),
            Choice(t.gettext("Start a new one"), start_new, keys=(Letter("N"),)),
            Choice(t.gettext("Back"), back, key_hint="Esc"),
        ],
        name="resume",
    )


def _saved_when(moment: datetime, t: Translator) -> str:
    """When a round was left, as a player says it in ``t``'s language: left today at
    10:17, or left on Nov 23, 2026."""
    if moment.date() == datetime.now(moment.tzinfo).date():
        return t.gettext("left today at {time}", time=t.time(moment))
    return t.gettext("left on {date}", date=t.date(moment))


def _after_player(app: App, next_scene: Callable[[], Scene | None]) -> None:
    """Ask who plays when nobody was chosen yet, then go on to ``next_scene()``."""
    session = app.services.session
    session.open()
    if session.has_saved_data and not session.chosen:

        def chosen() -> None:
            scene = next_scene()
            if scene is not None:
                app.replace(scene)
            else:
                app.pop()

        app.screens.push("players", on_chosen=chosen)
        return
    scene = next_scene()
    if scene is not None:
        app.push(scene)
