"""How the class game on every device holds up with a large class: prints figures, asserts
nothing.

On loopback (127.0.0.1 only), 200 simulated students (aiohttp WebSocket clients in a
process of their own, so their work does not count against the projector's) join a game
and answer each of its questions at a moment drawn at random within one second of seeing
it. The projector is the real App at 1920x1080 (dummy video driver) showing the host
screens, paced at 60 frames a second as the game's own loop is, and the server runs
beside it from the thread launcher, then from the process launcher:

1. Answer to screen: from a student's answer leaving their device to the end of the first
   frame whose view shows that student as answered (the roster's line, or the reveal when
   that answer closed the question). p50 and p99. Goal: p99 <= 100 ms.
2. Frame time: update + draw + flip of each frame (``App.step``) while the questions are
   open and answered; p50, p99 and the worst. Goal: p99 <= 8 ms (the server must not
   starve the frame loop). Also the frames' own CPU time (``time.thread_time``): the wall
   time less the waits for the interpreter lock (the thread launcher's server holding it)
   and for a core (the other processes of a busy machine).
3. Question to every device: from the teacher's key (the command sent through the link)
   to each device holding the question's state; p50, and the last of the 200.
4. Memory per connected student: the growth of the server's resident memory from before
   the students came to when they had all joined (the lobby showing them), and to when they
   had all played, divided by their number. With the process launcher that is the
   server's own process; with the thread, the projector's, so it also holds what the
   screens drew for them (the lobby's names, the play screen laid out).

Every clock read is CLOCK_MONOTONIC, the same in every process of the machine. The figures
depend on the machine's load (the students' process and the projector share its cores).

    SDL_VIDEODRIVER=dummy .venv/bin/python benchmarks/bench_host.py [--students 200] [--questions 5]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

SIZE = (1920, 1080)
DT = 1 / 60
ANSWER_WINDOW = 1.0  # seconds: each student answers within this long of seeing the question
WAIT = 120.0  # seconds: the longest any stage may take before the benchmark gives up


def write_pack(folder: Path, questions: int) -> Path:
    """A pack of ``questions`` choice questions (the right one is "right") over a bundled
    picture; its id is ``bench-host``."""
    lines = [
        "clarity: 1",
        "id: bench-host",
        "title: Host benchmark",
        "description: Choice questions for the class game's benchmark.",
        "language: en",
        "time_limit: 30",
        "rounds:",
        "  - image: solar_system/saturn.png",
        "    answer: Saturn",
        "    grid: 4x4",
        "questions:",
    ]
    for n in range(questions):
        lines.append(
            f"  - {{id: q{n}, type: choice, prompt: Question {n + 1}?,"
            " choices: [wrong, right, also wrong, nope], answer: right}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench-host.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stage(view: Any) -> tuple[str, int] | None:
    """The phase and question a view shows (a new one is laid out again)."""
    if view is None:
        return None
    return view.phase, view.question.number if view.question is not None else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def resident_kib(pid: int) -> int:
    """The resident memory of process ``pid`` in KiB (Linux's /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# --- the students' process ---------------------------------------------------------------


def students_process(
    ws_url: str, pin: str, count: int, orders: Any, reports: Any, *, seed: int
) -> None:
    """``count`` students: join, then answer every question within ANSWER_WINDOW; report the
    times (the question's arrival and the answer's sending, by question and name)."""
    asyncio.run(_students(ws_url, pin, count, orders, reports, seed=seed))


async def _students(
    ws_url: str, pin: str, count: int, orders: Any, reports: Any, *, seed: int
) -> None:
    import aiohttp

    rng = random.Random(seed)
    arrived: dict[str, float] = {}  # "question/name" -> when its state came
    sent: dict[str, float] = {}  # "question/name" -> when the answer left
    tasks: list[asyncio.Task[None]] = []

    async def student(session: aiohttp.ClientSession, name: str, joined: asyncio.Event) -> None:
        socket = await session.ws_connect(ws_url, autoping=True, max_msg_size=0)
        await socket.send_str(json.dumps({"v": 1, "type": "join", "pin": pin, "name": name}))
        seen: set[int] = set()
        async for frame in socket:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            message = json.loads(frame.data)
            if message.get("type") == "welcome":
                joined.set()
            question = message.get("question")
            if message.get("phase") != "question" or not question:
                continue
            number = question["number"]
            if number in seen:
                continue
            seen.add(number)
            arrived[f"{number}/{name}"] = time.monotonic()
            texts = [choice["text"] for choice in question["choices"]]
            delay = rng.uniform(0.0, ANSWER_WINDOW)
            tasks.append(asyncio.create_task(answer(socket, name, number, texts, delay)))

    async def answer(socket: Any, name: str, number: int, texts: list[str], delay: float) -> None:
        await asyncio.sleep(delay)
        message = {"v": 1, "type": "answer", "question": number, "choice": texts.index("right")}
        sent[f"{number}/{name}"] = time.monotonic()
        await socket.send_str(json.dumps(message))

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        joins = [asyncio.Event() for _ in range(count)]
        players = [
            asyncio.create_task(student(session, f"S{n:03d}", joins[n])) for n in range(count)
        ]
        await asyncio.wait_for(asyncio.gather(*(event.wait() for event in joins)), WAIT)
        reports.put(("joined", count))
        loop = asyncio.get_running_loop()
        while True:
            order = await loop.run_in_executor(None, orders.get)
            if order == "report":
                reports.put(("times", dict(arrived), dict(sent)))
            else:
                break
        for task in players:
            task.cancel()
        await asyncio.gather(*players, *tasks, return_exceptions=True)


# --- the projector -----------------------------------------------------------------------


def run_one(launcher_name: str, students: int, questions: int) -> dict[str, Any]:
    import pygame

    from clarity.classroom import commands
    from clarity.classroom.link import HostConfig, start_host_process, start_host_thread
    from clarity.classroom.server import ServerLimits
    from clarity.core.packs.loader import load_pack
    from clarity.resources import bundled_assets_dir
    from clarity.settings import Settings, settings_path
    from clarity.ui.app import App, WindowOptions
    from clarity.ui.assets import Assets
    from clarity.ui.host_view.hosting import Hosting
    from clarity.ui.services import GameSettings, PackCatalog, Services
    from clarity.ui.sound import Sound

    launcher = {"thread": start_host_thread, "process": start_host_process}[launcher_name]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pack_file = write_pack(folder / "data" / "packs", questions)
        (folder / "config").mkdir()
        # no clock: a question closes when all have answered (or by the teacher's key)
        settings_path(folder / "config").write_text("timer = off\n", encoding="utf-8")
        config = HostConfig(
            pack_id="bench-host",
            data_dir=folder / "data",
            config_dir=folder / "config",
            language="en",
            bind="127.0.0.1",
            port=0,
            seed=1,
            # every simulated student is on 127.0.0.1, one computer to the server's limits
            limits=ServerLimits(
                joins_per_minute=60_000.0,
                join_burst=students + 10,
                connections_per_address=students + 10,
            ),
        )
        pygame.display.init()
        pygame.display.set_mode((16, 16))
        services = Services(
            assets=Assets(bundled_assets_dir()),
            sound=Sound(enabled=False),
            packs=PackCatalog([folder / "data" / "packs"], bundled_assets_dir()),
            settings=GameSettings(seed=1, saved=Settings()),
        )
        app = App(services, WindowOptions(size=SIZE))
        app.open()
        link = launcher(config)
        if link.error is not None:
            raise SystemExit(link.error)
        server_pid = os.getpid()
        if launcher_name == "process":
            children = multiprocessing.active_children()
            server_pid = next(c.pid for c in children if c.name == "class-game-server")
        loaded = load_pack(pack_file, assets_dir=bundled_assets_dir())
        hosting = Hosting(link, loaded)
        app.push(app.screens.make("host-lobby", hosting=hosting))
        link.send(commands.ShowLeaderboard(False))

        frame_ms: list[float] = []
        frame_cpu_ms: list[float] = []  # the frame's own work (no wait for the GIL or a core)
        view_frame_ms: list[float] = []  # the frames that took a new view
        steady_ms: list[float] = []  # the frames that showed no new phase or question
        shown: dict[str, float] = {}  # "question/name" -> the end of the frame showing it
        asked_at: dict[int, float] = {}  # question number -> when the teacher's key went

        def frame(measure: bool) -> None:
            before = hosting.view
            start, cpu_start = time.monotonic(), time.thread_time()
            app.step(DT)
            end, cpu_end = time.monotonic(), time.thread_time()
            view = hosting.view
            if measure:
                frame_ms.append((end - start) * 1000)
                frame_cpu_ms.append((cpu_end - cpu_start) * 1000)
                if view is not before:
                    view_frame_ms.append((end - start) * 1000)
                if _stage(view) == _stage(before):
                    steady_ms.append((end - start) * 1000)
            if view is not None and view.question is not None:
                number = view.question.number
                closed = view.phase != "question"
                for line in view.roster:
                    key = f"{number}/{line.name}"
                    if key not in shown and (line.answered or closed):
                        shown[key] = end
            time.sleep(max(0.0, start + DT - time.monotonic()))

        def frames_until(condition: Any, measure: bool = False) -> None:
            deadline = time.monotonic() + WAIT
            while not condition():
                if time.monotonic() > deadline:
                    raise SystemExit(f"{launcher_name}: gave up waiting ({hosting.view!r})")
                frame(measure)

        for _ in range(30):  # the lobby laid out, the first view in
            frame(False)
        gc.collect()
        memory_before = resident_kib(server_pid)

        context = multiprocessing.get_context("spawn")
        orders, reports = context.Queue(), context.Queue()
        ws_url = link.students_url.split("/?", 1)[0].replace("http://", "ws://") + "/ws"
        crowd = context.Process(
            target=students_process,
            args=(ws_url, link.pin, students, orders, reports),
            kwargs={"seed": 7},
            daemon=True,
        )
        crowd.start()

        def joined() -> bool:
            view = hosting.view
            return view is not None and len(view.roster) == students

        frames_until(joined)
        kind, _ = reports.get(timeout=WAIT)
        assert kind == "joined"
        for _ in range(30):  # the lobby shows them all
            frame(False)
        gc.collect()
        memory_joined = resident_kib(server_pid)
        for number in range(1, questions + 1):
            asked_at[number] = time.monotonic()
            link.send(commands.Start() if number == 1 else commands.Next())

            def revealed(number: int = number) -> bool:
                view = hosting.view
                return (
                    view is not None
                    and view.phase in ("reveal", "leaderboard", "final_guess", "ended")
                    and view.question is not None
                    and view.question.number == number
                )

            frames_until(revealed, measure=True)
        gc.collect()
        memory_after = resident_kib(server_pid)
        orders.put("report")
        kind, arrived, sent = reports.get(timeout=WAIT)
        assert kind == "times"
        orders.put("quit")
        crowd.join(30)
        if crowd.is_alive():
            crowd.terminate()
        link.close()
        app.close()

    latencies = [(shown[key] - sent[key]) * 1000 for key in sent if key in shown]
    broadcast: list[float] = []
    last_device: list[float] = []
    for number, at in asked_at.items():
        delays = [(t - at) * 1000 for key, t in arrived.items() if key.startswith(f"{number}/")]
        broadcast.extend(delays)
        last_device.append(max(delays))
    return {
        "launcher": launcher_name,
        "answers": len(latencies),
        "latency_p50": statistics.median(latencies),
        "latency_p99": percentile(latencies, 0.99),
        "frames": len(frame_ms),
        "frame_p50": statistics.median(frame_ms),
        "frame_p99": percentile(frame_ms, 0.99),
        "frame_worst": max(frame_ms),
        "frame_cpu_p99": percentile(frame_cpu_ms, 0.99),
        "steady_p99": percentile(steady_ms, 0.99),
        "stage_frames": len(frame_ms) - len(steady_ms),
        "view_frames": len(view_frame_ms),
        "view_frame_p99": percentile(view_frame_ms, 0.99) if view_frame_ms else 0.0,
        "broadcast_p50": statistics.median(broadcast),
        "broadcast_last": statistics.median(last_device),
        "broadcast_last_worst": max(last_device),
        "memory_joined_kib": (memory_joined - memory_before) / students,
        "memory_kib": (memory_after - memory_before) / students,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200, help="students (200)")
    parser.add_argument("--questions", type=int, default=5, help="questions (5)")
    parser.add_argument(
        "--launcher", choices=("thread", "process", "both"), default="both", help="(both)"
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="runs of each launcher, taken in turns (1)"
    )
    args = parser.parse_args()
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    launchers = ("thread", "process") if args.launcher == "both" else (args.launcher,)
    rows = []
    for _ in range(args.runs):
        for name in launchers:
            load = os.getloadavg()[0]  # other work on the machine shows in every figure
            rows.append(run_one(name, args.students, args.questions) | {"load": load})
    print(
        f"class game on every device: {args.students} students on loopback, {args.questions}"
        f" questions each answered within {ANSWER_WINDOW:g} s, projector at"
        f" {SIZE[0]}x{SIZE[1]} paced at 60 fps; {os.cpu_count()} cores"
    )
    header = (
        f"{'launcher':<9} {'load':>5} {'answer->screen p50/p99 ms':>26}"
        f" {'frame p50/p99/worst ms':>24} {'question->devices p50/last ms':>30}"
        f" {'KiB/student joined/played':>26}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['launcher']:<9} {row['load']:>5.1f}"
            f" {row['latency_p50']:>12.1f} / {row['latency_p99']:<11.1f}"
            f" {row['frame_p50']:>7.2f} / {row['frame_p99']:.2f} / {row['frame_worst']:<6.1f}"
            f" {row['broadcast_p50']:>13.1f} / {row['broadcast_last']:<14.1f}"
            f" {row['memory_joined_kib']:>13.1f} / {row['memory_kib']:<10.1f}"
        )
    print("goals: answer->screen p99 <= 100 ms; frame p99 <= 8 ms")
    print(
        "load: the machine's load average when the run began (work of others on its cores);"
        " question->devices 'last': the median over the questions of the 200th device's"
    )
    for r in rows:
        print(
            f"{r['launcher']}: {r['answers']} answers, {r['frames']} frames, of which"
            f" {r['view_frames']} took a new view (their p99 {r['view_frame_p99']:.2f} ms);"
            f" the frames' own CPU time p99 {r['frame_cpu_p99']:.2f} ms;"
            f" without the {r['stage_frames']} that laid out a new phase or question, p99"
            f" {r['steady_p99']:.2f} ms;"
            f" the slowest question reached the last device in {r['broadcast_last_worst']:.0f} ms"
        )


if __name__ == "__main__":
    main()
