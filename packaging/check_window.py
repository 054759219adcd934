"""Check that a built app opens its window: run it on a fresh data folder under an X server,
wait for the "Steppe Reader" window, let the start-up work finish (the chart's data, the first
rates refresh), optionally screenshot the screen, then Ctrl-C it as a user in the terminal would.
It fails if no window appears, if anything is printed as a traceback, or if the app does not
quit cleanly. `make dist` runs it on dist/steppe-reader/ where xvfb-run and xwininfo exist:

    xvfb-run -a -s "-screen 0 1600x1000x24" python3 packaging/check_window.py dist/steppe-reader/steppe-reader
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = '"Steppe Reader"'


def window_shown() -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False).stdout
    return any(TITLE in line and "x" in line.split(TITLE)[-1] for line in tree.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="the executable (dist/steppe-reader/steppe-reader)")
    parser.add_argument("--screenshot", type=Path, help="save the screen here (ImageMagick's import)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the window")
    parser.add_argument("--settle", type=float, default=6.0, help="seconds to let start-up work finish")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("check_window: no DISPLAY; run it under xvfb-run", file=sys.stderr)
        return 2
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}  # the real X11 plugin
    with tempfile.TemporaryDirectory(prefix="steppe-window-") as data, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        app = subprocess.Popen(
            [str(args.app.resolve()), "--data-dir", data], env=env, stdout=subprocess.DEVNULL, stderr=err
        )
        try:
            while not window_shown():
                if app.poll() is not None:
                    err.seek(0)
                    print(
                        f"check_window: the app exited ({app.returncode}) before its window showed:\n{err.read()}"
                    )
                    return 1
                if time.monotonic() - started > args.timeout:
                    print(f"check_window: no window after {args.timeout:.0f} s")
                    return 1
                time.sleep(0.2)
            shown = time.monotonic() - started
            time.sleep(args.settle)
            if args.screenshot:
                subprocess.run(["import", "-window", "root", str(args.screenshot)], check=True)
            app.send_signal(signal.SIGINT)  # the window closes as Quit would; exit status 130
            code = app.wait(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
        err.seek(0)
        errors = err.read()
    if "Traceback" in errors or code not in (0, 130):
        print(f"check_window: exit status {code}; stderr:\n{errors}")
        return 1
    print(f"check_window: the window showed after {shown:.1f} s and closed cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
