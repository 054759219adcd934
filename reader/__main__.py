"""`python -m reader` does what `steppe` does."""

import sys

from reader.cli import main

sys.exit(main())
