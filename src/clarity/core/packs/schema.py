"""The JSON Schema of a pack file, generated from the models in :mod:`clarity.core.packs.models`.

``tools/make_schema.py`` writes it to ``schema/pack.schema.json`` for editors (the YAML
language server completes and checks a pack that names it); a test keeps the committed
file equal to what the models generate.
"""

from __future__ import annotations

import json
from typing import Any

from clarity.core.packs.models import FORMAT_VERSION, Pack

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def pack_json_schema() -> dict[str, Any]:
    """The schema as a dict, with a title and dialect for editors."""
    schema = _free_text_takes_any_scalar(Pack.model_json_schema(mode="validation"))
    return {
        "$schema": SCHEMA_DIALECT,
        "title": f"Clarity Challenge question pack (format {FORMAT_VERSION})",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def _free_text_takes_any_scalar(node: Any) -> Any:
    """Let free-text fields hold numbers and booleans too, as the loader does.

    The loader keeps every scalar as the text written, so ``answer: 1989`` is the text
    "1989"; an editor reading YAML 1.2 sees a number there and would flag it against a
    plain ``"type": "string"``. Text with a pattern (ids, grid, language) stays strict.
    """
    if isinstance(node, list):
        return [_free_text_takes_any_scalar(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _free_text_takes_any_scalar(value) for key, value in node.items()}
    if out.get("type") == "string" and not {"pattern", "const", "enum", "format"} & out.keys():
        out["type"] = ["string", "number", "boolean"]
    return out


def render_pack_schema() -> str:
    """The schema file's exact text: stable key order, two-space indent, final newline."""
    return json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
