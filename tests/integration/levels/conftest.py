"""Shared by the levels and indicators tests: the shipped levels.v1 schema as a validator."""

import jsonschema
import pytest

from trade_analyst.entrypoints.schemas import load_schema


@pytest.fixture(scope="session")
def levels_v1():
    """A validator of the levels.v1 JSON Schema as shipped in the package."""
    schema = load_schema("levels.v1")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
