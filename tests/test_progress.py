"""Saved progress in the game, without a window: a real store in a temporary folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clarity.core.messages import Message
from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import Pack
from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules
from clarity.core.trophies import CENTURY_RIGHT_ANSWERS, MARATHON_ROUNDS_IN_A_DAY, TrophyTracker
from clarity.i18n.translator import Translator
from clarity.progress import (
    CHECKPOINT_SECONDS,
    HeldElsewhere,
    PlayerSession,
    Progress,
    RoundWatch,
    SaveStatus,
    rules_for,
    stats_with_round,
)
from clarity.store import NameRejected, Player, SaveFailed, Store, open_store, problems
from clarity.store.problems import Problem
from core.factories import build_pack, right_response, wrong_response
from store.factories import MONDAY_9AM, add_player, save
from store.filesystems import make_read_only, writable_then_read_only

BUNDLED = ("test-pack", "another-pack")  # Scholar needs a medal on both


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, start: datetime = MONDAY_9AM) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opening = open_store(tmp_path / "data", now=clock)
    assert opening.store is not None
    yield opening.store
    opening.store.close()


@pytest.fixture
def ana(store: Store) -> Player:
    return add_player(store, "Ana")


@pytest.fixture
def pack() -> Pack:
    return build_pack(questions=8, grid="2x3", time_limit=None)


@pytest.fixture
def loaded(pack: Pack) -> LoadedPack:
    return LoadedPack(Path("test-pack.yaml"), pack, (), "ab" * 32, {})


@pytest.fixture
def progress(store: Store, ana: Player, clock: Clock) -> Progress:
    """Ana's saving, in the store."""
    return progress_for(store, ana, clock)


def progress_for(store: Store | None, player: Player | None, clock: Clock) -> Progress:
    return Progress(store, player, bundled_pack_ids=lambda: BUNDLED, now=clock)


def start(pack: Pack, seed: int = 3) -> tuple[Round, TrophyTracker]:
    tracker = TrophyTracker()
    return Round(pack, seed=seed, observers=[tracker]), tracker


def watched(
    progress: Progress, pack: Pack, loaded: LoadedPack, seed: int = 3
) -> tuple[Round, RoundWatch]:
    """A round of ``pack`` that saves itself through ``progress`` as it is played."""
    played, tracker = start(pack, seed)
    return played, progress.watch(played, tracker, loaded)


def answer(played: Round, *, right: bool, seconds: float = 2.0) -> None:
    question = played.question
    played.answer(right_response(question) if right else wrong_response(question), seconds)


def play_to_the_end(played: Round, rights: int = 3) -> None:
    """``rights`` right answers (each followed by Next), then the right guess."""
    for _ in range(rights):
        answer(played, right=True)
        played.next_question()
    played.guess_image(played.mystery.answer, 4.0)
    assert played.phase is Phase.ENDED


# -- a round being played ----------------------------------------------------------------


