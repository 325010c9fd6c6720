"""``ta options ...``: statistics of an underlying's option chain."""

from cyclopts import App

options_app = App(name="options", help="Options statistics of an underlying's chain.")
