"""Pack files on disk for the menu and launch tests: valid, broken, and many of them."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import yaml


def write_png(path: Path, width: int = 64, height: int = 48) -> Path:
    """A small valid PNG of one colour, written with the standard library only."""
    row = b"\x00" + bytes((200, 120, 40)) * width
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def write_pack(
    folder: Path,
    pack_id: str,
    *,
    title: str | None = None,
    description: str = "A pack written by the tests.",
    questions: int = 12,
    grid: str = "3x4",
    answer: str = "Lighthouse",
    rounds: int = 1,
) -> Path:
    """A valid pack of choice questions (the right choice is always "right") and its image."""
    folder.mkdir(parents=True, exist_ok=True)
    image = f"{pack_id}.png"
    write_png(folder / image)
    data = {
        "clarity": 1,
        "id": pack_id,
        "title": title or pack_id.replace("-", " ").title(),
        "description": description,
        "rounds": [{"image": image, "answer": answer, "grid": grid} for _ in range(rounds)],
        "questions": [
            {
                "id": f"q{i}",
                "type": "choice",
                "prompt": f"Question number {i}?",
                "choices": ["wrong", "right", "also wrong"],
                "answer": "right",
            }
            for i in range(questions)
        ],
    }
    path = folder / f"{pack_id}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def write_broken_pack(folder: Path, name: str = "broken") -> Path:
    """A pack whose only question's answer is not among its choices."""
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / f"{name}.png")
    path = folder / f"{name}.yaml"
    path.write_text(
        "clarity: 1\n"
        f"id: {name}\n"
        "title: Broken pack\n"
        "description: It has a mistake.\n"
        "rounds:\n"
        f"  - image: {name}.png\n"
        "    answer: Nothing\n"
        "questions:\n"
        "  - type: choice\n"
        "    prompt: Which one?\n"
        "    choices: [one, two]\n"
        "    answer: three\n",
        encoding="utf-8",
    )
    return path
