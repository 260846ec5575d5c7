"""The Teacher Studio's HTTP API on loopback: a real server on 127.0.0.1, real requests,
a real packs folder, the real loader, printing and exports.

What a teacher does (make a pack, edit it, see the problems as they type, save, print,
export, play) and what nobody else may do (another site's page, a wrong Host, no token, a
path out of the packs folder, a fake or huge picture)."""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clarity import cli
from clarity.core.packs.loader import load_pack
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.server import START_WAIT, StudioLimits, game_command, start_detached
from clarity.ui.studio_launch import studio_command
from core.packs.test_yaml_as_meant import SILENT as CASE_16_PACK
from printing.pdf_reading import pdfinfo, pdftotext

from .conftest import (
    HAND_WRITTEN,
    TOKEN,
    Client,
    Studio,
    bomb_png,
    png_bytes,
    start_studio,
    write_pack,
)
from .test_workspace import GIFT

STUDIO_CSP_PARTS = ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")


def opened(studio: Studio, ref: str) -> dict[str, Any]:
    reply = studio.client.get(studio.pack_url(ref))
    assert reply.status == 200, reply.body
    return reply.json()


def fields(problems: list[dict[str, str]]) -> set[str]:
    return {problem["field"] for problem in problems}


# --- the page and the guard -----------------------------------------------------------------


def test_the_page_is_served_with_the_security_headers(studio: Studio) -> None:
    reply = studio.client.get("")
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/html")
    assert "<html" in reply.text.lower()
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["cache-control"] == "no-store"
    for part in STUDIO_CSP_PARTS:
        assert part in reply.headers["content-security-policy"]


def test_static_files_are_only_those_of_the_web_folder(tmp_path: Path) -> None:
    web = tmp_path / "web"
    web.mkdir()
    (web / "studio.js").write_text("console.log('studio');\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser", encoding="utf-8")
    os.symlink(secret, web / "linked.js")
    running, runner = start_studio(tmp_path / "s", web_dir=web)
    try:
        client = running.client
        reply = client.get("static/studio.js")
        assert reply.status == 200
        assert reply.headers["content-type"].startswith("text/javascript")
        assert reply.text == "console.log('studio');\n"
        for path in ("static/linked.js", "static/..%2Fsecret.txt", "static/../secret.txt"):
            reply = client.get(path)
            assert reply.status == 404, path
            assert b"not for the browser" not in reply.body
    finally:
        runner.run(running.server.close())
        runner.stop()


@pytest.mark.parametrize(
    "path",
    [
        "/api/packs",
        "/s/api/packs",
        "/s/wrong-token/api/packs",
        f"/s/{TOKEN}x/api/packs",
        f"/s/{TOKEN[:-1]}/api/packs",
        "/",
    ],
)
def test_a_request_without_the_token_finds_nothing(studio: Studio, path: str) -> None:
    reply = studio.client.get(path)
    assert reply.status == 404
    assert reply.json()["error"] == "not_found"
    assert reply.json()["message"] == "There is nothing here."


def test_only_the_studio_s_own_host_names_are_answered(studio: Studio) -> None:
    port = studio.client.port
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert Client(port, host=host).get("api/packs").status == 200
    for host in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", ""):
        reply = Client(port, host=host or " ").get("api/packs")
        assert reply.status == 404, host


def test_another_site_cannot_change_a_pack(studio: Studio) -> None:
    client = studio.client
    for origin in ("http://evil.example", "null", f"https://127.0.0.1:{client.port}"):
        reply = client.post(
            "api/packs", {"title": "Evil", "language": "en"}, headers={"Origin": origin}
        )
        assert reply.status == 403, origin
        assert reply.json()["error"] == "forbidden"
    for site in ("cross-site", "same-site"):
        reply = client.post(
            "api/packs", {"title": "Evil", "language": "en"}, headers={"Sec-Fetch-Site": site}
        )
        assert reply.status == 403, site
    assert not list(studio.packs_dir.glob("*.yaml"))
    own = {"Origin": f"http://127.0.0.1:{client.port}", "Sec-Fetch-Site": "same-origin"}
    assert client.post("api/packs", {"title": "Mine", "language": "en"}, headers=own).status == 201


def test_a_json_body_over_the_cap_is_refused(tmp_path: Path) -> None:
    running, runner = start_studio(tmp_path, limits=StudioLimits(max_json_bytes=1000))
    try:
        reply = running.client.post("api/packs", {"title": "x" * 2000, "language": "en"})
        assert reply.status == 413
        assert reply.json()["error"] == "too_large"
        assert not list(running.packs_dir.glob("*.yaml"))
    finally:
        runner.run(running.server.close())
        runner.stop()


def test_the_form_comes_from_the_pack_model(studio: Studio) -> None:
    form = studio.client.get("api/form").json()
    assert form["question_types"] == ["choice", "truefalse", "typed", "number"]
    assert form["grids"] == {"min": 1, "max": 20, "default": "4x5"}
    assert {"code": "be", "name": "Беларуская"} in form["languages"]
    assert form["difficulties"] == ["easy", "medium", "hard"]


# --- the packs --------------------------------------------------------------------------------


def test_a_new_pack_is_listed_editable_and_opens_as_its_document(studio: Studio) -> None:
    reply = studio.client.post("api/packs", {"title": "Rivers of Europe", "language": "en"})
    assert reply.status == 201
    ref = reply.json()["ref"]
    assert ref == "rivers-of-europe.yaml"
    listed = {pack["ref"]: pack for pack in studio.client.get("api/packs").json()["packs"]}
    assert listed[ref]["editable"] is True
    assert listed[ref]["errors"] == 0
    assert listed["bundled:union_state.yaml"]["editable"] is False
    pack = opened(studio, ref)
    assert pack["editable"] is True
    assert pack["document"]["id"] == "rivers-of-europe"
    assert pack["document"]["title"] == "Rivers of Europe"
    assert pack["document"]["time_limit"] == "30"  # every scalar as text
    assert len(pack["revision"]) == 64
    assert [p for p in pack["problems"] if p["severity"] == "error"] == []
    picture = pack["document"]["rounds"][0]["image"]
    reply = studio.client.get(pack["pictures"][picture].removeprefix(f"/s/{TOKEN}/"))
    assert reply.status == 200
    assert reply.headers["content-type"] == "image/png"
    assert reply.body.startswith(b"\x89PNG")


def test_a_broken_pack_is_listed_with_its_problems(studio: Studio) -> None:
    write_pack(studio.packs_dir, "broken.yaml", "clarity: 1\nid: broken\ntitle: Broken\n")
    listed = {pack["ref"]: pack for pack in studio.client.get("api/packs").json()["packs"]}
    broken = listed["broken.yaml"]
    assert broken["errors"] >= 1
    assert broken["problems"][0].startswith("broken.yaml:")
    assert len(broken["problems"]) <= 3


