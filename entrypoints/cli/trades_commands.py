"""``ta trades ...``: trade-flow analytics over files of trades and quotes."""

from cyclopts import App

trades_app = App(name="trades", help="Trade-flow analytics over trade and quote files.")
