"""`python -m reader` does what `steppe` does."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
