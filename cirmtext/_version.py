"""The package version, the single source for pyproject and ``cirmtext --version``."""

__version__ = "0.1.0"
