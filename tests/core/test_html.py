"""HTML bounded before sanitising, and plain text from it, both in one pass (reader/core/html.py)."""

from __future__ import annotations

import re

from reader.core.html import (
    MAX_DEPTH,
    MAX_HTML_CHARS,
    SHORTENED_NOTE,
    bound_markup,
    html_to_text,
    sanitize_html,
)

ARTICLE = (
    "<h2>Water</h2><p>Kazakhstan and <a href='https://news.example/kg'>Kyrgyzstan</a> agreed to share "
    "the Talas river&apos;s water in spring.</p><ul>"
    + "".join(f"<li>Point {n}<li>" for n in range(30))
    + "</ul>"
    "<table><tr><td>Flow<td>120 m³/s<tr><td>Share<td>50 %</table><p>First<p>Second<br>line"
    "<blockquote><p>A quote with <b>bold <i>and italic</i></b> text.</p></blockquote>"
    "<figure><img src='https://img.example/a.jpg' alt='River' width='640'><figcaption>The river</figcaption></figure>"
    "<!-- a comment --><script>var x = '<div><div><div>';</script><p>End.</p>"
)


def depth(html: str) -> int:
    level = deepest = 0
    for closing, name in re.findall(r"<(/?)([a-z0-9]+)[^>]*>", html):
        if name in ("br", "img", "hr"):
            continue
        level += -1 if closing else 1
        deepest = max(deepest, level)
    return deepest


def test_an_ordinary_story_passes_unchanged() -> None:
    assert bound_markup(ARTICLE) is ARTICLE
    assert bound_markup("<p>short</p>") == "<p>short</p>"


def test_nesting_past_the_limit_is_flattened_and_the_text_kept() -> None:
    nested = "<div>" * 40_000 + "Deep text" + "</div>" * 40_000  # 440 KB: under the size cap
    assert depth(bound_markup(nested)) <= MAX_DEPTH
    quotes = "<blockquote>" * 5_000 + "Quoted" + "</blockquote>" * 5_000
    clean = sanitize_html(quotes)
    assert "Quoted" in clean and MAX_DEPTH - 5 <= depth(clean) <= MAX_DEPTH
    assert html_to_text(sanitize_html(nested)) == "Deep text"


def test_tricks_that_hide_nesting_from_a_naive_counter() -> None:
    for trick in ("<div/>", '<div title="<">', "<div><table></div>", "<ul><li>", "<div\n>"):
        clean = sanitize_html(trick * 20_000 + "<p>Still here</p>")
        assert "Still here" in clean
        assert depth(clean) <= 2 * MAX_DEPTH + 2, trick


def test_formatting_elements_reopened_after_each_block_are_bounded() -> None:
    # HTML5 re-opens every active <font>/<b> after a block: unbounded, 10,000 distinct ones make
    # 50 million elements. Past the cap the extra formatting tags are dropped; the text stays.
    flood = "".join(f"<font color=c{n}><p>p{n}" for n in range(10_000))
    clean = sanitize_html(flood.replace("font", "b"))
    assert "p9999" in clean and len(clean) < 40 * len(flood)


def test_a_story_longer_than_the_cap_is_cut_at_a_tag_with_a_note() -> None:
    long = "<p>" + "word " * 20 + "</p>"
    html = long * (2 * MAX_HTML_CHARS // len(long))
    bounded = bound_markup(html)
    assert bounded.endswith(SHORTENED_NOTE) and len(bounded) <= MAX_HTML_CHARS + len(SHORTENED_NOTE)
    assert bounded[: -len(SHORTENED_NOTE)].endswith("</p>")
    assert "too long to keep whole" in html_to_text(sanitize_html(html))


def test_sanitising_keeps_the_allow_list() -> None:
    clean = sanitize_html(
        "<p onclick='x()'>Text <a href='javascript:alert(1)'>bad</a> <a href='/rel'>rel</a></p>"
        "<img src='data:image/png;base64,AAAA'><iframe src='https://evil.example/'></iframe><script>alert(1)</script>",
        base_url="https://news.example/feed/",
    )
    assert clean == (
        '<p>Text <a rel="noopener noreferrer nofollow">bad</a> '
        '<a href="https://news.example/rel" rel="noopener noreferrer nofollow">rel</a></p><img>'
    )
    assert sanitize_html("<a href='http://[::1'>x</a>") == '<a rel="noopener noreferrer nofollow">x</a>'


def test_plain_text() -> None:
    assert html_to_text(ARTICLE).splitlines()[:3] == [
        "Water",
        "Kazakhstan and Kyrgyzstan agreed to share the Talas river's water in spring.",
        "Point 0",
    ]
    text = html_to_text(ARTICLE)
    assert "End." in text and "var x" not in text and "comment" not in text and "line" in text
    assert html_to_text("a<!-- never closed <p>b</p>") == "a"
    assert html_to_text("3 < 5 &amp; 4 > 2") == "3 < 5 & 4 > 2"
    assert html_to_text("<a title='x>y'>link</a> <style>p{}</style>after") == "link after"
    assert html_to_text('<a x="' * 30_000 + "tail") == ""  # an unclosed quote runs to the end, as in HTML5
