"""The wheel carries resources/ and db/: an installed `steppe` works from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_runs_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("steppe_reader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reader/_bundled/resources/data/sample_stories.json" in names
    assert "reader/_bundled/resources/data/usd-rates-history.csv" in names
    assert "reader/_bundled/db/env.py" in names
    assert any(n.startswith("reader/_bundled/db/versions/0001_") for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "STEPPE_DATA_DIR": str(tmp_path / "data")}
    where = subprocess.run(
        [sys.executable, "-c", "import reader.core.paths as p; print(p.resources_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(target))
    rates = subprocess.run(
        [str(target / "bin" / "steppe"), "rates", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert [r["currency"] for r in json.loads(rates.stdout)] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    stories = subprocess.run(
        [str(target / "bin" / "steppe"), "stories", "--count"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert int(stories.stdout) >= 40
