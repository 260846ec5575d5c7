"""How long the Teacher Studio takes to open a 1,000-question pack and to check it as the
teacher types: prints figures, asserts nothing. The issue's goal: a keystroke's problems
well under 100 ms.

Builds the pack in a temporary folder from the bundled Union State pack's questions,
deep-copied with new ids until there are 1,000 (its rounds' pictures resolve in the game's
assets, as the bundled pack's do), then times:

- ``open_document`` (the file read and composed into the document), and the JSON the
  server sends of it and reads back with each check request (the page sends the document);
- ``check_document`` (every problem of the pack: the full check the page runs when the typing
  pauses), first with no picture checked yet, then with the studio's picture checks kept;
- ``check_item`` for 50 keystrokes, each adding a letter to a question's prompt (a question
  chosen at random), and 50 on a round's answer: median and 95th percentile;
- ``load_pack`` of the same file (``clarity validate``'s check) to compare;
- saving a one-field edit (a question's prompt) with ``save_document``, of that pack and of
  the bundled Union State pack: the new text alone (``document_bytes``: ruamel.yaml's
  round-trip parse for the positions, the text edits, the loader's composer reading the
  result back) and the whole save (with the backup and the atomic write's fsyncs), and an
  unchanged save (nothing written).

    .venv/bin/python benchmarks/bench_studio.py [--questions 1000] [--keystrokes 50]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from clarity.core.packs.loader import load_pack
from clarity.core.packs.picture_decoding import PictureChecks
from clarity.i18n import Translator
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.checking import check_document, check_item
from clarity.studio.documents import open_document, revision_of
from clarity.studio.roundtrip import document_bytes, save_document


def build_pack(folder: Path, questions: int) -> Path:
    """A pack of ``questions`` questions made from the Union State pack's, each copy with an
    id of its own, written as YAML the loader reads back as the same text."""
    source = open_document(bundled_questions_dir() / "union_state.yaml")
    originals = source["questions"]
    made: list[dict[str, Any]] = []
    for number in range(questions):
        question = copy.deepcopy(originals[number % len(originals)])
        question["id"] = f"q{number + 1}"
        made.append(question)
    source["id"] = "union-state-1000"
    source["title"] = f"The Union State, {questions} questions"
    source["questions"] = made
    path = folder / "union-state-1000.yaml"
    path.write_text(
        yaml.safe_dump(source, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    return path


def timed(run: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return (time.perf_counter() - started) * 1000, result


def median_of(runs: int, run: Callable[[], object]) -> float:
    return statistics.median(timed(run)[0] for _ in range(runs))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def bench_saving(label: str, source: Path, folder: Path, runs: int = 5) -> None:
    """Print the times to save a one-field edit of the pack file ``source`` (a copy)."""
    path = folder / f"saving-{source.name}"
    shutil.copyfile(source, path)
    backups = folder / ".studio-backups"
    document = open_document(path)
    old = path.read_bytes()
    edits: list[dict[str, Any]] = []
    for number in range(runs):
        edited = copy.deepcopy(document)
        edited["questions"][len(edited["questions"]) // 2]["prompt"] += f" ({number})"
        edits.append(edited)
    bytes_ms = statistics.median(
        timed(lambda one=one: document_bytes(old, one))[0] for one in edits
    )
    saves = []
    for one in edits:
        revision = revision_of(path)
        saves.append(
            timed(
                lambda one=one, revision=revision: save_document(
                    path, one, expected_revision=revision, backups_dir=backups
                )
            )[0]
        )
    final = open_document(path)
    same_ms = median_of(
        3,
        lambda: save_document(
            path, final, expected_revision=revision_of(path), backups_dir=backups
        ),
    )
    print(f"saving a prompt edit, {label}")
    print(f"  the new text (document_bytes)    {bytes_ms:8.1f} ms (median of {runs})")
    print(
        f"  the whole save (backup, fsync)   {statistics.median(saves):8.1f} ms (median of {runs})"
    )
    print(f"  an unchanged save                {same_ms:8.1f} ms (median of 3)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1_000)
    parser.add_argument("--keystrokes", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="clarity-bench-studio-"))
    translator = Translator("en")
    assets = bundled_assets_dir()
    try:
        path = build_pack(folder, args.questions)
        size = path.stat().st_size
        print(f"pack: {args.questions:,} questions, {size / 1024:.0f} KiB of YAML")

        open_ms = median_of(5, lambda: open_document(path))
        document = open_document(path)
        text = json.dumps(document, ensure_ascii=False)
        dumps_ms = median_of(5, lambda: json.dumps(document, ensure_ascii=False))
        loads_ms = median_of(5, lambda: json.loads(text))
        print(f"open_document                      {open_ms:8.1f} ms (median of 5)")
        print(f"document as JSON (sent)            {dumps_ms:8.1f} ms, {len(text) / 1024:.0f} KiB")
        print(f"JSON read back (each check)        {loads_ms:8.1f} ms")

        pictures = PictureChecks()
        options: dict[str, Any] = {
            "pack_dir": folder,
            "assets_dir": assets,
            "translator": translator,
            "pictures": pictures,
        }
        first_ms, problems = timed(lambda: check_document(document, **options))
        full_ms = median_of(5, lambda: check_document(document, **options))
        load_ms = median_of(3, lambda: load_pack(path, assets_dir=assets))
        count = len(problems)  # type: ignore[arg-type]
        print(f"check_document, pictures unchecked {first_ms:8.1f} ms ({count} problems)")
        print(f"check_document, pictures kept      {full_ms:8.1f} ms (median of 5)")
        print(f"load_pack (clarity validate)       {load_ms:8.1f} ms (median of 3)")

        chosen = random.Random(17)
        for section, field in (("questions", "prompt"), ("rounds", "answer")):
            items = document[section]
            times: list[float] = []
            cpu: list[float] = []
            for _ in range(args.keystrokes):
                index = chosen.randrange(len(items))
                items[index][field] += chosen.choice("abcdefghij ")
                started = time.thread_time()
                elapsed, _ = timed(
                    lambda section=section, index=index: check_item(
                        document, section, index, **options
                    )
                )
                cpu.append((time.thread_time() - started) * 1000)
                times.append(elapsed)
            print(
                f"check_item, a {section[:-1]}'s {field:<14}"
                f"   median {statistics.median(times):5.2f} ms, p95 {p95(times):5.2f} ms,"
                f" max {max(times):5.2f} ms ({args.keystrokes} keystrokes)"
            )
            print(
                f"  the same in this thread's CPU time  median {statistics.median(cpu):5.2f} ms,"
                f" p95 {p95(cpu):5.2f} ms (the rest is waiting for a busy computer)"
            )
        print(f"pictures decoded: {pictures.checked}")
        bench_saving(f"{args.questions:,} questions ({size / 1024:.0f} KiB)", path, folder)
        bundled = bundled_questions_dir() / "union_state.yaml"
        size = bundled.stat().st_size
        bench_saving(f"the bundled union_state pack ({size / 1024:.1f} KiB)", bundled, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
