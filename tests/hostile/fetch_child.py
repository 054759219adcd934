"""Run in a child process by test_memory.py: fetch one URL with the app's client at its real
limits (the sync's, or the rates' with --rates) and print what happened as JSON. The parent
reads this process's peak RSS."""

from __future__ import annotations

import json
import sys

from reader.core.http import FetchError, HttpClient
from reader.core.ratesync import RATE_LIMITS
from reader.core.sync.fetch import FetchConfig


def main(argv: list[str]) -> int:
    url = argv[0]
    limits = RATE_LIMITS if "--rates" in argv else FetchConfig()
    with HttpClient(limits) as client:
        try:
            body = client.get(url).body
        except FetchError as error:
            print(json.dumps({"kind": error.kind, "cause": error.cause}))
        else:
            print(json.dumps({"kind": None, "size": len(body)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
