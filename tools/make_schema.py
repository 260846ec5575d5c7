"""Write schema/pack.schema.json from the pack models (or check it with --check).

python tools/make_schema.py          # regenerate after changing clarity/core/packs/models.py
python tools/make_schema.py --check  # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clarity.core.packs.schema import render_pack_schema

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "pack.schema.json"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    text = render_pack_schema()
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else None
    if args.check:
        if current != text:
            print(f"{SCHEMA_PATH} is out of date; run python tools/make_schema.py")
            return 1
        print(f"{SCHEMA_PATH} is up to date")
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
