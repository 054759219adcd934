"""Start-up under a real X server: from exec to the story list's rows on screen, at 1k/10k/100k.

    python bench/startup_xvfb.py [--n 1000 10000 100000] [--reps 5] [--screenshot out.png]

The method of the peers' harness (RSS Guard and QuiteRSS were measured the same way): for each
run a fresh Xvfb (1600x1000x24, the display number chosen by the server), a fresh copy of the
cache (bench/generate.py's, in bench/.cache/search-N/) and `python -m reader --data-dir COPY` in
its own process group; t0 is taken just before exec.
  window_ms: t0 -> a viewable top-level window named "Steppe Reader" (XQueryTree, every 5 ms)
  painted_ms: t0 -> that window shows painted UI (sampled pixels that are not the background)
  rows_ms: t0 -> the list's area shows rows: the area (LIST_AREA, fractions of the window) holds
           text ink in at least MIN_ROWS separate bands, i.e. several rows are drawn
  settled_ms: t0 -> the last change of the whole window before it is quiet for 1 s
  rss_mb: resident memory of the process 3 s after the rows appeared
Only processes started here are ever signalled (SIGTERM to their group, SIGKILL after 5 s).
Stdlib only; libX11 through ctypes.
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import ctypes.util
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

SCREEN = (1600, 1000)
TITLE = "Steppe Reader"
# Where the story list sits in the window (x, y, width, height as fractions): the column right of
# the filter sidebar, below the toolbar. Any layout that puts rows there is measured the same way.
LIST_AREA = (0.17, 0.10, 0.20, 0.50)
MIN_ROWS = 4
TIMEOUT = 60.0

_x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
Window = ctypes.c_ulong


class _Attributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", Window), ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong), ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]  # fmt: skip


class _Image(ctypes.Structure):
    _fields_ = [
        ("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_char)), ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
    ]  # fmt: skip


_x11.XOpenDisplay.restype = ctypes.c_void_p
_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
_x11.XDefaultRootWindow.restype = Window
_x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_x11.XQueryTree.argtypes = [
    ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
    ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint),
]  # fmt: skip
_x11.XFree.argtypes = [ctypes.c_void_p]
_x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(_Attributes)]
_x11.XFetchName.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(ctypes.c_char_p)]
_x11.XGetImage.restype = ctypes.POINTER(_Image)
_x11.XGetImage.argtypes = [
    ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
]  # fmt: skip
_x11.XDestroyImage.argtypes = [ctypes.POINTER(_Image)]
# A window may vanish between XQueryTree and XGetWindowAttributes: ignore X errors.
_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_ignore = _HANDLER(lambda _d, _e: 0)
_x11.XSetErrorHandler.argtypes = [_HANDLER]
_x11.XSetErrorHandler(_ignore)


class Display:
    def __init__(self, name: str) -> None:
        deadline = time.monotonic() + 10
        self.dpy = None
        while self.dpy is None and time.monotonic() < deadline:
            self.dpy = _x11.XOpenDisplay(name.encode()) or None
            if self.dpy is None:
                time.sleep(0.05)
        if self.dpy is None:
            raise RuntimeError(f"cannot open display {name}")
        self.root = _x11.XDefaultRootWindow(self.dpy)

    def close(self) -> None:
        _x11.XCloseDisplay(self.dpy)

    def window(self, title: str) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) of a viewable top-level window whose name starts with `title`."""
        root, parent = Window(), Window()
        children = ctypes.POINTER(Window)()
        count = ctypes.c_uint()
        if not _x11.XQueryTree(self.dpy, self.root, root, parent, children, count):
            return None
        ids = [children[i] for i in range(count.value)]
        if children:
            _x11.XFree(children)
        for wid in ids:
            attrs = _Attributes()
            if not _x11.XGetWindowAttributes(self.dpy, wid, attrs) or attrs.map_state != 2:  # IsViewable
                continue
            name = ctypes.c_char_p()
            if _x11.XFetchName(self.dpy, wid, name) and name.value is not None:
                found = name.value.decode("utf-8", "replace")
                _x11.XFree(name)
                if found.startswith(title) and attrs.width >= 300 and attrs.height >= 200:
                    return attrs.x, attrs.y, attrs.width, attrs.height
        return None

    def grab(self, x: int, y: int, w: int, h: int) -> tuple[bytes, int]:
        """The 32-bit pixels of a screen rectangle, and the bytes of one line."""
        image = _x11.XGetImage(self.dpy, self.root, x, y, w, h, 0xFFFFFFFF, 2)  # ZPixmap
        if not image:
            return b"", 0
        try:
            return ctypes.string_at(
                image.contents.data, image.contents.bytes_per_line * h
            ), image.contents.bytes_per_line
        finally:
            _x11.XDestroyImage(image)


def ink(raw: bytes, stride: int = 11) -> float:
    """The share of sampled pixels that are not the most common colour (the background)."""
    if not raw:
        return 0.0
    pixels = memoryview(raw).cast("I")[::stride]
    return 1.0 - collections.Counter(pixels).most_common(1)[0][1] / max(1, len(pixels))


