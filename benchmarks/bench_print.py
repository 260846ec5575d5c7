"""How long a 1,000-question pack takes to print, and how much memory it takes: prints
figures, asserts nothing. The goal: each document under 10 s and 300 MB.

Writes a pack of 1,000 questions (the Union State pack's questions over and over, every
type it has, with a picture on every tenth question, a Cyrillic prompt on every fifth and
a long prompt on every seventh) to a temporary folder, then prints its flashcards, its
worksheet and its exam with the key, each in a fresh Python process (as ``clarity print``
runs), and prints the time the document took to build and write, and the process's peak
resident memory (``resource.getrusage``'s ``ru_maxrss``: the interpreter, fpdf2, the fonts
and the document).

    .venv/bin/python benchmarks/bench_print.py [--questions 1000] [--paper a4]
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

DOCUMENTS = ("flashcards", "worksheet", "exam")
LONG = (
    " Explain your answer with an example from the lesson, and say which treaty or "
    "institution it comes from, in a sentence or two."
)


def write_pack(folder: Path, count: int) -> Path:
    """A pack of ``count`` questions made from the Union State pack's; its path."""
    from clarity.resources import bundled_questions_dir

    source = yaml.safe_load(
        (bundled_questions_dir() / "union_state.yaml").read_text(encoding="utf-8")
    )
    pictures = [r["image"] for r in source["rounds"]]
    questions = []
    for index in range(count):
        question = copy.deepcopy(source["questions"][index % len(source["questions"])])
        question["id"] = f"{question['id']}-{index}"
        prompt = question["prompt"]
        if index % 5 == 0:
            prompt = f"Вопрос {index}: {prompt}"
        if index % 7 == 0:
            prompt += LONG
        question["prompt"] = prompt
        if index % 10 == 0:
            question["image"] = pictures[index % len(pictures)]
        questions.append(question)  # a copy each: the pack's YAML has no anchors
    pack = {**source, "id": "bench-print", "title": "Print benchmark", "questions": questions}
    path = folder / "bench_print.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def one(kind: str, pack_path: Path, target: Path, paper: str) -> None:
    """Print one document of the pack (in this process) and print a JSON line of figures."""
    import resource

    from clarity.core.packs.loader import load_pack
    from clarity.printing.document import PageStyle
    from clarity.resources import bundled_assets_dir

    loaded = load_pack(pack_path, assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, [str(p) for p in loaded.errors][:5]
    style = PageStyle(paper=paper)
    started = time.perf_counter()
    if kind == "flashcards":
        from clarity.printing.flashcards import flashcards

        document = flashcards(loaded.pack, loaded.images, style)
    elif kind == "worksheet":
        from clarity.printing.worksheet import worksheet

        document = worksheet(loaded.pack, loaded.images, style)
    else:
        from clarity.printing.worksheet import exam

        document = exam(loaded.pack, loaded.images, style, seed=1, key=True)
    built = time.perf_counter() - started
    document.save(target)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "questions": len(loaded.pack.questions),
                "pages": document.pdf.pages_count,
                "built": built,
                "seconds": seconds,
                "peak_mb": peak_kib / 1024,
                "size_mb": target.stat().st_size / 1e6,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--paper", default="a4", choices=("a4", "letter"))
    parser.add_argument(
        "--one", nargs=3, metavar=("KIND", "PACK", "TARGET"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        kind, pack, target = args.one
        one(kind, Path(pack), Path(target), args.paper)
        return
    with tempfile.TemporaryDirectory(prefix="clarity-bench-print-") as folder:
        pack = write_pack(Path(folder), args.questions)
        print(f"pack: {args.questions} questions, paper {args.paper}")
        print("document     pages   built    total   peak RSS   file")
        for kind in DOCUMENTS:
            target = Path(folder) / f"{kind}.pdf"
            result = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--paper",
                    args.paper,
                    "--one",
                    kind,
                    str(pack),
                    str(target),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                print(f"{kind:<11} failed: {result.stderr.strip().splitlines()[-1:]}")
                continue
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{kind:<11} {figures['pages']:6}  {figures['built']:5.1f} s  "
                f"{figures['seconds']:5.1f} s  {figures['peak_mb']:6.0f} MB  "
                f"{figures['size_mb']:5.1f} MB"
            )


if __name__ == "__main__":
    main()
