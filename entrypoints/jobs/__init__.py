"""Use cases that orchestrate ports: the work behind the data commands and the Python API.

They take ports as arguments (the CLI and the API build them through
``entrypoints.bootstrap``), so tests run them against fakes and the mock provider.
"""
