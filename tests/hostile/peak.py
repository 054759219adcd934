"""Run a command and report its peak RSS: `python tests/hostile/peak.py CMD ARGS...`.

The command's output passes through; its exit code is ours; its peak RSS (from wait4, in KiB) is
the last line on stderr, "peak-rss-kib N". A launcher of its own, because Linux counts a forked
child's peak from its parent's size at the fork: from pytest (~100 MB) every child would seem
to need at least that. This launcher imports nothing beyond os and sys, so the floor it adds is
its own few MB.
"""

import os
import sys


def main() -> int:
    pid = os.fork()
    if pid == 0:  # the child: become the command
        try:
            os.execvp(sys.argv[1], sys.argv[1:])
        finally:
            os._exit(127)
    _pid, status, usage = os.wait4(pid, 0)
    kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
    sys.stderr.write(f"\npeak-rss-kib {kib}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
