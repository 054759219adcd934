"""Plain one-line text and web addresses for what we store (reader/core/text.py)."""

from __future__ import annotations

import pytest

from reader.core.text import TITLE_CHARS, clean_line, clean_text, strip_controls, web_url

LEGITIMATE = [
    "Қазақстан үкіметі ауыл шаруашылығына жаңа несие бағдарламасын бекітті",  # ә ғ қ ң ө ұ ү һ і
    "Әкімдік пен Һ, Ұ, Ү, Ң, Ғ, І әріптері",
    "Oʻzbekiston hukumati Farg’ona vodiysida",
    "Национальный банк сохранил базовую ставку",
    "می\u200cخواهم به دوشنبه بروم",  # the ZWNJ is part of Persian spelling
    "أخبار آسيا الوسطى",
    "👩\u200d🌾 farmers 🇰🇿 🇺🇿 👍🏽",  # ZWJ sequence, flags, a skin tone
    "AT&T, Q&A and R&D in Almaty",
    "Inflation < 5% in Kyrgyzstan",
    "Tom & Jerry",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_text_is_left_alone(text: str) -> None:
    assert clean_line(text, TITLE_CHARS) == text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "Tashkent \u202egnidaer\u202c bank \u2066news\u2069 \u200fmark\u200e",
            "Tashkent gnidaer bank news mark",
        ),
        ("\x1b[31mAlert\x1b[0m: \x1b[1;5mbank\x1b[m", "Alert: bank"),
        ("\x1b]8;;https://evil.example\x1b\\Click\x1b]8;;\x1b\\ \x1b]0;owned\x07here", "Click here"),
        ("Bish\x00kek\x07 \x85mayor\x90 \x9b31mvotes", "Bishkek mayor votes"),
        ("Sa\u200bmar\u2060kand\ufeff tou\u00adrism", "Samarkand tourism"),
        ("Dushanbe talks <!-- unterminated", "Dushanbe talks"),
        ("--> Ashgabat gas", "Ashgabat gas"),
        ("<script>alert(1)</script>Aral Sea", "Aral Sea"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Aral Sea", "Aral Sea"),
        ("<iframe src='x'></iframe>Osh bazaar", "Osh bazaar"),
        ("<b>Breaking:</b> tenge", "Breaking: tenge"),
        ("Trade &amp; transit &#8212; &quot;today&quot;", 'Trade & transit — "today"'),
        ("\n\t Tajik \n\n aluminium\u2028exports\u2029 ", "Tajik aluminium exports"),
        ("10\u00a0000\u202fтенге", "10 000 тенге"),
        ("Z" + "\u0336\u0321\u0322\u031b" * 10 + "algo", "Z\u0336\u0321\u0322\u031balgo"),
        ("lone \ud800 half", "lone half"),
        ("\u3164\u200b ", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_what_a_reader_should_not_see_is_removed(raw: str | None, clean: str) -> None:
    assert clean_line(raw, TITLE_CHARS) == clean


def test_long_text_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = clean_line("Caspian pipeline capacity " * 400, TITLE_CHARS)
    assert len(title) <= TITLE_CHARS and title.endswith(" Caspian…")  # a whole word, then "…"
    assert clean_line("x" * 1000, 20) == "x" * 19 + "…"
    assert clean_line("a" * 5_000_000, 200).endswith("…")  # bounded work on a huge value


def test_multi_line_text_keeps_its_lines_and_marks() -> None:
    text = "Line one \u200f(RLM kept)\nLine \u202etwo\u202c\x1b[31m red\x00"
    assert clean_text(text) == "Line one \u200f(RLM kept)\nLine two red"
    assert strip_controls("<p>a\x00b\x1b[2Jc\td</p>\n") == "<p>abc\td</p>\n"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:x",
        "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://x.example/y", "mailto:a@b.example",
        "about:blank", "http://[::1", "https://news.example:99999/", "http://exa mple.com/",
        "https://news.example/\u202egpj.exe", "https://news.example/" + "a" * 5000, "", None, 42,
    ],
)  # fmt: skip
def test_only_http_addresses_are_links(url: object) -> None:
    assert web_url(url) is None
    assert web_url(url, "https://news.example/feed/") is None


def test_an_address_without_a_host_is_no_link() -> None:
    assert web_url("https:") is None and web_url("http:///path") is None


@pytest.mark.parametrize(
    ("url", "base", "kept"),
    [
        ("https://news.example/a", None, "https://news.example/a"),
        ("  http://news.example/trimmed \n", None, "http://news.example/trimmed"),
        ("HTTPS://NEWS.EXAMPLE/UP", None, "HTTPS://NEWS.EXAMPLE/UP"),
        ("https://пример.рф/новости", None, "https://пример.рф/новости"),
        ("https://news.example/a story", None, "https://news.example/a%20story"),
        ("/news/2", "https://news.example/feed/", "https://news.example/news/2"),
        ("//cdn.example/x", "http://news.example/feed/", "http://cdn.example/x"),
        ("/news/2", None, None),
    ],
)
def test_http_addresses_are_kept_or_resolved(url: str, base: str | None, kept: str | None) -> None:
    assert web_url(url, base) == kept