def test_every_answer_keeps_the_round_so_far(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    answer(played, right=True)
    played.next_question()
    answer(played, right=False)

    kept = progress.resumable()
    assert kept is not None
    assert kept.pack_id == pack.id
    assert kept.snapshot == played.snapshot()


def test_a_wrong_guess_is_kept_too_but_not_after_the_round_ends(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    answer(played, right=True)
    played.guess_image("Not it at all", 1.0)
    kept = progress.resumable()
    assert kept is not None
    assert kept.snapshot["actions"][-1][0] == "guess"

    played.guess_image(played.mystery.answer, 1.0)
    assert progress.resumable() is None  # the finished round replaced it


def test_an_interrupted_round_comes_back_at_its_next_question_with_its_score(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    answer(played, right=True)
    played.next_question()
    answer(played, right=True)  # the game is closed while this answer's feedback shows

    kept = progress.resumable()
    assert kept is not None
    restored = Progress.restore(kept, loaded)
    assert restored is not None
    assert restored.phase is Phase.ASKING
    assert restored.question_number == 3
    assert restored.score == played.score
    assert restored.answers == played.answers
    played.next_question()
    assert restored.question == played.question  # the same question the player would see


def test_a_round_that_no_longer_fits_its_pack_is_not_offered_back(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    answer(played, right=True)
    kept = progress.resumable()
    assert kept is not None
    other = build_pack(questions=2, grid="2x3")
    changed = LoadedPack(
        Path("test-pack.yaml"), other.model_copy(update={"id": "other"}), (), "", {}
    )
    assert Progress.restore(kept, changed) is None


def test_drop_forgets_the_interrupted_round(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    answer(played, right=True)
    assert progress.resumable() is not None
    assert progress.drop() is None
    assert progress.resumable() is None


# -- a finished round -------------------------------------------------------------------


def test_a_finished_round_is_saved_with_its_medal_and_trophies(
    progress: Progress, store: Store, pack: Pack, loaded: LoadedPack
) -> None:
    played, tracker = start(pack)
    watch = progress.watch(played, tracker, loaded)
    play_to_the_end(played)

    result = watch.result
    assert result is not None
    assert result.status is SaveStatus.SAVED
    assert result.message == "Saved"
    assert result.saved is not None
    record = store.round(result.saved.round_id)
    assert record is not None
    assert record.score == played.score
    assert record.medal == (tracker.medal.value if tracker.medal else None)
    assert set(record.trophies) == {t.trophy_id for t in tracker.earned}
    assert "first-light" in record.trophies
    assert record.pack_sha256 == loaded.sha256
    assert progress.resumable() is None


def test_a_guest_round_is_not_saved(
    store: Store, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    progress = progress_for(store, None, clock)
    played, watch = watched(progress, pack, loaded)
    play_to_the_end(played)
    assert watch.result is not None
    assert watch.result.status is SaveStatus.GUEST
    assert watch.result.message == "Guest round: not saved"
    assert list(store.all_rounds()) == []


def test_without_a_store_the_round_says_why_it_was_not_saved(
    pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    progress = Progress(None, None, notice="Saving is off: the data folder x is read-only.")
    played, watch = watched(progress, pack, loaded)
    play_to_the_end(played)
    assert watch.result is not None
    assert watch.result.status is SaveStatus.OFF
    assert watch.result.message == "Not saved: Saving is off: the data folder x is read-only."


def test_the_results_line_says_why_a_round_was_not_saved_in_the_interface_language(
    store: Store, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    off = Progress(None, None, notice=problems.saving_off(Problem.READ_ONLY, Path("/media/usb")))
    played, watch = watched(off, pack, loaded)
    play_to_the_end(played)
    assert watch.result is not None
    said = watch.result.said
    assert Translator("ru").render(said) == (
        "Не сохранено: Сохранение выключено: папка данных /media/usb доступна только для чтения."
    )
    assert Translator("be").render(said) == (
        "Не захавана: Захаванне выключана: папка даных /media/usb даступная толькі для чытання."
    )
    assert watch.result.message == (
        "Not saved: Saving is off: the data folder /media/usb is read-only."
    )
    guest = progress_for(store, None, clock)
    played, watch = watched(guest, pack, loaded)
    play_to_the_end(played)
    assert watch.result is not None
    assert Translator("ru").render(watch.result.said) == "Раунд гостя: не сохранён"


def test_a_store_that_cannot_write_reports_not_saved_with_its_message(
    tmp_path: Path, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    path = tmp_path / "read-only.db"
    notice = "Saving is off: the data folder is read-only."
    with Store(sqlite3.connect(path), path, now=clock, notice=notice, saving=False) as store:
        ana = Player(1, "Ana", MONDAY_9AM)
        progress = progress_for(store, ana, clock)
        played, watch = watched(progress, pack, loaded)
        answer(played, right=True)
        assert progress.last_failure is not None
        played.next_question()
        played.guess_image(played.mystery.answer, 1.0)
    assert watch.result is not None
    assert watch.result.status is SaveStatus.NOT_SAVED
    assert watch.result.message.startswith(f"Not saved: {notice}")
    assert watch.result.lasting == ()


def test_the_round_that_reaches_a_hundred_right_answers_earns_century(
    store: Store, ana: Player, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    progress = progress_for(store, ana, clock)
    save(store, ana.id, right=CENTURY_RIGHT_ANSWERS - 2, wrong=0, played_at=MONDAY_9AM)
    clock.now = MONDAY_9AM + timedelta(days=1)
    played, watch = watched(progress, pack, loaded)
    play_to_the_end(played, rights=2)

    assert watch.result is not None
    assert watch.result.saved is not None
    assert [t.trophy_id for t in watch.result.lasting] == ["century"]
    record = store.round(watch.result.saved.round_id)
    assert record is not None
    assert "century" in record.trophies
    assert "century" in store.earned_trophies(ana.id)


def test_the_tenth_round_of_a_day_earns_marathon_once(
    store: Store, ana: Player, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    progress = progress_for(store, ana, clock)
    for n in range(MARATHON_ROUNDS_IN_A_DAY - 1):
        save(store, ana.id, played_at=MONDAY_9AM + timedelta(minutes=n))
    save(store, ana.id, played_at=MONDAY_9AM - timedelta(days=1))  # the day before
    clock.now = MONDAY_9AM + timedelta(hours=2)
    earned = []
    for seed in (1, 2):
        played, watch = watched(progress, pack, loaded, seed)
        play_to_the_end(played)
        assert watch.result is not None
        earned.append([t.trophy_id for t in watch.result.lasting])
    assert earned == [["marathon"], []]


def test_the_totals_worked_out_before_saving_are_the_stores_after(
    store: Store, ana: Player, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    save(store, ana.id, played_at=MONDAY_9AM, medal="silver", pack_id="test-pack")
    save(store, ana.id, played_at=MONDAY_9AM - timedelta(days=3), medal="gold", pack_id="x")
    clock.now = MONDAY_9AM + timedelta(hours=1)
    for seed, rights in ((1, 1), (2, 4), (3, 2)):
        before = store.player_stats(ana.id)
        played, tracker = start(pack, seed)
        progress_for(store, ana, clock).watch(played, tracker, loaded)
        play_to_the_end(played, rights=rights)
        assert played.summary is not None
        today = sum(1 for r in store.history(ana.id) if r.played_at.date() == clock.now.date())
        predicted = stats_with_round(before, played.summary, tracker.medal, today - 1)
        assert predicted == store.player_stats(ana.id)


# -- the session --------------------------------------------------------------------------


def test_the_session_opens_the_store_only_when_asked(tmp_path: Path, clock: Clock) -> None:
    session = PlayerSession(tmp_path / "data", now=clock)
    assert not session.opened
    assert not (tmp_path / "data").exists()
    session.open()
    assert session.store is not None
    assert session.notice is None
    assert not session.chosen
    session.close()


def test_player_on_the_command_line_picks_or_creates_that_player(
    tmp_path: Path, clock: Clock
) -> None:
    for _ in range(2):
        session = PlayerSession(tmp_path / "data", player_name="  Ana  ", now=clock)
        session.open()
        assert session.chosen
        assert session.player is not None
        assert session.player.name == "Ana"
        assert session.store is not None
        assert [p.name for p in session.store.players()] == ["Ana"]
        session.close()


def test_an_unusable_data_folder_is_told_once_and_the_game_plays_as_a_guest(
    tmp_path: Path, clock: Clock
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    heard: list[Message] = []
    session = PlayerSession(blocker / "data", player_name="Ana", on_notice=heard.append)
    session.open()
    session.open()
    assert len(heard) == 1
    assert str(heard[0]).startswith("Saving is off")
    assert session.notice == str(heard[0])
    assert Translator("ru").render(heard[0]).startswith("Сохранение выключено")
    assert session.store is None
    assert session.chosen
    assert session.player is None
    progress = session.progress()
    assert not progress.saving


def test_deleting_the_player_who_plays_asks_again_who_plays(tmp_path: Path, clock: Clock) -> None:
    session = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    session.open()
    assert session.player is not None
    session.renamed(Player(session.player.id, "Anna", MONDAY_9AM))
    assert session.player.name == "Anna"
    session.forget(session.player.id)
    assert not session.chosen
    assert session.player is None
    session.close()


# -- the question clock, kept between answers ----------------------------------------------


@pytest.fixture
def timed() -> Pack:
    """Eight typed questions of 20 seconds each."""
    return build_pack(questions=8, grid="2x3", time_limit=20)


def reopened(store: Store, ana: Player, clock: Clock, loaded: LoadedPack) -> Round:
    """Ana's round as the next start of the game offers it: read back and restored."""
    kept = progress_for(store, ana, clock).resumable()
    assert kept is not None
    restored = Progress.restore(kept, loaded)
    assert restored is not None
    return restored


def test_a_checkpoint_keeps_the_seconds_spent_on_the_question(
    progress: Progress, store: Store, ana: Player, clock: Clock, timed: Pack
) -> None:
    loaded = LoadedPack(Path("test-pack.yaml"), timed, (), "ab" * 32, {})
    played, _ = watched(progress, timed, loaded)
    answer(played, right=True)
    played.next_question()
    played.spend_time(12.5)
    assert progress.checkpoint(played) is None

    restored = reopened(store, ana, clock, loaded)
    assert restored.question_number == 2
    assert restored.question_seconds == 12.5
    assert restored.time_left() == 7.5
    assert restored.answers == played.answers


def test_a_round_continued_mid_question_earns_what_it_would_have_without_the_break(
    progress: Progress, store: Store, ana: Player, clock: Clock, timed: Pack
) -> None:
    loaded = LoadedPack(Path("test-pack.yaml"), timed, (), "ab" * 32, {})
    straight, _ = start(timed)
    played, _ = watched(progress, timed, loaded)
    for current in (straight, played):
        current.spend_time(15)
    progress.checkpoint(played)  # closed with 5 s left

    restored = reopened(store, ana, clock, loaded)
    for current in (straight, restored):
        current.spend_time(2)
    question = restored.question
    late = restored.answer(right_response(question)).event
    assert late == straight.answer(right_response(question)).event
    assert late.seconds == 17
    assert late.points.time_bonus == 75  # 500 x (1 - 17/20), not the whole bonus again


def test_a_question_whose_time_was_up_comes_back_timed_out_and_the_next_one_starts(
    progress: Progress, store: Store, ana: Player, clock: Clock, timed: Pack
) -> None:
    loaded = LoadedPack(Path("test-pack.yaml"), timed, (), "ab" * 32, {})
    played, _ = watched(progress, timed, loaded)
    answer(played, right=True)
    played.next_question()
    played.spend_time(20)  # closed at 0 s left, before the screen timed it out
    progress.checkpoint(played)

    restored = reopened(store, ana, clock, loaded)
    timed_out = restored.answers[-1]
    assert (timed_out.number, timed_out.timed_out, timed_out.right) == (2, True, False)
    assert timed_out.seconds == 20
    assert restored.streak == 0
    assert restored.phase is Phase.ASKING
    assert restored.question_number == 3
    assert restored.question_seconds == 0.0


def test_a_round_saved_at_an_answer_goes_on_with_the_next_question_at_zero(
    progress: Progress, store: Store, ana: Player, clock: Clock, timed: Pack
) -> None:
    loaded = LoadedPack(Path("test-pack.yaml"), timed, (), "ab" * 32, {})
    played, _ = watched(progress, timed, loaded)
    played.spend_time(9)
    answer(played, right=False, seconds=9)  # saved by the answer itself
    restored = reopened(store, ana, clock, loaded)
    assert restored.question_number == 2
    assert restored.question_seconds == 0.0
    assert restored.time_left() == 20


def test_a_checkpoint_that_changes_nothing_writes_nothing(
    progress: Progress, clock: Clock, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    played.spend_time(3)
    progress.checkpoint(played)
    clock.now = MONDAY_9AM + timedelta(minutes=5)  # paused for five minutes
    progress.checkpoint(played)
    kept = progress.resumable()
    assert kept is not None
    assert kept.updated_at == MONDAY_9AM

    played.spend_time(0.25)
    progress.checkpoint(played)
    kept = progress.resumable()
    assert kept is not None
    assert kept.updated_at == clock.now
    assert kept.snapshot["question_seconds"] == 3.25


def test_a_checkpoint_after_the_round_was_dropped_writes_it_again(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    progress.checkpoint(played)
    progress.drop()
    progress.checkpoint(played)
    assert progress.resumable() is not None


def test_a_checkpoint_never_brings_back_a_finished_round(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, _ = watched(progress, pack, loaded)
    play_to_the_end(played)
    assert progress.checkpoint(played) is None  # e.g. the game closed on the results
    assert progress.resumable() is None


def test_a_guest_checkpoint_writes_nothing(
    store: Store, ana: Player, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    guest = progress_for(store, None, clock)
    played, _ = watched(guest, pack, loaded)
    played.spend_time(3)
    assert guest.checkpoint(played) is None
    assert store.in_progress(ana.id) is None


def test_a_checkpoint_while_saving_is_off_fails_quietly(
    tmp_path: Path, pack: Pack, loaded: LoadedPack, clock: Clock
) -> None:
    path = tmp_path / "read-only.db"
    notice = "Saving is off: the data folder is read-only."
    with Store(sqlite3.connect(path), path, now=clock, notice=notice, saving=False) as store:
        progress = progress_for(store, Player(1, "Ana", MONDAY_9AM), clock)
        played, _ = watched(progress, pack, loaded)
        played.spend_time(3)
        assert progress.checkpoint(played) is None  # the screen already says saving is off
        assert progress.last_failure is None
        assert progress.on_answer(played) is not None  # an answer still says it was lost


def test_the_watch_keeps_the_round_every_few_seconds_of_play(
    progress: Progress, pack: Pack, loaded: LoadedPack
) -> None:
    played, watch = watched(progress, pack, loaded)
    played.spend_time(4.5)
    assert watch.tick(4.5) is None
    assert progress.resumable() is None  # not yet: no answer, no checkpoint
    played.spend_time(CHECKPOINT_SECONDS - 4.5)
    watch.tick(CHECKPOINT_SECONDS - 4.5)
    kept = progress.resumable()
    assert kept is not None
    assert kept.snapshot["question_seconds"] == CHECKPOINT_SECONDS

    played.spend_time(1)
    watch.tick(1)  # the count starts again after each checkpoint
    assert progress.resumable() == kept
    watch.checkpoint()  # on pause, focus lost or close: at once
    kept = progress.resumable()
    assert kept is not None
    assert kept.snapshot["question_seconds"] == CHECKPOINT_SECONDS + 1


# -- one live game per player ----------------------------------------------------------------


@pytest.fixture
def sessions(tmp_path: Path, clock: Clock) -> Iterator[Callable[..., PlayerSession]]:
    """Opens sessions (games) over one data folder; all closed after the test."""
    opened: list[PlayerSession] = []

    def make(player_name: str | None = None) -> PlayerSession:
        session = PlayerSession(tmp_path / "data", player_name=player_name, now=clock)
        session.open()
        opened.append(session)
        return session

    yield make
    for session in opened:
        session.close()


def named(session: PlayerSession, name: str) -> Player:
    """The saved player ``name`` (created if need be)."""
    assert session.store is not None
    found = session.store.get_or_create_player(name)
    assert isinstance(found, Player)
    return found


def test_a_player_another_game_plays_as_is_refused_and_nothing_changes(
    sessions: Callable[..., PlayerSession],
) -> None:
    first, second = sessions("Ana"), sessions("Bob")
    ana = named(second, "Ana")
    refused = second.choose(ana)
    assert isinstance(refused, HeldElsewhere)
    assert refused.message == "Ana is already playing in another window."
    assert second.player is not None
    assert second.player.name == "Bob"  # Bob still plays, still claimed
    assert isinstance(first.choose(named(first, "Bob")), HeldElsewhere)

    first.close()  # the first game closes
    assert second.choose(ana) is None
    assert second.player == ana


def test_choosing_the_player_who_plays_again_keeps_the_claim(
    sessions: Callable[..., PlayerSession],
) -> None:
    game = sessions("Ana")
    claim = game.claim
    assert claim is not None
    assert claim.guarded
    assert game.player is not None
    assert game.choose(game.player) is None
    assert game.claim is claim
    assert claim.guarded


def test_a_player_on_the_command_line_who_plays_elsewhere_is_said_and_asked_for(
    sessions: Callable[..., PlayerSession],
) -> None:
    sessions("Ana")
    second = sessions("Ana")  # clarity --player Ana, in a second window
    assert second.player is None
    assert not second.chosen  # so the game asks who plays
    held = second.held_elsewhere
    assert held is not None
    assert held.message == "Ana is already playing in another window."
    assert second.progress().player is None  # nothing saved for Ana from here
    assert second.choose(named(second, "Bob")) is None
    assert second.held_elsewhere is None


def test_another_player_or_the_guest_lets_the_player_go(
    sessions: Callable[..., PlayerSession],
) -> None:
    first, second = sessions("Ana"), sessions()
    ana, bob = named(first, "Ana"), named(first, "Bob")
    assert first.choose(bob) is None
    assert second.choose(ana) is None  # Ana is free once the first game plays as Bob
    assert first.choose(None) is None  # the first game now plays as a guest
    assert first.claim is None
    assert second.choose(bob) is None


def test_a_deleted_player_lets_their_claim_go(sessions: Callable[..., PlayerSession]) -> None:
    first, second = sessions("Ana"), sessions()
    ana = named(first, "Ana")
    first.forget(ana.id)
    assert first.claim is None
    assert second.choose(ana) is None


def test_with_saving_off_two_games_may_play_as_the_same_player(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        before = PlayerSession(data_dir, player_name="Ana")
        before.open()  # Ana was made while the folder was writable
        before.close()
        make_read_only(data_dir)
        games = [PlayerSession(data_dir, player_name="Ana") for _ in range(2)]
        for game in games:
            game.open()
            assert game.notice is not None
            assert game.notice.startswith("Saving is off")
            assert game.player is not None  # her trophies still show
            assert game.held_elsewhere is None
            assert game.claim is not None
            assert not game.claim.guarded  # nothing of hers can be saved twice
        for game in games:
            game.close()


def test_closing_the_session_lets_the_player_go(tmp_path: Path, clock: Clock) -> None:
    game = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    game.open()
    claim = game.claim
    assert claim is not None
    assert claim.guarded
    game.close()
    assert not claim.guarded
    after = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    after.open()
    assert after.player is not None
    assert after.player.name == "Ana"
    after.close()


# -- extra time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("class_scale", "extra_time", "used"),
    [(1.0, 1.0, 1.0), (1.0, 2.0, 2.0), (1.5, 2.0, 3.0), (2.0, None, None), (None, 1.5, None)],
)
def test_a_players_rounds_use_the_class_time_times_their_extra_time(
    class_scale: float | None, extra_time: float | None, used: float | None
) -> None:
    base = ScoringRules(timer=False, streaks=False, time_scale=class_scale)
    player = Player(1, "Ana", MONDAY_9AM, extra_time=extra_time)
    assert rules_for(base, player) == ScoringRules(timer=False, streaks=False, time_scale=used)
    assert rules_for(base, None) == base  # a guest plays by the class's rules


def test_extra_time_reaches_the_round_its_score_and_the_saved_round(
    tmp_path: Path, clock: Clock, timed: Pack
) -> None:
    loaded = LoadedPack(Path("timed.yaml"), timed, (), "cd" * 32, {})
    session = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    session.open()
    assert session.player is not None
    saved = session.set_extra_time(session.player, 2.0)
    assert isinstance(saved, Player)
    assert session.player.extra_time == 2.0

    tracker = TrophyTracker()
    played = Round(timed, seed=3, rules=session.round_rules(ScoringRules()), observers=[tracker])
    watch = session.progress(lambda: BUNDLED).watch(played, tracker, loaded)
    assert played.time_limit == 40  # the pack's 20 s, doubled
    played.spend_time(30)
    assert not played.time_is_up
    result = played.answer(right_response(played.question))
    assert result.event.right
    assert result.event.points.time_bonus == 125  # 500 x (1 - 30/40), in time at x2
    played.next_question()
    played.guess_image(played.mystery.answer, 1.0)

    assert watch.result is not None
    assert watch.result.saved is not None
    store = session.store
    assert store is not None
    record = store.round(watch.result.saved.round_id)
    assert record is not None
    assert record.time_scale == 2.0
    assert record.score == played.score
    session.close()


def test_a_round_with_no_time_limit_is_saved_so(tmp_path: Path, clock: Clock, timed: Pack) -> None:
    loaded = LoadedPack(Path("timed.yaml"), timed, (), "cd" * 32, {})
    session = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    session.open()
    assert session.player is not None
    session.set_extra_time(session.player, None)
    tracker = TrophyTracker()
    played = Round(timed, seed=3, rules=session.round_rules(ScoringRules()), observers=[tracker])
    watch = session.progress(lambda: BUNDLED).watch(played, tracker, loaded)
    assert played.time_limit is None
    answer(played, right=True, seconds=500)
    assert played.answers[0].points.time_bonus == 250
    kept = session.progress().resumable()
    assert kept is not None
    restored = Progress.restore(kept, loaded)
    assert restored is not None
    assert restored.rules.time_scale is None  # continued with the rules it began with
    played.next_question()
    played.guess_image(played.mystery.answer, 1.0)
    assert watch.result is not None
    assert watch.result.saved is not None
    record = session.store.round(watch.result.saved.round_id)  # type: ignore[union-attr]
    assert record is not None
    assert record.time_scale is None
    session.close()


def test_extra_time_given_in_another_window_counts_from_the_next_round(
    tmp_path: Path, clock: Clock
) -> None:
    session = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    session.open()
    assert session.player is not None
    teacher = open_store(tmp_path / "data").store  # the teacher's window, on the same file
    assert teacher is not None
    teacher.set_extra_time(session.player.id, 1.5)
    teacher.close()
    assert session.round_rules(ScoringRules(time_scale=2.0)).time_scale == 3.0
    assert session.player.extra_time == 1.5
    session.close()


def test_extra_time_for_another_player_leaves_the_one_who_plays_as_they_are(
    tmp_path: Path, clock: Clock
) -> None:
    session = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    session.open()
    bob = named(session, "Bob")
    saved = session.set_extra_time(bob, 3.0)
    assert saved == Player(bob.id, "Bob", bob.created_at, extra_time=3.0)
    assert session.player is not None
    assert session.player.extra_time == 1.0
    assert session.round_rules(ScoringRules()).time_scale == 1.0
    session.close()


def test_a_guest_plays_by_the_class_rules(tmp_path: Path, clock: Clock) -> None:
    session = PlayerSession(tmp_path / "data", guest=True, now=clock)
    session.open()
    assert session.round_rules(ScoringRules(time_scale=1.5)) == ScoringRules(time_scale=1.5)
    session.close()


def test_extra_time_cannot_be_saved_without_a_store_and_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    session = PlayerSession(blocker / "data")
    session.open()
    failed = session.set_extra_time(Player(1, "Ana", MONDAY_9AM), 2.0)
    assert isinstance(failed, SaveFailed)
    assert failed.message.startswith("Saving is off")
    assert failed.message.endswith("The extra time was not saved.")


def test_extra_time_cannot_be_saved_in_a_read_only_folder(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        before = PlayerSession(data_dir, player_name="Ana")
        before.open()
        before.close()
        make_read_only(data_dir)
        session = PlayerSession(data_dir, player_name="Ana")
        session.open()
        assert session.player is not None
        failed = session.set_extra_time(session.player, 2.0)
        assert isinstance(failed, SaveFailed)
        assert failed.message.endswith("The extra time was not saved.")
        assert session.player.extra_time == 1.0
        assert session.round_rules(ScoringRules()).time_scale == 1.0
        session.close()


# -- what the screens ask the session ------------------------------------------------------


def test_the_session_answers_a_screens_questions_for_its_player(
    tmp_path: Path, clock: Clock
) -> None:
    session = PlayerSession(tmp_path / "data", player_name="Ana", now=clock)
    assert session.has_saved_data  # and the store is open now
    store = session.store
    assert store is not None
    assert session.player is not None
    ana = session.player
    ben = add_player(store, "Ben")
    save(store, ana.id, pack_id="rivers", score=300, played_at=MONDAY_9AM)
    save(store, ana.id, pack_id="capitals", score=500, played_at=MONDAY_9AM + timedelta(hours=1))
    save(store, ben.id, pack_id="rivers", score=900, played_at=MONDAY_9AM)
    assert [r.score for r in session.rounds(10)] == [500, 300]  # newest first
    assert [r.score for r in session.rounds(1)] == [500]
    last = session.last_round()
    assert last is not None
    assert last.pack_id == "capitals"
    assert sorted(session.packs_played()) == ["capitals", "rivers"]
    assert [(r.rank, r.player_name) for r in session.leaderboard("rivers", 10)] == [
        (1, "Ben"),
        (2, "Ana"),
    ]
    assert [r.player_name for r in session.leaderboard("rivers", 1)] == ["Ben"]
    mine = session.rank_on("rivers")
    assert mine is not None
    assert (mine.rank, mine.player_id, mine.score) == (2, ana.id, 300)
    assert session.rank_on("no-such-pack") is None
    overview = {o.player.name: o.rounds for o in session.players_overview()}
    assert overview == {"Ana": 2, "Ben": 1}
    cabinet = session.trophy_cabinet(BUNDLED)
    assert cabinet
    assert all(not entry.earned for entry in cabinet)
    session.close()


def test_a_guest_has_no_rounds_rank_or_trophies_to_show(tmp_path: Path, clock: Clock) -> None:
    with open_store(tmp_path / "data", now=clock).store as store:  # type: ignore[union-attr]
        save(store, add_player(store, "Ana").id, pack_id="rivers")
    session = PlayerSession(tmp_path / "data", guest=True, now=clock)
    assert session.rounds(10) == []
    assert session.last_round() is None
    assert session.rank_on("rivers") is None
    assert session.trophy_cabinet(BUNDLED) == []
    assert [r.player_name for r in session.leaderboard("rivers", 10)] == ["Ana"]  # still shown
    session.close()


def test_adding_and_renaming_players_through_the_session(tmp_path: Path, clock: Clock) -> None:
    session = PlayerSession(tmp_path / "data", now=clock)
    ana = session.add_player("  Ana ")
    assert isinstance(ana, Player)
    assert ana.name == "Ana"
    taken = session.add_player("ana")
    assert isinstance(taken, NameRejected)
    assert session.choose(ana) is None
    renamed = session.rename_player(ana, "Anastasia")
    assert isinstance(renamed, Player)
    assert renamed.id == ana.id
    assert session.player is not None
    assert session.player.name == "Anastasia"
    assert isinstance(session.rename_player(ana, ""), NameRejected)
    assert session.player.name == "Anastasia"
    session.close()


def test_without_saved_data_the_session_has_nothing_to_show_and_says_why_it_cannot_add(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    session = PlayerSession(blocker / "data")
    assert not session.has_saved_data
    assert session.players_overview() == []
    assert session.packs_played() == []
    assert session.leaderboard("rivers", 10) == []
    failed = session.add_player("Ana")
    assert isinstance(failed, SaveFailed)
    assert failed.message.startswith("Saving is off")
    assert isinstance(session.rename_player(Player(1, "Ana", MONDAY_9AM), "Ben"), SaveFailed)
