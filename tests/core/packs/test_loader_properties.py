"""Whatever a file holds, load_pack answers with problems and never raises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clarity.core.packs.loader import LoadedPack, PackLimits, load_pack

from ..image_bytes import png_bytes
from .test_loader import VALID

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One pack folder with the valid pack's picture, reused by every example."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "union_state").mkdir()
    (root / "union_state" / "map.png").write_bytes(png_bytes(8, 6))
    (root / "assets").mkdir()
    return root, root / "assets"


def load_bytes(place: tuple[Path, Path], data: bytes) -> LoadedPack:
    folder, assets = place
    path = folder / "pack.yaml"
    path.write_bytes(data)
    loaded = load_pack(path, assets_dir=assets, limits=PackLimits(max_bytes=64 * 1024))
    check_consistent(loaded)
    return loaded


def check_consistent(loaded: LoadedPack) -> None:
    assert (loaded.pack is not None) == loaded.ok
    for problem in loaded.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
        assert "Traceback" not in str(problem)
        assert "pydantic" not in str(problem)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(place: tuple[Path, Path], data: bytes) -> None:
    load_bytes(place, data)


@FAST
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#?,\n \t~0.%@`")), max_size=300))
def test_random_yaml_punctuation_never_raises(place: tuple[Path, Path], text: str) -> None:
    load_bytes(place, text.encode())


@FAST
@given(st.integers(min_value=0, max_value=len(VALID)))
def test_truncated_valid_pack_never_raises(place: tuple[Path, Path], cut: int) -> None:
    load_bytes(place, VALID[:cut].encode())


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "insert"]),
            st.integers(min_value=0, max_value=30),
            st.text(max_size=20),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_line_edits_of_a_valid_pack_never_raise(
    place: tuple[Path, Path], edits: list[tuple[str, int, str]]
) -> None:
    text_lines = VALID.splitlines()
    for action, place_number, words in edits:
        where = place_number % (len(text_lines) or 1)
        if action == "delete" and text_lines:
            del text_lines[where]
        elif action == "duplicate" and text_lines:
            text_lines.insert(where, text_lines[where])
        else:
            text_lines.insert(where, words)
    load_bytes(place, "\n".join(text_lines).encode("utf-8", "surrogatepass"))


# Values of every shape to drop into the pack's structure.
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_in(value, (*prefix, index))
    return found


@FAST
@given(st.data())
def test_structural_mutations_of_a_valid_pack_never_raise(
    place: tuple[Path, Path], data: st.DataObject
) -> None:
    pack = yaml.safe_load(VALID)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        paths = paths_in(pack)
        target = data.draw(st.sampled_from(paths))
        parent = pack
        for step in target[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()):
            del parent[target[-1]]  # drop a key or an item
        else:
            parent[target[-1]] = data.draw(ANY_VALUE)  # change the value's type
    text = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False)
    load_bytes(place, text.encode())
