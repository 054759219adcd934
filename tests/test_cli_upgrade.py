"""The command line upgrading a cache from an older version: one line on stderr, then the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.upgrade import pending_upgrade
from tests.helpers import cache_at_0008


def test_a_command_on_an_0008_cache_says_it_upgrades_once_then_runs(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = cache_at_0008(data_dir, 600)
    stories = sum(1 for (table, _), pair in before.items() if table == "story" and any(pair))
    capsys.readouterr()

    assert main(["--data-dir", str(data_dir), "stories", "--limit", "1", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"Upgrading the story cache (one time)… {stories:,} stories"]
    (story,) = json.loads(out)
    assert story["title"].startswith("Upgrade story")
    assert pending_upgrade(data_dir) is None

    assert main(["--data-dir", str(data_dir), "stories", "--limit", "1", "--json"]) == 0
    assert capsys.readouterr().err == ""  # once only
