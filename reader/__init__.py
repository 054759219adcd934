"""Steppe Reader: a desktop news reader for Central Asia."""

__version__ = "0.1.0"
