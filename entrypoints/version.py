"""The installed distribution's version: shown by ``ta --version``, recorded in datasets."""


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trade-analyst")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
