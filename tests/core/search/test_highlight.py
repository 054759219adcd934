"""Highlighting marks the words as they appear in the text, whatever form matched."""

from __future__ import annotations

import pytest

from reader.core.search import parse_query
from reader.core.search.highlight import highlight_html, matches, snippet


def _marked(text: str, query: str, language: str | None = None) -> list[str]:
    return [text[s:e] for s, e in matches(text, parse_query(query).matcher, language)]


@pytest.mark.parametrize(
    ("text", "query", "language", "marked"),
    [
        ("Рост инфляции в Ташкенте замедлился.", "инфляция Ташкент", "ru", ["инфляции", "Ташкенте"]),
        ("Ёлку поставили у банка.", "елка банк", "ru", ["Ёлку", "банка"]),
        ("Встреча с Токаевым прошла в Астане.", "Tokayev", "ru", ["Токаевым"]),
        ("Ұлттық Банкі мөлшерлемені өзгертпеді.", "Ұлттық Банк", "kk", ["Ұлттық Банкі"]),
        # A longer name of the alias group is marked whole.
        ("Қазақстан Ұлттық Банкі шешім қабылдады.", "Ұлттық Банк", "kk", ["Қазақстан Ұлттық Банкі"]),
        ("Мемлекет басшысы Тоқаев сөз сөйледі.", "Токаев", "kk", ["Тоқаев"]),
        ("O‘zbekiston eksporti o‘sdi.", "Oʻzbekiston", "uz", ["O‘zbekiston"]),
        ("Oʻzbekiston Respublikasi Markaziy banki", "O'zbekiston", "uz", ["Oʻzbekiston Respublikasi"]),
        ("Ўзбекистон Президенти", "Oʻzbekiston", "uz", ["Ўзбекистон"]),
        ("Тоҷикистон ва Қирғизистон созишнома имзо карданд.", "Tajikistan", "tg", ["Тоҷикистон"]),
        ("Two new mines near Karakol.", "mine", "en", ["mines"]),
        ("Smog over Алматы and Almaty alike.", "Almaty", "en", ["Алматы", "Almaty"]),
        ("Kassym-Jomart Tokayev signed it.", "Токаев", "en", ["Kassym-Jomart Tokayev"]),
        ("A café in Samarkand.", "cafe", "en", ["café"]),
        ("The base rate held; the rate base fell.", '"base rate"', "en", ["base rate"]),
        ("Uranium and uranium-bearing ore.", "urani*", "en", ["Uranium", "uranium"]),
    ],
)
def test_the_marks_are_the_words_as_written(text: str, query: str, language: str, marked: list[str]) -> None:
    assert _marked(text, query, language) == marked


def test_negated_words_are_not_marked() -> None:
    assert _marked("The president met Rahmon in Khujand.", "president NOT Khujand") == ["president"]


def test_the_article_html_keeps_its_tags_and_marks_only_text() -> None:
    html = '<p>Рост <a href="https://x.test/инфляции">инфляции</a> в <b>Ташкенте</b> &amp; Бишкеке.</p>'
    out = highlight_html(html, parse_query("инфляция Ташкент").matcher, "ru")
    assert out.count('class="hit"') == 2
    assert 'href="https://x.test/инфляции"' in out  # the attribute is untouched
    assert "<b><span" in out and "&amp;" in out and "Бишкеке." in out


def test_a_snippet_shows_the_matching_passage_with_marks() -> None:
    text = " ".join(["word"] * 40) + " В Ташкенте выросла инфляция. " + " ".join(["tail"] * 40)
    shown = snippet(text, parse_query("Ташкент").matcher, "ru")
    assert shown is not None and shown.startswith("…") and shown.endswith("…")
    assert "<b>Ташкенте</b>" in shown and len(shown.split()) <= 16
    assert snippet("Nothing here.", parse_query("Ташкент").matcher) is None
