"""The field-reference page, generated from the JSON Schema itself."""

from __future__ import annotations

from . import md
from .safe import Md


def _type(spec: dict, defs: dict) -> str:
    if "$ref" in spec:
        name = spec["$ref"].split("/")[-1]
        return {
            "date": "date (YYYY, YYYY-MM or YYYY-MM-DD)",
            "url": "URL",
            "state": "state code",
            "action": "action",
        }.get(name, name)
    if "enum" in spec:
        return "one of: " + ", ".join(f"`{v}`" for v in spec["enum"])
    if spec.get("type") == "array":
        return "list of " + _type(spec.get("items", {}), defs)
    return spec.get("type", "")


def _fields(props: dict, required: list[str], defs: dict) -> str:
    rows = []
    for name, spec in props.items():
        desc = spec.get("description", "")
        if "$ref" in spec and not desc:
            desc = defs.get(spec["$ref"].split("/")[-1], {}).get("description", "")
        # The schema is part of the code, not contributed data: its Markdown (`code`) is ours.
        rows.append([Md(f"`{name}`"), "yes" if name in required else "", Md(_type(spec, defs)), Md(desc)])
    return md.table(["Field", "Required", "Type", "Meaning"], rows) + "\n"


def render(schema: dict) -> str:
    defs = schema.get("$defs", {})
    out = md.front_matter("Field reference", description="Every field of an instrument file", boost=1)
    out += f"# Field reference\n\n{schema.get('description', '')}\n\n"
    out += "This page is generated from [the JSON Schema](../schema/instrument.schema.json), the same file the "
    out += "validator uses and editors read through the `# yaml-language-server: $schema=` line.\n\n"
    out += "## Instrument fields\n\n" + _fields(schema["properties"], schema.get("required", []), defs)
    for name, spec in schema["properties"].items():
        items = spec.get("items", spec)
        if isinstance(items, dict) and "properties" in items:
            out += f"## `{name}` entries\n\n" + _fields(items["properties"], items.get("required", []), defs)
            for sub, subspec in items["properties"].items():  # a nested object, such as a source's `via`
                if "properties" in subspec:
                    out += f"### `{name}` entries: `{sub}`\n\n{subspec.get('description', '')}\n\n"
                    out += _fields(subspec["properties"], subspec.get("required", []), defs)
    action = defs["action"]
    out += "## Participation actions\n\n" + _fields(action["properties"], action.get("required", []), defs)
    if declaration := defs.get("declaration"):
        out += "## Declarations, reservations and objections\n\n"
        out += _fields(declaration["properties"], declaration.get("required", []), defs)
    return out
