"""Use cases that orchestrate ports: the work behind the data commands.

They take ports as arguments (the CLI builds them through ``entrypoints.bootstrap``), so
tests run them against fakes and the mock provider.
"""
