"""The Qt-free domain of Steppe Reader: storage, search, rates, bundled data.

Nothing under this package may import PySide6 (tests/core/test_layering.py checks it), so the
command line and the tests use it without a display.
"""