def row_bands(raw: bytes, line: int, width: int, height: int) -> int:
    """How many separate horizontal bands of the area hold text ink (rows drawn)."""
    if not raw:
        return 0
    pixels = memoryview(raw).cast("I")
    per_line = line // 4
    background = collections.Counter(pixels[:: max(1, len(pixels) // 5000)]).most_common(1)[0][0]
    bands, inside = 0, False
    for y in range(height):
        row = pixels[y * per_line : y * per_line + width : 3]
        inked = sum(1 for p in row if p != background) > max(2, len(row) // 100)
        if inked and not inside:
            bands += 1
        inside = inked
    return bands


class Xvfb:
    def __init__(self) -> None:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as answer:
            self.display = ":" + answer.readline().strip()
        if self.display == ":":
            stop(self.proc)
            raise RuntimeError("Xvfb did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the group this harness started, SIGKILL after 5 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one_run(cache: Path, screenshot: Path | None = None) -> dict[str, float]:
    server = Xvfb()
    display = Display(server.display)
    with tempfile.TemporaryDirectory(prefix="steppe-startup-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(cache, data, ignore=shutil.ignore_patterns("built", "window.ini"))
        # A returning user's start: the first-run welcome (reader/ui/welcome.py) already seen, so it
        # does not cover the list; the window's size and panels are the defaults.
        (data / "window.ini").write_text("[welcome]\nshown=true\n", encoding="utf-8")
        env = {**os.environ, "DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        result: dict[str, float] = {}
        t0 = time.monotonic()
        app = subprocess.Popen(
            [sys.executable, "-m", "reader", "--data-dir", str(data)],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            geometry = None
            while geometry is None:
                if time.monotonic() - t0 > TIMEOUT or app.poll() is not None:
                    raise RuntimeError("no window")
                geometry = display.window(TITLE)
                if geometry is None:
                    time.sleep(0.005)
            result["window_ms"] = (time.monotonic() - t0) * 1000
            x, y, w, h = geometry
            lx, ly = x + int(w * LIST_AREA[0]), y + int(h * LIST_AREA[1])
            lw, lh = int(w * LIST_AREA[2]), int(h * LIST_AREA[3])
            last_frame, last_change = b"", time.monotonic()
            while time.monotonic() - t0 < TIMEOUT:
                now = time.monotonic()
                if "painted_ms" not in result and ink(display.grab(x, y, w, h)[0]) > 0.02:
                    result["painted_ms"] = (now - t0) * 1000
                if "rows_ms" not in result:
                    raw, line = display.grab(lx, ly, lw, lh)
                    if row_bands(raw, line, lw, lh) >= MIN_ROWS:
                        result["rows_ms"] = (now - t0) * 1000
                        rows_at = now
                frame = display.grab(x, y, w, h)[0]
                if frame != last_frame:
                    last_frame, last_change = frame, now
                elif "rows_ms" in result and now - last_change >= 1.0 and now - rows_at >= 3.0:
                    break
                time.sleep(0.005)
            if "rows_ms" not in result:
                raise RuntimeError("no rows on screen")
            result["settled_ms"] = (last_change - t0) * 1000
            result["rss_mb"] = rss_mb(app.pid)
            if screenshot is not None:
                subprocess.run(
                    ["import", "-display", server.display, "-window", "root", str(screenshot)], check=False
                )
        finally:
            stop(app)
            display.close()
            stop(server.proc)
    return result


def versions() -> str:
    import PySide6

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    xvfb = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "xvfb"], capture_output=True, text=True
    ).stdout
    return (
        f"{cpu}, {os.cpu_count()} cores, Linux {platform.release()}; Python {platform.python_version()}, "
        f"PySide6 {PySide6.__version__}, Xvfb {xvfb or '?'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--screenshot", type=Path, help="a PNG of the screen at the end of the first run")
    args = parser.parse_args()
    from bench_search import byte_compiled, cache_for  # the generated caches

    byte_compiled()
    print(versions())
    print("\n| Steppe, N | window ms | painted ms | rows on screen ms | settled ms | RSS MB | runs |")
    print("|---|---|---|---|---|---|---|")
    missed = False
    for n in args.n:
        cache = cache_for(n)
        runs = []
        for rep in range(args.reps):
            try:
                runs.append(one_run(cache, args.screenshot if rep == 0 and n == args.n[0] else None))
            except RuntimeError as exc:
                print(f"  run {rep + 1} at {n:,}: {exc}", file=sys.stderr)

        def cell(key: str, digits: int = 0, runs: list[dict[str, float]] = runs) -> str:
            values = [r[key] for r in runs]
            if not values:
                return "-"
            return (
                f"{statistics.median(values):.{digits}f} [{min(values):.{digits}f}-{max(values):.{digits}f}]"
            )

        print(
            f"| {n:,} | {cell('window_ms')} | {cell('painted_ms')} | {cell('rows_ms')} | {cell('settled_ms')} "
            f"| {cell('rss_mb')} | {len(runs)}/{args.reps} |",
            flush=True,
        )
        if not runs or statistics.median(r["rows_ms"] for r in runs) > 600:
            missed = True
    print("\nTarget: exec -> rows on screen <= 600 ms at every size" + (" — MISSED" if missed else " — met"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
