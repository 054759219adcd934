"""The command line, run as a user runs it: a real process on a real data folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader import __version__


def steppe(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def steppe_json(data_dir: Path, *args: str) -> Any:
    return json.loads(steppe(data_dir, *args, "--json").stdout)


def test_version(tmp_path: Path) -> None:
    assert steppe(tmp_path, "--version").stdout.strip() == f"steppe {__version__}"


def test_stories_json_lists_the_bundled_stories_with_the_contract_fields(data_dir: Path) -> None:
    stories = steppe_json(data_dir, "stories", "--limit", "500")
    assert len(stories) >= 40
    assert {c for s in stories for c in s["countries"]} == {"KZ", "KG", "TJ", "TM", "UZ"}
    for story in stories:
        assert {"id", "title", "url", "source", "published_at", "countries", "sections", "is_read",
                "is_bookmarked"} <= story.keys()  # fmt: skip
        assert story["published_at"].endswith("Z")
        assert "snippet" not in story
    dates = [s["published_at"] for s in stories]
    assert dates == sorted(dates, reverse=True)
    assert steppe_json(data_dir, "stories", "--count") == {"count": len(stories)}


def test_search_finds_a_body_only_word_and_adds_a_snippet(data_dir: Path) -> None:
    (found,) = steppe_json(data_dir, "stories", "--search", "saxaul")
    assert "saxaul" not in found["title"].lower()
    assert "<b>saxaul</b>" in found["snippet"].lower()
    shown = steppe_json(data_dir, "show", str(found["id"]))
    assert "saxaul" in shown["content_text"].lower()
    assert {"author", "summary", "content_html", "content_text"} <= shown.keys()


def test_filters_combine(data_dir: Path) -> None:
    kz = steppe_json(data_dir, "stories", "--country", "KZ", "--limit", "500")
    kz_economy = steppe_json(data_dir, "stories", "--country", "kz", "--section", "economy", "--limit", "500")
    assert kz and all("KZ" in s["countries"] for s in kz)
    assert 0 < len(kz_economy) < len(kz)
    assert all("Economy" in s["sections"] for s in kz_economy)
    ranged = steppe_json(
        data_dir, "stories", "--since", "2025-01-01", "--until", "2025-12-31", "--limit", "500"
    )
    assert ranged and all(s["published_at"].startswith("2025-") for s in ranged)


def test_read_and_bookmark_change_state(data_dir: Path) -> None:
    first = steppe_json(data_dir, "stories", "--limit", "1")[0]
    steppe(data_dir, "read", str(first["id"]))
    steppe(data_dir, "bookmark", str(first["id"]), "--note", "follow up")
    shown = steppe_json(data_dir, "show", str(first["id"]))
    assert shown["is_read"] and shown["is_bookmarked"] and shown["bookmark_note"] == "follow up"
    assert [s["id"] for s in steppe_json(data_dir, "stories", "--bookmarked")] == [first["id"]]
    assert first["id"] not in [
        s["id"] for s in steppe_json(data_dir, "stories", "--unread", "--limit", "500")
    ]
    steppe(data_dir, "bookmark", str(first["id"]), "--remove")
    steppe(data_dir, "read", str(first["id"]), "--unread")
    shown = steppe_json(data_dir, "show", str(first["id"]))
    assert not shown["is_read"] and not shown["is_bookmarked"]


def test_rates_json_gives_the_five_currencies_as_of_the_last_bundled_day(data_dir: Path) -> None:
    rates = steppe_json(data_dir, "rates")
    assert [r["currency"] for r in rates] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    for rate in rates:
        assert rate["as_of"] == "2026-09-29"
        assert rate["usd_per_unit"] == pytest.approx(1 / rate["units_per_usd"])
        assert rate["provider"] == "exchange-api"
        assert isinstance(rate["change_pct"], float)
    text = steppe(data_dir, "rates").stdout
    assert "TMT/USD = 0.2857" in text and "exchange-api (fawazahmed0, CC0)" in text


def test_rates_history(data_dir: Path) -> None:
    history = steppe_json(data_dir, "rates", "history", "KZT", "--since", "2026-01-01")
    assert history["currency"] == "KZT"
    assert history["points"] and all(p["date"] >= "2026-01-01" for p in history["points"])
    assert history["points"][-1]["date"] == "2026-09-29"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("stories", "--search", '"unclosed'), "quotation mark"),
        (("show", "999999"), "No story with id 999999"),
        (("rates", "--currency", "XYZ"), "XYZ"),
        (("stories", "--country", "FR"), "unknown country"),
        (("stories", "--since", "yesterday"), "not a date"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_code_2(
    data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    result = steppe(data_dir, *args, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_database_is_reported_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "steppe.sqlite3"
    db.write_bytes(b"\x00garbage" * 1000)
    result = steppe(tmp_path, "stories", check=False)
    assert result.returncode == 2
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == b"\x00garbage" * 1000


def test_settings_list_get_set_reset_and_refuse(data_dir: Path) -> None:
    listed = {row["name"]: row for row in steppe_json(data_dir, "settings", "list")}
    assert listed["sync.interval_minutes"]["value"] == 60 and listed["sync.interval_minutes"]["is_default"]
    assert "from 5 to 1440" in listed["rates.refresh_minutes"]["type"]
    assert listed["rates.sidebar_currencies"]["value"] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    assert set(listed) >= {"sync.retention_days", "rates.providers", "rates.sidebar_inverse", "rates.url.nbk"}

    assert steppe(data_dir, "settings", "set", "sync.interval_minutes", "30").stdout.strip() == (
        "sync.interval_minutes = 30"
    )
    steppe(data_dir, "settings", "set", "rates.sidebar_currencies", "kzt, uzs,RUB")
    assert steppe(data_dir, "settings", "get", "rates.sidebar_currencies").stdout.strip() == "KZT, UZS, RUB"
    got = steppe_json(data_dir, "settings", "get", "sync.interval_minutes")
    assert (got["value"], got["is_default"]) == (30, False)

    for name, value, says in (
        ("rates.refresh_minutes", "2", "must be a whole number from 5 to 1440"),
        ("sync.retention_days", "a year", "must be a whole number"),
        ("rates.providers", "nbk,ecb", "ecb"),
        ("rates.sidebar_inverse", "perhaps", "yes or no"),
        ("rates.url.nbk", "ftp://mirror/{date}", "http(s) URL"),
        ("sync.colour", "blue", "No setting named"),
    ):
        refused = steppe(data_dir, "settings", "set", name, value, check=False)
        assert refused.returncode == 2 and says in refused.stderr and "Traceback" not in refused.stderr
    assert steppe_json(data_dir, "settings", "get", "rates.refresh_minutes")["value"] == 60

    steppe(data_dir, "settings", "reset", "sync.interval_minutes")
    assert steppe_json(data_dir, "settings", "get", "sync.interval_minutes")["is_default"]
    # `rates settings` goes through the same table.
    refused = steppe(data_dir, "rates", "settings", "--interval", "3", check=False)
    assert refused.returncode == 2 and "from 5 to 1440" in refused.stderr
