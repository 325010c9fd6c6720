"""Published JSON Schemas of the documents ``ta`` prints, shipped as package data."""

import json
from importlib import resources

__all__ = ["load_schema"]


def load_schema(name: str) -> dict[str, object]:
    """The JSON Schema ``<name>.json`` of this package (e.g. ``levels.v1``)."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    document: dict[str, object] = json.loads(text)
    return document
