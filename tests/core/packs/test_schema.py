"""The published JSON Schema stays what the pack models generate."""

from __future__ import annotations

import json
from pathlib import Path

from clarity.core.packs.schema import pack_json_schema, render_pack_schema

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "schema" / "pack.schema.json"


def test_committed_schema_equals_what_the_models_generate() -> None:
    # If this fails after a model change: python tools/make_schema.py
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_pack_schema()


def test_schema_describes_the_format_for_editors() -> None:
    schema = pack_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["clarity"]["const"] == 1
    assert set(schema["required"]) >= {"clarity", "id", "title", "rounds", "questions"}
    assert schema["additionalProperties"] is False
    grid = schema["$defs"]["Mystery"]["properties"]["grid"]
    assert grid["type"] == "string"  # written as "4x5", not as the Grid object
    assert "$ref" not in grid
    tags = schema["properties"]["questions"]["items"]["discriminator"]["mapping"]
    assert sorted(tags) == ["choice", "number", "truefalse", "typed"]


def test_free_text_accepts_numbers_because_the_loader_reads_them_as_text() -> None:
    typed = pack_json_schema()["$defs"]["TypedQuestion"]["properties"]
    assert typed["answer"]["type"] == ["string", "number", "boolean"]
    assert json.dumps(typed["id"]).count('"pattern"') == 1  # ids stay strict
