"""The alias table: its file is well-formed and complete for the region, and it matches text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from reader.core.aliases import ALIASES_FILE, KINDS, AliasTable, alias_table, read_alias_file
from reader.core.paths import bundled_data_dir
from reader.core.textnorm import normalize_word

COUNTRIES = ("KZ", "KG", "TJ", "TM", "UZ")


def test_the_file_is_one_sorted_group_a_line() -> None:
    lines = (bundled_data_dir() / ALIASES_FILE).read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(r["kind"] in KINDS for r in rows)
    assert len(alias_table()) == len(rows) >= 250


def test_the_table_covers_each_country() -> None:
    table = alias_table()
    by_country = Counter((g.country, g.kind) for g in table.groups)
    for code in COUNTRIES:
        for kind in ("country", "capital", "demonym", "currency", "person", "institution"):
            assert by_country[(code, kind)] >= 1, (code, kind)
        assert by_country[(code, "region")] >= 4, code
        assert by_country[(code, "city")] >= 5, code
    regions = {code: by_country[(code, "region")] for code in COUNTRIES}
    # Every first-level division: 17 Kazakh regions, 7 Kyrgyz oblasts, 4 Tajik, 5 velayats,
    # 12 viloyats + Karakalpakstan + (the capital, counted as a capital).
    assert regions == {"KZ": 17, "KG": 7, "TJ": 4, "TM": 5, "UZ": 13}


@pytest.mark.parametrize(
    ("group_id", "spellings"),
    [
        ("uz.capital.tashkent", ["Tashkent", "Toshkent", "Ташкент", "Тошкент"]),
        ("tm.capital.ashgabat", ["Ashgabat", "Ashkhabad", "Ашхабад", "Aşgabat"]),
        ("kg.person.japarov", ["Japarov", "Zhaparov", "Жапаров"]),
        ("tm.person.berdimuhamedov", ["Berdimuhamedov", "Berdymukhamedov", "Бердымухамедов"]),
        ("kz.person.tokayev", ["Tokayev", "Toqaev", "Токаев", "Тоқаев"]),
        ("tj.person.rahmon", ["Rahmon", "Rakhmon", "Рахмон", "Раҳмон"]),
        ("uz.country", ["Oʻzbekiston", "O‘zbekiston", "O'zbekiston", "Ўзбекистон", "Өзбекстан"]),
        ("tj.country", ["Тоҷикистон", "Tajikistan", "Таджикистан"]),
        ("kz.country", ["Qazaqstan", "Қазақстан", "Казахстан"]),
        ("tm.country", ["Türkmenistan", "Turkmenistan", "Туркменистан"]),
        ("kz.abbr.rk", ["РК"]),
        ("kg.abbr.kr", ["КР"]),
        ("uz.abbr.ruz", ["РУз"]),
        ("tj.abbr.rt", ["РТ"]),
    ],
)
def test_the_issues_spellings_name_their_group(group_id: str, spellings: list[str]) -> None:
    table = alias_table()
    for spelling in spellings:
        words = [normalize_word(w) for w in spelling.split()]
        spans = table.match_words(words)
        assert [(i, j) for i, j, _ in spans] == [(0, len(words))], spelling
        assert group_id in {g.id for g in spans[0][2]}, spelling


def test_word_forms_and_multiword_names_are_found_in_text() -> None:
    table = alias_table()
    text = (
        "В Ташкенте и Бишкеке обсуждали решение Национального банка Казахстана; "
        "Токаевым и Жапаровым. Kazakhstan's National Bank raised rates; Алматинской области, "
        "Oʻzbekiston va O'zbekiston."
    )
    found = [(m.group.id, m.text) for m in table.find(text)]
    assert found == [
        ("uz.capital.tashkent", "Ташкенте"),
        ("kg.capital.bishkek", "Бишкеке"),
        ("kz.institution.nbk", "Национального банка Казахстана"),
        ("kz.person.tokayev", "Токаевым"),
        ("kg.person.japarov", "Жапаровым"),
        ("kz.country", "Kazakhstan"),
        ("kz.region.almaty", "Алматинской области"),
        ("uz.country", "Oʻzbekiston"),
        ("uz.country", "O'zbekiston"),
    ]
    for m in table.find(text):
        assert text[m.start : m.end] == m.text


def test_abbreviations_count_only_as_written_and_ambiguous_names_say_so() -> None:
    table = alias_table()
    found = [(m.group.id, m.text, m.ambiguous) for m in table.find("РК и рк; Mary visited Мары.")]
    assert found == [
        ("kz.abbr.rk", "РК", False),
        ("tm.city.mary", "Mary", True),
        ("tm.city.mary", "Мары", True),
    ]
    assert "Kazakhstan" in table.expansion(table["kz.abbr.rk"])
    assert "РК" not in table.expansion(table["kz.country"])


def test_longest_names_win() -> None:
    table = alias_table()
    words = [normalize_word(w) for w in ["Almaty", "Region", "and", "Almaty"]]
    assert [(i, j, [g.id for g in gs]) for i, j, gs in table.match_words(words)] == [
        (0, 2, ["kz.region.almaty"]),
        (3, 4, ["kz.city.almaty"]),
    ]


def test_an_unlisted_transliteration_of_a_long_name_still_finds_its_group() -> None:
    spans = alias_table().match_words(["berdimukhammedow"])
    assert [g.id for g in spans[0][2]] == ["tm.person.berdimuhamedov"]
    assert alias_table().match_words(["bank"]) == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "a", "kind": "planet", "names": ["X"]}', "unknown kind"),
        ('{"id": "a", "kind": "city", "names": []}', "non-empty list"),
        ('{"id": "a", "kind": "city", "names": ["X"], "ambiguous": ["Y"]}', "ambiguous"),
        ('{"id": "a", "kind": "city", "country": "kz", "names": ["X"]}', "ISO"),
        ('{"id": "a", "kind": "abbreviation", "names": ["X"], "of": "nowhere"}', "unknown group"),
        ('{"kind": "city", "names": ["X"]}', "missing field"),
        ("[1, 2]", "JSON object"),
        ("{oops", "aliases.jsonl:1"),
    ],
)
def test_a_bad_file_is_refused_with_its_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / ALIASES_FILE
    path.write_text(line + "\n", "utf-8")
    with pytest.raises(ValueError, match=reason):
        read_alias_file(path)


def test_unsorted_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / ALIASES_FILE
    path.write_text(
        '{"id": "b", "kind": "city", "names": ["B"]}\n{"id": "a", "kind": "city", "names": ["A"]}\n', "utf-8"
    )
    with pytest.raises(ValueError, match="sorted"):
        read_alias_file(path)
    assert isinstance(read_alias_file(bundled_data_dir() / ALIASES_FILE), AliasTable)