def test_checks_as_the_teacher_types_one_item_and_the_whole_pack(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    pack = opened(studio, "hand-geo.yaml")
    document = pack["document"]
    assert fields(pack["problems"]) == set()
    document["questions"][0]["answer"] = "Kyiv"  # not one of the choices
    reply = studio.client.post(
        studio.pack_url("hand-geo.yaml", "/check"), {"document": document, "item": ["questions", 0]}
    )
    checked = reply.json()
    assert checked["scope"] == "questions[0]"
    assert fields(checked["problems"]) == {"questions[0].answer"}
    assert all(p["severity"] == "error" for p in checked["problems"])
    document["questions"][1]["id"] = "minsk"  # a duplicate id: the whole pack's check says it
    reply = studio.client.post(
        studio.pack_url("hand-geo.yaml", "/check"), {"document": document, "item": None}
    )
    whole = reply.json()
    assert whole["scope"] == ""
    assert "questions[0].answer" in fields(whole["problems"])
    assert any(f.startswith("questions[1]") for f in fields(whole["problems"]))


def test_a_check_of_an_item_that_is_no_item_is_a_bad_request(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    document = opened(studio, "hand-geo.yaml")["document"]
    for item in (["answers", 0], ["questions", -1], ["questions", "0"], ["questions"]):
        reply = studio.client.post(
            studio.pack_url("hand-geo.yaml", "/check"), {"document": document, "item": item}
        )
        assert reply.status == 400, item


def test_saving_writes_the_pack_and_keeps_a_backup(studio: Studio) -> None:
    ref = studio.client.post("api/packs", {"title": "Lakes", "language": "en"}).json()["ref"]
    pack = opened(studio, ref)
    document = pack["document"]
    document["title"] = "Lakes of Belarus"
    document["questions"] = document["questions"][:1]
    reply = studio.client.put(
        studio.pack_url(ref), {"document": document, "revision": pack["revision"], "force": False}
    )
    assert reply.status == 200, reply.body
    saved = reply.json()
    assert saved["revision"] != pack["revision"]
    assert saved["backup"]
    assert list((studio.packs_dir / ".studio-backups").rglob("*"))
    loaded = load_pack(studio.packs_dir / ref, assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.problems
    assert loaded.pack is not None
    assert loaded.pack.title == "Lakes of Belarus"
    assert len(loaded.pack.questions) == 1
    assert opened(studio, ref)["revision"] == saved["revision"]
    listed = [pack["ref"] for pack in studio.client.get("api/packs").json()["packs"]]
    assert listed.count(ref) == 1  # the backups are no packs


def test_a_hand_written_pack_edited_and_saved_keeps_its_comments(studio: Studio) -> None:
    path = write_pack(studio.packs_dir)
    pack = opened(studio, "hand-geo.yaml")
    document = pack["document"]
    document["questions"][1]["prompt"] = "What is the capital city of Poland?"
    reply = studio.client.put(
        studio.pack_url("hand-geo.yaml"), {"document": document, "revision": pack["revision"]}
    )
    assert reply.status == 200, reply.body
    text = path.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace(
        "What is the capital of Poland?", "What is the capital city of Poland?"
    )
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.problems


def test_a_pack_changed_on_disk_is_not_overwritten_unless_asked(studio: Studio) -> None:
    path = write_pack(studio.packs_dir)
    pack = opened(studio, "hand-geo.yaml")
    changed_by_hand = HAND_WRITTEN.replace("time_limit: 30", "time_limit: 45")
    path.write_text(changed_by_hand, encoding="utf-8")
    document = copy.deepcopy(pack["document"])
    document["title"] = "Capitals"
    body = {"document": document, "revision": pack["revision"], "force": False}
    reply = studio.client.put(studio.pack_url("hand-geo.yaml"), body)
    assert reply.status == 409
    conflict = reply.json()
    assert conflict["error"] == "changed_on_disk"
    assert "changed on disk" in conflict["message"]
    assert conflict["disk_revision"] == opened(studio, "hand-geo.yaml")["revision"]
    assert path.read_text(encoding="utf-8") == changed_by_hand
    reply = studio.client.put(studio.pack_url("hand-geo.yaml"), {**body, "force": True})
    assert reply.status == 200, reply.body
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.pack is not None
    assert loaded.pack.title == "Capitals"


@pytest.mark.parametrize(
    "path",
    [
        "api/packs/..%2F..%2Fsecret.yaml",
        "api/packs/%2e%2e%2fsecret.yaml",
        "api/packs/%2e%2e",
        "api/packs/%2Ftmp%2Fsecret.yaml",
        "api/packs/..%5Csecret.yaml",
        "api/packs/bundled:..%2F..%2Fsecret.yaml",
        "api/packs/linked.yaml",
        "api/packs/.studio-backups",
    ],
)
def test_a_path_out_of_the_packs_folder_is_refused(studio: Studio, path: str) -> None:
    secret = studio.data_dir.parent / "secret.yaml"
    secret.write_text(HAND_WRITTEN, encoding="utf-8")
    os.symlink(secret, studio.packs_dir / "linked.yaml")
    for method in ("GET", "PUT", "DELETE"):
        if method == "PUT":
            body = {"document": {"title": "overwritten"}, "revision": "", "force": True}
            reply = studio.client.put(path, body)
        else:
            reply = studio.client.request(method, path)
        assert reply.status in (400, 404), (method, reply.status)
        assert b"Geography" not in reply.body
    assert secret.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_pack_of_the_game_s_cannot_be_written(studio: Studio) -> None:
    ref = "bundled:union_state.yaml"
    before = (bundled_questions_dir() / "union_state.yaml").read_bytes()
    pack = opened(studio, ref)
    assert pack["editable"] is False
    body = {"document": pack["document"], "revision": pack["revision"], "force": True}
    assert studio.client.put(studio.pack_url(ref), body).status == 403
    assert studio.client.delete(studio.pack_url(ref)).status == 403
    reply = studio.client.upload(studio.pack_url(ref, "/pictures"), [("a.png", png_bytes())])
    assert reply.status == 403
    assert (bundled_questions_dir() / "union_state.yaml").read_bytes() == before


def test_a_copy_of_a_game_s_pack_is_editable(studio: Studio) -> None:
    reply = studio.client.post("api/packs/copy", {"ref": "bundled:solar_system.yaml"})
    assert reply.status == 201
    ref = reply.json()["ref"]
    pack = opened(studio, ref)
    assert pack["editable"] is True
    assert pack["document"]["id"] == "solar-system-2"
    assert pack["pictures"]  # its picture copied beside it and served
    assert studio.client.post("api/packs/copy", {"ref": "../x.yaml"}).status == 404


# --- pictures -------------------------------------------------------------------------------


def test_a_picture_dropped_in_is_kept_beside_the_pack_and_served(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    data = png_bytes(16, 12)
    reply = studio.client.upload(
        studio.pack_url("hand-geo.yaml", "/pictures"), [("../../Карта.png", data)]
    )
    assert reply.status == 201, reply.body
    picture = reply.json()
    assert picture["image"] == "hand-geo/karta.png"
    assert (picture["width"], picture["height"]) == (16, 12)
    assert picture["note"] is None  # kept as sent
    assert (studio.packs_dir / "hand-geo" / "karta.png").read_bytes() == data
    served = studio.client.get(picture["url"])
    assert served.status == 200
    assert served.body == data
    assert served.headers["content-type"] == "image/png"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html>a web page saved as a picture</html>", "not a PNG, JPEG, GIF or WebP"),
        (bomb_png(), "far more pixels"),
    ],
    ids=["fake", "bomb"],
)
def test_a_fake_or_huge_picture_is_refused_with_its_reason(
    studio: Studio, data: bytes, reason: str
) -> None:
    write_pack(studio.packs_dir)
    reply = studio.client.upload(studio.pack_url("hand-geo.yaml", "/pictures"), [("cat.png", data)])
    assert reply.status == 400
    refused = reply.json()
    assert refused["error"] == "picture_refused"
    assert reason in refused["message"]
    assert not (studio.packs_dir / "hand-geo").exists()


def test_a_picture_over_the_upload_cap_is_refused_unread(tmp_path: Path) -> None:
    running, runner = start_studio(tmp_path, limits=StudioLimits(max_picture_bytes=4096))
    try:
        write_pack(running.packs_dir)
        big = png_bytes(300, 300, (1, 2, 3)) + os.urandom(8192)
        reply = running.client.upload(
            running.pack_url("hand-geo.yaml", "/pictures"), [("big.png", big)]
        )
        assert reply.status == 413
        assert reply.json()["error"] == "too_large"
        assert not (running.packs_dir / "hand-geo").exists()
    finally:
        runner.run(running.server.close())
        runner.stop()


def test_only_pictures_of_the_pack_are_served(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    (studio.data_dir / "private.png").write_bytes(png_bytes())
    url = studio.pack_url("hand-geo.yaml", "/picture")
    for image in ("../private.png", "/etc/passwd", "..%2Fprivate.png", "hand-geo.yaml", ""):
        assert studio.client.get(f"{url}?image={image}").status == 404, image
    assert studio.client.get(f"{url}?image=union_state/belarus.png").status == 200


# --- the bin and imports ----------------------------------------------------------------------


def test_delete_and_undo(studio: Studio) -> None:
    path = write_pack(studio.packs_dir)
    reply = studio.client.delete(studio.pack_url("hand-geo.yaml"))
    assert reply.status == 200
    undo = reply.json()["undo"]
    assert not path.exists()
    assert studio.client.get(studio.pack_url("hand-geo.yaml")).status == 404
    reply = studio.client.post(f"api/undo/{undo}")
    assert reply.json() == {"ref": "hand-geo.yaml"}
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert studio.client.post(f"api/undo/{undo}").status == 404


def test_a_gift_file_is_imported(studio: Studio) -> None:
    reply = studio.client.upload("api/import", [("Geography quiz.gift", GIFT.encode("utf-8"))])
    assert reply.status == 200, reply.body
    imported = reply.json()
    assert imported["packs"] == [{"ref": "geography-quiz.yaml", "title": "Geography quiz"}]
    assert any(line.startswith("Geography quiz.gift:11:1: skipped:") for line in imported["lines"])
    pack = opened(studio, "geography-quiz.yaml")
    assert len(pack["document"]["questions"]) == 3


def test_an_import_that_gives_no_pack_says_why(studio: Studio) -> None:
    reply = studio.client.upload("api/import", [("empty.gift", b"")])
    assert reply.status == 400
    refused = reply.json()
    assert refused["error"] == "import_refused"
    assert refused["lines"]
    assert not list(studio.packs_dir.glob("*.yaml"))


# --- print, export, play, start ---------------------------------------------------------------


@pytest.mark.slow  # fpdf2 embeds the game's fonts: some seconds
def test_print_returns_a_real_pdf(studio: Studio, tmp_path: Path) -> None:
    write_pack(studio.packs_dir)
    reply = studio.client.post(
        studio.pack_url("hand-geo.yaml", "/print"), {"kind": "worksheet", "paper": "letter"}
    )
    assert reply.status == 200, reply.body
    assert reply.headers["content-type"] == "application/pdf"
    assert 'filename="hand-geo-worksheet.pdf"' in reply.headers["content-disposition"]
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(reply.body)
    assert "612 x 792 pts" in pdfinfo(pdf)["Page size"]  # US letter
    text = pdftotext(pdf)
    assert "What is the capital of Belarus?" in text
    assert "Geography: capitals" in text


def test_a_pack_with_errors_is_not_printed(studio: Studio) -> None:
    write_pack(studio.packs_dir, "broken.yaml", "clarity: 1\nid: broken\ntitle: Broken\n")
    reply = studio.client.post(studio.pack_url("broken.yaml", "/print"), {"kind": "exam"})
    assert reply.status == 400
    assert reply.json()["error"] == "has_errors"
    assert (
        studio.client.post(studio.pack_url("broken.yaml", "/print"), {"kind": "poster"}).status
        == 400
    )


def test_export_each_format(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    url = studio.pack_url("hand-geo.yaml", "/export")
    gift = studio.client.post(url, {"format": "gift"})
    assert gift.status == 200
    assert 'filename="hand-geo.gift"' in gift.headers["content-disposition"]
    assert "What is the capital of Belarus?" in gift.text
    assert "=Minsk" in gift.text
    anki = studio.client.post(url, {"format": "anki"})
    assert anki.status == 200
    assert 'filename="hand-geo.apkg"' in anki.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(anki.body)) as deck:
        assert any(name.startswith("collection.anki2") for name in deck.namelist())
    page = studio.client.post(url, {"format": "html"})
    assert page.status == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Geography: capitals" in page.text
    assert studio.client.post(url, {"format": "pdf"}).status == 400


def test_play_returns_the_web_game_with_its_own_policy(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    reply = studio.client.get(studio.pack_url("hand-geo.yaml", "/play"))
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/html")
    assert "What is the capital of Belarus?" in reply.text
    policy = reply.headers["content-security-policy"]
    assert "'sha256-" in policy  # its inline scripts, by hash
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" not in policy


def test_start_runs_the_game_on_the_pack(studio: Studio) -> None:
    write_pack(studio.packs_dir)
    reply = studio.client.post(studio.pack_url("hand-geo.yaml", "/start"))
    assert reply.json() == {"started": True}
    assert studio.started == [
        [
            sys.executable,
            "-m",
            "clarity",
            "play",
            "--pack",
            "hand-geo",
            "--data-dir",
            str(studio.data_dir),
        ]
    ]
    write_pack(studio.packs_dir, "broken.yaml", "clarity: 1\nid: broken\n")
    assert studio.client.post(studio.pack_url("broken.yaml", "/start")).status == 400
    assert len(studio.started) == 1


def end_game(process: subprocess.Popen[bytes]) -> None:
    """End a game the test started: it runs detached, so nothing else ever would."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:  # a loaded machine, or the game stuck: no orphan left
        process.kill()
        process.wait(10)


@pytest.mark.slow
def test_the_game_started_really_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    data = tmp_path / "data"
    (data / "packs").mkdir(parents=True)
    write_pack(data / "packs")
    started = start_detached(game_command("hand-geo", data))
    try:
        # long enough to load the pack and open the (dummy) window
        assert started.failure(3.0) is None, "the game ended at once"
        assert started.process.poll() is None
    finally:
        end_game(started.process)


# --- the command ------------------------------------------------------------------------------


def test_a_port_in_use_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = cli.main(
            ["studio", "--no-browser", "--port", str(port), "--data-dir", str(tmp_path / "d")]
        )
    out, err = capsys.readouterr()
    assert status == 1
    said = f"port {port} is in use; choose another with --port, or leave it out for any free one"
    assert err == f"clarity: {said}\n"
    assert out == ""


@contextlib.contextmanager
def studio_process(
    command: list[str], *, stdin: int | None = None, config: Path | None = None
) -> Iterator[subprocess.Popen[str]]:
    """``command`` (a ``clarity studio`` command line) as a real process: its output and
    errors in text pipes, unbuffered so that its address line comes at once, its settings
    from ``config`` when given (``CLARITY_CONFIG_DIR``); killed and waited for on the way
    out when it has not ended, so that a failed assertion leaves no server running."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if config is not None:
        env["CLARITY_CONFIG_DIR"] = str(config)
    child = subprocess.Popen(
        command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.slow
def test_clarity_studio_prints_an_address_that_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import urllib.request

    config = tmp_path / "config"
    assert cli.main(["settings", "--config-dir", str(config), "language=be"]) == 0
    capsys.readouterr()
    command = [sys.executable, "-m", "clarity", "studio", "--no-browser"]
    with studio_process([*command, "--data-dir", str(tmp_path / "d")], config=config) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("studio: http://127.0.0.1:"), line
        url = line.removeprefix("studio: ").strip()
        assert url.endswith("/")
        assert "/s/" in url
        with urllib.request.urlopen(url + "api/packs", timeout=30) as answer:
            assert answer.status == 200
            assert b"bundled:union_state.yaml" in answer.read()
        with urllib.request.urlopen(url, timeout=30) as answer:  # in the saved language
            assert '<html lang="be"' in answer.read().decode("utf-8")
        child.send_signal(signal.SIGINT)  # Ctrl+C
        _, err = child.communicate(timeout=30)
        assert child.returncode == 0
        assert "Traceback" not in err
        assert err == ""


# --- what a hostile or clumsy request sends, and what a teacher expects back ----------------


def _refused_in_one_line(reply: Any, status: int = 400) -> str:
    assert reply.status == status, reply.body
    said = reply.json()["message"]
    assert said
    assert "\n" not in said
    assert "Traceback" not in said
    return said


def _nested(levels: int) -> dict[str, Any]:
    """A document ``levels`` deep: the document (1), ``questions`` (2) and lists in it."""
    inner: Any = "x"
    for _ in range(levels - 1):
        inner = [inner]
    return {"title": "x", "questions": inner}


def test_a_document_nests_as_deep_as_a_pack_file_may_and_no_deeper(studio: Studio) -> None:
    """The pack reader stops at 64 levels: a document one level deeper is refused on a
    check and on a save with its one line, before any work (the file is not touched),
    however deep (JSON's own reader gives up far sooner than 100,000 levels)."""
    from clarity.core.packs.plain_yaml import compose
    from clarity.core.packs.report import Report
    from clarity.studio.server import MAX_DEPTH

    write_pack(studio.packs_dir)
    path = studio.packs_dir / "hand-geo.yaml"
    before = path.read_bytes()
    revision = opened(studio, "hand-geo.yaml")["revision"]
    check = studio.pack_url("hand-geo.yaml", "/check")
    # the reader's limit: a file nesting as deep is read, one more level is not
    for levels, readable in ((MAX_DEPTH, True), (MAX_DEPTH + 1, False)):
        text = "title: x\nquestions: " + "[" * (levels - 1) + "x" + "]" * (levels - 1) + "\n"
        report = Report(path)
        assert (compose(text, report) is not None) is readable, levels
        reply = studio.client.post(check, {"document": _nested(levels), "item": None})
        if readable:
            assert reply.status == 200, reply.body
        else:
            assert _refused_in_one_line(reply) == "the lists and fields nest far too deep"
    for levels in (MAX_DEPTH + 1, 900, 2000, 100_000):
        body = '{"title": "x", "questions": ' + "[" * levels + "]" * levels + "}"
        for method, url, tail in (
            ("PUT", studio.pack_url("hand-geo.yaml"), f', "revision": "{revision}"'),
            ("POST", check, ', "item": null'),
        ):
            sent = ('{"document": ' + body + tail + "}").encode()
            reply = studio.client.request(
                method, url, body=sent, headers={"Content-Type": "application/json"}
            )
            said = _refused_in_one_line(reply)
            assert said == "the lists and fields nest far too deep", (levels, method)
    assert path.read_bytes() == before


def test_a_document_of_more_values_than_a_pack_file_may_hold_is_refused(studio: Studio) -> None:
    from clarity.core.packs.plain_yaml import MAX_VALUES
    from clarity.studio.server import document_shape_problem

    # counted as the reader counts a file's: the mapping, its key, the list, the texts
    assert document_shape_problem({"questions": ["x"] * (MAX_VALUES - 3)}) is None
    assert document_shape_problem({"questions": ["x"] * (MAX_VALUES - 2)}) is not None
    assert document_shape_problem({"a": {"b": None}}) is None
    write_pack(studio.packs_dir)
    before = (studio.packs_dir / "hand-geo.yaml").read_bytes()
    revision = opened(studio, "hand-geo.yaml")["revision"]
    huge = {"title": "x", "questions": ["x"] * MAX_VALUES}
    for reply in (
        studio.client.post(studio.pack_url("hand-geo.yaml", "/check"), {"document": huge}),
        studio.client.put(
            studio.pack_url("hand-geo.yaml"), {"document": huge, "revision": revision}
        ),
    ):
        said = _refused_in_one_line(reply)
        assert said.startswith("the pack holds more than 600,000 values"), said
    assert (studio.packs_dir / "hand-geo.yaml").read_bytes() == before


def test_a_nul_in_an_upload_s_file_name_is_a_bad_request(studio: Studio) -> None:
    ref = studio.client.post("api/packs", {"title": "My Quiz", "language": "en"}).json()["ref"]
    for path in (studio.pack_url(ref, "/pictures"), "api/import"):
        reply = studio.client.upload(path, [("a\x00.png", png_bytes())])
        assert _refused_in_one_line(reply) == "The request cannot be read.", path
    assert sorted(p.name for p in studio.packs_dir.iterdir() if p.suffix == ".yaml") == [ref]
    assert studio.client.get("api/packs").status == 200  # and the studio goes on


def test_saving_an_empty_document_is_never_a_server_error(studio: Studio) -> None:
    """``{}`` (every field emptied) saves, or is refused in one line with the file as it
    was: never "Something went wrong"."""
    write_pack(studio.packs_dir)
    path = studio.packs_dir / "hand-geo.yaml"
    revision = opened(studio, "hand-geo.yaml")["revision"]
    for ref, sent_revision in (("hand-geo.yaml", revision), ("fresh.yaml", "")):
        before = path.read_bytes()
        reply = studio.client.put(studio.pack_url(ref), {"document": {}, "revision": sent_revision})
        assert reply.status in (200, 400), reply.body
        if reply.status == 400:
            _refused_in_one_line(reply)
            assert reply.json()["error"] == "not_written"
            assert path.read_bytes() == before
            assert not (studio.packs_dir / "fresh.yaml").exists() or ref != "fresh.yaml"
        else:
            assert opened(studio, ref)["document"] in ({}, None)


def test_a_save_over_a_pack_file_too_large_to_open_is_refused_unread(studio: Studio) -> None:
    """The loader reads at most 8 MiB; the studio showed the file's size as its problem and
    never opened it: a save over it is refused at once, the file untouched."""
    big = studio.packs_dir / "big.yaml"
    big.write_bytes(HAND_WRITTEN.encode("utf-8") + b"#" * (9 * 1024 * 1024))
    page = opened(studio, "big.yaml")
    assert page["document"] is None
    started = time.perf_counter()
    reply = studio.client.put(
        studio.pack_url("big.yaml"),
        {"document": {"clarity": "1", "title": "x"}, "revision": page["revision"]},
    )
    seconds = time.perf_counter() - started
    said = _refused_in_one_line(reply)
    assert said == "big.yaml: the file is 9 MiB; a pack file can be at most 8 MiB", said
    assert reply.json()["error"] == "too_large"
    assert big.stat().st_size > 9 * 1024 * 1024
    assert not (studio.packs_dir / ".studio-backups").exists()
    assert seconds < 10  # not a timing check: a refusal that read and patched 9 MiB hangs


def test_a_save_of_one_pack_never_waits_for_another(tmp_path: Path) -> None:
    """While one pack is being saved (its lock held, as a slow save holds it), saving
    another pack, making a new one and listing all go on; the first save then runs."""
    running, runner = start_studio(tmp_path)
    try:
        client = running.client
        write_pack(running.packs_dir, "one.yaml")
        write_pack(running.packs_dir, "two.yaml", HAND_WRITTEN.replace("hand-geo", "hand-two"))
        first, second = opened(running, "one.yaml"), opened(running, "two.yaml")
        lock = running.server._lock_of(running.workspace.resolve("one.yaml"))
        runner.run(lock.acquire())
        waiting: list[Any] = []
        document = copy.deepcopy(first["document"])
        document["title"] = "First"
        blocked = threading.Thread(
            target=lambda: waiting.append(
                client.put(
                    running.pack_url("one.yaml"),
                    {"document": document, "revision": first["revision"]},
                )
            ),
            daemon=True,
        )
        blocked.start()
        time.sleep(0.2)
        assert waiting == []  # that save waits for its pack
        other = copy.deepcopy(second["document"])
        other["title"] = "Second"
        reply = client.put(
            running.pack_url("two.yaml"), {"document": other, "revision": second["revision"]}
        )
        assert reply.status == 200, reply.body
        assert client.post("api/packs", {"title": "Third", "language": "en"}).status == 201
        assert client.get("api/packs").status == 200
        assert waiting == []
        # the first save goes on once its pack is free
        runner.loop.call_soon_threadsafe(lock.release)
        blocked.join(30)
        assert len(waiting) == 1
        assert waiting[0].status == 200, waiting[0].body
        assert opened(running, "one.yaml")["document"]["title"] == "First"
    finally:
        runner.run(running.server.close())
        runner.stop()


def test_checks_warn_about_characters_no_font_here_draws_as_validate_does(
    tmp_path: Path,
) -> None:
    """The studio's checks are ``clarity validate``'s, the warning about a character no
    font of this computer draws included; the fonts are looked up once per server."""
    from clarity.cli import drawable_by_this_computer
    from clarity.studio.checking import field_problems

    asked: list[int] = []

    def fonts() -> Any:
        asked.append(1)
        return drawable_by_this_computer()

    running, runner = start_studio(tmp_path / "s")
    try:
        running.server._fonts = fonts  # this server's fonts, counted
        write_pack(running.packs_dir)
        document = opened(running, "hand-geo.yaml")["document"]
        document["questions"][1]["prompt"] = "What is the capital of Poland? \u0378"
        check = running.pack_url("hand-geo.yaml", "/check")
        whole = running.client.post(check, {"document": document, "item": None}).json()
        one = running.client.post(check, {"document": document, "item": ["questions", 1]})
        item = one.json()
        for problems in (whole["problems"], item["problems"]):
            drawn = [p for p in problems if p["field"] == "questions[1].prompt"]
            assert len(drawn) == 1, problems
            assert drawn[0]["severity"] == "warning"
            assert "U+0378" in drawn[0]["text"]
            assert "cannot be drawn" in drawn[0]["text"]
        # the same as validate's, by the same code, on the file saved
        revision = opened(running, "hand-geo.yaml")["revision"]
        saved = running.client.put(
            running.pack_url("hand-geo.yaml"), {"document": document, "revision": revision}
        )
        assert saved.status == 200, saved.body
        validated = load_pack(
            running.packs_dir / "hand-geo.yaml",
            assets_dir=bundled_assets_dir(),
            can_draw=drawable_by_this_computer(),
        )
        said = field_problems(validated.warnings, running.server.translator)
        assert saved.json()["problems"] == [problem.to_json() for problem in said]
        listed = {p["ref"]: p for p in running.client.get("api/packs").json()["packs"]}
        assert listed["hand-geo.yaml"]["warnings"] == len(validated.warnings)
        assert asked == [1]
    finally:
        runner.run(running.server.close())
        runner.stop()


def test_the_page_declares_its_icon_so_the_browser_asks_for_no_favicon(studio: Studio) -> None:
    assert '<link rel="icon" href="data:,">' in studio.client.get("").text


def test_the_studio_ends_when_its_input_ends(tmp_path: Path) -> None:
    """``--exit-with-parent``: the loop is stopped when standard input reaches its end."""
    import asyncio

    from clarity.studio.server import stop_at_end_of_input

    read, write = os.pipe()

    async def watch() -> bool:
        stop = asyncio.Event()
        with os.fdopen(read, "rb") as stream:
            stop_at_end_of_input(stop, stream)
            await asyncio.sleep(0.1)
            assert not stop.is_set()  # input open: the studio goes on
            os.close(write)
            await asyncio.wait_for(stop.wait(), 10)
        return stop.is_set()

    assert asyncio.run(watch())


@pytest.mark.slow
def test_clarity_studio_exit_with_parent_ends_cleanly_when_its_input_closes(
    tmp_path: Path,
) -> None:
    # the command line the game starts its studio with
    with studio_process(studio_command(tmp_path / "d"), stdin=subprocess.PIPE) as child:
        assert child.stdout is not None
        assert child.stdin is not None
        assert child.stdout.readline().startswith("studio: http://127.0.0.1:")
        time.sleep(0.3)
        assert child.poll() is None  # its input open: it serves
        child.stdin.close()
        assert child.wait(20) == 0
        assert child.stderr is not None
        assert child.stderr.read() == ""  # no traceback: the server closed as on Ctrl+C


@pytest.mark.slow  # two interpreters start the game's launcher and the studio: some seconds
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX's")
def test_the_studio_of_a_game_killed_ends_with_it(tmp_path: Path) -> None:
    """A game killed (SIGKILL: no chance to end its studio) leaves no studio running: the
    studio's input pipe closes with the game, and the studio ends within seconds."""
    game = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from clarity.ui.studio_launch import Phase, StudioLauncher
        launcher = StudioLauncher.for_data_dir(Path({str(tmp_path / "data")!r}),
                                               open_browser=lambda url: True)
        launcher.start()
        for _ in range(600):
            if launcher.state.phase is Phase.RUNNING:
                break
            time.sleep(0.05)
        print(launcher.pid, launcher.state.phase.value, launcher.state.url, flush=True)
        time.sleep(600)
        """
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", game], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert parent.stdout is not None
        pid_text, phase, url = parent.stdout.readline().split()
        assert phase == "running", (phase, url)
        studio_pid = int(pid_text)
        import urllib.request

        with urllib.request.urlopen(url + "api/packs", timeout=30) as answer:
            assert answer.status == 200
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(studio_pid):
            time.sleep(0.1)
        assert not _alive(studio_pid), "the studio outlived the game"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def _alive(pid: int) -> bool:
    """Whether the process ``pid`` still runs (a zombie waiting for its reaper is ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat_file:
            return stat_file.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


# --- the problems are validate's, before and after a save -------------------------------------

#: A pack whose text misleads YAML: a `` #`` read as a comment cutting a prompt short, and
#: commas splitting items of ``[...]`` lists (warnings only the file's text shows).
# the shared case's pack as the core's tests write it, with a picture of its own folder
SILENT = CASE_16_PACK.replace("union_state/map.png", "pic.png")


def validate_lines(path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The problems ``clarity validate PATH`` prints, each without its place, sorted."""
    capsys.readouterr()
    cli.main(["validate", str(path), "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    place = re.compile(re.escape(str(path)) + r":\d+:\d+: ")
    return sorted(place.sub("", line) for line in out.splitlines() if place.match(line))


def as_lines(problems: list[dict[str, str]]) -> list[str]:
    """The studio's problems as validate words them after a problem's place, sorted."""
    lines = []
    for problem in problems:
        body = f"{problem['field']}: {problem['text']}" if problem["field"] else problem["text"]
        lines.append(f"warning: {body}" if problem["severity"] == "warning" else body)
    return sorted(lines)


def check(studio: Studio, ref: str, document: dict[str, Any], item: list[Any] | None = None):
    reply = studio.client.post(studio.pack_url(ref, "/check"), {"document": document, "item": item})
    assert reply.status == 200, reply.body
    return reply.json()["problems"]


def save(studio: Studio, ref: str, document: dict[str, Any], revision: str) -> dict[str, Any]:
    reply = studio.client.put(studio.pack_url(ref), {"document": document, "revision": revision})
    assert reply.status == 200, reply.body
    return reply.json()


def test_the_file_s_text_warnings_stay_through_checks_and_saves_as_validate_gives_them(
    studio: Studio, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_pack(studio.packs_dir, "silent.yaml", SILENT)
    (studio.packs_dir / "pic.png").write_bytes(png_bytes())
    validated = validate_lines(path, studio.data_dir, capsys)
    assert len(validated) == 4  # the comment, two commas, and the answer not a choice
    pack = opened(studio, "silent.yaml")
    assert as_lines(pack["problems"]) == validated
    document = pack["document"]

    # a keystroke in the title: the whole check still gives the file's text warnings
    document["title"] = "Test silent!"
    assert as_lines(check(studio, "silent.yaml", document)) == validated
    # and a keystroke in a question: that question's, its text warning included
    one = check(studio, "silent.yaml", document, ["questions", 0])
    assert as_lines(one) == [line for line in validated if line.startswith("warning: questions[0]")]
    saved = save(studio, "silent.yaml", document, pack["revision"])
    assert "title: Test silent!" in path.read_text(encoding="utf-8")
    assert as_lines(saved["problems"]) == validate_lines(path, studio.data_dir, capsys)
    assert as_lines(saved["problems"]) == validated

    # a question moved keeps its warning, on its new place, as the saved file shows
    document["questions"] = [*document["questions"][1:], document["questions"][0]]
    moved = as_lines(check(studio, "silent.yaml", document))
    assert any(line.startswith("warning: questions[2].prompt: YAML reads") for line in moved)
    saved = save(studio, "silent.yaml", document, saved["revision"])
    assert as_lines(saved["problems"]) == moved
    assert moved == validate_lines(path, studio.data_dir, capsys)

    # the prompt typed whole in the form: its warning goes, and the saved file agrees
    document["questions"][2]["prompt"] = "Which was the Beatles' first US #1 single?"
    fixed = as_lines(check(studio, "silent.yaml", document))
    assert not any(line.startswith("warning: questions[2].prompt") for line in fixed)
    assert len(fixed) == 3
    saved = save(studio, "silent.yaml", document, saved["revision"])
    assert as_lines(saved["problems"]) == fixed
    assert fixed == validate_lines(path, studio.data_dir, capsys)
    assert as_lines(opened(studio, "silent.yaml")["problems"]) == fixed


def discovered_problems(studio: Studio, ref: str) -> list[str]:
    """The problems the game's own pack discovery (``clarity packs``, the pack choice)
    gives the teacher's pack file ``ref``, as validate words them after their place."""
    from clarity.core.packs.loader import discover_packs

    loaded = discover_packs(
        [bundled_questions_dir(), studio.packs_dir], assets_dir=bundled_assets_dir()
    )
    (one,) = [pack for pack in loaded if pack.path == studio.packs_dir / ref]
    return sorted(problem.text(studio.server.translator) for problem in one.problems)


def test_a_pack_reusing_the_id_of_a_game_s_pack_has_the_game_s_error_in_the_editor(
    studio: Studio,
) -> None:
    bundled = bundled_questions_dir() / "solar_system.yaml"
    path = studio.packs_dir / "solar_system.yaml"
    path.write_bytes(bundled.read_bytes())  # copied by hand into the packs folder
    taken = f'"solar-system" is already used by {bundled}'
    expected = discovered_problems(studio, "solar_system.yaml")
    assert f"id: {taken}" in expected  # the game's discovery refuses it
    pack = opened(studio, "solar_system.yaml")
    assert as_lines(pack["problems"]) == expected
    assert {"field": "id", "severity": "error", "text": taken} in pack["problems"]
    document = pack["document"]
    document["title"] = "My Solar System"
    assert as_lines(check(studio, "solar_system.yaml", document)) == expected
    saved = save(studio, "solar_system.yaml", document, pack["revision"])
    assert as_lines(saved["problems"]) == discovered_problems(studio, "solar_system.yaml")
    assert {"field": "id", "severity": "error", "text": taken} in saved["problems"]
    listed = {p["ref"]: p for p in studio.client.get("api/packs").json()["packs"]}
    id_line = path.read_text(encoding="utf-8").splitlines().index("id: solar-system") + 1
    assert listed["solar_system.yaml"]["problem"] == f"solar_system.yaml:{id_line}:5: id: {taken}"
    # another id: no problem, as the game will find once it is saved
    document["id"] = "my-solar-system"
    assert check(studio, "solar_system.yaml", document) == []
    saved = save(studio, "solar_system.yaml", document, saved["revision"])
    assert saved["problems"] == discovered_problems(studio, "solar_system.yaml") == []


def test_of_two_own_packs_with_one_id_the_later_by_name_has_the_error_unless_the_first_is_broken(
    studio: Studio,
) -> None:
    write_pack(studio.packs_dir, "a-geo.yaml")
    write_pack(studio.packs_dir, "b-geo.yaml")
    first, second = opened(studio, "a-geo.yaml"), opened(studio, "b-geo.yaml")
    assert first["problems"] == [] == discovered_problems(studio, "a-geo.yaml")
    assert as_lines(second["problems"]) == discovered_problems(studio, "b-geo.yaml")
    taken = f'"hand-geo" is already used by {studio.packs_dir / "a-geo.yaml"}'
    assert second["problems"] == [{"field": "id", "severity": "error", "text": taken}]
    # the first broken: the game gives the id to the second (and says what is wrong)
    broken = first["document"]
    del broken["title"]
    save(studio, "a-geo.yaml", broken, first["revision"])
    assert check(studio, "b-geo.yaml", second["document"]) == []
    assert discovered_problems(studio, "b-geo.yaml") == []


def test_a_broken_pack_is_listed_as_its_file_writes_it_and_an_unreadable_one_says_so(
    studio: Studio,
) -> None:
    # a picture missing: the pack does not load, but its file reads
    text = HAND_WRITTEN.replace("union_state/belarus.png", "missing.png")
    write_pack(studio.packs_dir, "broken.yaml", text)
    write_pack(studio.packs_dir, "unreadable.yaml", "clarity: 1\ntitle: [Broken\n")
    listed = {pack["ref"]: pack for pack in studio.client.get("api/packs").json()["packs"]}
    broken, unreadable = listed["broken.yaml"], listed["unreadable.yaml"]
    assert broken["readable"] is True
    assert (broken["id"], broken["title"], broken["language"]) == (
        "hand-geo",
        "Geography: capitals",
        "en",
    )
    assert (broken["questions"], broken["rounds"]) == (4, 1)
    assert broken["errors"] == 1
    assert broken["problem"] == broken["problems"][0]
    assert broken["problem"].startswith("broken.yaml:10:12: rounds[0].image: ")
    assert unreadable["readable"] is False
    assert (unreadable["questions"], unreadable["rounds"]) == (None, None)
    assert unreadable["title"] == "unreadable"
    assert unreadable["problem"].startswith("unreadable.yaml:2:")
    valid = listed["bundled:solar_system.yaml"]
    assert valid["readable"] is True
    assert valid["problem"] is None
    assert valid["questions"] > 0


# --- a game that cannot start -----------------------------------------------------------------


def studio_starting_games(tmp_path: Path, spawn: Any, start_wait: float) -> tuple[Studio, Any]:
    """A studio whose games are started by ``spawn``, watched ``start_wait`` seconds."""
    running, runner = start_studio(tmp_path)
    running.server.spawn = spawn
    running.server.start_wait = start_wait
    return running, runner


class ScriptGames:
    """The games a studio starts, as real detached processes (:func:`start_detached`) that
    run ``code`` (Python source the test changes between starts) instead of the game; each
    one kept in ``started``, in order."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.started: list[Any] = []

    def __call__(self, command: list[str]) -> Any:
        started = start_detached([sys.executable, "-c", self.code])
        self.started.append(started)
        return started

    def end(self) -> None:
        """Every game still running killed and waited for (at most 20 s each)."""
        for game in self.started:
            if game.process.poll() is None:
                game.process.kill()
                game.process.wait(20)


def without_a_display() -> dict[str, str]:
    """This environment as on a computer with no display (an SSH session)."""
    gone = ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    return {name: value for name, value in os.environ.items() if name not in gone}


def test_a_studio_the_game_opened_points_to_that_game_instead_of_a_second_window(
    tmp_path: Path,
) -> None:
    commands: list[list[str]] = []
    running, runner = studio_starting_games(tmp_path, commands.append, start_wait=0.1)
    running.server.game_open = True
    try:
        write_pack(running.packs_dir)
        reply = running.client.post(running.pack_url("hand-geo.yaml", "/start"))
        assert reply.status == 409, reply.body
        said = reply.json()
        assert said["error"] == "game_open"
        assert said["message"].startswith("The game is already open on this computer: choose")
        assert commands == []  # no second game was started
    finally:
        runner.run(running.server.close())
        runner.stop()


def test_a_game_that_cannot_open_its_window_is_said_not_started_with_its_reason(
    tmp_path: Path,
) -> None:
    """A real game with no display, watched the studio's own time (long enough for the
    game to say so on a busy machine, where it takes 1.5 to 2.5 s)."""
    env = without_a_display()
    running, runner = studio_starting_games(
        tmp_path, lambda command: start_detached(command, env=env), start_wait=START_WAIT
    )
    try:
        write_pack(running.packs_dir)
        reply = running.client.post(running.pack_url("hand-geo.yaml", "/start"))
        assert reply.status == 400, reply.body
        assert reply.json() == {
            "error": "not_started",
            "message": "the game could not be started: cannot open the game window "
            "(no display was found)",
        }
    finally:
        runner.run(running.server.close())
        runner.stop()


def test_a_game_that_ends_at_once_is_said_with_its_last_line_and_one_that_runs_is_started(
    tmp_path: Path,
) -> None:
    games = ScriptGames("")
    running, runner = studio_starting_games(tmp_path, games, start_wait=0.5)
    try:
        write_pack(running.packs_dir)
        url = running.pack_url("hand-geo.yaml", "/start")
        games.code = "import sys; print('loading'); print('a', file=sys.stderr); 1 / 0"
        reply = running.client.post(url)
        assert reply.status == 400
        assert reply.json()["message"] == (
            "the game could not be started: ZeroDivisionError: division by zero"
        )
        games.code = "import sys; sys.exit(3)"  # nothing said
        assert running.client.post(url).json()["message"] == (
            "the game could not be started: it ended at once with the exit status 3"
        )
        games.code = "pass"  # ended well at once: started
        assert running.client.post(url).json() == {"started": True}
        games.code = "import time; time.sleep(60)"  # still running after the wait
        assert running.client.post(url).json() == {"started": True}
        assert games.started[-1].process.poll() is None
        assert games.started[-1].errors.closed
    finally:
        games.end()
        runner.run(running.server.close())
        runner.stop()


def test_a_picture_larger_than_the_game_shows_is_scaled_down_and_said_so(studio: Studio) -> None:
    from PIL import Image

    write_pack(studio.packs_dir)
    out = io.BytesIO()
    Image.linear_gradient("L").resize((4800, 3200)).save(out, "PNG")
    reply = studio.client.upload(
        studio.pack_url("hand-geo.yaml", "/pictures"), [("scan.png", out.getvalue())]
    )
    assert reply.status == 201, reply.body
    picture = reply.json()
    assert picture["image"] == "hand-geo/scan.png"
    assert (picture["width"], picture["height"]) == (4096, 2731)
    assert picture["note"] == (
        "scaled down from 4800x3200 to 4096x2731 pixels, the largest the game shows"
    )
    served = studio.client.get(picture["url"])
    assert served.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(served.body)) as kept:
        assert kept.size == (4096, 2731)
    # the pack naming it is valid: the game shows the picture
    document = opened(studio, "hand-geo.yaml")["document"]
    document["rounds"][0]["image"] = picture["image"]
    assert check(studio, "hand-geo.yaml", document) == []


@pytest.mark.slow  # a real game watched for its seconds
def test_a_game_being_watched_holds_up_no_other_request(tmp_path: Path) -> None:
    """While a started game is watched, the studio answers the teacher's other requests
    (its event loop is free); a game still running when the watch ends is started, and
    one that ends during it is told at once, not after the whole watch."""
    games = ScriptGames("import time; time.sleep(60)")
    running, runner = studio_starting_games(tmp_path, games, start_wait=3.0)
    try:
        write_pack(running.packs_dir)
        url = running.pack_url("hand-geo.yaml", "/start")
        finished: list[str] = []
        replies: dict[str, Any] = {}

        def start() -> None:
            replies["start"] = running.client.post(url)
            finished.append("start")

        starting = threading.Thread(target=start)
        starting.start()
        while not games:  # the game is being watched now
            time.sleep(0.01)
        for _ in range(3):
            assert running.client.get("api/form").status == 200
            assert running.client.get("api/packs").status == 200
        finished.append("others")
        starting.join(30)
        assert finished == ["others", "start"]
        assert replies["start"].json() == {"started": True}
        assert games.started[-1].process.poll() is None  # still running: started
        # a game ending during a long watch is told when it ends
        running.server.start_wait = 60.0
        games.code = "import sys, time; time.sleep(0.5); sys.exit('no window here')"
        began = time.monotonic()
        reply = running.client.post(url)
        assert reply.json()["message"] == "the game could not be started: no window here"
        assert time.monotonic() - began < 30  # not the 60 s watch
    finally:
        games.end()
        runner.run(running.server.close())
        runner.stop()


def test_deleting_a_pack_with_a_dropped_picture_takes_its_folder_and_undo_brings_it(
    studio: Studio,
) -> None:
    """The re-check's steps: a new pack, a picture dropped in, the pack deleted."""
    reply = studio.client.post("api/packs", {"title": "Pics", "language": "en"})
    ref = reply.json()["ref"]
    picture = studio.client.upload(studio.pack_url(ref, "/pictures"), [("g.png", png_bytes())])
    assert picture.status == 201
    kept = studio.packs_dir / picture.json()["image"]
    assert kept.is_file()
    undo = studio.client.delete(studio.pack_url(ref)).json()["undo"]
    assert not (studio.packs_dir / ref).exists()
    assert not kept.parent.exists()
    assert studio.client.post(f"api/undo/{undo}").json() == {"ref": ref}
    assert kept.read_bytes() == png_bytes()
    assert studio.client.get(studio.pack_url(ref)).status == 200
