"""The README works as written for a newcomer: it says how to run ``clarity`` after the
install, and its example pack, copied as it stands, is a valid pack."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from clarity import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
INSTALL = ".venv/bin/pip install ."


def readme() -> str:
    return README.read_text(encoding="utf-8")


def example_pack() -> str:
    """The README's one YAML block that is a whole pack (its first key is ``clarity: 1``)."""
    blocks = re.findall(r"^```yaml\n(.*?)^```$", readme(), flags=re.DOTALL | re.MULTILINE)
    packs = [block for block in blocks if re.search(r"^clarity: 1$", block, flags=re.MULTILINE)]
    assert len(packs) == 1, f"{len(packs)} example packs in the README"
    return packs[0]


def test_the_example_pack_validates_as_it_stands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "capitals.yaml"  # the name the README gives it
    pack.write_text(example_pack(), encoding="utf-8")
    status = cli.main(["validate", str(pack), "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr().out.splitlines()
    assert (status, out) == (0, ["1 pack checked: 1 valid, 0 with errors, 0 warnings"])


def test_the_example_pack_in_the_packs_folder_is_listed_as_playable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    (data / "packs").mkdir(parents=True)
    (data / "packs" / "capitals.yaml").write_text(example_pack(), encoding="utf-8")
    assert cli.main(["packs", "--data-dir", str(data)]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()}
    assert rows["capitals"] == ["Capital", "Cities", "1", "round,", "3", "questions"]


def test_after_the_install_the_readme_says_how_to_run_clarity() -> None:
    text = readme()
    installed_at = text.index(INSTALL)
    # the first command line that starts with plain `clarity`, after the install
    first_plain = re.compile(r"^clarity\b", flags=re.MULTILINE).search(text, installed_at)
    assert first_plain is not None
    before_it = text[installed_at : first_plain.start()]
    assert ".venv/bin/clarity" in before_it  # by its path
    assert "source .venv/bin/activate" in before_it  # or by name, once activated
    assert r".venv\Scripts\activate" in before_it  # and on Windows


def test_the_command_the_readme_names_is_the_installed_script() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "clarity" in project["project"]["scripts"]


@pytest.mark.skipif(
    sys.platform == "win32" or sys.prefix == sys.base_prefix, reason="a POSIX virtual environment"
)
def test_a_virtual_environment_has_the_activate_script_the_readme_names() -> None:
    assert (Path(sys.prefix) / "bin" / "activate").is_file()
