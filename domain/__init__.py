"""The pure core of trade-analyst: symbols, calendars, futures, validation.

Imports only the standard library and attrs. Nothing here performs I/O, reads the
clock or the environment, or logs; time always comes in as an argument.
"""
