"""`python main.py` does what `steppe` does (handy from a source checkout)."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
