"""`steppe bookmarks`, `steppe views`, `steppe stories --view` and `steppe export`, as processes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.test_cli import steppe, steppe_json


def test_bookmarks_edit_export_import_and_restore(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    steppe(a, "bookmarks", "edit", "4", "--note", "rates piece", "--tags", "money, UZ")
    steppe(a, "bookmark", "9")
    listed = steppe_json(a, "bookmarks")
    assert [(m["id"], m["note"], m["tags"]) for m in listed] == [
        (9, None, []),
        (4, "rates piece", ["money", "UZ"]),
    ]
    assert [m["id"] for m in steppe_json(a, "bookmarks", "--tag", "uz")] == [4]

    out = tmp_path / "marks.json"
    assert "Wrote 2 bookmarks" in steppe(a, "bookmarks", "export", str(out)).stdout
    refused = steppe(a, "bookmarks", "export", str(out), check=False)
    assert refused.returncode == 2 and "already exists; use --force" in refused.stderr
    steppe(a, "bookmarks", "export", str(out), "--force")

    steppe(b, "bookmarks", "edit", "4", "--tags", "kept")
    report = steppe(b, "bookmarks", "import", str(out)).stdout
    assert "1 added, 1 already here" in report
    assert {m["id"]: m["tags"] for m in steppe_json(b, "bookmarks")} == {4: ["kept", "money", "UZ"], 9: []}
    again = steppe(b, "bookmarks", "import", str(out)).stdout
    assert "0 added, 2 already here" in again and len(steppe_json(b, "bookmarks")) == 2

    bad = tmp_path / "bad.json"
    bad.write_text("[]", "utf-8")
    failed = steppe(b, "bookmarks", "import", str(bad), check=False)
    assert failed.returncode == 2 and "not a Steppe bookmarks file" in failed.stderr

    assert "0 added, 2 already here" in steppe(b, "bookmarks", "restore").stdout


def test_saved_views_and_stories_view(tmp_path: Path) -> None:
    data = tmp_path / "d"
    steppe(data, "views", "save", "Kazakh money", "--country", "KZ", "--search", "tenge")
    expected = steppe_json(data, "stories", "--country", "KZ", "--search", "tenge")
    assert expected
    assert [s["id"] for s in steppe_json(data, "stories", "--view", "kazakh money")] == [
        s["id"] for s in expected
    ]
    (view,) = steppe_json(data, "views")
    assert view["name"] == "Kazakh money" and view["unread"] == view["total"] == len(expected)
    assert view["query"]["countries"] == ["KZ"] and view["query"]["text"] == "tenge"
    steppe(data, "read", str(expected[0]["id"]))
    assert steppe_json(data, "views")[0]["unread"] == len(expected) - 1
    assert len(steppe_json(data, "stories", "--view", "Kazakh money", "--unread")) == len(expected) - 1
    taken = steppe(data, "views", "save", "kazakh  MONEY", check=False)
    assert taken.returncode == 2 and "exists already" in taken.stderr
    unknown = steppe(data, "stories", "--view", "nope", check=False)
    assert unknown.returncode == 2 and "No saved search named 'nope'" in unknown.stderr
    steppe(data, "views", "remove", "Kazakh money")
    assert steppe_json(data, "views") == []


def test_export_command_by_id_bookmarks_and_filters(tmp_path: Path) -> None:
    data = tmp_path / "d"
    steppe(data, "bookmark", "2")
    steppe(data, "bookmark", "3")
    out = tmp_path / "b.json"
    assert (
        "Exported 2 stories"
        in steppe(data, "export", "--format", "json", "-o", str(out), "--bookmarked").stdout
    )
    assert sorted(s["id"] for s in json.loads(out.read_text("utf-8"))["stories"]) == [2, 3]
    one = tmp_path / "one.csv"
    steppe(data, "export", "-f", "csv", "-o", str(one), "--id", "5", "--id", "7")
    assert one.read_text("utf-8-sig").splitlines()[1].startswith("5,")
    kz = tmp_path / "kz.md"
    steppe(data, "export", "-f", "md", "-o", str(kz), "--country", "KZ", "--search", "tenge")
    assert kz.read_text("utf-8").count("\n# ") + 1 == len(
        steppe_json(data, "stories", "--country", "KZ", "--search", "tenge")
    )
    again = steppe(data, "export", "-f", "csv", "-o", str(one), "--id", "5", check=False)
    assert again.returncode == 2 and "use --force" in again.stderr
    missing = steppe(data, "export", "-f", "csv", "-o", str(tmp_path / "m.csv"), "--id", "99999", check=False)
    assert missing.returncode == 2 and "No story with id 99999" in missing.stderr
    assert not (tmp_path / "m.csv").exists()
    if shutil.which("pdftotext"):
        pdf = tmp_path / "s.pdf"
        steppe(data, "export", "-f", "pdf", "-o", str(pdf), "--id", "2")
        title = steppe_json(data, "show", "2")["title"]
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert title.split()[0] in text
